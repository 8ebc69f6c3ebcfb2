export * from './fake-osv.js';
