// The inputs contract, generated from every action's inputs table and run against the committed bundles as the
// runner runs them (every action.yml default filled in):
// - a wrong value of every input the config file may set, put in .github/shipgate.yml, fails the step naming the
//   key with file:line:column, before any side effect; a valid value there is read (the debug log says from where);
// - the values users get wrong, given to every input as a step input, fail naming the input, before any side
//   effect: no request to the GitHub API emulator, no command run (a logging command stands in every command
//   input), no file changed in the workspace, and no stack trace.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputSpec } from '@shipgate/kit';
import { actionNames, isConfigurable, loadAction } from '../../scripts/action-metadata.js';
import { startGitHubEmulator, type GitHubEmulator } from '../support/github-emulator/index.js';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { runAction } from '../support/run-action.js';
import { createTempDir } from '../support/services/index.js';

interface Action {
  name: string;
  inputs: Record<string, InputSpec>;
  /** A composite's (preflight's): the config section each of its parts' inputs is read from. */
  sections?: Record<string, string>;
}

/** The config section an input is read from: the action's own, or for a composite the part's that declares it. */
const sectionOf = (action: Action, name: string): string => action.sections?.[name] ?? action.name;

const actions = (await Promise.all(
  (actionNames(repoRoot) as string[]).map((name) => loadAction(repoRoot, name)),
)) as Action[];

let github: GitHubEmulator;
const scratch = createTempDir('input-contract');
const commandLog = scratch.join('commands.log');
const logger = scratch.join('log-command.mjs');

beforeAll(async () => {
  github = await startGitHubEmulator({ owner: 'octo-org', repo: 'octo-repo' });
  writeFileSync(
    logger,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(commandLog)}, process.argv.slice(2).join(' ') + '\\n');\n`,
  );
});
afterAll(async () => {
  await github.close();
  scratch.remove();
});

/** A command that would leave a trace if anything ran it. */
const loggingCommand = (): string => `${requireNode24()} ${logger} ran`;

/** The workspace every run starts from: a probe file, a config file when given, nothing else. */
function workspace(config?: string): string {
  const dir = scratch.join(`ws-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(
    join(dir, '.github/probes.yml'),
    'probes:\n  - name: port\n    kind: tcp\n    host: 127.0.0.1\n    port: 9\n',
  );
  if (config !== undefined) writeFileSync(join(dir, '.github/shipgate.yml'), config);
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[full] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Step inputs every run gets: the required ones valid, every command a logging one, the token of the emulator. */
function baseInputs(action: Action, except: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (name === except) continue;
    if (spec.required) inputs[name] = name === 'version' ? 'v2' : 'value';
    if (spec.kind === 'command') inputs[name] = loggingCommand();
  }
  if ('token' in action.inputs && except !== 'token') inputs.token = github.token;
  return inputs;
}

/** What a user gets wrong, by kind; `undefined` where any text is a valid value. */
function wrongValues(name: string, spec: InputSpec): string[] {
  switch (spec.kind) {
    case 'text':
      if (name === 'config') return ['missing.yml', '.github', '../../../etc/hostname'];
      if (name === 'working-directory') return ['nope', '../../..'];
      return spec.pattern ? ['has spaces; and $(x)'] : [];
    case 'boolean':
      return ['yes'];
    case 'integer':
      return [
        'ten',
        '1.5',
        ...(spec.min !== undefined ? [String(spec.min - 1)] : []),
        ...(spec.max !== undefined ? [String(spec.max + 1)] : []),
      ];
    case 'number':
      return [
        'ten',
        '5%',
        ...(spec.min !== undefined ? [String(spec.min - 1)] : []),
        ...(spec.max !== undefined ? [String(spec.max * 2 + 1)] : []),
      ];
    case 'duration':
      return ['5 minutes', ...(spec.max !== undefined ? ['999h'] : [])];
    case 'choice':
      return ['nope'];
    case 'list':
      return spec.choices ? ['bogus'] : [];
    case 'url':
      return ['not a url', 'ftp://host/x'];
    case 'file':
      return ['missing.yml', '.github', '../../../etc/passwd'];
    case 'targets':
      return ['127.0.0.1:99999', 'unix:/a;b'];
    case 'stages':
      return ['10,5,100', '5,50'];
    case 'command':
      return ['a | b', "'unterminated"];
    case 'secret':
      return name === 'ssh-key' ? ['not a private key'] : [];
    default:
      throw new Error(`No wrong values for kind ${(spec as { kind: string }).kind} of '${name}'`);
  }
}

/** A valid value for a config key, by kind. */
function validValue(name: string, spec: InputSpec): string {
  if (spec.default !== undefined && spec.kind !== 'boolean') return spec.default;
  const samples: Record<string, string> = {
    'nginx-upstream-file': '/etc/nginx/conf.d/shipgate.conf',
    'nginx-pid-file': '/run/nginx.pid',
    'nginx-access-log': '/var/log/nginx/shipgate.log',
    'ssh-host': 'deploy.example.com',
    'ssh-user': 'deploy',
    // approval-gate's own grammars: a window open all day but a minute, a freeze long past.
    windows: 'daily 00:00-23:59',
    freeze: '2000-01-01..2000-01-02',
    // security-scan's image scanner: an image reference, the pinned Trivy release and a digest, an OCI repository.
    image: 'ghcr.io/octo-org/app:1.4.2',
    'trivy-version': '0.69.2',
    'trivy-sha256': 'a'.repeat(64),
    'trivy-db-repository': 'ghcr.io/aquasecurity/trivy-db',
  };
  switch (spec.kind) {
    case 'boolean':
      return spec.default === 'true' ? 'false' : 'true';
    case 'integer':
    case 'number':
      return String(spec.min ?? 1);
    case 'duration':
      return spec.min ?? '1s';
    case 'choice':
      return spec.choices.at(-1) as string;
    case 'list':
      return spec.choices?.[0] ?? 'a';
    case 'url':
      return 'http://127.0.0.1:9/';
    case 'file':
      return '.github/probes.yml';
    case 'targets':
      return '127.0.0.1:8081';
    case 'stages':
      return '50,100';
    case 'command':
      return loggingCommand();
    default:
      return samples[name] ?? 'some text';
  }
}

/** Runs the bundle and checks that it failed before touching anything. */
async function expectRefusedUntouched(
  action: Action,
  inputs: Record<string, string>,
  dir: string,
): Promise<{ message: string; stdout: string }> {
  // A run with valid inputs may run its commands (error-detection's build-command): judge this run on its own.
  rmSync(commandLog, { force: true });
  const before = snapshot(dir);
  const requests = github.requests.length;
  const run = await runAction(action.name, inputs, {
    workspace: dir,
    env: { GITHUB_API_URL: github.url, RUNNER_DEBUG: '1' },
    token: github.token,
  });
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(run.exitCode, run.stdout).toBe(1);
  expect(errors, run.stdout).toHaveLength(1);
  expect(
    run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::debug::'))
      .join('\n'),
  ).not.toMatch(/\n\s+at /);
  expect(github.requests.length - requests, 'requests to GitHub').toBe(0);
  expect(existsSync(commandLog), 'a command ran').toBe(false);
  expect(snapshot(dir)).toEqual(before);
  return { message: errors[0]?.message ?? '', stdout: run.stdout };
}

describe.each(actions.map((a) => [a.name, a] as const))('%s: a wrong value in the config file', (_name, action) => {
  const keys = Object.entries(action.inputs).filter(([, spec]) => isConfigurable(spec) as boolean);
  it.each(keys.map(([name, spec]) => [name, spec] as const))(
    "'%s' fails naming the key with file:line:column, before any side effect",
    async (name, spec) => {
      const wrong = wrongValues(name, spec).find((v) => !v.startsWith('..') && v !== '.github') ?? undefined;
      // Free text of any form is valid: a mapping where a scalar belongs is the mistake left to make.
      const value = wrong === undefined ? '\n    nested: mapping' : ` ${JSON.stringify(wrong)}`;
      const section = sectionOf(action, name);
      const dir = workspace(`${section}:\n  ${name}:${value}\n`);
      const { message } = await expectRefusedUntouched(action, baseInputs(action, name), dir);
      expect(message).toMatch(new RegExp(`^\\.github/shipgate\\.yml:\\d+:\\d+: '${section}\\.${name}'`));
    },
  );

  it.each(keys.map(([name, spec]) => [name, spec] as const))(
    "'%s' with a valid value is read from the file",
    async (name, spec) => {
      const section = sectionOf(action, name);
      const dir = workspace(`${section}:\n  ${name}: ${JSON.stringify(validValue(name, spec))}\n`);
      const run = await runAction(action.name, baseInputs(action, name), {
        workspace: dir,
        env: { GITHUB_API_URL: github.url, RUNNER_DEBUG: '1' },
        token: github.token,
        timeoutMs: 60_000,
      });
      expect(run.stdout).toContain(`::debug::Input '${name}' = `);
      expect(run.stdout).toMatch(
        new RegExp(`::debug::Input '${name}' = .* \\(from \\.github/shipgate\\.yml:2:\\d+ '${section}\\.${name}'\\)`),
      );
      expect(run.annotations.map((a) => a.message).join('\n')).not.toContain(`'${section}.${name}'`);
    },
  );
});

describe.each(actions.map((a) => [a.name, a] as const))('%s: a wrong step input', (_name, action) => {
  const cases = Object.entries(action.inputs).flatMap(([name, spec]) => [
    ...(spec.required ? [[name, ''] as const] : []),
    ...wrongValues(name, spec).map((value) => [name, value] as const),
  ]);
  it.each(cases)("'%s: %s' fails naming the input, before any side effect", async (name, value) => {
    const inputs = { ...baseInputs(action, name), [name]: value };
    // The key is checked with the other SSH settings, which the command provider reaches with no other input.
    if (name === 'ssh-key')
      Object.assign(inputs, {
        provider: 'command',
        'ssh-host': '127.0.0.1',
        'ssh-user': 'deploy',
        'ssh-strict-host-key-checking': 'false',
      });
    const { message } = await expectRefusedUntouched(action, inputs, workspace());
    expect(message).toMatch(new RegExp(`^Input '${name}' `));
  });
});
