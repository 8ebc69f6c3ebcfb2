export * from './model.js';
export * from './transport.js';
export * from './engine/results.js';
export { runSuite, runPool, type EngineSettings, type EngineDependencies } from './engine/engine.js';
export { selectSuite, CONVENTIONAL_SUITES } from './engine/select.js';
export { checkRelativeUrls, resolveUrl } from './engine/urls.js';
export { judgeSuite } from './engine/verdict.js';
export { percentile } from './engine/stats.js';
export * from './probe-file/index.js';
