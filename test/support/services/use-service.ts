import { onTestFinished } from 'vitest';

/** Anything a fixture starts: it can be stopped, and stopping twice is harmless. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * The one way tests own a service: start it inside a test and it is stopped when that test finishes,
 * passed or failed. `start` must clean up after itself when it throws (every fixture here does).
 *
 * ```ts
 * it('routes by weight', async () => {
 *   const app = await useService(startAppServer({ version: 'v1' }));
 * });
 * ```
 * If the worker dies before the hook runs, the reaper (see reaper.ts) kills the processes and removes the
 * temp dirs.
 */
export async function useService<T extends Stoppable>(start: Promise<T> | (() => Promise<T>)): Promise<T> {
  const service = await (typeof start === 'function' ? start() : start);
  onTestFinished(() => service.stop());
  return service;
}
