/**
 * Runs an installed Trivy through the exec adapter's `Shell` (argv, own process group, timeout) and maps its JSON
 * report to findings. Flags differ between Trivy releases (`misconfig` was `config` before 0.47,
 * `--skip-check-update` was `--skip-policy-update` before 0.51): each scan asks the binary's own `--help` which
 * it knows, so the pinned release and older builds (such as the one the tests run) get flags they accept.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecError, ShipgateError } from '@shipgate/core';
import { LocalShell, type Shell } from '@shipgate/exec';
import type { Finding } from '@shipgate/findings';
import type { TrivyInstallation } from './install.js';
import { findingsFromTrivyReport, parseTrivyReport, type TrivyReport } from './report-mapping.js';

/** How a scan runs. */
export interface TrivyScanOptions {
  /** Where commands run; default a `LocalShell` (the job's environment without inputs and credentials). */
  shell?: Shell;
  /** Trivy's `--cache-dir` (its databases and scan cache); default `trivy-cache` under `RUNNER_TEMP`. */
  cacheDir?: string;
  /** Kill Trivy after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** Folders to leave out (`--skip-dirs`), relative to the scanned folder. */
  skipDirs?: readonly string[];
}

/** What a scan found. */
export interface TrivyScan {
  findings: Finding[];
  /** The report as Trivy wrote it (secrets already masked by Trivy). */
  report: TrivyReport;
}

/** The image to scan: a reference pulled by Trivy, or an image saved with `docker save`. */
export type ImageSource = { reference: string } | { tarball: string };

/** Image scans need Trivy's vulnerability database: downloaded by default, or one already in `cacheDir`. */
export interface ImageScanOptions extends TrivyScanOptions {
  /**
   * Use only the database already in `cacheDir` (`--skip-db-update --skip-java-db-update --offline-scan`), for
   * runners without network access to the database registry. Default false: Trivy downloads it.
   */
  offline?: boolean;
  /** An OCI repository mirroring `ghcr.io/aquasecurity/trivy-db` (`--db-repository`). */
  dbRepository?: string;
  /**
   * Trivy's scanners to run on the image. Default vulnerabilities and secrets. Without `vuln` no database is needed,
   * so none is downloaded (the scan is offline).
   */
  scanners?: readonly ImageScannerName[];
}

/** What Trivy can look for in an image. */
export type ImageScannerName = 'vuln' | 'secret' | 'misconfig';

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/** Bigger reports than this are refused rather than read (a bounded read of outside output). */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** Trivy's secret and misconfiguration scanners on a folder, offline: no database, no check bundle download. */
export async function scanFilesystem(
  trivy: TrivyInstallation,
  folder: string,
  options: TrivyScanOptions = {},
): Promise<TrivyScan> {
  const shell = options.shell ?? new LocalShell();
  const known = await knownFlags(shell, trivy, 'fs', options);
  const misconfig = known.scanners.has('misconfig') ? 'misconfig' : 'config';
  const flags = [
    '--scanners',
    `secret,${misconfig}`,
    '--skip-db-update',
    known.flag('--skip-check-update') ?? known.flag('--skip-policy-update'),
    known.flag('--offline-scan'),
    ...(options.skipDirs ?? []).flatMap((dir) => ['--skip-dirs', dir]),
  ];
  return run(shell, trivy, 'fs', [...compact(flags), ...common(known), folder], options);
}

/** Trivy's vulnerability, secret and misconfiguration scanners on a container image. */
export async function scanImage(
  trivy: TrivyInstallation,
  image: ImageSource,
  options: ImageScanOptions = {},
): Promise<TrivyScan> {
  const shell = options.shell ?? new LocalShell();
  const known = await knownFlags(shell, trivy, 'image', options);
  const scanners = options.scanners ?? ['vuln', 'secret'];
  const vulnerabilities = scanners.includes('vuln');
  const names = scanners.map((s) => (s === 'misconfig' && !known.scanners.has('misconfig') ? 'config' : s));
  const offline = options.offline === true || !vulnerabilities;
  const flags = [
    '--scanners',
    names.join(','),
    ...(offline ? ['--skip-db-update', known.flag('--skip-java-db-update'), known.flag('--offline-scan')] : []),
    ...(scanners.includes('misconfig')
      ? [known.flag('--skip-check-update') ?? known.flag('--skip-policy-update')]
      : []),
    ...(options.dbRepository && vulnerabilities ? ['--db-repository', options.dbRepository] : []),
  ];
  const target = 'tarball' in image ? ['--input', image.tarball] : [image.reference];
  return run(shell, trivy, 'image', [...compact(flags), ...common(known), ...target], options);
}

interface KnownFlags {
  /** `name` when this Trivy has the flag, else undefined. */
  flag(name: string): string | undefined;
  scanners: Set<string>;
}

async function knownFlags(
  shell: Shell,
  trivy: TrivyInstallation,
  command: string,
  options: TrivyScanOptions,
): Promise<KnownFlags> {
  const help = await shell.run([trivy.binary, command, '--help'], { timeoutMs: options.timeoutMs ?? 60_000 });
  if (help.code !== 0) throw new ExecError(`${trivy.binary} ${command} --help`, help.code, help.stderr);
  const names = new Set(help.stdout.match(/--[a-z0-9-]+/g) ?? []);
  const scannersLine = help.stdout.split('\n').find((line) => line.includes('--scanners')) ?? '';
  const scanners = new Set(/\(([a-z,]+)\)/.exec(scannersLine)?.[1]?.split(',') ?? []);
  return { flag: (name) => (names.has(name) ? name : undefined), scanners };
}

/** Flags every scan takes: JSON, no progress, exit 0 on findings, and no calls home where Trivy can skip them. */
function common(known: KnownFlags): string[] {
  return compact([
    '--format',
    'json',
    '--exit-code',
    '0',
    '--quiet',
    known.flag('--skip-version-check'),
    known.flag('--disable-telemetry'),
  ]);
}

/** Trivy colours its log levels even into a pipe: the message is kept, the escape codes are not. */
function stripColours(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function compact(values: readonly (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}

async function run(
  shell: Shell,
  trivy: TrivyInstallation,
  command: 'fs' | 'image',
  args: string[],
  options: TrivyScanOptions,
): Promise<TrivyScan> {
  const temp = process.env.RUNNER_TEMP || tmpdir();
  const work = await mkdtemp(join(temp, 'shipgate-trivy-'));
  const output = join(work, 'report.json');
  const cacheDir = options.cacheDir ?? join(temp, 'trivy-cache');
  const argv = [trivy.binary, command, '--cache-dir', cacheDir, '--output', output, ...args];
  try {
    const result = await shell.run(argv, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    if (result.code !== 0)
      throw new ExecError(`trivy ${command}`, result.code, stripColours(result.stderr), {
        hint: `Trivy ${trivy.version} at ${trivy.binary} failed; its message is above.`,
      });
    const size = (await stat(output).catch(() => undefined))?.size;
    if (size === undefined) throw new ShipgateError(`Trivy exited 0 but wrote no report at ${output}`);
    if (size > MAX_REPORT_BYTES)
      throw new ShipgateError(`Trivy's report is ${size} bytes, over the ${MAX_REPORT_BYTES} Shipgate reads`, {
        hint: 'Scan a smaller folder or skip generated folders (skipDirs).',
      });
    const text = await shell.readFile(output);
    const report = parseTrivyReport(text ?? '', output);
    return { findings: findingsFromTrivyReport(report), report };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
