export * from './fake-transport.js';
