import { describe, expect, it } from 'vitest';
import { checkActionMetadata, checkWorkflow } from './check-workflow.js';

// Every labelled fixture: `vulnerable/` has planted defects, `safe/` tricky correct files (README.md there).
const FIXTURES = import.meta.glob(
  ['/test/fixtures/workflows/vulnerable/**/*.yml', '/test/fixtures/workflows/safe/**/*.yml'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

/** `file:line rule` for each label: a line ending with `# expect: rule[, rule]` (or `// expect:`). */
function labelsOf(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /(?:#|\/\/) expect: ([\w/, -]+)$/.exec(line);
    return match ? match[1]!.split(',').map((rule) => `${file}:${index + 1} ${rule.trim()}`) : [];
  });
}

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
    const hits = [...found].filter((f) => expected.has(f));
    const recall = hits.length / expected.size;
    const precision = hits.length / found.size;
    const missed = [...expected].filter((e) => !found.has(e));
    const extra = [...found].filter((f) => !expected.has(f));
    console.log(
      `${Object.keys(FIXTURES).length} files, ${expected.size} planted: recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`,
    );
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.98);
  });
});
