import { matchesGlob, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '@shipgate/findings';
import type { Check, CheckScope, FixCommand } from '../check.js';
import { findingOf } from '../finding-of.js';
import {
  declaredDependencies,
  isRecord,
  npmLockDrift,
  pnpmLockDrift,
  yarnLockDrift,
  type Drift,
} from './npm-lockfiles.js';
import {
  cargoDeclared,
  goLocalReplacements,
  goRequires,
  goSumHas,
  lockedPackageNames,
  pipfileDrift,
  pythonDeclared,
  pythonName,
  tomlDeclarationLine,
} from './other-lockfiles.js';
import { positionAt, positionOf } from './text-position.js';
import { checkToolchains } from './toolchains.js';

const CATEGORY = 'dependencies';
const MANIFESTS = new Set([
  'package.json',
  'Cargo.toml',
  'pyproject.toml',
  'Pipfile',
  'go.mod',
  '.nvmrc',
  '.node-version',
  'rust-toolchain',
  'rust-toolchain.toml',
  '.python-version',
]);
const NODE_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];
const REGENERATE: Readonly<Record<string, string>> = {
  'package-lock.json': 'npm install --package-lock-only',
  'npm-shrinkwrap.json': 'npm install --package-lock-only',
  'pnpm-lock.yaml': 'pnpm install --lockfile-only',
  'yarn.lock': 'yarn install --mode update-lockfile',
  'Cargo.lock': 'cargo update --workspace',
  'poetry.lock': 'poetry lock',
  'uv.lock': 'uv lock',
  'pdm.lock': 'pdm lock',
  'Pipfile.lock': 'pipenv lock',
  'go.sum': 'go mod tidy',
};

/** The install that refuses a lockfile out of sync, by lockfile. */
const FROZEN_INSTALL: Readonly<Record<string, string>> = {
  'package-lock.json': '`npm ci`',
  'npm-shrinkwrap.json': '`npm ci`',
  'pnpm-lock.yaml': '`pnpm install --frozen-lockfile` (the default in CI)',
  'yarn.lock': '`yarn install --immutable` (`--frozen-lockfile` in yarn 1)',
  'Cargo.lock': '`cargo build --locked`',
  'poetry.lock': '`poetry install`',
  'uv.lock': '`uv sync --locked`',
  'pdm.lock': '`pdm install --frozen-lockfile`',
  'Pipfile.lock': '`pipenv install --deploy`',
};

const baseName = (file: string) => file.split('/').pop() ?? file;
const dirName = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

/** Lockfiles present and in sync with their manifests; declared toolchains against the runner's. */
export const dependenciesCheck: Check = {
  category: CATEGORY,
  weight: 2,
  applies: (scope) => scope.files.list.some((file) => MANIFESTS.has(baseName(file))),
  async check(scope) {
    const findings: Finding[] = [];
    const commands: FixCommand[] = [];
    let manifests = 0;
    for (const file of scope.files.list) {
      const text = scope.files.read(file);
      if (text === undefined) continue;
      switch (baseName(file)) {
        case 'package.json':
          nodeManifest(scope, file, text, findings, commands);
          break;
        case 'Cargo.toml':
          cargoManifest(scope, file, text, findings, commands);
          break;
        case 'pyproject.toml':
        case 'Pipfile':
          pythonManifest(scope, file, text, findings, commands);
          break;
        case 'go.mod':
          goManifest(scope, file, text, findings, commands);
          break;
        default:
          continue;
      }
      manifests++;
    }
    findings.push(...(await checkToolchains(scope)));
    return {
      findings,
      commands: uniqueCommands(commands),
      checked: `${manifests} manifest${manifests === 1 ? '' : 's'} and their lockfiles, declared toolchains`,
    };
  },
};

/** The nearest directory, from `dir` up to the working directory, holding one of `names`. */
function findUp(scope: CheckScope, dir: string, names: readonly string[]): { lock: string; dir: string } | undefined {
  for (let current = dir; ; current = dirName(current)) {
    for (const name of names) {
      const path = current ? `${current}/${name}` : name;
      if (scope.files.exists(path)) return { lock: path, dir: current };
    }
    if (current === '') return undefined;
  }
}

function missingLock(
  scope: CheckScope,
  manifest: string,
  lockName: string,
  severity: Finding['severity'],
  findings: Finding[],
  commands: FixCommand[],
): void {
  const command = REGENERATE[lockName] ?? `regenerate ${lockName}`;
  const shown = scope.files.shown(manifest);
  findings.push(
    findingOf({
      category: CATEGORY,
      ruleId: 'dependencies/missing-lockfile',
      title: 'No lockfile for the declared dependencies',
      severity,
      message: `${shown} declares dependencies but no ${lockName} pins them: every install may resolve different versions`,
      help: `Run \`${command}\` in ${dirName(shown) || 'the repository root'} and commit ${lockName}.`,
      file: shown,
      line: 1,
      column: 1,
      identity: lockName,
    }),
  );
  commands.push({ command, directory: dirName(manifest) || '.', reason: `create ${lockName} for ${shown}` });
}

function outOfSync(
  scope: CheckScope,
  manifest: string,
  text: string,
  lock: { lock: string; dir: string },
  drift: readonly Drift[],
  findings: Finding[],
  commands: FixCommand[],
  staleAt?: (name: string) => { line: number; column: number } | undefined,
): void {
  if (drift.length === 0) return;
  const lockName = baseName(lock.lock);
  const command = REGENERATE[lockName] ?? `regenerate ${lockName}`;
  const shown = scope.files.shown(manifest);
  for (const d of drift) {
    const what =
      d.locked === undefined
        ? `${d.name}${d.declared ? ` ${d.declared}` : ''} is not in ${scope.files.shown(lock.lock)}`
        : d.declared === undefined
          ? `${scope.files.shown(lock.lock)} still lists ${d.name} ${d.locked}, which ${shown} no longer declares`
          : `${d.name} is ${d.declared} in ${shown} but ${d.locked} in ${scope.files.shown(lock.lock)}`;
    findings.push(
      findingOf({
        category: CATEGORY,
        ruleId: 'dependencies/lockfile-out-of-sync',
        title: 'Lockfile out of sync with its manifest',
        severity: 'critical',
        message: `${what}: ${FROZEN_INSTALL[lockName] ?? 'a frozen install'} fails`,
        help: `Run \`${command}\` in ${lock.dir || 'the repository root'} and commit the lockfile.`,
        // A package only the lock still lists: at the lock's record of it, when it can be found.
        ...(d.declared === undefined
          ? { file: scope.files.shown(lock.lock), ...(staleAt?.(d.name) ?? { line: 1, column: 1 }) }
          : { file: shown, ...positionOf(text, `"${d.name}"`, `"${d.section}"`) }),
        identity: d.name,
      }),
    );
  }
  commands.push({ command, directory: lock.dir || '.', reason: `${scope.files.shown(lock.lock)} is out of sync` });
}

function nodeManifest(scope: CheckScope, file: string, text: string, findings: Finding[], commands: FixCommand[]) {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    findings.push(
      findingOf({
        category: CATEGORY,
        ruleId: 'dependencies/invalid-manifest',
        title: 'Manifest is not valid',
        severity: 'critical',
        message: `${scope.files.shown(file)} is not valid JSON: ${(error as Error).message}`,
        file: scope.files.shown(file),
        line: 1,
        column: 1,
      }),
    );
    return;
  }
  if (!isRecord(manifest)) return;
  const declared = declaredDependencies(manifest);
  if (declared.size === 0) return;
  const lock = findUp(scope, dirName(file), NODE_LOCKS);
  if (!lock) return missingLock(scope, file, 'package-lock.json', 'high', findings, commands);
  const lockText = scope.files.read(lock.lock);
  if (lockText === undefined) return;
  const relative = posix.relative(lock.dir, dirName(file));
  let drift: Drift[] | 'not-in-lock';
  try {
    switch (baseName(lock.lock)) {
      case 'package-lock.json':
      case 'npm-shrinkwrap.json':
        drift = npmLockDrift(declared, lockText, relative);
        break;
      case 'pnpm-lock.yaml':
        drift = pnpmLockDrift(declared, lockText, relative);
        break;
      case 'yarn.lock':
        drift = yarnLockDrift(declared, lockText, isRecord(manifest.resolutions) ? manifest.resolutions : {});
        break;
      default:
        return; // bun's lockfiles: not read
    }
  } catch (error) {
    drift = [];
    findings.push(unreadableLock(scope, lock.lock, error));
  }
  if (drift === 'not-in-lock') {
    // A package outside the workspaces of the lock above it (a tool's own package.json) has no lockfile at all.
    if (relative !== '' && !isWorkspaceMember(scope, lock.dir, relative))
      return missingLock(scope, file, baseName(lock.lock), 'high', findings, commands);
    drift = [...declared].map(([name, { section, range }]) => ({ name, section, declared: range, locked: undefined }));
  }
  outOfSync(scope, file, text, lock, drift, findings, commands, (name) => lockRecord(lockText, name, relative));
}

/** Whether `relative` is one of the workspaces package.json or pnpm-workspace.yaml in `root` declares. */
function isWorkspaceMember(scope: CheckScope, root: string, relative: string): boolean {
  const at = (name: string) => (root ? `${root}/${name}` : name);
  const globs: unknown[] = [];
  try {
    const manifest = JSON.parse(scope.files.read(at('package.json')) ?? '{}') as unknown;
    const workspaces = isRecord(manifest) ? manifest.workspaces : undefined;
    globs.push(...(Array.isArray(workspaces) ? workspaces : isRecord(workspaces) ? [workspaces.packages].flat() : []));
  } catch {
    // an unreadable package.json declares no workspaces (the manifest check reports it)
  }
  try {
    const pnpm = parseYaml(scope.files.read(at('pnpm-workspace.yaml')) ?? '') as unknown;
    if (isRecord(pnpm) && Array.isArray(pnpm.packages)) globs.push(...pnpm.packages);
  } catch {
    // likewise for pnpm-workspace.yaml
  }
  return globs.some(
    (glob) =>
      typeof glob === 'string' &&
      !glob.startsWith('!') &&
      matchesGlob(relative, glob.replace(/^\.\//, '').replace(/\/+$/, '')),
  );
}

/** Where a lock records a dependency of the package at `relative`: npm's `"packages"` entry, pnpm's importer. */
function lockRecord(lockText: string, name: string, relative: string): { line: number; column: number } | undefined {
  const npm = relative === '' ? /"packages":\s*\{\s*"":\s*\{/ : new RegExp(`"${escapeRegExp(relative)}":\\s*\\{`);
  const pnpm = new RegExp(`^  '?${escapeRegExp(relative || '.')}'?:\\s*$`, 'm');
  for (const [entry, needle] of [
    [npm, `"${name}"`],
    [pnpm, `${/^[\w-]/.test(name) ? name : `'${name}'`}:`],
  ] as const) {
    const start = entry.exec(lockText);
    if (!start) continue;
    const index = lockText.indexOf(needle, start.index + start[0].length);
    if (index >= 0) return positionAt(lockText, index);
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function unreadableLock(scope: CheckScope, lock: string, error: unknown): Finding {
  return findingOf({
    category: CATEGORY,
    ruleId: 'dependencies/invalid-lockfile',
    title: 'Lockfile cannot be read',
    severity: 'critical',
    message: `${scope.files.shown(lock)} cannot be read: ${(error as Error).message.split('\n')[0]}`,
    help: `Regenerate it with \`${REGENERATE[baseName(lock)] ?? 'the package manager'}\`.`,
    file: scope.files.shown(lock),
    line: 1,
    column: 1,
  });
}

function byNames(
  scope: CheckScope,
  manifest: string,
  text: string,
  lock: { lock: string; dir: string },
  names: readonly string[],
  locked: ReadonlySet<string>,
  normalise: (name: string) => string,
  findings: Finding[],
  commands: FixCommand[],
): void {
  const drift = names
    .filter((name) => !locked.has(normalise(name)))
    .map((name) => ({ name, section: '', declared: '', locked: undefined }));
  const before = findings.length;
  outOfSync(scope, manifest, text, lock, drift, findings, commands);
  // Names in TOML are not quoted: point at the line declaring it (its key, table or requirement string).
  for (const [i, d] of drift.entries()) {
    const finding = findings[before + i];
    const line = tomlDeclarationLine(text, d.name);
    if (finding?.location) Object.assign(finding.location, line ? { line, column: 1 } : positionOf(text, d.name));
  }
}

function cargoManifest(scope: CheckScope, file: string, text: string, findings: Finding[], commands: FixCommand[]) {
  let names: string[];
  try {
    names = cargoDeclared(text);
  } catch (error) {
    findings.push(unreadableLock(scope, file, error));
    return;
  }
  if (names.length === 0) return;
  const lock = findUp(scope, dirName(file), ['Cargo.lock']);
  if (!lock) return missingLock(scope, file, 'Cargo.lock', 'medium', findings, commands);
  try {
    const locked = lockedPackageNames(scope.files.read(lock.lock) ?? '');
    byNames(scope, file, text, lock, names, locked, (n) => n, findings, commands);
  } catch (error) {
    findings.push(unreadableLock(scope, lock.lock, error));
  }
}

function pythonManifest(scope: CheckScope, file: string, text: string, findings: Finding[], commands: FixCommand[]) {
  const dir = dirName(file);
  const at = (name: string) => (dir ? `${dir}/${name}` : name);
  try {
    if (baseName(file) === 'Pipfile') {
      if (!scope.files.exists(at('Pipfile.lock')))
        return missingLock(scope, file, 'Pipfile.lock', 'high', findings, commands);
      const missing = pipfileDrift(text, scope.files.read(at('Pipfile.lock')) ?? '{}');
      const lock = { lock: at('Pipfile.lock'), dir };
      byNames(scope, file, text, lock, missing, new Set(), pythonName, findings, commands);
      return;
    }
    const declared = pythonDeclared(text);
    if (!declared || declared.names.length === 0) return;
    const lockName =
      declared.tool === 'poetry'
        ? 'poetry.lock'
        : ['uv.lock', 'pdm.lock', 'poetry.lock'].find((n) => scope.files.exists(at(n)));
    if (lockName === undefined) return; // a PEP 621 project without a lock tool: nothing to compare with
    if (!scope.files.exists(at(lockName))) return missingLock(scope, file, lockName, 'high', findings, commands);
    const locked = lockedPackageNames(scope.files.read(at(lockName)) ?? '', pythonName);
    byNames(scope, file, text, { lock: at(lockName), dir }, declared.names, locked, pythonName, findings, commands);
  } catch (error) {
    findings.push(unreadableLock(scope, file, error));
  }
}

function goManifest(scope: CheckScope, file: string, text: string, findings: Finding[], commands: FixCommand[]) {
  const requires = goRequires(text);
  if (requires.length === 0) return;
  const sumPath = dirName(file) ? `${dirName(file)}/go.sum` : 'go.sum';
  const sum = scope.files.read(sumPath);
  if (sum === undefined) return missingLock(scope, file, 'go.sum', 'critical', findings, commands);
  const local = goLocalReplacements(text);
  const missing = requires.filter((r) => !local.has(r.path) && !goSumHas(sum, r.path, r.version));
  for (const r of missing)
    findings.push(
      findingOf({
        category: CATEGORY,
        ruleId: 'dependencies/lockfile-out-of-sync',
        title: 'Lockfile out of sync with its manifest',
        severity: 'critical',
        message: `${r.path} ${r.version} has no go.sum entry: go build fails with "missing go.sum entry"`,
        help: 'Run `go mod tidy` and commit go.sum.',
        file: scope.files.shown(file),
        line: r.line,
        column: 1,
        identity: r.path,
      }),
    );
  if (missing.length > 0)
    commands.push({ command: 'go mod tidy', directory: dirName(file) || '.', reason: 'go.sum is incomplete' });
}

function uniqueCommands(commands: readonly FixCommand[]): FixCommand[] {
  const seen = new Set<string>();
  return commands.filter((c) => !seen.has(`${c.directory}\0${c.command}`) && seen.add(`${c.directory}\0${c.command}`));
}
