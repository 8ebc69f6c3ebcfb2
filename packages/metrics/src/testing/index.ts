export * from './fake-log-reader.js';
