import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readActionMeta, type ActionMeta } from '@shipgate/local-runner';
import { UsageError } from './args.js';
import { closest } from './suggest.js';

/** The actions that ship with Shipgate (`actions/*\/action.yml` under the package root). */
export function listActions(packageRoot: string): ActionMeta[] {
  const dir = join(packageRoot, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'action.yml')))
    .sort()
    .map((name) => readActionMeta(join(dir, name)));
}

/** Finds an action by its name (`canary-deploy`) or by a directory holding an action.yml (any local action). */
export function findAction(packageRoot: string, nameOrPath: string, cwd: string): ActionMeta {
  const shipped = join(packageRoot, 'actions', nameOrPath);
  if (!nameOrPath.includes('/') && existsSync(join(shipped, 'action.yml'))) return readActionMeta(shipped);
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
