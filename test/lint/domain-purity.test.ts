import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const eslint = new ESLint({ cwd: repoRoot });

async function lintMessages(code: string, filePath: string): Promise<ESLint.LintResult['messages']> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
  return result?.messages ?? [];
}

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  return (await lintMessages(code, filePath)).map((m) => m.ruleId ?? m.message);
}

const IMPURE = [
  "import { readFileSync } from 'node:fs';",
  "import { spawn } from 'child_process';",
  "import * as core from '@actions/core';",
  "import { getOctokit } from '@actions/github';",
  'export const a = readFileSync; export const b = spawn; export const c = core; export const d = getOctokit;',
  'export const token = process.env.TOKEN;',
  "export const get = () => fetch('http://x');",
].join('\n');

describe('the domain purity lint rule', () => {
  it('rejects fs, child_process, @actions/*, process.env and fetch in domain packages', async () => {
    const ids = await ruleIds(IMPURE, 'packages/canary/src/judge.ts');
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(4);
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  });

  it('accepts pure code in a domain package', async () => {
    expect(await ruleIds('export const double = (n: number): number => n * 2;\n', 'packages/probes/src/math.ts')).toEqual([]);
  });

  it('does not apply to adapters and the kit; only the kit may import @actions/core', async () => {
    const adapter = await lintMessages(IMPURE, 'packages/traffic/src/nginx.ts');
    expect(adapter.filter((m) => m.ruleId?.startsWith('no-restricted'))).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('@actions/core') })]);
    expect((await ruleIds(IMPURE, 'packages/kit/src/runner-protocol.ts')).filter((id) => id.startsWith('no-restricted'))).toEqual([]);
  });
});

describe('what domain packages may import', () => {
  it("allows the kit's pure modules and refuses its runtime and the adapters", async () => {
    const code = [
      "import { ConfigError } from '../../kit/src/errors.js';",
      "import { parseConfig } from '../../kit/src/config.js';",
      "import { runAction } from '../../kit/src/run-action.js';",
      "import { createGitHubClient } from '../../github/src/index.js';",
      'export const all = [ConfigError, parseConfig, runAction, createGitHubClient];',
    ].join('\n');
    const ids = await ruleIds(code, 'packages/probes/src/parse.ts');
    expect(ids).toEqual(['no-restricted-imports', 'no-restricted-imports']);
  });
});
