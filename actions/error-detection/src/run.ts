import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { readinessOf, topFixes } from '@shipgate/findings';
import { systemAdapters, type DetectionAdapters } from './adapters.js';
import type { CheckScope } from './check.js';
import type { ACTION } from './inputs.js';
import { publish } from './publish.js';
import { runChecks } from './run-checks.js';
import { parseSettings } from './settings.js';
import { prefixOf, scanWorkspace } from './workspace-files.js';

/**
 * Composition root: settings (every input, before anything runs) → the repository's files → each category's
 * check → readiness score → annotations, SARIF, patch, summary, report, outputs. The step fails when the score is
 * below min-score.
 */
export async function run(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: DetectionAdapters = systemAdapters(),
): Promise<ActionOutcome> {
  const settings = parseSettings(context);
  const root = context.workingDirectory;
  const trackedFiles = await adapters.trackedFiles(root);
  const files = scanWorkspace({
    root,
    prefix: prefixOf(context.runner.workspace, root),
    globs: settings.globs,
    ...(trackedFiles ? { trackedFiles } : {}),
  });
  const scope: CheckScope = {
    files,
    kubernetesVersion: settings.kubernetesVersion,
    envFile: settings.envFile,
    envExample: settings.envExample,
    // The job's variables, not the step's inputs or the runner's credentials.
    environment: (name) => (/^(INPUT_|ACTIONS_|GITHUB_TOKEN$)/.test(name) ? undefined : env[name]),
    buildCommand: settings.buildCommand,
    buildTimeoutMs: settings.buildTimeoutMs,
    tools: adapters.tools,
    runCommand: adapters.commands(root),
    log: (message) => context.info(message),
  };
  const outcome = await runChecks(settings.checks, scope, settings.categoriesGiven);
  for (const finding of outcome.findings) if (finding.secret) context.secrets.add(finding.secret);
  const readiness = readinessOf(outcome.categories);
  const fixes = topFixes(outcome.categories);
  const passed = readiness.score >= settings.minScore;
  return publish(context, {
    ...outcome,
    files,
    sarifFile: settings.sarifFile,
    sourceText: (file) => readSource(context.runner.workspace, file),
    passed,
    minScore: settings.minScore,
    readiness,
    fixes,
  });
}

function readSource(workspace: string, file: string): string | undefined {
  try {
    return readFileSync(join(workspace, file), 'utf8');
  } catch {
    return undefined;
  }
}
