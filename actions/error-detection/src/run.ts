import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { readinessOf, sortFindings, topFixes } from '@shipgate/findings';
import { systemAdapters, type DetectionAdapters } from './adapters.js';
import type { CheckScope } from './check.js';
import type { ACTION } from './inputs.js';
import { publish, type Detection } from './publish.js';
import { runChecks } from './run-checks.js';
import { parseSettings, type Settings } from './settings.js';
import { prefixOf, scanWorkspace } from './workspace-files.js';

type Context = ActionContext<typeof ACTION.inputs>;

/**
 * Composition root: settings (every input, before anything runs) → the repository's files → each category's
 * check → readiness score → annotations, SARIF, patch, summary, report, outputs. The step fails when the score is
 * below min-score.
 */
export async function run(
  context: Context,
  env: NodeJS.ProcessEnv = process.env,
  adapters: DetectionAdapters = systemAdapters(),
): Promise<ActionOutcome> {
  const settings = parseSettings(context);
  return publish(context, await detect(context, settings, env, adapters), settings.sarifFile);
}

/**
 * The checks, without publishing anything: the repository's files → each category's check → readiness score and
 * the decision (score ≥ min-score). Found secrets are registered for masking. Preflight reuses it.
 */
export async function detect(
  context: Context,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
  adapters: DetectionAdapters = systemAdapters(),
): Promise<Detection> {
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
  return {
    ...outcome,
    findings: sortFindings(outcome.findings),
    files,
    sourceText: (file) => readSource(context.runner.workspace, file),
    passed: readiness.score >= settings.minScore,
    minScore: settings.minScore,
    readiness,
    fixes: topFixes(outcome.categories),
  };
}

function readSource(workspace: string, file: string): string | undefined {
  try {
    return readFileSync(join(workspace, file), 'utf8');
  } catch {
    return undefined;
  }
}
