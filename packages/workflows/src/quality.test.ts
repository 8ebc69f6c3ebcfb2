import { describe, expect, it } from 'vitest';
import { checkActionMetadata, checkWorkflow } from './check-workflow.js';
import { labelsOf, score } from './testing/labels.js';

// Every labelled fixture: `vulnerable/` has planted defects, `safe/` tricky correct files (README.md there).
const FIXTURES = import.meta.glob(
  ['/test/fixtures/workflows/vulnerable/**/*.yml', '/test/fixtures/workflows/safe/**/*.yml'],
  { query: '?raw', import: 'default', eager: true },
);

async function findingsOf(file: string, text: string): Promise<string[]> {
  const findings = file.endsWith('action.yml') ? checkActionMetadata(text, file) : await checkWorkflow(text, file);
  return findings.map((f) => `${file}:${f.location?.line ?? 0} ${f.ruleId}`);
}

describe('quality on the labelled fixtures', () => {
  it('finds the planted defects (recall ≥ 95%) and little else (precision ≥ 98%)', async () => {
    const expected = new Set<string>();
    const found = new Set<string>();
    for (const [path, text] of Object.entries(FIXTURES)) {
      const file = path.slice(1);
      for (const label of labelsOf(file, text)) expected.add(label);
      for (const finding of await findingsOf(file, text)) found.add(finding);
    }
    const { recall, precision, missed, extra } = score(expected, found);
    console.log(
      `${Object.keys(FIXTURES).length} files, ${expected.size} planted: recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`,
    );
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.98);
  });
});
