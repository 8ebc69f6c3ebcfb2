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
    const run = await detect(repoRoot, inputs);
    const report = readReport(run);
    const errors = report.data.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    expect(located({ ...report, data: { ...report.data, findings: errors } })).toEqual([]);
    expect(run.outputs.errors).toBe('0');
    expect(run.exitCode, run.log).toBe(0);
    expect(report.data.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['workflows', 'dependencies']));
  });
});
