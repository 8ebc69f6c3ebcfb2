export * from './fakes.js';
