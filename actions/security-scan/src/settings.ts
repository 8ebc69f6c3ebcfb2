import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseIgnoreFile } from '@shipgate/dependencies';
import { parseBaseline, policyFor, type Baseline, type SeverityPolicy } from '@shipgate/findings';
import { InputError, isInside, type ActionContext } from '@shipgate/kit';
import { trivyRelease, type TrivyReleaseOptions } from '@shipgate/trivy';
import { DEFAULT_ALLOWLIST, DEFAULT_RULES, importGitleaksConfig, type GlobalAllowlist } from '@shipgate/secrets';
import type { ACTION } from './inputs.js';
import type { Comparison } from './pull-request-scope.js';
import type { ScannerName } from './scanner.js';
import { AVAILABLE_SCANNERS } from './scanners/index.js';
import type { DependenciesScannerSettings } from './scanners/dependencies.js';
import type { ImageScannerSettings } from './scanners/image.js';
import type { SecretsScannerSettings } from './scanners/secrets.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** Everything security-scan needs, read and checked once, before the first file is read or written. */
export interface ScanSettings {
  /** The scanners to run, in the order given. */
  scanners: ScannerName[];
  /** `full`, or `pull-request` with the commits to compare. */
  mode: 'full' | 'pull-request';
  comparison: Comparison | undefined;
  /** The directory scanned (full mode) or the part of the repository compared (pull-request mode), absolute. */
  root: string;
  /** The environment judged for (`production` when the step names none). */
  environment: string;
  policy: SeverityPolicy;
  /** Accepted findings, with the file they came from (as shown). */
  baseline: { baseline: Baseline; shown: string } | undefined;
  secrets: SecretsScannerSettings;
  /** When the dependencies scanner runs: OSV and the accepted advisories. */
  dependencies: DependenciesScannerSettings | undefined;
  /** When the image scanner runs: the image and the Trivy release (version, digest and URL checked). */
  image: ImageScannerSettings | undefined;
  /** Full mode: do not enter vendored folders. */
  skipVendored: boolean;
  /** Where the SARIF log goes, absolute. */
  sarifFile: string;
}

/** A file larger than this is not scanned for secrets (the result says so). */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Reads the inputs and the event; a wrong value fails here, naming the input, before any side effect. */
export function parseSettings(context: Context, env: NodeJS.ProcessEnv = process.env): ScanSettings {
  const inputs = context.inputs;
  const scanners = [...new Set(inputs.get('scanners'))] as ScannerName[];
  const image = inputs.get('image');
  if (image && !inputs.given('scanners') && !scanners.includes('image')) scanners.push('image');
  if (image && !scanners.includes('image'))
    throw new InputError('scanners', inputs.raw('scanners')?.value, 'a list that includes image when image is set', {
      origin: inputs.raw('scanners')?.origin,
      hint: `image is set (${image}) but scanners leaves the image scanner out: add image to scanners, or remove the image input.`,
    });
  if (scanners.includes('image') && !image)
    throw new InputError('image', '', 'an image reference such as ghcr.io/org/app:1.4.2', {
      hint: 'scanners includes image: name the image to scan in the image input.',
    });
  if (scanners.length === 0) throw new InputError('scanners', '', `one or more of ${AVAILABLE_SCANNERS.join(', ')}`);
  const unavailable = scanners.filter((name) => !AVAILABLE_SCANNERS.includes(name));
  if (unavailable.length > 0)
    throw new InputError(
      'scanners',
      inputs.raw('scanners')?.value,
      `scanners available in this version: ${AVAILABLE_SCANNERS.join(', ')}`,
      {
        origin: inputs.raw('scanners')?.origin,
        hint: `${unavailable.join(', ')} ${unavailable.length === 1 ? 'is' : 'are'} not available yet: remove ${unavailable.length === 1 ? 'it' : 'them'} from scanners.`,
      },
    );

  const root = resolve(context.workingDirectory, inputs.get('path'));
  if (!isInside(context.runner.workspace, root) || !existsSync(root) || !statSync(root).isDirectory())
    throw new InputError(
      'path',
      inputs.get('path'),
      'a directory inside the workspace, relative to the working directory',
      {
        hint: `${root} is not a directory of the workspace ${context.runner.workspace}.`,
      },
    );

  const event = readEvent(env.GITHUB_EVENT_PATH);
  const base = inputs.get('base') ?? event?.base;
  const mode = inputs.get('mode');
  if (mode === 'pull-request' && base === undefined)
    throw new InputError(
      'mode',
      mode,
      'full or auto, unless the run was triggered by a pull request or base is given',
      {
        hint: 'On push and schedule runs, scan the tree (mode: full), or name the commit to compare with in base.',
      },
    );
  const pullRequest = mode === 'pull-request' || (mode === 'auto' && base !== undefined);
  const comparison =
    pullRequest && base !== undefined
      ? {
          base,
          head: inputs.get('head') ?? event?.head ?? 'HEAD',
          source: inputs.given('base') ? 'input base' : (event?.source ?? 'the event'),
        }
      : undefined;

  const environment = context.environment ?? 'production';
  const limits = {
    ...(inputs.get('max-critical') !== undefined ? { critical: inputs.get('max-critical') } : {}),
    ...(inputs.get('max-high') !== undefined ? { high: inputs.get('max-high') } : {}),
  };
  const policy = policyFor(environment, { limits, failOn: inputs.get('fail-on') });

  const baselineFile = context.file('baseline');
  const baseline = baselineFile
    ? {
        baseline: parseBaseline(readFileSync(baselineFile.path, 'utf8'), baselineFile.shown),
        shown: baselineFile.shown,
      }
    : undefined;

  const skipVendored = !inputs.get('scan-vendored');
  return {
    scanners,
    mode: pullRequest ? 'pull-request' : 'full',
    comparison,
    root,
    environment,
    policy,
    baseline,
    secrets: secretsSettings(context, root, skipVendored),
    dependencies: scanners.includes('dependencies') ? dependenciesSettings(context) : undefined,
    image: image && scanners.includes('image') ? imageSettings(context, image) : undefined,
    skipVendored,
    sarifFile: sarifDestination(context, context.inputs.get('sarif-file'), 'security-scan.sarif'),
  };
}

/** The rules and allowlists: built-in, or a .gitleaks.toml imported over them. */
function secretsSettings(context: Context, root: string, skipVendored: boolean): SecretsScannerSettings {
  const allowlist: GlobalAllowlist = {
    ...DEFAULT_ALLOWLIST,
    // scan-vendored keeps the binary and baseline patterns, and drops those of lockfiles and vendored folders.
    paths: (DEFAULT_ALLOWLIST.paths ?? []).filter(
      (re) => skipVendored || !(re.test('package-lock.json') || re.test('node_modules/x.js')),
    ),
  };
  const given = context.file('gitleaks-config');
  const found = join(root, '.gitleaks.toml');
  const file =
    given ?? (existsSync(found) ? { path: found, shown: relative(context.runner.workspace, found) } : undefined);
  if (!file)
    return {
      rules: DEFAULT_RULES,
      allowlist,
      maxFileBytes: MAX_FILE_BYTES,
      ruleSource: `${DEFAULT_RULES.length} built-in rules`,
      notes: [],
    };
  const imported = importGitleaksConfig(readFileSync(file.path, 'utf8'), file.shown, DEFAULT_RULES);
  const rules = imported.rules.length > 0 ? imported.rules : DEFAULT_RULES;
  const notes = [
    ...imported.notes.map((note) => `${file.shown}: ${note}`),
    ...imported.untranslated.map((u) => `${file.shown}: '${u.id}' not applied: ${u.reason}`),
    ...(imported.rules.length === 0
      ? [`${file.shown} has no rules: the built-in rules apply, with its allowlists`]
      : []),
  ];
  return {
    rules,
    allowlist: {
      paths: [...(allowlist.paths ?? []), ...(imported.allowlist.paths ?? [])],
      regexes: [...(allowlist.regexes ?? []), ...(imported.allowlist.regexes ?? [])],
      stopwords: [...(allowlist.stopwords ?? []), ...(imported.allowlist.stopwords ?? [])],
    },
    maxFileBytes: MAX_FILE_BYTES,
    ruleSource: `${rules.length} rules from ${file.shown}${imported.extendsDefault ? ' and the built-in set' : ''}`,
    notes,
  };
}

/** The ignore file: the input's, or `.github/shipgate-ignore.yml` of the workspace when present; parsed now. */
function dependenciesSettings(context: Context): DependenciesScannerSettings {
  const osvUrl = context.inputs.get('osv-url').href.replace(/\/+$/, '');
  const found = join(context.runner.workspace, DEFAULT_IGNORE_FILE);
  const file =
    context.file('ignore-file') ?? (existsSync(found) ? { path: found, shown: DEFAULT_IGNORE_FILE } : undefined);
  if (!file) return { osvUrl, ignore: [], ignoreFile: undefined };
  return { osvUrl, ignore: parseIgnoreFile(readFileSync(file.path, 'utf8'), file.shown), ignoreFile: file.shown };
}

/** The image (a reference, or a saved .tar of the workspace) and the Trivy release, checked before any download. */
function imageSettings(context: Context, value: string): ImageScannerSettings {
  const inputs = context.inputs;
  const version = inputs.get('trivy-version');
  const sha256 = inputs.get('trivy-sha256');
  const url = inputs.get('trivy-url');
  const releaseOptions: TrivyReleaseOptions = {
    ...(version ? { version } : {}),
    ...(sha256 ? { sha256 } : {}),
    ...(url ? { baseUrl: url.href } : {}),
  };
  const release = trivyRelease(releaseOptions);
  let image: ImageScannerSettings['image'] = { reference: value };
  if (value.endsWith('.tar')) {
    const path = resolve(context.workingDirectory, value);
    if (!isInside(context.runner.workspace, path) || !existsSync(path) || !statSync(path).isFile())
      throw new InputError(
        'image',
        value,
        'an image reference, or a .tar file of the workspace saved with docker save',
        {
          hint: `${path} is not a file of the workspace.`,
        },
      );
    image = { tarball: path };
  }
  const dbRepository = inputs.get('trivy-db-repository') || undefined;
  const scanners = inputs.get('image-scanners') as ImageScannerSettings['scanners'];
  return { image, shown: value, release, releaseOptions, dbRepository, scanners };
}

/** Where the dependencies scanner looks for accepted advisories when `ignore-file` is not given. */
export const DEFAULT_IGNORE_FILE = '.github/shipgate-ignore.yml';

/**
 * A SARIF destination (the `sarif-file` input's `value`): inside the workspace or RUNNER_TEMP, not a directory, its
 * directory present; `fallback` under RUNNER_TEMP/shipgate when not given. Preflight uses it for its own file.
 */
export function sarifDestination(
  context: Pick<ActionContext, 'workingDirectory' | 'runner'>,
  value: string | undefined,
  fallback: string,
): string {
  if (value === undefined || value === '') return join(context.runner.temp, 'shipgate', fallback);
  const path = resolve(context.workingDirectory, value);
  const allowed = 'a file path inside the workspace or RUNNER_TEMP, relative to the working directory';
  if (!isInside(context.runner.workspace, path) && !isInside(context.runner.temp, path))
    throw new InputError('sarif-file', value, allowed, { hint: `${path} is outside both.` });
  if (existsSync(path) && !statSync(path).isFile())
    throw new InputError('sarif-file', value, allowed, { hint: `${path} is a directory.` });
  if (!existsSync(dirname(path)))
    throw new InputError('sarif-file', value, allowed, { hint: `Its directory ${dirname(path)} does not exist.` });
  return path;
}

/** The commits of a pull_request (or pull_request_target) or merge_group event. */
function readEvent(path: string | undefined): { base: string; head: string; source: string } | undefined {
  if (!path || !existsSync(path) || statSync(path).size > 25 * 1024 * 1024) return undefined;
  const payload = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const pr = record(payload.pull_request);
  const prBase = str(record(pr?.base)?.sha);
  const prHead = str(record(pr?.head)?.sha);
  if (prBase && prHead) return { base: prBase, head: prHead, source: 'the pull_request event' };
  const group = record(payload.merge_group);
  const groupBase = str(group?.base_sha);
  const groupHead = str(group?.head_sha);
  if (groupBase && groupHead) return { base: groupBase, head: groupHead, source: 'the merge_group event' };
  return undefined;
}

const record = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
/** Only a full SHA from the event: the payload is data, and becomes a git argument. */
const str = (v: unknown) => (typeof v === 'string' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(v) ? v : undefined);
