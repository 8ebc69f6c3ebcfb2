#!/usr/bin/env node
// The backend of the real-traffic benchmarks: one version of a small HTTP service in its own process (so a
// canary starts cold, as a real one does), with the regressions the detection benchmark injects. Prints
// {"port": n} once listening.
//   --latency-ms 20        median latency; each response waits latency ± 25% (uniform)
//   --error-rate 0.02      share of requests answered 500, spread evenly
//   --error-route /orders  errors only on this path (its own error rate), other routes unaffected
//   --tail-share 0.02 --tail-factor 3   that share of requests waits tail-factor × the slowest normal latency
//   --crash-after-ms 5000  the process exits (code 1) this long after it starts listening
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    version: { type: 'string', default: 'v1' },
    'latency-ms': { type: 'string', default: '20' },
    'error-rate': { type: 'string', default: '0' },
    'error-route': { type: 'string' },
    'tail-share': { type: 'string', default: '0' },
    'tail-factor': { type: 'string', default: '1' },
    'crash-after-ms': { type: 'string' },
  },
});
const latencyMs = Number(values['latency-ms']);
const errorRate = Number(values['error-rate']);
const tailShare = Number(values['tail-share']);
const tailFactor = Number(values['tail-factor']);
let errorBudget = 0;
let tailBudget = 0;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://app').pathname;
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end('{"status":"ok"}');
  }
  const erring = values['error-route'] === undefined || values['error-route'] === path;
  if (erring) errorBudget += errorRate;
  const fail = erring && errorBudget >= 1 - 1e-9;
  if (fail) errorBudget -= 1;
  tailBudget += tailShare;
  const tail = tailBudget >= 1 - 1e-9;
  if (tail) tailBudget -= 1;
  const wait = tail ? latencyMs * 1.25 * tailFactor : latencyMs * (0.75 + Math.random() * 0.5);
  setTimeout(() => {
    res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json', 'x-app-version': values.version });
    res.end(JSON.stringify(fail ? { error: 'injected', version: values.version } : { version: values.version }));
  }, wait);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
  const crashAfter = values['crash-after-ms'];
  if (crashAfter !== undefined) setTimeout(() => process.exit(1), Number(crashAfter));
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
