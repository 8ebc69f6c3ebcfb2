/** What the main step leaves for its post step (`GITHUB_STATE`). */
export const State = {
  /** The issue or pull request number the request lives on, once posted. */
  RequestNumber: 'request-number',
  /** `issue` when the gate opened an issue of its own (the post step may close it). */
  RequestKind: 'request-kind',
  /** Set when the main step wrote the outcome on the request itself (or left it open on purpose: pending). */
  Settled: 'request-settled',
} as const;
