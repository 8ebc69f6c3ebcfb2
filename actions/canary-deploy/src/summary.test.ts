import { describe, expect, it } from 'vitest';
import type { LookRecord, MetricVerdict } from '@shipgate/canary';
import { beyondPlan } from './summary.js';

const latency = (look: number, plannedLooks: number): MetricVerdict => ({
  metric: 'latency',
  status: 'pass',
  reason: '',
  canary: 100,
  stable: 100,
  details: { look, plannedLooks, beyondPlan: look > plannedLooks ? 1 : 0 },
});
const looks = (count: number, plannedLooks: number): LookRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    look: i + 1,
    stage: 1,
    weight: 5,
    atMs: (i + 1) * 10_000,
    verdicts: [latency(i + 1, plannedLooks)],
  }));

describe('beyondPlan', () => {
  it('says how many looks came after the planned ones and what they were judged on', () => {
    expect(beyondPlan(looks(12, 10))).toBe(
      '2 looks came after the 10 planned (a stage ran longer than planned): their latency tests spent the reserve of alpha kept for such looks, so a clearly worse canary could still fail.',
    );
  });

  it('says nothing when every look was planned', () => {
    expect(beyondPlan(looks(10, 10))).toBeUndefined();
  });
});
