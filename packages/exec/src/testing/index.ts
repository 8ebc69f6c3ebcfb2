export * from './fake-shell.js';
