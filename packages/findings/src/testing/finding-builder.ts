import type { Finding } from '../finding.js';

/** A finding with sensible values, for tests: pass only what the test is about. */
export function aFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    scanner: 'secrets',
    ruleId: 'test-rule',
    title: 'A test rule',
    severity: 'high',
    message: 'Something was found',
    location: { file: 'src/app.ts', line: 1, column: 1 },
    fingerprint: `fp-${overrides.ruleId ?? 'test-rule'}-${overrides.location?.file ?? 'src/app.ts'}-${overrides.location?.line ?? 1}`,
    ...overrides,
  };
}
