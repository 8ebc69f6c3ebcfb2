import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, parseRunArgs, UsageError } from './args.js';
import { findAction, listActions } from './catalog.js';
import { mergeInputs, readEnvInputs, readInputFile } from './input-sources.js';
import { createStyle, renderActionHelp, renderHelp } from './render.js';
import { runLocally } from './run.js';

// dist/cli/index.js → the package root holds actions/ and dist/.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const style = createStyle(process.stdout.isTTY === true && !process.env.NO_COLOR);
const stdout = (line: string): void => void process.stdout.write(`${line}\n`);
const stderr = (line: string): void => void process.stderr.write(`${line}\n`);
const onSignal = (handler: (signal: NodeJS.Signals) => void): (() => void) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, handler);
  return () => ['SIGINT', 'SIGTERM'].forEach((signal) => process.off(signal, handler));
};

try {
  const command = parseCommand(process.argv.slice(2));
  if (command.kind === 'help') stdout(renderHelp(listActions(root), style));
  else if (command.kind === 'version') stdout(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  else {
    const action = findAction(root, command.action, process.cwd());
    const declared = action.inputs.map((i) => i.name);
    const request = parseRunArgs(command.action, command.args, declared);
    if (request.help) stdout(renderActionHelp(action, style));
    else {
      const file = request.inputFile === undefined ? {} : readInputFile(request.inputFile, process.cwd(), declared);
      const inputs = mergeInputs(request.inputs, file, readEnvInputs(process.env, declared));
      const io = { cwd: process.cwd(), env: process.env, node: process.execPath, stdout, stderr, style, onSignal };
      process.exitCode = await runLocally(action, inputs, request, io);
    }
  }
} catch (error) {
  stderr(`shipgate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
