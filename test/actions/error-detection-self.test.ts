// error-detection's bundle on this repository itself, with the inputs of the CI step that runs it
// (.github/workflows/ci.yml, read here so the two cannot drift): our workflows, action.yml files, lockfiles and
// toolchains pass every check that applies, so the CI step passes too. Deliberately broken test fixtures and
// benchmark inputs are excluded by the step's `paths`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/paths.js';
import { detect, located, readReport } from './error-detection-setup.js';

interface Step {
  uses?: string;
  with?: Record<string, string>;
}

/** The `with:` of the CI step that runs ./actions/error-detection. */
function ciStepInputs(): Record<string, string> {
  const ci = parse(readFileSync(join(repoRoot, '.github/workflows/ci.yml'), 'utf8')) as {
    jobs: Record<string, { steps?: Step[] }>;
  };
  const steps = Object.values(ci.jobs).flatMap((job) => job.steps ?? []);
  const step = steps.find((s) => s.uses === './actions/error-detection');
  expect(step, 'ci.yml runs ./actions/error-detection').toBeDefined();
  return step?.with ?? {};
}

describe('error-detection on this repository', () => {
  it('finds no errors and passes with the inputs CI gives it', async () => {
    const inputs = ciStepInputs();
    expect(inputs.paths).toContain('!test/fixtures/**');
    // On GitHub the repository is the one package.json names: its own actions and workflows are first-party.
    const { repository } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      repository: { url: string };
    };
    const slug = /github\.com\/([^/]+\/[^/.]+)/.exec(repository.url)?.[1] ?? '';
    expect(slug).toBe('shipgate/shipgate');
    const run = await detect(repoRoot, inputs, { GITHUB_REPOSITORY: slug });
    const report = readReport(run);
    // Nothing at all, warnings included: the reusable workflows and the examples users copy among them.
    expect(located(report)).toEqual([]);
    expect(run.outputs.errors).toBe('0');
    expect(run.exitCode, run.log).toBe(0);
    expect(report.data.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['workflows', 'dependencies']));
  });
});
