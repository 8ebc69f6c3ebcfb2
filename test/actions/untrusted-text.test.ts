import { describe, expect, it } from 'vitest';
import { startWebSocketServer } from '../support/probe-servers/index.js';
import { useService } from '../support/services/index.js';
import { runAction, type StepResult } from '../support/run-action.js';
import { workspaceWith } from './probes-workspace.js';
import { ok, promotedV2 } from './rollback-setup.js';

/** The lines of stdout that are the planted workflow commands (our own annotation may quote them, escaped). */
function forgedCommands(step: StepResult): string[] {
  return step.stdout.split('\n').filter((line) => /^::(error::forged|stop-commands::|add-mask::a$)/.test(line));
}

describe('untrusted text never starts a workflow command on stdout', () => {
  it('synthetic-probes: a WebSocket close reason with newlines and ::error:: stays data', async () => {
    const ws = await useService(startWebSocketServer());
    const probes = `probes:\n  - {name: socket, kind: websocket, url: "${ws.url}/close-forged", send: hi, expect: {equals: hi}}\n`;
    const run = await runAction('synthetic-probes', {}, { workspace: workspaceWith({ '.github/probes.yml': probes }) });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('forged by the server'); // the reason is reported ...
    expect(forgedCommands(run)).toEqual([]); // ... but no line of it is a command
    expect(run.commands.filter((c) => c.command === 'stop-commands' || c.command === 'add-mask')).toEqual([]);
    expect(run.annotations.filter((a) => a.message.startsWith('forged'))).toEqual([]);
  });

  it('rollback: a Deployment payload version with a newline is not believed, nor printed as a command', async () => {
    const env = await promotedV2({
      history: (gh, v1, v2) => {
        const seed = (version: string, ref: string, targets: string[]) =>
          gh.seedDeployment({
            environment: 'production',
            ref,
            task: 'deploy:canary',
            payload: { shipgate: 2, version, targets },
            statuses: ['in_progress', ok] as never,
          });
        seed('v1', 'ref-v1', [v1.address]);
        seed('v2\n::error::forged by a payload\n::stop-commands::x1', 'ref-v2', [v2.address]);
      },
    });
    const run = await runAction('rollback', env.inputs, { env: env.env });
    expect(forgedCommands(run)).toEqual([]);
    expect(run.annotations.filter((a) => a.message.startsWith('forged'))).toEqual([]);
    expect(JSON.stringify(run.outputs)).not.toContain('forged');
    // The payload's version breaks the grammar, so the record is known by its ref.
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'from-version': 'ref-v2', 'to-version': 'v1' });
    await env.close();
  });
});
