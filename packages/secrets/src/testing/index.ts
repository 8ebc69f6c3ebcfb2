export * from './seeded-random.js';
export * from './labelled-samples.js';
