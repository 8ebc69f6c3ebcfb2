import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatBaseline } from '@shipgate/findings';
import { LocalShell, type Shell } from '@shipgate/exec';
import { createNetTransport, createOsvClient } from '@shipgate/net';
import { systemClock, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import { fullScope } from './full-scope.js';
import { GitClient } from './git-client.js';
import type { ACTION } from './inputs.js';
import { finishOutcome } from './outcome.js';
import { pullRequestScope } from './pull-request-scope.js';
import { buildSarifLog } from './sarif-log.js';
import { scan, type ScanOutcome } from './scan.js';
import type { DependenciesScannerPorts } from './scanners/dependencies.js';
import { createScanners } from './scanners/index.js';
import { DEFAULT_PARALLEL } from './scanners/secrets.js';
import type { StartSecretScanWorker } from './secret-workers.js';
import { parseSettings, type ScanSettings } from './settings.js';

/** The side effects security-scan has beyond reading the workspace: git runs in a shell; OSV over HTTP. */
export interface ScanAdapters {
  shell(): Shell;
  dependencies: DependenciesScannerPorts;
  /** Starts a worker thread serving secret scans (the bundle starts itself again); without it, one thread scans. */
  startSecretScanWorker?: StartSecretScanWorker;
}

export const SYSTEM_ADAPTERS: ScanAdapters = {
  shell: () => new LocalShell(),
  dependencies: {
    openOsv(url) {
      const transport = createNetTransport();
      return { osv: createOsvClient({ url, http: transport.http }), close: () => transport.close() };
    },
    clock: systemClock,
  },
};

type Context = ActionContext<typeof ACTION.inputs>;

/**
 * Composition root: settings (every input, the event, the baseline and .gitleaks.toml, before any file is read
 * for scanning) → scope (the tree, or the lines a pull request adds) → scanners → policy → SARIF, outputs,
 * annotations, summary, report. A found value is masked the moment its file is scanned.
 */
export async function run(
  context: Context,
  env: NodeJS.ProcessEnv = process.env,
  adapters: ScanAdapters = SYSTEM_ADAPTERS,
): Promise<ActionOutcome> {
  const settings = parseSettings(context, env);
  const scanned = await scanRepository(context, settings, adapters);
  const sarif = buildSarifLog(scanned.outcome.runs, scanned.sourceText);
  mkdirSync(dirname(settings.sarifFile), { recursive: true });
  writeFileSync(settings.sarifFile, context.secrets.redact(sarif.text));
  return finishOutcome(context, settings, scanned.outcome, {
    compared: scanned.compared,
    sarifFile: settings.sarifFile,
    baselineFile: writeBaselineFile(context, scanned.outcome),
    sarifOmitted: sarif.omitted,
  });
}

/** What a scan found, with the text of the files it found something in (for SARIF's line hashes). */
export interface Scanned {
  outcome: ScanOutcome;
  /** The commits compared, in pull-request mode. */
  compared: { base: string; head: string } | undefined;
  sourceText: (file: string) => string | undefined;
}

/**
 * The scan, without publishing anything: tools first, then the scope (the tree, or the lines a pull request
 * adds), the scanners, the baseline and the policy's decision. Found values are masked as they are found.
 * Preflight reuses it.
 */
export async function scanRepository(
  context: Context,
  settings: ScanSettings,
  adapters: ScanAdapters = SYSTEM_ADAPTERS,
): Promise<Scanned> {
  const scanners = createScanners(settings.scanners, {
    settings,
    mask: (secret) => context.secrets.add(secret, { whole: true }),
    dependencies: adapters.dependencies,
    shell: () => context.adopt(adapters.shell(), (shell) => shell.close()),
    ...(adapters.startSecretScanWorker
      ? { secretsParallelism: { ...DEFAULT_PARALLEL, start: adapters.startSecretScanWorker } }
      : {}),
  });
  // Tools first (Trivy, checksum verified): a failure stops the step before any file is scanned.
  for (const scanner of scanners) await scanner.prepare?.();
  const git = (): GitClient =>
    new GitClient(
      context.adopt(adapters.shell(), (shell) => shell.close()),
      settings.root,
    );
  const pullRequest = settings.comparison
    ? await pullRequestScope(git(), settings.comparison, context.runner.workspace)
    : undefined;
  const scope =
    pullRequest ?? fullScope(settings.root, context.runner.workspace, { skipVendored: settings.skipVendored });
  const outcome = await scan(scanners, scope, settings.policy, settings.baseline?.baseline);
  const texts = new Map<string, string | undefined>();
  for (const finding of outcome.findings)
    if (finding.location && !texts.has(finding.location.file))
      texts.set(finding.location.file, await scope.read(finding.location.file));
  return { outcome, compared: pullRequest?.compared, sourceText: (file) => texts.get(file) };
}

/** Every finding, accepted ones included, as a baseline to commit (fingerprints only, no value); its path. */
export function writeBaselineFile(context: Pick<Context, 'runner'>, outcome: ScanOutcome): string {
  const baselineFile = join(context.runner.temp, 'shipgate', 'security-scan-baseline.json');
  mkdirSync(dirname(baselineFile), { recursive: true });
  writeFileSync(baselineFile, formatBaseline([...outcome.findings, ...outcome.suppressed]));
  return baselineFile;
}
