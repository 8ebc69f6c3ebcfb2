import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './system-clock.js';

describe('systemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads epoch milliseconds and the date', () => {
    expect(systemClock.now()).toBe(Date.parse('2026-06-01T00:00:00Z'));
    expect(systemClock.wallClock().toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('sleeps for the time asked', async () => {
    let woke = false;
    const sleeping = systemClock.sleep(1000).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('wakes when the signal aborts, and at once when it already has', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    await systemClock.sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(0);
  });
});
