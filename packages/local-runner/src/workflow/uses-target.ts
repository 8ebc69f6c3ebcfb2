// What a `uses:` names, locally: one of our actions (its committed bundle), a stand-in, or a reusable workflow.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { StandIn } from './stand-ins.js';

/** Where `uses:` references resolve. */
export interface UsesRoots {
  /** The Shipgate checkout: `<owner>/shipgate[/actions/<name>]@<ref>` and `./actions/<name>` resolve into it. */
  shipgateRoot: string;
  /** The job's workspace: any other `./<path>` action resolves into it, as on GitHub. */
  workspace: string;
  standIns: ReadonlyMap<string, StandIn>;
}

/** A step's `uses:`, resolved. */
export type StepTarget = { kind: 'action'; dir: string } | { kind: 'stand-in'; standIn: StandIn };

/** A `uses:` that names nothing the local runner can run. */
export class UnknownUsesError extends Error {
  constructor(uses: string, why: string) {
    super(`uses: ${uses}: ${why}`);
    this.name = 'UnknownUsesError';
  }
}

const SHIPGATE = /^[A-Za-z0-9_.-]+\/shipgate(?:\/(.+))?@[^@/]+$/;

/** Resolves a step's `uses:` to an action folder (with an action.yml) or a stand-in; throws when neither. */
export function resolveStepUses(uses: string, roots: UsesRoots): StepTarget {
  const action = (dir: string): StepTarget => {
    if (!existsSync(join(dir, 'action.yml'))) throw new UnknownUsesError(uses, `no action.yml in ${dir}`);
    return { kind: 'action', dir };
  };
  if (uses.startsWith('./')) {
    const path = uses.slice(2).replace(/\/$/, '');
    if (path === '' || /^actions\/[a-z0-9-]+$/.test(path)) return action(resolve(roots.shipgateRoot, path || '.'));
    return action(resolve(roots.workspace, path));
  }
  const ours = SHIPGATE.exec(uses);
  if (ours) return action(resolve(roots.shipgateRoot, ours[1] ?? '.'));
  if (uses.startsWith('docker://')) throw new UnknownUsesError(uses, 'container actions are not run locally');
  const name = uses.split('@')[0] ?? uses;
  const standIn = roots.standIns.get(name);
  if (standIn) return { kind: 'stand-in', standIn };
  throw new UnknownUsesError(
    uses,
    `not one of our actions and no stand-in for '${name}' (stand-ins: ${[...roots.standIns.keys()].join(', ')})`,
  );
}

/**
 * Resolves a job's `uses:` (a reusable workflow) to a file: `./.github/workflows/x.yml` in the repository of the
 * calling workflow (the folder above its `.github/workflows`, or the Shipgate checkout), and
 * `<owner>/shipgate/.github/workflows/x.yml@<ref>` in the Shipgate checkout.
 */
export function resolveWorkflowUses(uses: string, callerFile: string, shipgateRoot: string): string {
  let file: string;
  if (uses.startsWith('./')) {
    const workflows = dirname(callerFile);
    const repository = workflows.endsWith(join('.github', 'workflows')) ? dirname(dirname(workflows)) : shipgateRoot;
    file = resolve(repository, uses);
  } else {
    const ours = SHIPGATE.exec(uses);
    if (!ours?.[1]?.startsWith('.github/workflows/'))
      throw new UnknownUsesError(
        uses,
        'only our reusable workflows (<owner>/shipgate/.github/workflows/<file>@<ref>) run locally',
      );
    file = resolve(shipgateRoot, ours[1]);
  }
  if (!existsSync(file)) throw new UnknownUsesError(uses, `no workflow at ${file}`);
  return file;
}
