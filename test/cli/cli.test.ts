import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, parseRunArgs } from '../../cli/src/args.js';
import { envNameOf, mergeInputs, parseInputFile, readEnvInputs } from '../../cli/src/input-sources.js';
import { createStyle, renderMarkdown } from '../../cli/src/render.js';
import { detectRepository, tryParseGitHubRemote } from '../../cli/src/repository.js';
import { closest } from '../../cli/src/suggest.js';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/use-service.js';

const ECHO = join(repoRoot, 'test/fixtures/echo-action');
const CONTEXT = join(repoRoot, 'test/fixtures/context-action');
const SECRET = 'cli-planted-secret-0123456789';
const BIN = join(repoRoot, 'cli/bin/shipgate.js');

interface Invocation {
  /** Files to create in the fresh working directory. */
  files?: Record<string, string>;
  /** Extra environment (the base is PATH, HOME, NO_COLOR and a TMPDIR of the test's own). */
  env?: Record<string, string>;
  /** Prepares the working directory (git init, ...). */
  setup?: (cwd: string) => void;
}

/** A fresh working directory and a TMPDIR of its own, so a test sees exactly the job folders its run left. */
function prepare({ files = {}, env = {}, setup }: Invocation) {
  const cwd = mkdtempSync(join(tmpdir(), 'shipgate-cli-'));
  const tmp = mkdtempSync(join(tmpdir(), 'shipgate-cli-tmp-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(cwd, path, '..'), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  setup?.(cwd);
  const fullEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, NO_COLOR: '1', TMPDIR: tmp, ...env };
  return { cwd, env: fullEnv, leftovers: () => readdirSync(tmp) };
}

/** Runs the `shipgate` bin as a user would, from a fresh directory. */
function shipgate(args: string[], files: Record<string, string> = {}, more: Omit<Invocation, 'files'> = {}) {
  const { cwd, env, leftovers } = prepare({ files, ...more });
  const result = spawnSync(requireNode24(), [BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, leftovers };
}

/** `shipgate <args> --json`, parsed. */
function shipgateJson(args: string[], more: Invocation = {}) {
  const run = shipgate([...args, '--json'], more.files, more);
  let json: { conclusion: string; outputs: Record<string, string>; report?: unknown };
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON on stdout (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, json };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('shipgate CLI', () => {
  it('lists usage and the shipped actions with --help', () => {
    const { code, stdout } = shipgate(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('shipgate <action> [--<input> <value> ...] [--input-file <file>] [--json] [--debug]');
    expect(stdout).toContain('booleans too: --emergency true');
    expect(stdout).toContain('SHIPGATE_INPUT_BASE_URL');
    expect(stdout).toContain('Flags win over the file, the file over the environment');
    expect(stdout).toContain('GITHUB_TOKEN, else GH_TOKEN');
    expect(stdout).toContain('Actions:');
  });

  it('knows the root action, preflight, by name: listed, its inputs from the root action.yml, and run', () => {
    expect(shipgate(['--help']).stdout).toMatch(/\n {2}preflight +Error detection and security scan in one step/);
    const help = shipgate(['preflight', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--min-score');
    expect(help.stdout).toContain('--scanners');
    expect(help.stdout).toContain('--sarif-file');
    const run = shipgateJson(['preflight', '--scanners', 'secrets'], {
      files: { 'src/a.js': 'export const a = 1;\n' },
    });
    expect(run.json.conclusion, run.stdout).toBe('success');
    expect(run.json.outputs).toMatchObject({ result: 'pass', 'error-detection': 'pass', 'security-scan': 'pass' });
  });

  it("lists an action's inputs and outputs from its action.yml", () => {
    const { code, stdout } = shipgate([ECHO, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--message (required)');
    expect(stdout).toContain('--count (default: 1)');
    expect(stdout).toMatch(/Outputs:\n {2}message: The message\./);
  });

  it('runs an action with flag inputs, renders the summary and outputs, runs the post step, and masks secrets', () => {
    const { code, stdout } = shipgate([
      ECHO,
      '--message',
      'hi there',
      `--token=${SECRET}`,
      '--annotations',
      '1',
      '--flag',
      'true',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Input +Value\nmessage +hi there/);
    expect(stdout).toContain('error: src/app.ts:1:2: rule-1: finding 1 ***');
    expect(stdout).toContain('post step saw state: hi there');
    expect(stdout).toMatch(/Outputs\n {2}message: hi there/);
    expect(stdout).toContain('  flag: true');
    expect(stdout).toContain('succeeded');
    expect(stdout).not.toContain(SECRET);
  });

  it('loads and validates .github/shipgate.yml from the directory it runs in', () => {
    const { code, stdout } = shipgate([ECHO, '--message', 'x', '--count', '7'], {
      '.github/shipgate.yml': 'version: 1\n',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('  count: 7');
    const bad = shipgate([ECHO, '--message', 'x'], { '.github/shipgate.yml': 'versoin: 1\n' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("error: .github/shipgate.yml:1:1: 'versoin' is not a known key");
  });

  it('exits 1 with the action error when the action fails', () => {
    const { code, stdout } = shipgate([ECHO, '--message', 'x', '--count', 'many']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'error: Input \'count\' has an invalid value "many": expected a whole number from 0 to 100.',
    );
    expect(stdout).toContain('failed (exit code 1)');
  });

  it('exits 2 for an unknown action or input, naming what exists', () => {
    const action = shipgate(['no-such-action']);
    expect(action.code).toBe(2);
    expect(action.stderr).toContain("Unknown action 'no-such-action'");
    const input = shipgate([ECHO, '--mesage', 'x']);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain("Unknown input '--mesage'");
    expect(input.stderr).toContain("Did you mean '--message'?");
    expect(input.stderr).toContain('Its inputs are: message, token');
  });

  it('exits 2 when a flag has no value, instead of taking it as "true"', () => {
    for (const args of [
      [ECHO, '--message'],
      [ECHO, '--message', '--count', '3'],
      [ECHO, '--message', 'x', '--flag'],
    ]) {
      const run = shipgate(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(
        /'--(message|flag)' needs a value: --(message|flag) <value> or --(message|flag)=<value>/,
      );
      expect(run.leftovers()).toEqual([]);
    }
  });
});

describe('shipgate: the job a local run gets', () => {
  it('evaluates ${{ github.token }} from GITHUB_TOKEN, else GH_TOKEN, and masks it', () => {
    const fromGithub = shipgateJson([CONTEXT], { env: { GITHUB_TOKEN: 'ghs_fromGithubToken', GH_TOKEN: 'gho_other' } });
    expect(fromGithub.code).toBe(0);
    expect(fromGithub.json.outputs['token-sha256']).toBe(sha256('ghs_fromGithubToken'));
    expect(fromGithub.json.outputs.token).toBe('***');
    expect(fromGithub.stderr).toContain('job token seen in the log: ***');
    expect(fromGithub.stdout + fromGithub.stderr).not.toContain('ghs_fromGithubToken');

    const fromGh = shipgateJson([CONTEXT], { env: { GH_TOKEN: 'gho_fromGhToken' } });
    expect(fromGh.json.outputs['token-sha256']).toBe(sha256('gho_fromGhToken'));
  });

  it('passes an empty token, never the expression text, when there is none, and says so', () => {
    const run = shipgateJson([CONTEXT]);
    expect(run.code).toBe(0);
    expect(run.json.outputs.token).toBe('');
    expect(run.stderr).toContain(
      "note: input 'token' defaults to ${{ github.token }}, and neither GITHUB_TOKEN nor GH_TOKEN is set",
    );
    expect(run.json.outputs['token-sha256']).toBe(sha256(''));
  });

  it('refuses a default with any other expression, naming the input, before anything runs', () => {
    const yml =
      'name: x\nruns: {using: node24, main: main.js}\ninputs:\n  key:\n    default: ${{ secrets.DEPLOY_KEY }}\n';
    const run = shipgate(['./expr-action'], { 'expr-action/action.yml': yml });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Input 'key' defaults to '${{ secrets.DEPLOY_KEY }}' in action.yml");
    expect(run.stderr).toContain('Give --key a value.');
    expect(run.leftovers()).toEqual([]);
  });

  it('takes the repository from GITHUB_REPOSITORY, else the GitHub origin remote, else leaves it unset', () => {
    const withRemote = (url: string) => (cwd: string) => {
      git(cwd, 'init', '-q');
      git(cwd, 'remote', 'add', 'origin', url);
    };
    expect(
      shipgateJson([CONTEXT], { setup: withRemote('https://github.com/acme/shop.git') }).json.outputs.repository,
    ).toBe('acme/shop');
    expect(shipgateJson([CONTEXT], { setup: withRemote('git@github.com:acme/cart.git') }).json.outputs.repository).toBe(
      'acme/cart',
    );
    const fromEnv = shipgateJson([CONTEXT], {
      setup: withRemote('git@github.com:acme/cart.git'),
      env: { GITHUB_REPOSITORY: 'acme/env' },
    });
    expect(fromEnv.json.outputs.repository).toBe('acme/env');
    expect(shipgateJson([CONTEXT], { setup: withRemote('git@gitlab.com:acme/cart.git') }).json.outputs.repository).toBe(
      '',
    );
    const none = shipgateJson([CONTEXT]);
    expect(none.json.outputs.repository).toBe('');
    expect(none.json.report).toEqual({ schema: 'shipgate/context-fixture/v1', repository: null });
  });

  it('reads inputs from the environment and from --input-file; flags win over the file, the file over the environment', () => {
    const env = { [envNameOf('base-url')]: 'from-env', [envNameOf('wait')]: 'no' };
    const files = { 'inputs.yml': 'base-url: from-file\n' };
    expect(shipgateJson([CONTEXT], { env }).json.outputs['base-url']).toBe('from-env');
    expect(shipgateJson([CONTEXT, '--input-file', 'inputs.yml'], { env, files }).json.outputs['base-url']).toBe(
      'from-file',
    );
    const flagged = shipgateJson([CONTEXT, '--input-file=inputs.yml', '--base-url', 'from-flag'], { env, files });
    expect(flagged.json.outputs['base-url']).toBe('from-flag');
    // The step sees its inputs as INPUT_*, not our SHIPGATE_INPUT_* variables.
    expect(flagged.json.outputs['input-variables']).toBe('INPUT_BASE-URL,INPUT_TOKEN,INPUT_WAIT');
  });

  it('exits 2 for a wrong input file, naming the file and line', () => {
    const typo = shipgate([CONTEXT, '--input-file', 'inputs.yml'], { 'inputs.yml': 'wait: no\nbase-ulr: x\n' });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("inputs.yml:2: unknown input 'base-ulr'. Did you mean 'base-url'?");
    const missing = shipgate([CONTEXT, '--input-file', 'nope.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read the input file 'nope.yml': ENOENT");
  });

  it('prints the outputs and the parsed report as one JSON object with --json, and the log on stderr', () => {
    const run = shipgateJson([ECHO, '--message', 'json please']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ conclusion: 'success', outputs: { message: 'json please', count: '1' } });
    expect(run.json.report).toMatchObject({ schema: 'shipgate/echo-fixture/v1', data: { message: 'json please' } });
    expect(run.stderr).toContain('succeeded');
    const failed = shipgateJson([ECHO, '--message', 'x', '--count', 'many']);
    expect(failed.code).toBe(1);
    expect(failed.json.conclusion).toBe('failure');
  });

  it('removes the job folder after a success and after a failure', () => {
    const ok = shipgate([ECHO, '--message', 'x']);
    expect(ok.code).toBe(0);
    expect(ok.leftovers()).toEqual([]);
    const failed = shipgate([ECHO, '--message', 'x', '--outcome', 'crash']);
    expect(failed.code).toBe(1);
    expect(failed.leftovers()).toEqual([]);
  });

  /** Starts the CLI and sends it SIGINT each time its output shows the next of `markers`. */
  async function interrupt(args: string[], markers: string[]) {
    const { cwd, env, leftovers } = prepare({});
    const child = spawn(requireNode24(), [BIN, ...args], { cwd, env });
    let stdout = '';
    let sent = 0;
    let during: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const marker = markers[sent];
      if (marker !== undefined && stdout.includes(marker)) {
        if (sent === 0) during = leftovers();
        sent++;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(sent).toBe(markers.length);
    expect(during).toHaveLength(1); // the job folder existed while the step ran
    return { code, stdout, leftovers };
  }

  it('on Ctrl-C cancels the step as GitHub does, still runs the post step, removes the job folder and exits 130', async () => {
    const run = await interrupt([CONTEXT, '--wait', 'forever'], ['waiting to be cancelled']);
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('post step ran, state started=yes');
    expect(run.stdout).toContain('cancelled (SIGINT)');
    expect(run.leftovers()).toEqual([]);
  });

  it('on a second Ctrl-C kills a step that ignores SIGINT, skips the post step, and cleans up', async () => {
    const run = await interrupt(
      [CONTEXT, '--wait', 'ignoring-sigint'],
      ['waiting to be cancelled', 'got SIGINT, carrying on'],
    );
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('got SIGINT, carrying on');
    expect(run.stdout).not.toContain('post step ran');
    expect(run.leftovers()).toEqual([]);
  });
});

describe('shipgate synthetic-probes', () => {
  it('runs a shipped action by name with its probe file, and renders the probe table', async () => {
    const http = await useService(startHttpTestServer());
    const cwd = mkdtempSync(join(tmpdir(), 'shipgate-cli-'));
    mkdirSync(join(cwd, '.github'));
    writeFileSync(
      join(cwd, '.github', 'probes.yml'),
      'probes:\n  - {name: home, url: /ok}\n  - {name: broken, url: /status/500}\n',
    );
    // Asynchronous: the test server runs in this process and must keep answering.
    const child = spawn(
      requireNode24(),
      [join(repoRoot, 'cli/bin/shipgate.js'), 'synthetic-probes', '--base-url', http.url],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stdout).toMatch(/❌ +broken +http +\d+ ms +1 +status: expected 200-299, got 500/);
    expect(stdout).toContain("error: .github/probes.yml:3:5: Probe 'broken' failed: status: expected 200-299, got 500");
    expect(stdout).toMatch(/Outputs\n {2}result: fail/);
  });
});

describe('parseCommand', () => {
  it('reads help, version or the action and leaves its flags', () => {
    expect(parseCommand([])).toEqual({ kind: 'help' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommand(['rollback', '--to', 'v1'])).toEqual({
      kind: 'action',
      action: 'rollback',
      args: ['--to', 'v1'],
    });
    expect(() => parseCommand(['--nope'])).toThrow(/Unknown option '--nope'/);
  });
});

describe('parseRunArgs', () => {
  const declared = ['stages', 'version', 'emergency', 'offset'];

  it('reads --name value and --name=value, and the CLI flags', () => {
    expect(
      parseRunArgs(
        'canary-deploy',
        ['--stages', '5,10', '--version=v2', '--emergency', 'true', '--debug', '--json'],
        declared,
      ),
    ).toEqual({
      help: false,
      debug: true,
      json: true,
      inputFile: undefined,
      inputs: { stages: '5,10', version: 'v2', emergency: 'true' },
    });
    expect(parseRunArgs('x', ['--offset=-5', '--input-file', 'in.yml'], declared)).toMatchObject({
      inputs: { offset: '-5' },
      inputFile: 'in.yml',
    });
    expect(parseRunArgs('x', ['--stages', '--oops', '-h'], declared).help).toBe(true);
  });

  it('refuses a flag without its value, naming the flag', () => {
    expect(() => parseRunArgs('x', ['--emergency'], declared)).toThrow(
      "'--emergency' needs a value: --emergency <value> or --emergency=<value>.",
    );
    expect(() => parseRunArgs('x', ['--stages', '--debug'], declared)).toThrow(
      /'--stages' needs a value.* It is followed by '--debug'/,
    );
    expect(() => parseRunArgs('x', ['--offset', '-5'], declared)).toThrow('if that is the value, write --offset=-5');
    expect(() => parseRunArgs('x', ['--input-file'], declared)).toThrow(
      "'--input-file' needs the path of a file of inputs.",
    );
    expect(() => parseRunArgs('x', ['--json=yes'], declared)).toThrow("'--json' takes no value.");
  });

  it('refuses an undeclared flag with the closest declared input, and a stray word', () => {
    expect(() => parseRunArgs('x', ['--verison', 'v1'], declared)).toThrow(
      "Unknown input '--verison' for x. Did you mean '--version'? Its inputs are: stages, version, emergency, offset.",
    );
    expect(() => parseRunArgs('x', ['--zzz', 'v1'], declared)).toThrow(/^Unknown input '--zzz' for x\. Its inputs/);
    expect(() => parseRunArgs('x', ['stray'], declared)).toThrow(/Unexpected argument 'stray'/);
  });
});

describe('closest', () => {
  it('suggests a near name or the only one with that prefix, and nothing far off', () => {
    expect(closest('mesage', ['message', 'token'])).toBe('message');
    expect(closest('stage-duraton', ['stages', 'stage-duration'])).toBe('stage-duration');
    expect(closest('emerg', ['emergency', 'to'])).toBe('emergency');
    expect(closest('xyz', ['message', 'token'])).toBeUndefined();
  });
});

describe('input sources', () => {
  const declared = ['token', 'base-url', 'ssh-key'];

  it('reads a YAML input file as text, block scalars included', () => {
    expect(
      parseInputFile('token: ghp_x\nbase-url: "http://a"\nssh-key: |\n  line 1\n  line 2\n', 'in.yml', declared),
    ).toEqual({
      token: 'ghp_x',
      'base-url': 'http://a',
      'ssh-key': 'line 1\nline 2\n',
    });
    expect(parseInputFile('token: true\nbase-url:\n', 'in.yml', declared)).toEqual({ token: 'true', 'base-url': '' });
    expect(parseInputFile('', 'in.yml', declared)).toEqual({});
  });

  it('refuses a list, an unknown name or a non-mapping, naming the file and line', () => {
    expect(() => parseInputFile('token: x\nbase-url: [a]\n', 'in.yml', declared)).toThrow(
      "in.yml:2: the value of 'base-url' must be text",
    );
    expect(() => parseInputFile('tokn: x\n', 'in.yml', declared)).toThrow(
      "in.yml:1: unknown input 'tokn'. Did you mean 'token'?",
    );
    expect(() => parseInputFile('token=x\n', 'in.yml', declared)).toThrow("in.yml: expected lines of 'name: value'");
  });

  it('reads declared inputs from SHIPGATE_INPUT_* and ranks flags over the file over the environment', () => {
    expect(envNameOf('base-url')).toBe('SHIPGATE_INPUT_BASE_URL');
    expect(readEnvInputs({ SHIPGATE_INPUT_BASE_URL: 'u', SHIPGATE_INPUT_OTHER: 'o' }, declared)).toEqual({
      'base-url': 'u',
    });
    expect(mergeInputs({ a: 'flag' }, { a: 'file', b: 'file' }, { a: 'env', b: 'env', c: 'env' })).toEqual({
      a: 'flag',
      b: 'file',
      c: 'env',
    });
  });
});

describe('tryParseGitHubRemote / detectRepository', () => {
  it('reads owner/name from https and ssh remotes on GitHub only', () => {
    for (const url of [
      'https://github.com/acme/shop.git',
      'https://github.com/acme/shop',
      'https://user@github.com/acme/shop/',
      'git@github.com:acme/shop.git',
      'ssh://git@github.com/acme/shop.git',
      'ssh://git@github.com:22/acme/shop',
    ]) {
      expect(tryParseGitHubRemote(url), url).toBe('acme/shop');
    }
    expect(tryParseGitHubRemote('git@gitlab.com:acme/shop.git')).toBeUndefined();
    expect(tryParseGitHubRemote('https://github.com/acme')).toBeUndefined();
    expect(tryParseGitHubRemote('/srv/git/shop.git')).toBeUndefined();
    expect(tryParseGitHubRemote('git@ghe.example.com:acme/shop.git', 'ghe.example.com')).toBe('acme/shop');
  });

  it("prefers GITHUB_REPOSITORY, then the origin remote on GITHUB_SERVER_URL's host", () => {
    const origin = () => 'git@ghe.example.com:acme/shop.git';
    expect(detectRepository({ GITHUB_REPOSITORY: 'a/b' }, '/x', origin)).toBe('a/b');
    expect(detectRepository({}, '/x', origin)).toBeUndefined();
    expect(detectRepository({ GITHUB_SERVER_URL: 'https://ghe.example.com' }, '/x', origin)).toBe('acme/shop');
    expect(detectRepository({}, '/x', () => undefined)).toBeUndefined();
  });
});

describe('renderMarkdown', () => {
  it('aligns tables and flattens headings and details for a terminal', () => {
    const text = renderMarkdown(
      '## Title\n\n| a | long header |\n| --- | ---: |\n| x\\|y | 1 |\n\n<details><summary>More &amp; more</summary>\n\n- item\n\n</details>\n',
      createStyle(false),
    );
    expect(text).toBe('Title\n\na    long header\nx|y  1\n\n▸ More & more\n\n• item');
  });

  it('replaces a Mermaid chart with a note', () => {
    expect(renderMarkdown('## A\n\n```mermaid\nxychart-beta\n  line [1, 2]\n```\n\nafter\n', createStyle(false))).toBe(
      'A\n\n(chart: see the job summary on GitHub)\n\nafter',
    );
  });
});
