/**
 * What the canary is compared with. `stable`: the whole stable fleet, which serves most of the traffic. `baseline`:
 * a fresh instance of the stable version given the same weight as the canary (Kayenta's baseline), so both
 * start equally cold and get an equally small share of traffic, and a difference is the new version's own.
 */
import type { Judge, JudgeInput, MetricVerdict } from '../judge-model.js';
import type { MetricsWindow } from '../ports.js';
import { emptySide } from './side-sums.js';

/** The side the judges compare the canary with. */
export type Comparison = 'stable' | 'baseline';

/** How the summary and the verdicts name the comparison. */
export function describeComparison(comparison: Comparison): string {
  return comparison === 'baseline'
    ? 'the canary against a baseline (a fresh instance of the stable version at the same weight)'
    : 'the canary against the stable version';
}

/** The window as the judge sees it when the canary is compared with the baseline: the baseline in stable's place. */
function baselineAsStable(window: MetricsWindow): MetricsWindow {
  return { ...window, stable: window.baseline ?? emptySide() };
}

/**
 * A judge that compares the canary with the baseline: it hands `judge` the windows with the baseline in
 * stable's place, and names the baseline where the verdicts say "stable" (the judges call the side they compare
 * with "stable"). With `stable`, the judge itself.
 */
export function judgeAgainst(judge: Judge, comparison: Comparison): Judge {
  if (comparison === 'stable') return judge;
  const rename = (verdict: MetricVerdict): MetricVerdict => ({
    ...verdict,
    reason: verdict.reason.replace(/\bstable\b/g, 'baseline'),
  });
  return {
    name: judge.name,
    evaluate: (input: JudgeInput) =>
      judge.evaluate({ ...input, windows: input.windows.map(baselineAsStable) }).map(rename),
  };
}
