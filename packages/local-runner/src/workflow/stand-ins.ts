// Stand-ins for actions that are not ours: each does locally the one thing a workflow relies on, and records what
// it did so a test can list the stand-ins it used. An action neither ours nor here is refused by name.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';

/** What a stand-in is given: the step's `with:` values and where the job and the run keep their files. */
export interface StandInContext {
  with: Record<string, string>;
  workspace: string;
  /** The repository `actions/checkout` checks out. */
  repository: string;
  /** The run's artifact store: one folder per artifact name. */
  artifactDir: string;
}

/** What a stand-in did: outputs, and a record of its effect for the run's result. */
export interface StandInOutcome {
  outputs: Record<string, string>;
  record: Record<string, unknown>;
}

/** A named replacement for an action that is not ours (`actions/checkout`). */
export interface StandIn {
  /** `owner/repo` or `owner/repo/path`, as written before `@` in `uses:`. */
  name: string;
  /** What it does instead of the real action, for the test's list. */
  description: string;
  /** Does the step; throws an Error whose message says what was wrong (the step then fails). */
  run(context: StandInContext): StandInOutcome;
}

/** A path from `with:` inside the workspace; a path that leaves it is refused. */
function inWorkspace(workspace: string, path: string, input: string): string {
  const full = resolve(workspace, path);
  const rel = relative(workspace, full);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new Error(`Input '${input}' is '${path}', which leaves the workspace; give a path inside it`);
  return full;
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

export const checkoutStandIn: StandIn = {
  name: 'actions/checkout',
  description: 'copies the test repository into the job workspace (at `path` when given)',
  run({ with: inputs, workspace, repository }) {
    const target = inputs.path ? inWorkspace(workspace, inputs.path, 'path') : workspace;
    cpSync(repository, target, { recursive: true, filter: (src) => basename(src) !== '.git' });
    const ref = inputs.ref ?? '';
    return { outputs: {}, record: { repository, path: relative(workspace, target) || '.', ...(ref ? { ref } : {}) } };
  },
};

export const uploadSarifStandIn: StandIn = {
  name: 'github/codeql-action/upload-sarif',
  description: 'checks the SARIF file exists and is SARIF 2.1.0 JSON, and records it (nothing is uploaded)',
  run({ with: inputs, workspace }) {
    const given = inputs.sarif_file ?? '../results';
    const file = resolve(workspace, given);
    if (!existsSync(file)) throw new Error(`Input 'sarif_file' is '${given}': no such file`);
    const files = statSync(file).isDirectory()
      ? filesUnder(file)
          .filter((f) => f.endsWith('.sarif'))
          .map((f) => join(file, f))
      : [file];
    if (files.length === 0) throw new Error(`Input 'sarif_file' is '${given}': a folder without .sarif files`);
    const runs = files.flatMap((path) => {
      let sarif: { version?: unknown; runs?: { tool?: { driver?: { name?: unknown } }; results?: unknown[] }[] };
      try {
        sarif = JSON.parse(readFileSync(path, 'utf8')) as typeof sarif;
      } catch (error) {
        throw new Error(`${path} is not JSON: ${(error as Error).message}`, { cause: error });
      }
      if (sarif.version !== '2.1.0' || !Array.isArray(sarif.runs))
        throw new Error(`${path} is not SARIF 2.1.0 (version '${String(sarif.version)}', runs must be a list)`);
      return sarif.runs.map((run) => {
        if (typeof run.tool?.driver?.name !== 'string') throw new Error(`${path}: a run without tool.driver.name`);
        return { tool: run.tool.driver.name, results: run.results?.length ?? 0 };
      });
    });
    return {
      outputs: { 'sarif-id': `local-${files.length}` },
      record: { files, category: inputs.category ?? '', runs },
    };
  },
};

export const uploadArtifactStandIn: StandIn = {
  name: 'actions/upload-artifact',
  description: "copies `path` (files or folders, one a line, no wildcards) into the run's artifact folder",
  run({ with: inputs, workspace, artifactDir }): StandInOutcome {
    const name = inputs.name || 'artifact';
    const target = join(artifactDir, name);
    if (existsSync(target)) throw new Error(`Artifact '${name}' was already uploaded in this run: names are unique`);
    const paths = (inputs.path ?? '')
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (paths.length === 0) throw new Error("Input 'path' is required: the files to upload");
    const present = paths.filter((path) => {
      if (/[*?[]/.test(path)) throw new Error(`Input 'path' has '${path}': the stand-in takes no wildcards`);
      return existsSync(resolve(workspace, path));
    });
    if (present.length === 0) {
      const policy = inputs['if-no-files-found'] || 'warn';
      if (policy === 'error') throw new Error(`No files were found with the provided path: ${paths.join(', ')}`);
      return { outputs: {}, record: { name, files: [], missing: paths } };
    }
    mkdirSync(target, { recursive: true });
    for (const path of present) {
      const source = resolve(workspace, path);
      const into = present.length === 1 && statSync(source).isDirectory() ? target : join(target, basename(source));
      cpSync(source, into, { recursive: true });
    }
    return {
      outputs: { 'artifact-id': String(readdirSync(artifactDir).length), 'artifact-url': `file://${target}` },
      record: { name, files: filesUnder(target) },
    };
  },
};

export const downloadArtifactStandIn: StandIn = {
  name: 'actions/download-artifact',
  description: "copies an artifact (or all of them, each in a folder of its name) from the run's artifact folder",
  run({ with: inputs, workspace, artifactDir }) {
    const into = inputs.path ? inWorkspace(workspace, inputs.path, 'path') : workspace;
    const names = inputs.name ? [inputs.name] : existsSync(artifactDir) ? readdirSync(artifactDir) : [];
    for (const name of names) {
      const source = join(artifactDir, name);
      if (!existsSync(source)) throw new Error(`Artifact '${name}' was not uploaded in this run`);
      cpSync(source, inputs.name ? into : join(into, name), { recursive: true });
    }
    return { outputs: { 'download-path': into }, record: { names, path: relative(workspace, into) || '.' } };
  },
};

/** The stand-ins a run uses unless given others, by `uses:` name. */
export const DEFAULT_STAND_INS: ReadonlyMap<string, StandIn> = new Map(
  [checkoutStandIn, uploadSarifStandIn, uploadArtifactStandIn, downloadArtifactStandIn].map((s) => [s.name, s]),
);
