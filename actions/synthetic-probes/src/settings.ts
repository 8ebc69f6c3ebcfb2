import type { InputReader } from '@shipgate/kit';

/** Input and output names, shared by the code and the tests. */
export const Inputs = {
  Probes: 'probes',
  BaseUrl: 'base-url',
  Suite: 'suite',
  SuccessThreshold: 'success-threshold',
  Retries: 'retries',
  Timeout: 'timeout',
  WaitUntilHealthy: 'wait-until-healthy',
  WaitInterval: 'wait-interval',
  Concurrency: 'concurrency',
} as const;

export const Outputs = {
  Result: 'result',
  Passed: 'passed',
  Failed: 'failed',
  SuccessRate: 'success-rate',
  P50: 'p50-ms',
  P95: 'p95-ms',
} as const;

/** Everything the action needs, read and validated once. */
export interface Settings {
  /** Probe file path as given, relative to the working directory. */
  probesFile: string;
  /** True when the user named the probe file (then it must exist). */
  probesFileGiven: boolean;
  /** Base for relative URLs, without a trailing slash. */
  baseUrl: string | undefined;
  /** Tags to select; empty for every probe. */
  suite: string[];
  /** 0 to 1. */
  successThreshold: number;
  /** Overrides every probe's retries when set. */
  retries: number | undefined;
  /** Overrides every probe's timeout when set, in ms. */
  timeoutMs: number | undefined;
  /** Keep rerunning failing probes for this long, in ms. */
  waitUntilHealthyMs: number | undefined;
  waitIntervalMs: number;
  concurrency: number;
}

export const DEFAULT_PROBES_FILE = '.github/probes.yml';

/** Reads the inputs into settings; a wrong value fails here, naming the input, before any probe runs. */
export function parseSettings(inputs: InputReader): Settings {
  const probesRaw = inputs.raw(Inputs.Probes);
  return {
    probesFile: probesRaw?.value ?? DEFAULT_PROBES_FILE,
    probesFileGiven: probesRaw !== undefined && probesRaw.value !== DEFAULT_PROBES_FILE,
    baseUrl: inputs.url(Inputs.BaseUrl)?.toString().replace(/\/+$/, ''),
    suite: inputs.list(Inputs.Suite),
    successThreshold: inputs.number(Inputs.SuccessThreshold, 1, { min: 0, max: 1 }),
    retries: inputs.integer(Inputs.Retries, undefined, { min: 0, max: 10 }),
    timeoutMs: inputs.duration(Inputs.Timeout, undefined, { min: 100, max: 600_000 }),
    waitUntilHealthyMs: inputs.duration(Inputs.WaitUntilHealthy, undefined, { min: 1000, max: 3_600_000 }),
    waitIntervalMs: inputs.duration(Inputs.WaitInterval, 5000, { min: 100, max: 600_000 }),
    concurrency: inputs.integer(Inputs.Concurrency, 10, { min: 1, max: 256 }),
  };
}
