export * from './fake-traffic-provider.js';
