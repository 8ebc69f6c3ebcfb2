/** Options of {@link driveLoad}. */
export interface LoadOptions {
  url: string;
  /** Requests started per second, on a fixed schedule (open model: a slow response does not delay the next). */
  ratePerSecond: number;
  durationMs: number;
  /** Stops starting requests early. */
  signal?: AbortSignal;
}

/** What a load run did. */
export interface LoadResult {
  /** Completion time (ms since the epoch) and status of every request, in completion order. */
  responses: { timeMs: number; status: number }[];
  /** Requests that failed without an HTTP response. */
  networkErrors: number;
}

/**
 * Sends GET requests at a steady rate: request i starts at `start + i / rate`, so timer drift does not
 * accumulate. Resolves when the last request has completed.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.floor(options.durationMs / intervalMs);
  const start = performance.now();
  const result: LoadResult = { responses: [], networkErrors: 0 };
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total && !options.signal?.aborted; i++) {
    const wait = start + i * intervalMs - performance.now();
    // Pacing, not synchronisation: the schedule is the point of the load.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = fetch(options.url, { signal: AbortSignal.timeout(10_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        result.responses.push({ timeMs: Date.now(), status: response.status });
      })
      .catch(() => {
        result.networkErrors++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  return result;
}
