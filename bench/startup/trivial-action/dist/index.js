import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 9990:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _packages_kit_src_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4050);

// The smallest real action: read one input, set one output. Its cold start is the kit's fixed cost.
await (0,_packages_kit_src_index_js__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)('startup-trivial', async (context) => {
    context.setOutput('greeting', `hello ${context.inputs.string('name', 'world')}`);
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 751:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Yu: () => (/* binding */ ShipgateError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* unused harmony exports ExecError, HttpError, isRetryableStatus, TimeoutError, truncate */
/**
 * The typed error family. Expected outcomes (a failed probe, an unhealthy canary) are results, not errors;
 * these are for things that went wrong. Every error carries a message that says what happened and, where we
 * know it, a `hint` that says what to do. `runAction` prints both, without a stack trace.
 */
class ShipgateError extends Error {
    /** What the user can do about it, printed on its own line after the message. */
    hint;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = new.target.name;
        this.hint = options.hint;
    }
}
/** A bad input value: names the input, the value seen and what is allowed. */
class InputError extends ShipgateError {
    input;
    value;
    allowed;
    constructor(input, value, allowed, options = {}) {
        super(describeBadValue(input, value, allowed, options.origin), options);
        this.input = input;
        this.value = value;
        this.allowed = allowed;
    }
}
function describeBadValue(input, value, allowed, origin) {
    const where = origin?.kind === 'config'
        ? `'${origin.path ?? input}' in ${origin.file ?? 'the config file'}${origin.line ? ` (line ${origin.line}, column ${origin.column ?? 1})` : ''}`
        : `input '${input}'`;
    if (value === undefined || value === '')
        return `${capitalise(where)} is required: expected ${allowed}.`;
    return `${capitalise(where)} has an invalid value ${JSON.stringify(value)}: expected ${allowed}.`;
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/** A problem in `.github/shipgate.yml` or another configuration file, with the key path and position. */
class ConfigError extends ShipgateError {
    file;
    path;
    line;
    column;
    constructor(file, path, problem, position = {}, options = {}) {
        const at = position.line ? `${file}:${position.line}:${position.column ?? 1}` : file;
        super(`${at}: ${path ? `'${path}' ` : ''}${problem}`, options);
        this.file = file;
        this.path = path;
        this.line = position.line;
        this.column = position.column;
    }
}
/** A command that could not start or exited non-zero. */
class ExecError extends ShipgateError {
    command;
    exitCode;
    stderr;
    constructor(command, exitCode, stderr, options = {}) {
        const detail = stderr.trim() ? `: ${truncate(stderr.trim(), 2000)}` : '';
        const how = exitCode === null ? 'could not run' : `exited with code ${exitCode}`;
        super(`Command '${command}' ${how}${detail}`, options);
        this.command = command;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
/** An HTTP request that failed. `retryable` lets a retry policy decide without parsing messages. */
class HttpError extends ShipgateError {
    status;
    url;
    retryable;
    /** Seconds the server asked us to wait (from `retry-after`), when it said. */
    retryAfterSeconds;
    constructor(status, url, message, options = {}) {
        super(`${message} (HTTP ${status} from ${url})`, options);
        this.status = status;
        this.url = url;
        this.retryable = options.retryable ?? isRetryableStatus(status);
        this.retryAfterSeconds = options.retryAfterSeconds;
    }
}
/** Server errors and throttling are worth retrying; other client errors never are. */
function isRetryableStatus(status) {
    return status >= 500 || status === 429 || status === 408;
}
/** Something did not finish within its deadline. */
class TimeoutError extends ShipgateError {
    timeoutMs;
    constructor(what, timeoutMs, options = {}) {
        super(`${what} did not finish within ${formatMs(timeoutMs)}`, options);
        this.timeoutMs = timeoutMs;
    }
}
function formatMs(ms) {
    return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
/** Shortens text for messages, keeping the start, and says how much was cut. */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}


/***/ }),

/***/ 4050:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Cs: () => (/* reexport */ runAction)
});

// UNUSED EXPORTS: ANNOTATION_BUDGET, ActionContext, CommonInputs, ConfigError, DEFAULT_CONFIG_PATH, DEFAULT_THRESHOLDS, DURATION_FORMS, ExecError, HttpError, InputError, InputReader, ReportOutput, SecretRegistry, ShipgateError, Summary, THRESHOLD_KEYS, TimeoutError, budgetAnnotations, buildReport, buildSarif, configSource, createActionsCore, describeError, escapeMarkdown, firstOf, formatDuration, formatLocation, getIn, isRetryableStatus, loadConfigFile, maskToLastFour, readRunnerContext, reportSchema, runPost, sourceFromRecord, thresholdsFor, truncate, tryParseDuration

// EXTERNAL MODULE: ./build/packages/kit/src/errors.js
var errors = __nccwpck_require__(751);
;// CONCATENATED MODULE: ./build/packages/kit/src/duration.js
/**
 * Durations as users write them in inputs: `500ms`, `30s`, `5m`, `1h`, or combined (`1m30s`).
 * A bare number is refused because it is ambiguous (seconds? milliseconds?).
 */
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
/** Allowed forms, for error messages. */
const DURATION_FORMS = "a duration such as '500ms', '30s', '5m', '1h' or '1m30s'";
/** Parses a duration into milliseconds, or returns `undefined` when the text is not one. */
function tryParseDuration(text) {
    const compact = text.trim().replace(/\s+/g, '');
    if (!WHOLE.test(compact))
        return undefined;
    let total = 0;
    for (const match of compact.matchAll(PART)) {
        total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    }
    return Number.isFinite(total) ? Math.round(total) : undefined;
}
/** Formats milliseconds the way users write them: `1m30s`, `250ms`, `2h`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    const parts = [];
    let rest = Math.round(ms);
    for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]]) {
        const count = Math.floor(rest / size);
        if (count > 0)
            parts.push(`${count}${unit}`);
        rest -= count * size;
    }
    if (rest > 0)
        parts.push(`${rest}ms`);
    return parts.join('');
}

;// CONCATENATED MODULE: ./build/packages/kit/src/inputs.js


/** Builds a source from plain values (tests, the CLI): every value counts as a step input. */
function sourceFromRecord(values) {
    const map = values instanceof Map ? values : new Map(Object.entries(values).filter((e) => e[1] !== undefined));
    return (name) => {
        const value = map.get(name);
        return value === undefined ? undefined : { value, origin: { kind: 'input' } };
    };
}
/** Tries sources in order; the first that has a non-empty value wins (inputs before config, say). */
function firstOf(...sources) {
    return (name) => {
        for (const source of sources) {
            const raw = source(name);
            if (raw !== undefined && raw.value.trim() !== '')
                return raw;
        }
        return undefined;
    };
}
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
/**
 * Reads inputs into typed values, once, in one place. Every method names the input, the value seen and
 * what is allowed when the value is wrong, and says where the value came from (step input or config key).
 */
class InputReader {
    source;
    secrets;
    constructor(source, secrets) {
        this.source = source;
        this.secrets = secrets;
    }
    /** The raw value and its origin, or `undefined` when not given. */
    raw(name) {
        const raw = this.source(name);
        if (raw === undefined)
            return undefined;
        const value = raw.value.trim();
        return value === '' ? undefined : { value, origin: raw.origin };
    }
    string(name, fallback) {
        return this.raw(name)?.value ?? fallback;
    }
    /** A string that must be given. */
    requiredString(name, allowed = 'a non-empty value') {
        const raw = this.raw(name);
        if (raw === undefined)
            throw new errors/* InputError */.dz(name, undefined, allowed);
        return raw.value;
    }
    /**
     * A secret (token, key, password): masked with `core.setSecret` before anything else can print it.
     * Not trimmed, because a private key's trailing newline matters.
     */
    secret(name, options = {}) {
        const raw = this.source(name);
        const value = raw?.value ?? '';
        if (value.trim() === '') {
            if (options.required)
                throw new errors/* InputError */.dz(name, undefined, 'a secret value, for example ${{ secrets.NAME }}');
            return undefined;
        }
        this.secrets?.add(value);
        return value;
    }
    /** A YAML 1.2 Core Schema boolean (`true | True | TRUE | false | False | FALSE`). */
    boolean(name, fallback) {
        const raw = this.raw(name);
        if (raw === undefined)
            return fallback;
        if (TRUE_WORDS.includes(raw.value))
            return true;
        if (FALSE_WORDS.includes(raw.value))
            return false;
        throw this.error(raw, name, `a YAML 1.2 boolean: ${[...TRUE_WORDS, ...FALSE_WORDS].join(' | ')}`);
    }
    integer(name, fallback, range = {}) {
        const raw = this.raw(name);
        if (raw === undefined)
            return fallback;
        const value = /^[+-]?\d+$/.test(raw.value) ? Number(raw.value) : Number.NaN;
        if (!Number.isSafeInteger(value) || !inRange(value, range))
            throw this.error(raw, name, `a whole number${describeRange(range)}`);
        return value;
    }
    number(name, fallback, range = {}) {
        const raw = this.raw(name);
        if (raw === undefined)
            return fallback;
        const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.value) ? Number(raw.value) : Number.NaN;
        if (!Number.isFinite(value) || !inRange(value, range))
            throw this.error(raw, name, `a number${describeRange(range)}`);
        return value;
    }
    enum(name, allowed, fallback) {
        const raw = this.raw(name);
        if (raw === undefined)
            return fallback;
        const match = allowed.find((option) => option === raw.value);
        if (match === undefined)
            throw this.error(raw, name, `one of: ${allowed.join(', ')}`);
        return match;
    }
    /** A list separated by commas and/or newlines; blanks dropped, items trimmed. */
    list(name, fallback = [], allowed) {
        const raw = this.raw(name);
        if (raw === undefined)
            return [...fallback];
        const items = raw.value.split(/[,\n]/).map((item) => item.trim()).filter((item) => item !== '');
        if (allowed) {
            const bad = items.find((item) => !allowed.includes(item));
            if (bad !== undefined)
                throw this.error(raw, name, `a comma-separated list of: ${allowed.join(', ')} (got '${bad}')`);
        }
        return items;
    }
    duration(name, fallback, range = {}) {
        const raw = this.raw(name);
        if (raw === undefined)
            return fallback;
        const value = tryParseDuration(raw.value);
        if (value === undefined || !inRange(value, range)) {
            const bounds = describeRange(range, formatDuration);
            throw this.error(raw, name, `${DURATION_FORMS}${bounds}`);
        }
        return value;
    }
    /** An absolute URL with one of the allowed protocols (http and https by default). */
    url(name, fallback, protocols = ['http:', 'https:']) {
        const raw = this.raw(name);
        if (raw === undefined)
            return fallback === undefined ? undefined : new URL(fallback);
        let url;
        try {
            url = new URL(raw.value);
        }
        catch {
            url = undefined;
        }
        if (url === undefined || !protocols.includes(url.protocol)) {
            throw this.error(raw, name, `an absolute URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
        }
        return url;
    }
    error(raw, name, allowed) {
        return new errors/* InputError */.dz(name, raw.value, allowed, { origin: raw.origin });
    }
}
function inRange(value, range) {
    return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}
function describeRange(range, format = String) {
    if (range.min !== undefined && range.max !== undefined)
        return ` from ${format(range.min)} to ${format(range.max)}`;
    if (range.min !== undefined)
        return ` of at least ${format(range.min)}`;
    if (range.max !== undefined)
        return ` of at most ${format(range.max)}`;
    return '';
}

;// CONCATENATED MODULE: ./build/packages/kit/src/annotations.js
const RANK = { error: 0, warning: 1, notice: 2 };
/** Default number of annotations shown inline. */
const ANNOTATION_BUDGET = 10;
/** Splits annotations into those shown inline (most severe first, at most `budget`) and the overflow. */
function budgetAnnotations(annotations, budget = ANNOTATION_BUDGET) {
    const ordered = annotations
        .map((annotation, index) => ({ annotation, index }))
        .sort((a, b) => RANK[a.annotation.level] - RANK[b.annotation.level] || a.index - b.index)
        .map((entry) => entry.annotation);
    return { inline: ordered.slice(0, budget), overflow: ordered.slice(budget) };
}
/** Where an annotation points, as `file:line:column`. */
function formatLocation(annotation) {
    if (!annotation.file)
        return '';
    const line = annotation.line ? `:${annotation.line}${annotation.column ? `:${annotation.column}` : ''}` : '';
    return `${annotation.file}${line}`;
}

;// CONCATENATED MODULE: ./build/packages/kit/src/environments.js
const DEFAULT_THRESHOLDS = {
    development: { maxCritical: 2, maxHigh: 10, maxErrorRate: 5, maxP95Ms: 3000 },
    staging: { maxCritical: 1, maxHigh: 7, maxErrorRate: 2, maxP95Ms: 2500 },
    production: { maxCritical: 0, maxHigh: 5, maxErrorRate: 1, maxP95Ms: 2000 },
};
/** Config keys (kebab-case, as in the file) for each threshold. */
const THRESHOLD_KEYS = {
    maxCritical: 'max-critical',
    maxHigh: 'max-high',
    maxErrorRate: 'max-error-rate',
    maxP95Ms: 'max-p95-ms',
};
/**
 * The thresholds for an environment: built-in defaults for the three known names (an unknown name gets
 * production's, the strictest), overridden by whatever the config file sets.
 */
function thresholdsFor(environment, overrides = {}) {
    const known = DEFAULT_THRESHOLDS[environment];
    return { ...(known ?? DEFAULT_THRESHOLDS.production), ...overrides };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./build/packages/kit/src/config-file.js



/** Where the config file lives unless the `config` input says otherwise. */
const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';
/**
 * Loads `.github/shipgate.yml` (or the file the `config` input names) from the working directory. The
 * default file is optional; a file named explicitly must exist. The YAML parser and the schema validator
 * are loaded only when there is a file, which keeps every step's cold start short.
 */
async function loadConfigFile(directory, explicitPath) {
    const path = (0,external_node_path_namespaceObject.resolve)(directory, explicitPath ?? DEFAULT_CONFIG_PATH);
    if (!(0,external_node_fs_namespaceObject.existsSync)(path)) {
        // The runner passes an input's default as if it were given, so the default path stays optional.
        if (explicitPath === undefined || explicitPath === DEFAULT_CONFIG_PATH)
            return undefined;
        throw new errors/* InputError */.dz('config', explicitPath, `a path to an existing YAML file, relative to ${directory}`, {
            hint: `Create it, or remove the 'config' input to use ${DEFAULT_CONFIG_PATH} when present.`,
        });
    }
    const shown = (0,external_node_path_namespaceObject.isAbsolute)(explicitPath ?? '') ? path : (0,external_node_path_namespaceObject.relative)(directory, path) || path;
    const [{ parseConfig }, { CONFIG_SCHEMA }] = await Promise.all([Promise.all(/* import() */[__nccwpck_require__.e(225), __nccwpck_require__.e(290)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8290)), __nccwpck_require__.e(/* import() */ 814).then(__nccwpck_require__.bind(__nccwpck_require__, 4814))]);
    return parseConfig((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'), shown, CONFIG_SCHEMA);
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./build/packages/kit/src/actions-core.js



/**
 * The runner-backed implementation, speaking the documented protocol (workflow commands on stdout, file
 * commands for outputs, state and summary) with the same escaping as `@actions/core`.
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions
 * We do not load `@actions/core` itself: it imports undici for OIDC, which costs ~40 ms on every step start.
 */
function actions_core_createActionsCore(env = process.env, write = (text) => process.stdout.write(text)) {
    const command = (name, message, properties = {}) => {
        const props = Object.entries(properties)
            .filter(([, value]) => value !== undefined && value !== '')
            .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
            .join(',');
        write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
    };
    const fileCommand = (variable, key, value, fallback) => {
        const path = env[variable];
        if (!path) {
            command(fallback, value, { name: key });
            return;
        }
        const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
        if (key.includes(delimiter) || value.includes(delimiter))
            throw new Error(`Unexpected input: value contains the delimiter ${delimiter}`);
        (0,external_node_fs_namespaceObject.appendFileSync)(path, `${key}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`, 'utf8');
    };
    return {
        getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
        getState: (name) => env[`STATE_${name}`] ?? '',
        saveState: (name, value) => fileCommand('GITHUB_STATE', name, value, 'save-state'),
        setOutput: (name, value) => {
            if (!env.GITHUB_OUTPUT)
                write(external_node_os_namespaceObject.EOL);
            fileCommand('GITHUB_OUTPUT', name, value, 'set-output');
        },
        setSecret: (value) => command('add-mask', value),
        appendSummary: async (markdown) => {
            // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write; the CLI provides the file.
            if (env.GITHUB_STEP_SUMMARY)
                (0,external_node_fs_namespaceObject.appendFileSync)(env.GITHUB_STEP_SUMMARY, markdown, 'utf8');
        },
        annotate: (level, message, p) => command(level, message, { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn }),
        info: (message) => write(`${message}${external_node_os_namespaceObject.EOL}`),
        warning: (message) => command('warning', message),
        debug: (message) => command('debug', message),
        isDebug: () => env.RUNNER_DEBUG === '1',
        setFailed: (message) => {
            process.exitCode = 1;
            command('error', message);
        },
    };
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

;// CONCATENATED MODULE: ./build/packages/kit/src/runner-context.js

/** Reads the runner's variables from an environment map. */
function readRunnerContext(env, cwd) {
    const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = env.GITHUB_REPOSITORY || undefined;
    const runId = env.GITHUB_RUN_ID || undefined;
    return {
        workspace: env.GITHUB_WORKSPACE || cwd,
        temp: env.RUNNER_TEMP || (0,external_node_os_namespaceObject.tmpdir)(),
        repository,
        sha: env.GITHUB_SHA || undefined,
        ref: env.GITHUB_REF || undefined,
        actor: env.GITHUB_ACTOR || undefined,
        eventName: env.GITHUB_EVENT_NAME || undefined,
        serverUrl,
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        runId,
        runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
        isActions: env.GITHUB_ACTIONS === 'true',
    };
}

;// CONCATENATED MODULE: ./build/packages/kit/src/config-source.js
/**
 * An input source over one or more mappings of a config file: the first mapping that has the key wins, so
 * callers pass the most specific first (`environments.production.canary-deploy`, then `canary-deploy`).
 */
function configSource(config, sections) {
    return (name) => {
        for (const section of sections) {
            const holder = getIn(config.data, section);
            if (!holder || typeof holder !== 'object' || !(name in holder))
                continue;
            const value = holder[name];
            if (value === undefined || value === null)
                continue;
            const path = [...section, name];
            const origin = { kind: 'config', file: config.file, path: path.join('.'), ...config.positionOf(path) };
            return { value: Array.isArray(value) ? value.join(',') : String(value), origin };
        }
        return undefined;
    };
}
/** The value at a key path of plain data, or `undefined`. */
function getIn(data, path) {
    let current = data;
    for (const key of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[key];
    }
    return current;
}

;// CONCATENATED MODULE: ./build/packages/kit/src/report.js
/** The schema identifier for an action's report, `shipgate/<action>/v<version>`. */
function reportSchema(action, version = 1) {
    return `shipgate/${action}/v${version}`;
}
/** Wraps report data in its versioned envelope. */
function buildReport(action, data, now, version = 1) {
    return { schema: reportSchema(action, version), action, generatedAt: now.toISOString(), data };
}

;// CONCATENATED MODULE: ./build/packages/kit/src/secrets.js
/**
 * Every secret the action reads or derives goes through here: registered with the runner (`core.setSecret`),
 * which masks it in logs, and kept so that our own writers (summary, report, annotations, outputs), whose
 * files the runner does not mask, redact it too.
 */
class SecretRegistry {
    register;
    values = new Set();
    constructor(register = () => undefined) {
        this.register = register;
    }
    /** Masks a secret and the forms it commonly takes in text (each line, JSON-escaped, URL-encoded). */
    add(secret) {
        const forms = new Set([secret, secret.trim(), JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
        for (const line of secret.split(/\r?\n/))
            forms.add(line.trim());
        for (const form of forms) {
            // Very short fragments (a lone "-" line of a key, say) would garble text without protecting anything.
            if (form.length < 4 || this.values.has(form))
                continue;
            this.values.add(form);
            this.register(form);
        }
    }
    /** Replaces every registered secret in `text` with `***`, longest first so a value inside another is covered. */
    redact(text) {
        if (this.values.size === 0)
            return text;
        let result = text;
        for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
            result = result.split(value).join('***');
        }
        return result;
    }
    /** How many distinct forms are masked. */
    get size() {
        return this.values.size;
    }
}
/** Shows only the last four characters of a credential, for messages that must identify it. */
function maskToLastFour(secret) {
    return secret.length <= 4 ? '****' : `****${secret.slice(-4)}`;
}

;// CONCATENATED MODULE: ./build/packages/kit/src/summary.js
const MAX_CELL = 300;
/** Accumulates summary sections in order. */
class Summary {
    parts = [];
    /** A heading (`#` to `######`). */
    heading(text, level = 2) {
        this.parts.push(`${'#'.repeat(level)} ${inline(text)}`);
        return this;
    }
    /** A paragraph of Markdown written by the caller (not escaped). */
    markdown(text) {
        this.parts.push(text);
        return this;
    }
    /** Plain text, escaped so it cannot break the layout. */
    text(text) {
        this.parts.push(escapeMarkdown(text));
        return this;
    }
    /** A table; cells are escaped and long cells truncated safely. */
    table(columns, rows) {
        const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
        const header = `| ${cols.map((c) => cell(c.header)).join(' | ')} |`;
        const rule = `| ${cols.map((c) => (c.align === 'right' ? '---:' : c.align === 'center' ? ':---:' : '---')).join(' | ')} |`;
        const body = rows.map((row) => `| ${cols.map((_, i) => cell(row[i])).join(' | ')} |`);
        this.parts.push([header, rule, ...body].join('\n'));
        return this;
    }
    /** A bullet list; items are escaped. */
    list(items) {
        if (items.length > 0)
            this.parts.push(items.map((item) => `- ${inline(item)}`).join('\n'));
        return this;
    }
    /** A collapsible section; `body` is Markdown. */
    details(summary, body) {
        this.parts.push(`<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`);
        return this;
    }
    /** A fenced code block (a Mermaid chart, say). */
    code(text, language = '') {
        const fence = text.includes('```') ? '~~~~' : '```';
        this.parts.push(`${fence}${language}\n${text}\n${fence}`);
        return this;
    }
    /** True when nothing has been added. */
    get isEmpty() {
        return this.parts.length === 0;
    }
    /** The whole summary as Markdown, sections separated by blank lines. */
    toMarkdown() {
        return this.parts.length === 0 ? '' : `${this.parts.join('\n\n')}\n`;
    }
}
/** Escapes characters that Markdown or inline HTML would interpret. */
function escapeMarkdown(text) {
    return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function inline(text) {
    return escapeMarkdown(text.replace(/\s*\n\s*/g, ' '));
}
function cell(value) {
    if (value === undefined || value === null || value === '')
        return '';
    const text = String(value).replace(/\s*\r?\n\s*/g, ' ');
    const short = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
    return escapeMarkdown(short);
}

;// CONCATENATED MODULE: ./build/packages/kit/src/action-context.js









/** Input names every action takes (DESIGN.md). */
const CommonInputs = {
    Config: 'config',
    WorkingDirectory: 'working-directory',
    Environment: 'environment',
};
/** The output that carries the path of the JSON report. */
const ReportOutput = 'report';
/**
 * What a composition root gets: typed inputs (step inputs first, then the config file), the runner context,
 * and writers that redact secrets and respect GitHub's limits. Side effects are collected and flushed once
 * by `runAction`.
 */
class ActionContext {
    action;
    core;
    runner;
    now;
    secrets;
    inputs;
    summary = new Summary();
    config;
    /** The directory the action works in: `working-directory` resolved against the workspace. */
    workingDirectory;
    /** The target environment, when the step names one (inputs and config sections are chosen by it). */
    environment;
    annotations = [];
    /** Reads the common inputs, loads the config file they point at, and builds the context. */
    static async create(action, core, runner, now = () => new Date()) {
        const secrets = new SecretRegistry((value) => core.setSecret(value));
        const stepInputs = (name) => ({ value: core.getInput(name), origin: { kind: 'input' } });
        const early = new InputReader(stepInputs, secrets);
        const workingDirectory = (0,external_node_path_namespaceObject.resolve)(runner.workspace, early.string(CommonInputs.WorkingDirectory, '.'));
        const environment = early.string(CommonInputs.Environment);
        const config = await loadConfigFile(workingDirectory, early.string(CommonInputs.Config));
        const sections = environment ? [['environments', environment, action], [action]] : [[action]];
        const source = config ? firstOf(stepInputs, configSource(config, sections)) : stepInputs;
        return new ActionContext(action, core, runner, now, { secrets, inputs: new InputReader(source, secrets), config, workingDirectory, environment });
    }
    constructor(action, core, runner, now, parts) {
        this.action = action;
        this.core = core;
        this.runner = runner;
        this.now = now;
        this.secrets = parts.secrets;
        this.inputs = parts.inputs;
        this.config = parts.config;
        this.workingDirectory = parts.workingDirectory;
        this.environment = parts.environment;
    }
    /** Sets a step output, redacted. */
    setOutput(name, value) {
        this.core.setOutput(name, this.secrets.redact(String(value)));
    }
    /** Saves a value for the post step. */
    saveState(name, value) {
        this.core.saveState(name, value);
    }
    /** Adds an annotation; `runAction` shows the most important inline and lists the rest in the summary. */
    annotate(annotation) {
        this.annotations.push(annotation);
    }
    info(message) {
        this.core.info(this.secrets.redact(message));
    }
    warning(message) {
        this.core.warning(this.secrets.redact(message));
    }
    debug(message) {
        this.core.debug(this.secrets.redact(message));
    }
    /**
     * Writes the versioned JSON report to `RUNNER_TEMP/shipgate/<action>-report.json`, redacted, and sets the
     * `report` output to its path. Returns the path.
     */
    writeReport(data) {
        const dir = (0,external_node_path_namespaceObject.join)(this.runner.temp, 'shipgate');
        (0,external_node_fs_namespaceObject.mkdirSync)(dir, { recursive: true });
        const path = (0,external_node_path_namespaceObject.join)(dir, `${this.action}-report.json`);
        const text = JSON.stringify(buildReport(this.action, data, this.now()), null, 2);
        (0,external_node_fs_namespaceObject.writeFileSync)(path, `${this.secrets.redact(text)}\n`);
        this.setOutput(ReportOutput, path);
        return path;
    }
    /** Emits budgeted annotations and writes the summary (with the overflow listed). Called once by `runAction`. */
    async flush() {
        const { inline, overflow } = budgetAnnotations(this.annotations);
        for (const a of inline) {
            this.core.annotate(a.level, this.secrets.redact(a.message), {
                ...(a.title ? { title: this.secrets.redact(a.title) } : {}),
                ...(a.file ? { file: a.file } : {}),
                ...(a.line ? { startLine: a.line } : {}),
                ...(a.endLine ? { endLine: a.endLine } : {}),
                ...(a.column ? { startColumn: a.column } : {}),
                ...(a.endColumn ? { endColumn: a.endColumn } : {}),
            });
        }
        if (overflow.length > 0) {
            this.summary.details(`${overflow.length} more finding${overflow.length === 1 ? '' : 's'} not shown as annotations`, new Summary()
                .table(['Level', 'Location', 'Message'], overflow.map((a) => [a.level, formatLocation(a), a.title ? `${a.title}: ${a.message}` : a.message]))
                .toMarkdown());
        }
        this.annotations.length = 0;
        if (!this.summary.isEmpty)
            await this.core.appendSummary(this.secrets.redact(this.summary.toMarkdown()));
    }
}

;// CONCATENATED MODULE: ./build/packages/kit/src/run-action.js




/**
 * Runs an action's main step. The only caller of `setFailed` in the suite: an expected failure prints its
 * message; an error prints its message and hint without a stack (the stack goes to the debug log).
 * Whatever the action collected (summary, annotations) is written in every case.
 */
async function runAction(action, main, deps = {}) {
    const core = deps.core ?? actions_core_createActionsCore();
    await execute(action, main, deps, core, (message) => core.setFailed(message));
}
/** Runs a post step. A post step never fails the job: whatever goes wrong is a warning. */
async function runPost(action, main, deps = {}) {
    const core = deps.core ?? createActionsCore();
    await execute(action, main, deps, core, (message) => core.warning(message));
}
async function execute(action, main, deps, core, report) {
    let context;
    try {
        context = await ActionContext.create(action, core, readRunnerContext(deps.env ?? process.env, deps.cwd ?? process.cwd()), deps.now);
        const outcome = await main(context);
        await context.flush();
        if (outcome?.status === 'failure')
            report(context.secrets.redact(outcome.message));
    }
    catch (error) {
        await context?.flush().catch((flushError) => core.debug(`Could not write the summary: ${String(flushError)}`));
        const redact = (text) => context?.secrets.redact(text) ?? text;
        if (error instanceof Error && error.stack)
            core.debug(redact(error.stack));
        report(redact(describeError(error)));
    }
}
/** The message users see: ours with its hint, or an unexpected error with what to do next. */
function describeError(error) {
    if (error instanceof errors/* ShipgateError */.Yu)
        return error.hint ? `${error.message}\n${error.hint}` : error.message;
    const message = error instanceof Error ? error.message : String(error);
    return `Unexpected error: ${message}. Re-run with debug logging (ACTIONS_STEP_DEBUG) for the stack trace, and report it if it persists.`;
}

;// CONCATENATED MODULE: ./build/packages/kit/src/index.js

















/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9990);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
