import { InputError } from '@shipgate/core';
import { readPayload, type DeploymentRecord } from '@shipgate/history';

/** The servers a deployment's payload says its version runs on (canary-deploy and rollback record them). */
export function recordedServers(record: DeploymentRecord | { version: string } | undefined): string[] {
  if (!record || !('payload' in record)) return [];
  return readPayload(record.payload)?.targets ?? [];
}

/** The old version's servers (recorded, else the `targets` input) and the current version's (recorded, else `current-targets`). */
export function resolveServers(
  target: DeploymentRecord | { version: string },
  current: DeploymentRecord | undefined,
  inputs: { targets: string[]; currentTargets: string[] },
): { target: string[]; current: string[] } {
  const targetServers = recordedServers(target).length ? recordedServers(target) : inputs.targets;
  if (targetServers.length === 0) {
    throw new InputError('targets', undefined, `the servers that run ${target.version} (host:port, comma-separated)`, {
      hint: `The history does not record where ${target.version} runs (it was not deployed by canary-deploy, or force is set).`,
    });
  }
  const recordedCurrent = recordedServers(current);
  const currentServers = (recordedCurrent.length ? recordedCurrent : inputs.currentTargets).filter(
    (s) => !targetServers.includes(s),
  );
  if (currentServers.length === 0) {
    throw new InputError(
      'current-targets',
      undefined,
      `the servers that run the current version${current ? ` ${current.version}` : ''} (host:port, comma-separated)`,
      { hint: 'The history does not record them; rollback needs them to take them out of the upstream.' },
    );
  }
  return { target: targetServers, current: currentServers };
}
