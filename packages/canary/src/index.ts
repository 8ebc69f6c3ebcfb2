export * from './judge-model.js';
export * from './judges/statistical-judge.js';
export * from './judges/threshold-judge.js';
export * from './ports.js';
export * from './rollout/rollout-model.js';
export * from './rollout/run-rollout.js';
export * from './stats/weighted-percentile.js';
