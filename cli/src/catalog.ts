import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readActionMeta, type ActionMeta } from '@shipgate/local-runner';
import { UsageError } from './args.js';
import { closest } from './suggest.js';

/** The action whose action.yml is the package root's (`uses: OWNER/shipgate@v1`). */
const ROOT_ACTION = 'preflight';

/**
 * The actions that ship with Shipgate (`actions/*\/action.yml` under the package root, and the root action.yml).
 * The root action is named by its folder, actions/preflight, like the others.
 */
export function listActions(packageRoot: string): ActionMeta[] {
  const dir = join(packageRoot, 'actions');
  if (!existsSync(dir)) return [];
  const actions = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'action.yml')))
    .map((name) => readActionMeta(join(dir, name)));
  const root = rootAction(packageRoot);
  return [...actions, ...(root ? [root] : [])].sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

function rootAction(packageRoot: string): ActionMeta | undefined {
  if (!existsSync(join(packageRoot, 'action.yml'))) return undefined;
  return { ...readActionMeta(packageRoot), dir: join(packageRoot, 'actions', ROOT_ACTION) };
}

/** Finds an action by its name (`canary-deploy`) or by a directory holding an action.yml (any local action). */
export function findAction(packageRoot: string, nameOrPath: string, cwd: string): ActionMeta {
  const shipped = join(packageRoot, 'actions', nameOrPath);
  if (!nameOrPath.includes('/') && existsSync(join(shipped, 'action.yml'))) return readActionMeta(shipped);
  const root = nameOrPath === ROOT_ACTION ? rootAction(packageRoot) : undefined;
  if (root) return root;
  const local = resolve(cwd, nameOrPath);
  if (existsSync(join(local, 'action.yml'))) return readActionMeta(local);
  const names = listActions(packageRoot).map((a) => a.dir.split('/').pop() ?? '');
  const suggestion = closest(nameOrPath, names);
  throw new UsageError(
    `Unknown action '${nameOrPath}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ` +
      (names.length
        ? `Shipgate's actions are: ${names.join(', ')}.`
        : 'No Shipgate actions are installed in this version.') +
      ' You can also give the path of a directory that holds an action.yml.',
  );
}
