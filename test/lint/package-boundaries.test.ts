import { describe, expect, it } from 'vitest';
import { expectBan, ruleIds, type BanCase } from './lint-sample.js';

const RULE = ['shipgate/import-boundaries'];

const CASES: BanCase[] = [
  {
    what: 'a relative path from one package into another',
    file: 'packages/traffic/src/nginx-provider.ts',
    bad: "import { InputError } from '../../kit/src/inputs.js';\nexport const e = InputError;",
    good: [
      "import { InputError } from '@shipgate/kit';",
      "import { weights } from './weights.js';",
      'export const e = [InputError, weights];',
    ].join('\n'),
  },
  {
    what: 'a relative path from an action into a package',
    file: 'actions/rollback/src/run.ts',
    bad: "import { runAction } from '../../../packages/kit/src/run-action.js';\nexport const r = runAction;",
    good: "import { runAction } from '@shipgate/kit';\nexport const r = runAction;",
  },
  {
    what: 'a relative path from the cli into a package',
    file: 'cli/src/main.ts',
    bad: "import { parseDuration } from '../../packages/core/src/duration.js';\nexport const p = parseDuration;",
    good: "import { parseDuration } from '@shipgate/core';\nexport const p = parseDuration;",
  },
  {
    what: 'a relative path from test/ into a package',
    file: 'test/net/http.test.ts',
    bad: "import { createNetTransport } from '../../packages/net/src/index.js';\nexport const t = createNetTransport;",
    good: [
      "import { createNetTransport } from '@shipgate/net';",
      "import { repoRoot } from '../support/paths.js';",
      'export const t = [createNetTransport, repoRoot];',
    ].join('\n'),
  },
  {
    what: 'a relative path from bench/ into a package',
    file: 'bench/canary/judges.test.ts',
    bad: "import { FakeTraffic } from '../../packages/canary/src/testing/fakes.js';\nexport const f = FakeTraffic;",
    good: "import { FakeTraffic } from '@shipgate/canary/testing';\nexport const f = FakeTraffic;",
  },
  {
    what: 'a deep import of another package',
    file: 'actions/canary-deploy/src/run.ts',
    bad: "import { parseInputs } from '@shipgate/kit/src/inputs.js';\nexport const p = parseInputs;",
    good: "import { parseInputs } from '@shipgate/kit';\nexport const p = parseInputs;",
  },
  {
    what: "a deep import into another package's testing folder",
    file: 'test/actions/rollback.test.ts',
    bad: "import { FakeShell } from '@shipgate/exec/testing/fake-shell.js';\nexport const f = FakeShell;",
    good: "import { FakeShell } from '@shipgate/exec/testing';\nexport const f = FakeShell;",
  },
  {
    what: 'a type-only re-export through a deep path',
    file: 'packages/metrics/src/index.ts',
    bad: "export type { SideSample } from '@shipgate/canary/src/ports.js';",
    good: "export type { SideSample } from '@shipgate/canary';",
  },
  {
    what: "vi.mock of another package's file",
    file: 'packages/traffic/src/nginx-provider.test.ts',
    bad: "import { vi } from 'vitest';\nvi.mock('../../exec/src/local-shell.js');",
    good: "import { vi } from 'vitest';\nvi.mock('./nginx-workers.js');",
  },
].map((c) => ({ ...c, rules: RULE }));

describe('package boundaries (everywhere)', () => {
  it.each(CASES)('refuses $what', expectBan);
});

describe('the runner protocol has one home', () => {
  const code = "import * as core from '@actions/core';\nexport const c = core;\n";
  it('refuses @actions/core outside the kit', async () => {
    expect(await ruleIds(code, 'packages/traffic/src/nginx.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'actions/canary-deploy/src/run.ts')).toContain('no-restricted-imports');
  });
  it('allows it in the kit', async () => {
    expect(
      (await ruleIds(code, 'packages/kit/src/runner-protocol.ts')).filter((id) => id.startsWith('no-restricted')),
    ).toEqual([]);
  });
});
