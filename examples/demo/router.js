#!/usr/bin/env node
// Stand-in for nginx when it is not installed: a weighted HTTP router that reads the canary weight and the
// two ports from a file on every request. `node router.js serve <file>` runs it;
// `node router.js set <file> <weight> <stable-port> <canary-port>` is what the command provider calls.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';

const [mode, file, ...rest] = process.argv.slice(2);
if (mode === 'set') {
  const weight = Number(rest[0]);
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    console.error(`weight must be 0-100, got ${rest[0]}`);
    process.exit(2);
  }
  writeFileSync(`${file}.tmp`, `${weight} ${Number(rest[1])} ${Number(rest[2])}`);
  renameSync(`${file}.tmp`, file);
  console.log(`canary weight set to ${weight}%`);
} else if (mode === 'serve') {
  let counter = 0;
  const server = createServer((req, res) => {
    const [weight = 0, stablePort, canaryPort] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    // Smooth split: request n goes to the canary when it keeps the canary's share at or below the weight.
    counter++;
    const toCanary = Math.floor((counter * weight) / 100) > Math.floor(((counter - 1) * weight) / 100);
    const upstream = request(
      {
        host: '127.0.0.1',
        port: toCanary ? canaryPort : stablePort,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  console.error('usage: router.js serve <file> | set <file> <weight> <stable-port> <canary-port>');
  process.exit(2);
}
