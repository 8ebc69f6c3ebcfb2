import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './args.js';
import { checkInputs, findAction, listActions } from './catalog.js';
import { createStyle, renderActionHelp, renderHelp } from './render.js';
import { runLocally } from './run.js';

// dist/cli/index.js → the package root holds actions/ and dist/.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const style = createStyle(process.stdout.isTTY === true && !process.env.NO_COLOR);
const print = (line: string): void => void process.stdout.write(`${line}\n`);

try {
  const command = parseArgs(process.argv.slice(2));
  if (command.kind === 'help') print(renderHelp(listActions(root), style));
  else if (command.kind === 'version') print(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  else if (command.kind === 'action-help') print(renderActionHelp(findAction(root, command.action, process.cwd()), style));
  else {
    const action = findAction(root, command.action, process.cwd());
    checkInputs(action, command.inputs);
    process.exitCode = await runLocally(action, command.inputs, command.debug, { cwd: process.cwd(), env: process.env, node: process.execPath, print, style });
  }
} catch (error) {
  process.stderr.write(`shipgate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
