/**
 * The secrets scanner: Shipgate's own engine (@shipgate/secrets), no download. Every value it finds is handed to
 * `mask` as soon as its file is scanned, before anything about it is printed; findings carry only redacted forms.
 * A large scope is scanned by worker threads (the two cores of a hosted runner) when the action can start them;
 * the findings and their order are the single thread's.
 */
import type { Finding } from '@shipgate/findings';
import { SecretScanner, type GlobalAllowlist, type SecretRule } from '@shipgate/secrets';
import { SecretScanPool, type StartSecretScanWorker } from '../secret-workers.js';
import type { Scanner, ScanResult, ScanScope, ScopeFile } from '../scanner.js';

export interface SecretsScannerSettings {
  rules: readonly SecretRule[];
  allowlist: GlobalAllowlist;
  /** Files larger than this are not read (the result is then incomplete, naming them). */
  maxFileBytes: number;
  /** What the rule set is, for the summary (`212 built-in rules`). */
  ruleSource: string;
  /** Notes from the .gitleaks.toml import, shown in the summary. */
  notes: string[];
}

/** Masks one found value in the log (and registers it with the action's redaction). */
export type MaskSecret = (secret: string) => void;

/** How a large scope is split over threads. */
export interface SecretsParallelism {
  start: StartSecretScanWorker;
  workers: number;
  /** Scopes of fewer bytes (known sizes) are scanned on this thread: starting workers would cost more. */
  minBytes: number;
}

/** Two workers from 32 MiB on: below that, one thread scans in well under a second. */
export const DEFAULT_PARALLEL = { workers: 2, minBytes: 32 * 1048576 } as const;

/** Unanswered text a reader may queue for the workers before it waits. */
const MAX_QUEUED_CHARS = 64 * 1048576;

export function secretsScanner(
  settings: SecretsScannerSettings,
  mask: MaskSecret,
  parallel?: SecretsParallelism,
): Scanner {
  const engineSettings = { rules: settings.rules, allowlist: settings.allowlist };
  const engine = new SecretScanner(engineSettings);
  return {
    name: 'secrets',
    describe: () => `secrets (${settings.ruleSource})`,
    async scan(scope: ScanScope): Promise<ScanResult> {
      const tooLarge: string[] = [];
      const files = scope.files.filter((file) => {
        if (engine.skipsPath(file.path)) return false;
        if ((file.size ?? 0) <= settings.maxFileBytes) return true;
        tooLarge.push(file.path);
        return false;
      });
      const bytes = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
      const findings =
        parallel && bytes >= parallel.minBytes
          ? await scanInWorkers(files, scope, mask, new SecretScanPool(engineSettings, parallel))
          : await scanHere(files, scope, mask, engine);
      const incomplete =
        tooLarge.length > 0
          ? [
              `${tooLarge.length} file(s) over ${Math.round(settings.maxFileBytes / 1048576)} MB not scanned for secrets: ${tooLarge.slice(0, 10).join(', ')}${tooLarge.length > 10 ? ', …' : ''}`,
            ]
          : [];
      return { findings, incomplete, notes: settings.notes };
    },
  };
}

async function scanHere(
  files: readonly ScopeFile[],
  scope: ScanScope,
  mask: MaskSecret,
  engine: SecretScanner,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of files) {
    const text = await scope.read(file.path);
    if (text === undefined) continue;
    findings.push(...masked(engine.scan(file.path, text), mask));
  }
  return findings;
}

async function scanInWorkers(
  files: readonly ScopeFile[],
  scope: ScanScope,
  mask: MaskSecret,
  pool: SecretScanPool,
): Promise<Finding[]> {
  try {
    const results: Promise<Finding[]>[] = [];
    for (const file of files) {
      const text = await scope.read(file.path);
      if (text === undefined) continue;
      // Masked as each file's findings arrive, in any order: masking one value early hides nothing.
      const result = pool.scan(file.path, text).then((found) => masked(found, mask));
      // Awaited below; a failure before then (a file that cannot be read) must not leave it unhandled.
      result.catch(() => undefined);
      results.push(result);
      await pool.below(MAX_QUEUED_CHARS);
    }
    pool.flush();
    return (await Promise.all(results)).flat();
  } finally {
    await pool.close();
  }
}

/** Masked first: nothing about a finding is printed before its value is a secret of the run. */
function masked(found: Finding[], mask: MaskSecret): Finding[] {
  for (const finding of found) if (finding.secret) mask(finding.secret);
  return found;
}
