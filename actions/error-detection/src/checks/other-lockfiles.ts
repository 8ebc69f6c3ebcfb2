/**
 * Lockfile sync for Cargo, Python and Go, by package names (what `cargo build --locked`, `poetry check --lock`,
 * `uv lock --check` and `go mod verify` would trip over first): a dependency the manifest declares that the lock
 * does not hold.
 */
import { parse as parseToml } from 'smol-toml';
import { isRecord } from './npm-lockfiles.js';

/**
 * Names declared in Cargo.toml (renamed dependencies by their `package`), `name.workspace = true` included.
 * `[workspace.dependencies]` is not: it only offers versions to members, and Cargo.lock holds an entry only once a
 * member uses it.
 */
export function cargoDeclared(manifestText: string): string[] {
  const manifest = parseToml(manifestText);
  const names = new Set<string>();
  const collect = (table: unknown) => {
    if (!isRecord(table)) return;
    for (const [name, spec] of Object.entries(table))
      names.add(isRecord(spec) && typeof spec.package === 'string' ? spec.package : name);
  };
  for (const section of ['dependencies', 'dev-dependencies', 'build-dependencies']) collect(manifest[section]);
  if (isRecord(manifest.target))
    for (const target of Object.values(manifest.target))
      if (isRecord(target))
        for (const section of ['dependencies', 'dev-dependencies', 'build-dependencies']) collect(target[section]);
  return [...names];
}

/** Package names in a Cargo.lock, poetry.lock, uv.lock or pdm.lock (`[[package]] name = ...`), normalised. */
export function lockedPackageNames(lockText: string, normalise: (name: string) => string = (n) => n): Set<string> {
  const lock = parseToml(lockText);
  const packages = Array.isArray(lock.package) ? lock.package : [];
  return new Set(
    packages.flatMap((entry) => (isRecord(entry) && typeof entry.name === 'string' ? [normalise(entry.name)] : [])),
  );
}

/** PEP 503 normalisation: `Flask_SQLAlchemy` → `flask-sqlalchemy`. */
export function pythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The name of a PEP 508 requirement (`requests[security]>=2.8; python_version<"3"` → `requests`). */
function requirementName(requirement: string): string | undefined {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1];
}

/** What pyproject.toml declares and which lockfile tool it is for. */
export function pythonDeclared(manifestText: string): { names: string[]; tool: 'poetry' | 'pep621' } | undefined {
  const manifest = parseToml(manifestText);
  const tool = isRecord(manifest.tool) ? manifest.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : undefined;
  if (poetry && isRecord(poetry.dependencies)) {
    // Every group is locked (`poetry check --lock` fails when any changed), the legacy dev-dependencies too.
    const tables = [poetry.dependencies, poetry['dev-dependencies']];
    if (isRecord(poetry.group))
      for (const group of Object.values(poetry.group)) if (isRecord(group)) tables.push(group.dependencies);
    const names = tables.flatMap((table) => (isRecord(table) ? Object.keys(table) : []));
    return { names: unique(names.filter((name) => name.toLowerCase() !== 'python').map(pythonName)), tool: 'poetry' };
  }
  const project = isRecord(manifest.project) ? manifest.project : undefined;
  if (project && Array.isArray(project.dependencies)) {
    // uv and pdm lock the extras and the PEP 735 dependency groups along with the dependencies.
    const lists: unknown[] = [project.dependencies];
    if (isRecord(project['optional-dependencies'])) lists.push(...Object.values(project['optional-dependencies']));
    if (isRecord(manifest['dependency-groups'])) lists.push(...Object.values(manifest['dependency-groups']));
    const names = lists.flatMap((list) =>
      Array.isArray(list) ? list.flatMap((r) => (typeof r === 'string' ? [requirementName(r)] : [])) : [],
    );
    return { names: unique(names.filter((n): n is string => n !== undefined).map(pythonName)), tool: 'pep621' };
  }
  return undefined;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * Where a TOML manifest declares a dependency: its key (`name = `, `name.workspace = true`, `"name" = `), its
 * `[...dependencies.name]` table, or the requirement string in a PEP 621 list (`"name>=1"`); names compare as
 * Python normalises them (`Flask_SQLAlchemy` is `flask-sqlalchemy`). Undefined when none is found.
 */
export function tomlDeclarationLine(text: string, name: string): number | undefined {
  const pattern = name
    .split(/[-_.]+/)
    .map((part) => part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
    .join('[-_.]+');
  const forms = [
    new RegExp(`^[ \\t]*["']?${pattern}["']?[ \\t]*[=.]`, 'im'),
    new RegExp(`^[ \\t]*\\[[^\\]\\n]*dependencies\\.["']?${pattern}["']?\\]`, 'im'),
    new RegExp(`["']${pattern}(?![A-Za-z0-9_.-])`, 'i'),
  ];
  for (const form of forms) {
    const match = form.exec(text);
    if (match) return text.slice(0, match.index + match[0].search(/\S/)).split('\n').length;
  }
  return undefined;
}

/** Pipfile's packages missing from Pipfile.lock (`default` and `develop`). */
export function pipfileDrift(pipfileText: string, lockText: string): string[] {
  const pipfile = parseToml(pipfileText);
  const lock = JSON.parse(lockText) as Record<string, unknown>;
  const missing: string[] = [];
  for (const [section, locked] of [
    ['packages', 'default'],
    ['dev-packages', 'develop'],
  ] as const) {
    const declared = isRecord(pipfile[section]) ? Object.keys(pipfile[section]) : [];
    const have = new Set(Object.keys(isRecord(lock[locked]) ? lock[locked] : {}).map(pythonName));
    missing.push(...declared.filter((name) => !have.has(pythonName(name))));
  }
  return missing;
}

/** Modules go.mod requires, with their lines. */
export function goRequires(goModText: string): { path: string; version: string; line: number }[] {
  const found: { path: string; version: string; line: number }[] = [];
  let block = false;
  for (const [i, raw] of goModText.split(/\r?\n/).entries()) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) block = true;
    else if (block && line === ')') block = false;
    else {
      const match = (block ? /^(\S+)\s+(\S+)$/ : /^require\s+(\S+)\s+(\S+)$/).exec(line);
      if (match?.[1] && match[2]) found.push({ path: match[1], version: match[2], line: i + 1 });
    }
  }
  return found;
}

/**
 * Modules go.mod replaces with a directory (`replace example.com/lib => ../lib`, in a block or not): the go
 * command reads them from disk, so go.sum has no entry for them.
 */
export function goLocalReplacements(goModText: string): Set<string> {
  const found = new Set<string>();
  let block = false;
  for (const raw of goModText.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^replace\s*\($/.test(line)) block = true;
    else if (block && line === ')') block = false;
    else {
      const match = (block ? /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)$/ : /^replace\s+(\S+)(?:\s+\S+)?\s*=>\s*(\S+)$/).exec(
        line,
      );
      if (match?.[1] && match[2] && /^(?:\.{1,2}\/|\/)/.test(match[2])) found.add(match[1]);
    }
  }
  return found;
}

/** Whether go.sum has the module's `go.mod` hash for that version (what `go build` needs for every requirement). */
export function goSumHas(goSumText: string, path: string, version: string): boolean {
  return goSumText.includes(`${path} ${version}/go.mod `) || goSumText.includes(`${path} ${version} `);
}
