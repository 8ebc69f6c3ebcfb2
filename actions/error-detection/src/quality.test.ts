import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '@shipgate/findings';
import { SECRET_MAKERS, SeededRandom } from '@shipgate/secrets/testing';
import type { CheckScope, ToolVersions } from './check.js';
import { CHECKS } from './checks.js';
import { buildCheck } from './checks/build-check.js';
import { composeCheck } from './checks/compose-check.js';
import { dependenciesCheck } from './checks/dependencies-check.js';
import { envCheck } from './checks/env-check.js';
import { kubernetesCheck } from './checks/kubernetes-check.js';
import { checkToolchains } from './checks/toolchains.js';
import { scanWorkspace } from './workspace-files.js';

/**
 * The labelled quality sets of error-detection (test/fixtures/error-detection/quality/<category>/): sample
 * repositories with planted defects and tricky valid files. Each category's labels.json lists, per file
 * (`<repository>/<path>`, or `<repository>` for findings without a file), every finding expected as `rule@line`; a
 * finding counts as a true positive only when the same rule is expected at the same line of the same file.
 * settings.json gives a repository what the job would (environment variables, tool versions, the build command's
 * recorded output, the Kubernetes version). Values written `{{secret:<kind>}}` are replaced by a generated fake
 * secret of that kind (@shipgate/secrets' labelled corpus) when the repository is copied, so no secret-looking
 * literal is committed.
 */
const ROOT = fileURLToPath(new URL('../../../test/fixtures/error-detection/quality/', import.meta.url));
const CATEGORIES = ['env', 'dependencies', 'build', 'kubernetes', 'compose'] as const;
type Category = (typeof CATEGORIES)[number];
/** Each category's directory (`build/` would be git-ignored). */
const DIRECTORY: Readonly<Record<Category, string>> = {
  env: 'env',
  dependencies: 'dependencies',
  build: 'build-and-toolchains',
  kubernetes: 'kubernetes',
  compose: 'compose',
};

interface RepositorySettings {
  environment?: Record<string, string>;
  kubernetesVersion?: string;
  /** Versions the runner has, over DEFAULT_TOOLS (null: not on PATH). */
  tools?: Partial<Record<Parameters<ToolVersions['version']>[0], string | null>>;
  /**
   * The build command's recorded output (a file beside labels.json, `{{root}}` standing for the working
   * directory the tool printed) and exit code.
   */
  build?: { command: string[]; output: string; code: number };
}

/** The runner's tools when settings.json does not say: what a GitHub-hosted ubuntu runner has. */
const DEFAULT_TOOLS = { node: '20.19.5', go: '1.24.7', rustc: '1.90.0', python: '3.12.3' };

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'));
}

/** A copy of the sample repository with its `{{secret:kind}}` markers filled in. */
function materialise(source: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'error-detection-quality-'));
  temporary.push(copy);
  cpSync(source, copy, { recursive: true });
  const random = new SeededRandom(13);
  for (const file of filesUnder(copy)) {
    const text = readFileSync(join(copy, file), 'utf8');
    if (!text.includes('{{secret:')) continue;
    const filled = text.replace(/\{\{secret:([\w-]+)\}\}/g, (_, kind: string) => {
      const make = SECRET_MAKERS[kind];
      if (!make)
        throw new Error(`${file}: unknown secret kind ${kind}: expected one of @shipgate/secrets' SECRET_MAKERS`);
      return make(random).secret;
    });
    writeFileSync(join(copy, file), filled);
  }
  return copy;
}

function scopeOf(root: string, settings: RepositorySettings, category: Category): CheckScope {
  const files = scanWorkspace({ root, prefix: '', globs: [], trackedFiles: new Set(filesUnder(root)) });
  const tools = { ...DEFAULT_TOOLS, ...settings.tools };
  const build = settings.build;
  return {
    files,
    kubernetesVersion: settings.kubernetesVersion ?? '1.34',
    envFile: { path: '.env', given: false },
    envExample: { path: '.env.example', given: false },
    environment: (name) => settings.environment?.[name],
    buildCommand: build?.command,
    buildTimeoutMs: 600_000,
    tools: { version: async (tool) => tools[tool] ?? undefined },
    // Stub: the recorded output of the build (real tsc, eslint, cargo and go runs), so the set needs no toolchains.
    runCommand: async () => ({
      code: build?.code ?? 0,
      stdout: build
        ? readFileSync(join(ROOT, DIRECTORY[category], build.output), 'utf8').replaceAll('{{root}}', root)
        : '',
      stderr: '',
    }),
    log: () => {},
  };
}

async function findingsOf(category: Category, scope: CheckScope): Promise<Finding[]> {
  switch (category) {
    case 'env':
      return (await envCheck.check(scope)).findings;
    case 'dependencies':
      return (await dependenciesCheck.check(scope)).findings;
    case 'build':
      return [
        ...(scope.buildCommand ? (await buildCheck.check(scope)).findings : []),
        ...(await checkToolchains(scope)),
      ];
    case 'kubernetes':
      return (await kubernetesCheck.check(scope)).findings;
    case 'compose':
      return (await composeCheck.check(scope)).findings;
  }
}

interface Score {
  category: Category;
  repositories: number;
  truePositives: number;
  expected: number;
  reported: number;
  misses: string[];
  extras: string[];
}

async function score(category: Category): Promise<Score> {
  const dir = join(ROOT, DIRECTORY[category]);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<string, string[]>;
  const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, RepositorySettings>;
  const repositories = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  const s: Score = {
    category,
    repositories: repositories.length,
    truePositives: 0,
    expected: 0,
    reported: 0,
    misses: [],
    extras: [],
  };
  const expected = new Map<string, string[]>(Object.entries(labels).map(([file, keys]) => [file, [...keys]]));
  for (const keys of expected.values()) s.expected += keys.length;
  for (const repository of repositories) {
    const root = materialise(join(dir, repository));
    for (const finding of await findingsOf(category, scopeOf(root, settings[repository] ?? {}, category))) {
      s.reported++;
      const file = finding.location ? `${repository}/${finding.location.file}` : repository;
      const key = `${finding.ruleId}@${finding.location?.line ?? 0}`;
      const keys = expected.get(file) ?? [];
      const at = keys.indexOf(key);
      if (at === -1) s.extras.push(`${file}: ${key} ${finding.message}`);
      else {
        keys.splice(at, 1);
        s.truePositives++;
      }
    }
  }
  for (const [file, keys] of expected) s.misses.push(...keys.map((key) => `${file}: ${key}`));
  return s;
}

describe('the labelled quality sets of error-detection', () => {
  it.each(CATEGORIES)('%s: labels name files that exist', (category) => {
    const dir = join(ROOT, DIRECTORY[category]);
    const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<string, string[]>;
    const files = new Set(filesUnder(dir).filter((file) => file.includes('/')));
    const repositories = new Set(readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()));
    for (const [file, keys] of Object.entries(labels)) {
      expect(files.has(file) || repositories.has(file), `${category}/${file}`).toBe(true);
      for (const key of keys) expect(key, `${category}/${file}`).toMatch(/^[\w-]+\/[\w-]+@\d+$/);
    }
  });

  it.each(CATEGORIES)('%s: recall ≥ 95% and precision ≥ 98%, every miss and false alarm listed', async (category) => {
    const s = await score(category);
    const recall = s.expected === 0 ? 1 : s.truePositives / s.expected;
    const precision = s.reported === 0 ? 1 : s.truePositives / s.reported;
    console.log(
      `error-detection quality ${category}: ${s.repositories} repositories, recall ${(recall * 100).toFixed(1)}% (${s.truePositives}/${s.expected}), precision ${(precision * 100).toFixed(1)}% (${s.truePositives}/${s.reported})`,
    );
    for (const line of [...s.misses.map((m) => `missed ${m}`), ...s.extras.map((e) => `false alarm ${e}`)])
      console.log(`  ${line}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.98);
  });

  it('finds nothing at all in a clean repository, every category run', async () => {
    const root = materialise(join(ROOT, 'clean-repository'));
    const scope = scopeOf(root, { tools: { node: '22.20.0' } }, 'build');
    const findings = [];
    for (const check of CHECKS) findings.push(...(await check.check(scope)).findings);
    expect(findings.map((f) => `${f.location?.file}:${f.location?.line} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
