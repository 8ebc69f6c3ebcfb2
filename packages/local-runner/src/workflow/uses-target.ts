// What a `uses:` names, locally: one of our actions (its committed bundle), a stand-in, or a reusable workflow.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { StandIn } from './stand-ins.js';

/**
 * Where `uses:` references resolve. `$/<path>` (GitHub's self-repository reference: the repository and commit of
 * the workflow file it is written in, whoever calls it) resolves in the workflow file's repository.
 */
export interface UsesRoots {
  /** The Shipgate checkout: `<owner>/shipgate[/actions/<name>]@<ref>` and `./actions/<name>` resolve into it. */
  shipgateRoot: string;
  /** The job's workspace: any other `./<path>` action resolves into it, as on GitHub. */
  workspace: string;
  /** The workflow file whose step this is: `$/<path>` resolves into its repository (see {@link repositoryOf}). */
  workflowFile: string;
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
  if (uses.startsWith('$/')) {
    // GitHub's runner reads a bare `$/` as `{org}/{repo}@ref` and fails the job: a self-repository reference needs a path.
    if (uses.slice(2).replace(/^\.?\/?$/, '') === '')
      throw new UnknownUsesError(
        uses,
        'a self-repository reference needs a path ($/actions/<name>): GitHub refuses it',
      );
    return action(resolve(repositoryOf(roots.workflowFile, roots.shipgateRoot), uses.slice(2)));
  }
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
 * The repository a workflow file is in: the folder above its `.github/workflows`, or `fallback` for a file elsewhere.
 * GitHub's self-repository reference `$/<path>` names a path there, at the commit of the file.
 */
export function repositoryOf(workflowFile: string, fallback: string): string {
  const workflows = dirname(workflowFile);
  return workflows.endsWith(join('.github', 'workflows')) ? dirname(dirname(workflows)) : fallback;
}

/**
 * Resolves a job's `uses:` (a reusable workflow) to a file: `./.github/workflows/x.yml` and `$/.github/workflows/x.yml`
 * in the repository of the calling workflow ({@link repositoryOf}, else the Shipgate checkout), and
 * `<owner>/shipgate/.github/workflows/x.yml@<ref>` in the Shipgate checkout.
 */
export function resolveWorkflowUses(uses: string, callerFile: string, shipgateRoot: string): string {
  let file: string;
  if (uses.startsWith('./') || uses.startsWith('$/')) {
    file = resolve(repositoryOf(callerFile, shipgateRoot), uses.slice(2));
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
