export const id = 209;
export const ids = [209];
export const modules = {

/***/ 8209:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ANY_MAPPING: () => (/* binding */ ANY_MAPPING),
/* harmony export */   checkConfig: () => (/* binding */ checkConfig),
/* harmony export */   parseConfig: () => (/* binding */ parseConfig)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3732);


/** Accepts any mapping: for reading a file's values and positions before its own checks. */
const ANY_MAPPING = () => true;
/** Where each key of a config that `parseConfig` read is, for `checkConfig`'s "unknown key" errors. */
const keyPositions = new WeakMap();
/**
 * Parses YAML text and validates it with a precompiled JSON Schema validator. Syntax errors, unknown keys
 * and wrong types are `ConfigError`s naming the key path and its line and column.
 */
function parseConfig(text, file, validate) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntax = doc.errors[0];
    if (syntax) {
        const pos = lineCounter.linePos(syntax.pos[0]);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(file, '', `is not valid YAML: ${syntax.message.split('\n')[0]}`, {
            line: pos.line,
            column: pos.col,
        });
    }
    const data = (doc.toJS() ?? {});
    const positionOf = (path, key = false) => {
        const node = findNode(doc.contents, path, key);
        const offset = node?.range?.[0];
        if (offset === undefined)
            return undefined;
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
    };
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(file, '', 'must be a mapping of sections (environments, probes, canary-deploy, ...)', {
            line: 1,
            column: 1,
        });
    }
    const config = { file, data: data, positionOf: (path) => positionOf(path) };
    keyPositions.set(config, (path) => positionOf(path, true));
    checkConfig(config, validate);
    return config;
}
/**
 * Validates a config that `parseConfig` returned against another schema, with the same `ConfigError` that
 * `parseConfig` would throw, without parsing the YAML again.
 */
function checkConfig(config, validate) {
    if (validate(config.data))
        return;
    const error = mostUseful(validate.errors ?? []);
    const path = pointerToPath(error.instancePath);
    const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    const fullPath = extra === undefined ? path : [...path, extra];
    const position = (extra === undefined ? config.positionOf(fullPath) : keyPositions.get(config)?.(fullPath)) ??
        config.positionOf(path);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(config.file, fullPath.join('.'), describe(error, extra, error.parentSchema), position ?? {});
}
/** Prefers an unknown key or a type error at the deepest path; `anyOf` noise comes last. */
function mostUseful(errors) {
    const score = (e) => e.instancePath.split('/').length * 10 + (e.keyword === 'anyOf' || e.keyword === 'oneOf' ? 0 : 5);
    return [...errors].sort((a, b) => score(b) - score(a))[0];
}
function describe(error, extra, schemaNode) {
    const node = (schemaNode ?? {});
    switch (error.keyword) {
        case 'additionalProperties': {
            const known = Object.keys(node.properties ?? {});
            return `is not a known key${known.length ? `: allowed here are ${known.join(', ')}` : ''}`;
        }
        case 'type':
            return `must be ${error.params.type === 'object' ? 'a mapping' : error.params.type === 'array' ? 'a list' : withArticle(String(error.params.type))}`;
        case 'enum':
            return `must be one of: ${error.params.allowedValues.map(String).join(', ')}`;
        case 'required':
            return `is missing the required key '${String(error.params.missingProperty)}'`;
        default:
            return error.message ?? 'is invalid';
    }
}
function pointerToPath(pointer) {
    return pointer === ''
        ? []
        : pointer
            .slice(1)
            .split('/')
            .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function findNode(root, path, wantKey) {
    let node = root;
    let pair;
    for (const key of path) {
        if (!node || !('items' in node))
            return undefined;
        const items = node.items;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            pair = items.find((item) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item.key) && String(item.key.value) === String(key));
            node = pair?.value;
        }
        else {
            pair = undefined;
            node = items[Number(key)];
        }
        if (node === undefined)
            return undefined;
    }
    if (wantKey && pair && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key))
        return pair.key;
    return node ?? pair?.key;
}
function withArticle(word) {
    return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}


/***/ })

};
