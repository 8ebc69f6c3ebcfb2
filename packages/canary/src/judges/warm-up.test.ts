import { describe, expect, it } from 'vitest';
import type { MetricsWindow } from '../ports.js';
import { defaultWarmUpMs, inWarmUp, pastWarmUp } from './warm-up.js';

const timed = (fromS: number, toS: number, stageS = 0): MetricsWindow => ({
  ok: true,
  source: 'test',
  canary: { requests: 1, errors: 0, latencies: [] },
  stable: { requests: 1, errors: 0, latencies: [] },
  timing: { fromMs: fromS * 1000, toMs: toS * 1000, stageStartMs: stageS * 1000 },
});

describe('defaultWarmUpMs', () => {
  it('is 30 s, or a quarter of a shorter stage', () => {
    expect(defaultWarmUpMs(120_000)).toBe(30_000);
    expect(defaultWarmUpMs(3_000)).toBe(750);
  });
});

describe('inWarmUp', () => {
  it('puts a window in the warm-up when most of it lies there, whatever the timer jitter', () => {
    expect(inWarmUp(timed(0, 30.02), 30_000)).toBe(true);
    expect(inWarmUp(timed(30.02, 60.01), 30_000)).toBe(false);
    expect(inWarmUp(timed(20, 45), 30_000)).toBe(false);
    expect(inWarmUp(timed(120, 135, 120), 30_000)).toBe(true);
  });

  it("never puts a stage's last look in a warm-up of at most half the stage, even a single look", () => {
    expect(inWarmUp(timed(0, 60), 30_000)).toBe(false);
  });

  it('leaves out nothing without timing or without a warm-up', () => {
    const { timing: _, ...untimed } = timed(0, 10);
    expect(inWarmUp(untimed, 30_000)).toBe(false);
    expect(inWarmUp(timed(0, 10), 0)).toBe(false);
  });
});

describe('pastWarmUp', () => {
  it("keeps the windows past each stage's warm-up", () => {
    const windows = [timed(0, 30), timed(30, 60), timed(60, 90, 60), timed(90, 120, 60)];
    expect(pastWarmUp(windows, 30_000)).toEqual([windows[1], windows[3]]);
  });
});
