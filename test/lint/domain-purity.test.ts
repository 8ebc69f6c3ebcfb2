import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { expectBan, ruleIds, type BanCase } from './lint-sample.js';

// eslint.config.js is plain JavaScript without types; its one list of domain packages is read at run time.
const { DOMAIN_PACKAGES } = (await import(pathToFileURL(join(repoRoot, 'eslint.config.js')).href)) as {
  DOMAIN_PACKAGES: string[];
};

const SRC = 'packages/canary/src/judges/judge.ts';
const CLEAN_IMPORTS = [
  "import { InputError } from '@shipgate/core';",
  "import { addSide } from '../rollout/side-sums.js';",
  'export const all = [InputError, addSide];',
].join('\n');

const IMPORTS: BanCase[] = [
  { what: 'node: built-ins', bad: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;" },
  { what: 'bare built-ins', bad: "import { spawn } from 'child_process';\nexport const a = spawn;" },
  { what: '@actions/*', bad: "import { getOctokit } from '@actions/github';\nexport const a = getOctokit;" },
  { what: 'the kit', bad: "import { runAction } from '@shipgate/kit';\nexport const a = runAction;" },
  {
    what: 'adapters',
    bad: "import { createGitHubClient } from '@shipgate/github';\nexport const a = createGitHubClient;",
  },
  { what: 'other domain packages', bad: "import { runSuite } from '@shipgate/probes';\nexport const a = runSuite;" },
  { what: 'npm libraries (yaml)', bad: "import { parse } from 'yaml';\nexport const a = parse;" },
  { what: 'dynamic imports', bad: "export const load = () => import('node:child_process');" },
  { what: 'type-only imports', bad: "import type { Shell } from '@shipgate/exec';\nexport type A = Shell;" },
  { what: 're-exports', bad: "export { weights } from '@shipgate/traffic';" },
  {
    what: 'relative paths out of the package',
    bad: "import { tmp } from '../../../../test/support/paths.js';\nexport const a = tmp;",
  },
].map((c) => ({ ...c, file: SRC, good: CLEAN_IMPORTS, rules: ['shipgate/domain-imports'] }));

// A Clock from @shipgate/core is what pure code reads time from.
const CLEAN_TIME = [
  "import type { Clock } from '@shipgate/core';",
  'export async function wait(clock: Clock, signal: AbortSignal): Promise<Date> {',
  '  await clock.sleep(5, signal);',
  '  return new Date(clock.now());',
  '}',
].join('\n');

const GLOBALS: BanCase[] = [
  { what: 'Date.now', bad: 'export const t = Date.now();', rules: ['no-restricted-properties'] },
  { what: 'new Date()', bad: 'export const t = new Date();', rules: ['no-restricted-syntax'] },
  { what: 'Date()', bad: 'export const t = Date();', rules: ['no-restricted-syntax'] },
  { what: 'Math.random', bad: 'export const r = Math.random();', rules: ['no-restricted-properties'] },
  { what: 'performance', bad: 'export const t = performance.now();', rules: ['no-restricted-globals'] },
  {
    what: 'globalThis.performance',
    bad: 'export const t = globalThis.performance.now();',
    rules: ['no-restricted-properties'],
  },
  {
    what: 'setTimeout',
    bad: 'export const s = (f: () => void) => setTimeout(f, 5);',
    rules: ['no-restricted-globals'],
  },
  {
    what: 'setInterval',
    bad: 'export const s = (f: () => void) => setInterval(f, 5);',
    rules: ['no-restricted-globals'],
  },
  {
    what: 'setImmediate',
    bad: 'export const s = (f: () => void) => setImmediate(f);',
    rules: ['no-restricted-globals'],
  },
  { what: 'clearTimeout', bad: 'export const c = (t: number) => clearTimeout(t);', rules: ['no-restricted-globals'] },
  { what: 'clearInterval', bad: 'export const c = (t: number) => clearInterval(t);', rules: ['no-restricted-globals'] },
  {
    what: 'clearImmediate',
    bad: 'export const c = (t: number) => clearImmediate(t);',
    rules: ['no-restricted-globals'],
  },
  { what: 'process', bad: 'export const token = process.env.TOKEN;', rules: ['no-restricted-globals'] },
  {
    what: 'globalThis.process',
    bad: 'export const token = globalThis.process.env.TOKEN;',
    rules: ['no-restricted-properties'],
  },
  { what: 'fetch', bad: "export const get = () => fetch('http://x');", rules: ['no-restricted-globals'] },
  { what: 'crypto', bad: 'export const id = () => crypto.randomUUID();', rules: ['no-restricted-globals'] },
].map((c) => ({ ...c, file: SRC, good: CLEAN_TIME }));

describe('what domain source may import (an allow-list)', () => {
  it.each(IMPORTS)('refuses $what', expectBan);

  it('accepts the JSON Schemas under schema/ (data, no code)', async () => {
    const code =
      "import schema from '../../../../schema/probes.schema.json' with { type: 'json' };\nexport const s = schema;";
    expect(await ruleIds(code, 'packages/probes/src/probe-file/probe-schema.ts')).toEqual([]);
  });

  it.each(DOMAIN_PACKAGES)('applies to packages/%s', async (name: string) => {
    await expectBan({
      what: name,
      file: `packages/${name}/src/x.ts`,
      bad: IMPORTS[0]!.bad,
      good: "import { InputError } from '@shipgate/core';\nexport const e = InputError;",
      rules: ['shipgate/domain-imports'],
    });
  });

  it('applies to fakes under src/testing/ too', async () => {
    await expectBan({ ...IMPORTS[0]!, file: 'packages/canary/src/testing/fakes.ts' });
  });
});

describe('what domain source may not call', () => {
  it.each(GLOBALS)('refuses $what', expectBan);
});

describe('domain tests', () => {
  const TEST = 'packages/probes/src/probe-file/parse-probe-file.test.ts';

  it('may use vitest, yaml, ajv and fixtures as text', async () => {
    const code = [
      "import { Ajv } from 'ajv';",
      "import { expect, it } from 'vitest';",
      "import { parse } from 'yaml';",
      "import complete from '../../../../test/fixtures/probes/complete.yml?raw';",
      "it('parses', () => expect(new Ajv().validate({}, parse(complete))).toBe(true));",
    ].join('\n');
    expect(await ruleIds(code, TEST)).toEqual([]);
  });

  it('refuses Node built-ins', async () => {
    await expectBan({ ...IMPORTS[0]!, file: TEST, good: "import { it } from 'vitest';\nit('x', () => undefined);" });
  });

  it('refuses the real clock', async () => {
    await expectBan({ ...GLOBALS[0]!, file: TEST });
  });
});

describe('outside domain packages', () => {
  it('adapters, the kit and actions may do I/O', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { context as core } from '@actions/github';",
      'export const all = [readFileSync, core, Date.now(), process.env, performance.now(), setTimeout];',
    ].join('\n');
    for (const file of [
      'packages/traffic/src/nginx-provider.ts',
      'packages/kit/src/system-clock.ts',
      'actions/rollback/src/run.ts',
    ]) {
      expect(await ruleIds(code, file)).toEqual([]);
    }
  });
});
