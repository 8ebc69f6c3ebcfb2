// bench/osv: see run.js. Shipgate's scan (parse, batch lookup, details, findings) over real HTTP against the OSV
// emulator, and in the same run a bare client that sends the same querybatch and vulns requests with fetch and
// only JSON.parse: the floor set by the emulator and the loopback network.
import { scanDependencies } from '@shipgate/dependencies';
import { systemClock } from '@shipgate/kit';
import { createNetTransport, createOsvClient } from '@shipgate/net';
import { expect, it } from 'vitest';
import { startOsvEmulator } from '../../test/support/osv-emulator/index.js';
import { useService } from '../../test/support/services/use-service.js';
import { writeResult } from '../results.js';
import { generateNpmLockfile } from './lockfile.js';

const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

it(`scans a ${PACKAGES}-package npm lockfile against the OSV emulator`, async () => {
  const { text, distinct } = generateNpmLockfile(PACKAGES);
  const emulator = await useService(startOsvEmulator());
  const transport = createNetTransport();
  const osv = createOsvClient({ url: emulator.url, http: transport.http });
  const shipgate = async () => {
    const before = emulator.requests.length;
    const start = performance.now();
    const result = await scanDependencies({
      files: ['package-lock.json'],
      readFile: async () => text,
      osv,
      now: Date.now(),
      clock: systemClock,
    });
    const ms = performance.now() - start;
    const requests = emulator.requests.slice(before);
    return { ms, result, requests };
  };
  // The floor: the same requests, nothing parsed but the JSON answers.
  const bare = async (queries: unknown[], ids: string[]) => {
    const start = performance.now();
    for (let i = 0; i < queries.length; i += 1000) {
      const response = await fetch(`${emulator.url}/v1/querybatch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queries: queries.slice(i, i + 1000) }),
      });
      JSON.parse(await response.text());
    }
    await Promise.all(ids.map(async (id) => JSON.parse(await (await fetch(`${emulator.url}/v1/vulns/${id}`)).text())));
    return performance.now() - start;
  };

  const first = await shipgate();
  expect(first.result.incomplete).toEqual([]);
  const lock = JSON.parse(text) as { packages: Record<string, { version: string }> };
  const queries = [
    ...new Map(
      Object.entries(lock.packages)
        .filter(([path]) => path !== '')
        .map(([path, p]) => {
          const name = path.slice(path.lastIndexOf('node_modules/') + 13);
          return [`${name}@${p.version}`, { package: { ecosystem: 'npm', name }, version: p.version }];
        }),
    ).values(),
  ];
  const ids = [...new Set(first.result.findings.map((f) => f.ruleId))];

  const shipgateMs: number[] = [];
  const bareMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    shipgateMs.push((await shipgate()).ms);
    bareMs.push(await bare(queries, ids));
  }
  transport.close();

  const batches = first.requests.filter((r) => r.path === '/v1/querybatch');
  const details = first.requests.filter((r) => r.path.startsWith('/v1/vulns/'));
  const figures = {
    packages: PACKAGES,
    distinctPackageVersions: distinct,
    requests: first.result.requests,
    querybatchRequests: batches.length,
    queriesPerBatch: batches.map((r) => r.queries),
    detailRequests: details.length,
    requestsPerPackage: first.result.requests / PACKAGES,
    findings: first.result.findings.length,
    rounds: ROUNDS,
    shipgateMedianMs: Math.round(median(shipgateMs)),
    bareClientMedianMs: Math.round(median(bareMs)),
    ratioToBare: Number((median(shipgateMs) / median(bareMs)).toFixed(2)),
  };
  console.log(
    `\n${PACKAGES} packages (${distinct} distinct versions): ${figures.requests} OSV requests ` +
      `(${figures.querybatchRequests} querybatch of ${figures.queriesPerBatch.join(' + ')} queries, ${figures.detailRequests} advisory details), ` +
      `${figures.findings} findings\n` +
      `| client | median ms over ${ROUNDS} rounds |\n|---|---:|\n` +
      `| shipgate scanDependencies (parse + lookup + findings) | ${figures.shipgateMedianMs} |\n` +
      `| bare fetch of the same requests | ${figures.bareClientMedianMs} |\n` +
      `ratio shipgate / bare: ${figures.ratioToBare}`,
  );
  writeResult('osv', figures);
  expect(figures.querybatchRequests).toBe(Math.ceil(distinct / 1000));
});
