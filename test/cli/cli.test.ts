import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/src/args.js';
import { createStyle, renderMarkdown } from '../../cli/src/render.js';
import { repoRoot, requireNode24 } from '../support/paths.js';
import { startHttpTestServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/use-service.js';

const ECHO = join(repoRoot, 'test/fixtures/echo-action');
const SECRET = 'cli-planted-secret-0123456789';

/** Runs the `shipgate` bin as a user would, from a fresh directory. */
function shipgate(args: string[], files: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'shipgate-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(cwd, path, '..'), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, NO_COLOR: '1' };
  const result = spawnSync(requireNode24(), [join(repoRoot, 'cli/bin/shipgate.js'), ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('shipgate CLI', () => {
  it('lists usage and the shipped actions with --help', () => {
    const { code, stdout } = shipgate(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('shipgate <action> [--<input> <value> ...]');
    expect(stdout).toContain('Actions:');
  });

  it("lists an action's inputs and outputs from its action.yml", () => {
    const { code, stdout } = shipgate([ECHO, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--message (required)');
    expect(stdout).toContain('--count (default: 1)');
    expect(stdout).toMatch(/Outputs:\n {2}message: The message\./);
  });

  it('runs an action with flag inputs, renders the summary and outputs, runs the post step, and masks secrets', () => {
    const { code, stdout } = shipgate([ECHO, '--message', 'hi there', `--token=${SECRET}`, '--annotations', '1', '--flag']);
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
    const { code, stdout } = shipgate([ECHO, '--message', 'x', '--count', '7'], { '.github/shipgate.yml': 'version: 1\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('  count: 7');
    const bad = shipgate([ECHO, '--message', 'x'], { '.github/shipgate.yml': 'versoin: 1\n' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("error: .github/shipgate.yml:1:1: 'versoin' is not a known key");
  });

  it('exits 1 with the action error when the action fails', () => {
    const { code, stdout } = shipgate([ECHO, '--message', 'x', '--count', 'many']);
    expect(code).toBe(1);
    expect(stdout).toContain('error: Input \'count\' has an invalid value "many": expected a whole number from 0 to 100.');
    expect(stdout).toContain('failed (exit code 1)');
  });

  it('exits 2 for an unknown action or input, naming what exists', () => {
    const action = shipgate(['no-such-action']);
    expect(action.code).toBe(2);
    expect(action.stderr).toContain("Unknown action 'no-such-action'");
    const input = shipgate([ECHO, '--mesage', 'x']);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain("Unknown input '--mesage'");
    expect(input.stderr).toContain('Its inputs are: message, token');
  });
});

describe('shipgate synthetic-probes', () => {
  it('runs a shipped action by name with its probe file, and renders the probe table', async () => {
    const http = await useService(startHttpTestServer());
    const { spawn } = await import('node:child_process');
    const cwd = mkdtempSync(join(tmpdir(), 'shipgate-cli-'));
    mkdirSync(join(cwd, '.github'));
    writeFileSync(join(cwd, '.github', 'probes.yml'), 'probes:\n  - {name: home, url: /ok}\n  - {name: broken, url: /status/500}\n');
    // Asynchronous: the test server runs in this process and must keep answering.
    const child = spawn(requireNode24(), [join(repoRoot, 'cli/bin/shipgate.js'), 'synthetic-probes', '--base-url', http.url], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stdout).toMatch(/❌ +broken +http +\d+ ms +1 +status: expected 200-299, got 500/);
    expect(stdout).toContain("error: .github/probes.yml:3:5: Probe 'broken' failed: status: expected 200-299, got 500");
    expect(stdout).toMatch(/Outputs\n {2}result: fail/);
  });
});

describe('parseArgs', () => {
  it('reads --name value, --name=value and bare flags', () => {
    expect(parseArgs(['canary-deploy', '--stages', '5,10', '--version=v2', '--emergency', '--debug'])).toEqual({
      kind: 'run',
      action: 'canary-deploy',
      inputs: { stages: '5,10', version: 'v2', emergency: 'true' },
      debug: true,
    });
    expect(parseArgs([])).toEqual({ kind: 'help' });
    expect(() => parseArgs(['x', 'stray'])).toThrow(/Expected --<input>/);
  });
});

describe('renderMarkdown', () => {
  it('aligns tables and flattens headings and details for a terminal', () => {
    const text = renderMarkdown('## Title\n\n| a | long header |\n| --- | ---: |\n| x\\|y | 1 |\n\n<details><summary>More &amp; more</summary>\n\n- item\n\n</details>\n', createStyle(false));
    expect(text).toBe('Title\n\na    long header\nx|y  1\n\n▸ More & more\n\n• item');
  });

  it('replaces a Mermaid chart with a note', () => {
    expect(renderMarkdown('## A\n\n```mermaid\nxychart-beta\n  line [1, 2]\n```\n\nafter\n', createStyle(false))).toBe('A\n\n(chart: see the job summary on GitHub)\n\nafter');
  });
});
