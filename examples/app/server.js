#!/usr/bin/env node
// The sample app the demo deploys: a tiny HTTP service whose version, error rate and latency are set on the
// command line, so the demo can start a stable version, a candidate with an error-rate regression and a
// healthy candidate.  Usage: node server.js --version v2 --port 0 --error-rate 0.1 --latency-ms 20
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    version: { type: 'string', default: 'v1' },
    port: { type: 'string', default: '0' },
    'error-rate': { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '5' },
  },
});
const errorRate = Number(values['error-rate']);
const latencyMs = Number(values['latency-ms']);
let served = 0;
let errorBudget = 0;

const server = createServer((req, res) => {
  served++;
  // Errors spread evenly (every 1/errorRate requests), so the demo is the same every time.
  errorBudget += errorRate;
  const fail = req.url !== '/health' && errorBudget >= 1;
  if (fail) errorBudget -= 1;
  setTimeout(() => {
    const body = JSON.stringify(
      fail ? { error: 'internal error', version: values.version } : { status: 'ok', version: values.version, served },
    );
    res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json', 'x-app-version': values.version });
    res.end(body);
  }, latencyMs);
});
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(JSON.stringify({ version: values.version, port: server.address().port }));
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
