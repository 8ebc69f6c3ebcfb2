/**
 * Default thresholds per environment, from the deployment standards Shipgate builds on (DESIGN.md).
 * `.github/shipgate.yml` can override them under `environments.<name>`.
 */
export interface Thresholds {
  /** Critical vulnerabilities allowed before security-scan fails. */
  maxCritical: number;
  /** High vulnerabilities allowed before security-scan fails. */
  maxHigh: number;
  /** Highest acceptable error rate, in percent (1 means 1%). */
  maxErrorRate: number;
  /** Highest acceptable p95 latency in milliseconds. */
  maxP95Ms: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Record<'development' | 'staging' | 'production', Thresholds>> = {
  development: { maxCritical: 2, maxHigh: 10, maxErrorRate: 5, maxP95Ms: 3000 },
  staging: { maxCritical: 1, maxHigh: 7, maxErrorRate: 2, maxP95Ms: 2500 },
  production: { maxCritical: 0, maxHigh: 5, maxErrorRate: 1, maxP95Ms: 2000 },
};

/** Config keys (kebab-case, as in the file) for each threshold. */
export const THRESHOLD_KEYS: Readonly<Record<keyof Thresholds, string>> = {
  maxCritical: 'max-critical',
  maxHigh: 'max-high',
  maxErrorRate: 'max-error-rate',
  maxP95Ms: 'max-p95-ms',
};

/**
 * The thresholds for an environment: built-in defaults for the three known names (an unknown name gets
 * production's, the strictest), overridden by whatever the config file sets.
 */
export function thresholdsFor(environment: string, overrides: Partial<Thresholds> = {}): Thresholds {
  const known = DEFAULT_THRESHOLDS[environment as keyof typeof DEFAULT_THRESHOLDS];
  return { ...(known ?? DEFAULT_THRESHOLDS.production), ...overrides };
}
