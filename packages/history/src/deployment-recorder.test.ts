import { describe, expect, it } from 'vitest';
import { DeploymentRecorder } from './deployment-recorder.js';
import { FakeDeploymentStore } from './testing/index.js';

const SECRET = 'ghs_recorderSecret0123456789';
const redact = (text: string): string => text.split(SECRET).join('***');

describe('DeploymentRecorder', () => {
  it('redacts every text it sends: descriptions, payload strings and links (without a URL password)', async () => {
    const store = new FakeDeploymentStore();
    const recorder = new DeploymentRecorder(store, {
      links: { logUrl: `https://ci.example/run?t=${SECRET}`, environmentUrl: `https://app:${SECRET}@app.example/` },
      redact,
      warn: () => undefined,
    });
    await recorder.start(
      {
        environment: 'production',
        ref: 'abc',
        task: 'deploy:canary',
        version: 'v2',
        description: `Rollout ${SECRET}`,
        payload: { version: 'v2', notes: [`token ${SECRET}`], nested: { n: 1, text: SECRET } },
      },
      `Started with ${SECRET}`,
    );
    await recorder.finish('failure', `Failed: ${SECRET}`);
    expect(JSON.stringify([store.records, store.statuses])).not.toContain(SECRET);
    expect(store.records[0]?.payload).toEqual({ version: 'v2', notes: ['token ***'], nested: { n: 1, text: '***' } });
    expect(store.statuses.map((s) => s.links)).toEqual([
      {
        logUrl: 'https://ci.example/run?t=***',
        environmentUrl: 'https://app.example/',
        description: 'Started with ***',
      },
      { logUrl: 'https://ci.example/run?t=***', environmentUrl: 'https://app.example/', description: 'Failed: ***' },
    ]);
  });
});
