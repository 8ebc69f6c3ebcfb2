import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionContext } from './action-context.js';
import { COMMON_INPUTS } from './common-inputs.js';
import type { InputTable } from './input-spec.js';
import { readRunnerContext } from './runner-context.js';
import { FakeActionsCore } from './testing/fake-actions-core.js';

const DETECTION = {
  name: 'error-detection',
  inputs: {
    'min-score': { kind: 'integer', min: 0, max: 100, default: '80', description: 'Score.' },
    'sarif-file': { kind: 'text', description: 'Where.' },
  },
} as const satisfies { name: string; inputs: InputTable };
const SCAN = {
  name: 'security-scan',
  inputs: { 'fail-on': { kind: 'choice', choices: ['critical', 'high'], default: 'high', description: 'Fail.' } },
} as const satisfies { name: string; inputs: InputTable };
const COMPOSITE = {
  name: 'preflight',
  inputs: { 'sarif-file': { kind: 'text', scope: 'step', description: 'One file.' }, ...COMMON_INPUTS },
} as const satisfies { name: string; inputs: InputTable };

/** A composite's context on a workspace holding `config` as .github/shipgate.yml. */
async function composite(inputs: Record<string, string>, config: string) {
  const workspace = mkdtempSync(join(tmpdir(), 'kit-part-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(join(workspace, '.github/shipgate.yml'), config);
  const core = new FakeActionsCore({ config: '.github/shipgate.yml', 'working-directory': '.', ...inputs });
  const runner = readRunnerContext({ GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace }, workspace);
  return { core, context: await ActionContext.create(COMPOSITE, core, runner) };
}

describe('ActionContext.part', () => {
  it("reads each part's inputs from the step, then from its own config section, and hides the composite's own", async () => {
    const { context } = await composite(
      { 'sarif-file': 'all.sarif', 'fail-on': 'critical' },
      'error-detection:\n  min-score: 90\nsecurity-scan:\n  fail-on: high\n',
    );
    const detection = context.part(DETECTION, { hide: ['sarif-file'] });
    const scan = context.part(SCAN);
    expect(context.inputs.get('sarif-file')).toBe('all.sarif');
    expect(detection.inputs.get('min-score')).toBe(90);
    expect(detection.inputs.get('sarif-file')).toBeUndefined();
    expect(scan.inputs.get('fail-on')).toBe('critical');
  });

  it("names a wrong value by the part's config key, at once", async () => {
    const { context } = await composite({}, 'environments:\n  staging:\n    error-detection:\n      min-score: 101\n');
    expect(() => context.part(DETECTION)).not.toThrow();
    const { context: staging } = await composite(
      { environment: 'staging' },
      'environments:\n  staging:\n    error-detection:\n      min-score: 101\n',
    );
    expect(() => staging.part(DETECTION)).toThrow(
      /^\.github\/shipgate\.yml:4:\d+: 'environments\.staging\.error-detection\.min-score'/,
    );
  });

  it('shares the summary and the annotations: one flush writes what every part added', async () => {
    const { core, context } = await composite({}, 'security-scan:\n  fail-on: high\n');
    const scan = context.part(SCAN);
    scan.summary.heading('Security scan');
    scan.annotate({ level: 'error', message: 'found', file: 'a.ts', line: 1 });
    context.summary.text('Both parts.');
    await context.flush();
    expect(core.summary).toContain('## Security scan');
    expect(core.summary).toContain('Both parts.');
    expect(core.annotations.map((a) => a.message)).toEqual(['found']);
  });
});
