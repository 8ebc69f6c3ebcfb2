/**
 * Lockfile sync for Cargo, Python and Go, by package names (what `cargo build --locked`, `poetry check --lock`,
 * `uv lock --check` and `go mod verify` would trip over first): a dependency the manifest declares that the lock
 * does not hold.
 */
import { parse as parseToml } from 'smol-toml';
import { isRecord } from './npm-lockfiles.js';

/** Names declared in Cargo.toml (renamed dependencies by their `package`), the workspace's included. */
export function cargoDeclared(manifestText: string): string[] {
  const manifest = parseToml(manifestText);
  const names = new Set<string>();
  const collect = (table: unknown) => {
    if (!isRecord(table)) return;
    for (const [name, spec] of Object.entries(table)) {
      if (isRecord(spec) && spec.workspace === true) continue; // the workspace's table declares it
      names.add(isRecord(spec) && typeof spec.package === 'string' ? spec.package : name);
    }
  };
  for (const section of ['dependencies', 'dev-dependencies', 'build-dependencies']) collect(manifest[section]);
  if (isRecord(manifest.workspace)) collect(manifest.workspace.dependencies);
  if (isRecord(manifest.target))
    for (const target of Object.values(manifest.target))
      if (isRecord(target)) for (const section of ['dependencies', 'dev-dependencies']) collect(target[section]);
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
    const names = Object.keys(poetry.dependencies).filter((name) => name.toLowerCase() !== 'python');
    return { names: names.map(pythonName), tool: 'poetry' };
  }
  const project = isRecord(manifest.project) ? manifest.project : undefined;
  if (project && Array.isArray(project.dependencies)) {
    const names = project.dependencies.flatMap((r) => (typeof r === 'string' ? [requirementName(r)] : []));
    return { names: names.filter((n): n is string => n !== undefined).map(pythonName), tool: 'pep621' };
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

/** Whether go.sum has the module's `go.mod` hash for that version (what `go build` needs for every requirement). */
export function goSumHas(goSumText: string, path: string, version: string): boolean {
  return goSumText.includes(`${path} ${version}/go.mod `) || goSumText.includes(`${path} ${version} `);
}
