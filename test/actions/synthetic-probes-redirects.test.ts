import { describe, expect, it } from 'vitest';
import { makeCa, makeCertificate, startHttpsTestServer, startHttpTestServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/index.js';
import { runAction } from '../support/run-action.js';
import { probeOf, readReport, workspaceWith } from './probes-workspace.js';

describe('synthetic-probes: a redirect from https to plain http', () => {
  it('is refused unless the probe sets allow-downgrade, and then followed without the probe headers', async () => {
    const plain = await useService(startHttpTestServer());
    const https = await useService(
      startHttpsTestServer({
        cert: makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'], issuer: makeCa() }),
      }),
    );
    const to = encodeURIComponent(`${plain.url}/headers`);
    const probes = `
probes:
  - {name: refused, url: "${https.url}/redirect/to?url=${to}", tls-verify: false, headers: {x-api-key: k1}}
  - name: allowed
    url: "${https.url}/redirect/to?url=${to}"
    tls-verify: false
    allow-downgrade: true
    headers: {x-api-key: k2}
    expect: {json: [{path: "$.x-api-key", exists: false}]}
  - name: in-a-flow
    kind: flow
    steps:
      - {name: go, url: "${https.url}/redirect/to?url=${to}", tls-verify: false, allow-downgrade: true}
`;
    const run = await runAction('synthetic-probes', {}, { workspace: workspaceWith({ '.github/probes.yml': probes }) });
    const report = readReport(run);
    expect(run.exitCode).toBe(1);
    expect(probeOf(report, 'refused')).toMatchObject({ status: 'failed' });
    expect(probeOf(report, 'refused').reason).toMatch(
      /redirect from https to plain http refused \(http:\/\/127\.0\.0\.1:\d+\/headers\).*set allow-downgrade: true/,
    );
    expect(probeOf(report, 'allowed').status, probeOf(report, 'allowed').reason).toBe('passed');
    expect(probeOf(report, 'in-a-flow').status, probeOf(report, 'in-a-flow').reason).toBe('passed');
    expect(plain.requests('/headers')).toBe(2); // the refused probe never reached the plain server
  });
});
