import { InputError } from '@shipgate/core';
import {
  readPayload,
  writePayload,
  type DeploymentRecord,
  type NewDeployment,
  type RollbackPlan,
} from '@shipgate/history';
import type { RollbackSettings } from './settings.js';

/** The `targets`, `current-targets` and `allowed-targets` inputs. */
export interface DeclaredServers {
  targets: string[];
  currentTargets: string[];
  allowedTargets: string[];
}

/**
 * Whose deployment records are believed for addresses: the workflow's own identity (or `trusted-creators`).
 * A record someone else created (another token with `deployments: write`) is never read for servers.
 */
export interface TrustedCreators {
  logins: readonly string[];
}

const trustedBy = (record: DeploymentRecord, trusted: TrustedCreators): boolean =>
  record.creator !== undefined && trusted.logins.includes(record.creator);

/**
 * The servers the history says a version runs on: its own record's payload, else the `previous` block of the
 * record that replaced it (canary-deploy records where the stable version ran). Validated by the payload reader.
 */
export function recordedServers(
  record: DeploymentRecord | { version: string } | undefined,
  replacedBy: DeploymentRecord | undefined,
  trusted: TrustedCreators,
): string[] {
  const own =
    record && 'payload' in record && trustedBy(record, trusted) ? (readPayload(record.payload)?.targets ?? []) : [];
  if (own.length > 0 || !record) return own;
  const previous = replacedBy && trustedBy(replacedBy, trusted) ? readPayload(replacedBy.payload)?.previous : undefined;
  return previous && previous.version === record.version ? previous.targets : [];
}

/**
 * Where traffic goes back to, and which servers leave the upstream. The workflow's own inputs win: a deployment
 * record can be written by anyone with `deployments: write`, so addresses from one are used only when the
 * workflow declares them (`targets`, `current-targets` or `allowed-targets`), and a disagreement is an error that
 * names them, before anything is touched.
 */
export function resolveServers(
  target: DeploymentRecord | { version: string },
  current: DeploymentRecord | undefined,
  inputs: DeclaredServers,
  trusted: TrustedCreators,
): { target: string[]; current: string[]; notes: string[] } {
  const declared = new Set([...inputs.targets, ...inputs.currentTargets, ...inputs.allowedTargets]);
  const notes: string[] = [];
  const recorded = recordedServers(target, current, trusted);
  let targetServers = inputs.targets;
  if (targetServers.length > 0) {
    const differs = recorded.length > 0 && recorded.join(',') !== targetServers.join(',');
    if (differs)
      notes.push(
        `The history says ${target.version} runs on ${recorded.join(', ')}; the targets input (${targetServers.join(', ')}) wins.`,
      );
  } else {
    if (recorded.length === 0) {
      throw new InputError(
        'targets',
        undefined,
        `the servers that run ${target.version} (host:port, comma-separated)`,
        {
          hint: `The history does not record where ${target.version} runs (it was not deployed by canary-deploy, or force is set)${untrustedNote(target, current, trusted)}.`,
        },
      );
    }
    const undeclared = recorded.filter((server) => !declared.has(server));
    if (undeclared.length > 0) {
      throw new InputError(
        'allowed-targets',
        inputs.allowedTargets.join(',') || undefined,
        `servers that include ${undeclared.join(', ')}`,
        {
          hint: `The deployment history says ${target.version} runs on ${recorded.join(', ')}, but addresses in deployment records are used only when the workflow itself declares them (anyone with deployments: write can write a record). List the servers rollback may send traffic to in allowed-targets, or give targets.`,
        },
      );
    }
    targetServers = recorded;
  }
  // The current servers only leave the upstream (they get no traffic), so recorded ones serve as they are.
  const recordedCurrent = recordedServers(current, undefined, trusted);
  const currentServers = (inputs.currentTargets.length > 0 ? inputs.currentTargets : recordedCurrent).filter(
    (s) => !targetServers.includes(s),
  );
  if (currentServers.length === 0) {
    throw new InputError(
      'current-targets',
      undefined,
      `the servers that run the current version${current ? ` ${current.version}` : ''} (host:port, comma-separated)`,
      {
        hint: 'The history does not record them; rollback needs them to take them out of the upstream.',
      },
    );
  }
  return { target: targetServers, current: currentServers, notes };
}

/** Why records that name servers were not read: they were created by someone the workflow does not trust. */
function untrustedNote(
  target: DeploymentRecord | { version: string },
  current: DeploymentRecord | undefined,
  trusted: TrustedCreators,
): string {
  const records = [target, current].filter((r): r is DeploymentRecord => r !== undefined && 'id' in r);
  const foreign = records.filter((r) => !trustedBy(r, trusted));
  if (foreign.length === 0) return '';
  const who = foreign.map((r) => `deployment ${r.id} by ${r.creator ?? 'an unknown creator'}`).join(', ');
  return `; ${who} is not trusted for addresses, only records created by ${trusted.logins.join(', ')} (set trusted-creators to the login your deploy workflow writes records as)`;
}

/** The Deployment a rollback records: the version put back, where it runs, and what it replaced. */
export function rollbackRecord(
  plan: Extract<RollbackPlan, { kind: 'rollback' }>,
  servers: { target: string[]; current: string[] } | undefined,
  settings: RollbackSettings,
  sha: string | undefined,
): NewDeployment {
  const version = plan.target.version;
  const current = plan.current;
  return {
    environment: settings.environment,
    ref: 'ref' in plan.target ? plan.target.ref : (sha ?? version),
    task: 'rollback',
    version,
    description: `Rollback of ${settings.environment} from ${current?.version ?? 'unknown'} to ${version}`,
    payload: writePayload({
      version,
      provider: settings.provider.kind,
      targets: servers?.target ?? [],
      previous: current
        ? { version: current.version, deploymentId: current.id, targets: servers?.current ?? [] }
        : undefined,
      nginx: undefined,
    }),
    productionEnvironment: settings.environment === 'production',
  };
}
