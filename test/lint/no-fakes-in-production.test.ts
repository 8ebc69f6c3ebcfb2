import { describe, expect, it } from 'vitest';
import { expectBan, ruleIds, type BanCase } from './lint-sample.js';

const RULE = ['shipgate/no-fakes-in-production'];
const IMPORT_FAKE = "import { FakeShell } from '@shipgate/exec/testing';\nexport const f = FakeShell;";

const CASES: BanCase[] = [
  {
    what: 'a testing entry in a package',
    file: 'packages/traffic/src/open-shell.ts',
    bad: IMPORT_FAKE,
    good: "import { LocalShell } from '@shipgate/exec';\nexport const s = LocalShell;",
  },
  {
    what: 'a testing entry in an action',
    file: 'actions/rollback/src/run.ts',
    bad: "import { FakeDeploymentStore } from '@shipgate/history/testing';\nexport const f = FakeDeploymentStore;",
    good: "import { planRollback } from '@shipgate/history';\nexport const p = planRollback;",
  },
  {
    what: 'a testing entry in the cli',
    file: 'cli/src/main.ts',
    bad: "import { FakeActionsCore } from '@shipgate/kit/testing';\nexport const f = FakeActionsCore;",
    good: "import { runAction } from '@shipgate/kit';\nexport const r = runAction;",
  },
  {
    what: "the package's own src/testing/ by a relative path",
    file: 'packages/canary/src/rollout/run-rollout.ts',
    bad: "import { FakeTraffic } from '../testing/fakes.js';\nexport const f = FakeTraffic;",
    good: "import type { TrafficProvider } from '../ports.js';\nexport type T = TrafficProvider;",
  },
].map((c) => ({ ...c, rules: RULE }));

describe('no fakes in production code', () => {
  it.each(CASES)('refuses $what', expectBan);

  it.each([
    'packages/traffic/src/nginx-provider.test.ts',
    'test/actions/rollback.test.ts',
    'bench/rollback/rollback.bench.test.ts',
    'packages/traffic/src/testing/fake-traffic-provider.ts',
  ])('allows fakes in %s', async (file) => {
    expect(await ruleIds(IMPORT_FAKE, file)).toEqual([]);
  });
});
