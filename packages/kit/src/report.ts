/**
 * The machine-readable report every action writes. Its shape is versioned by `schema` so consumers
 * (canary-deploy reading a probe report, users' scripts) can check what they read.
 */
export interface ReportEnvelope<T> {
  schema: string;
  action: string;
  generatedAt: string;
  data: T;
}

/** The schema identifier for an action's report, `shipgate/<action>/v<version>`. */
export function reportSchema(action: string, version = 1): string {
  return `shipgate/${action}/v${version}`;
}

/** Wraps report data in its versioned envelope. */
export function buildReport<T>(action: string, data: T, now: Date, version = 1): ReportEnvelope<T> {
  return { schema: reportSchema(action, version), action, generatedAt: now.toISOString(), data };
}
