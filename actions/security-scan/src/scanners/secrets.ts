/**
 * The secrets scanner: Shipgate's own engine (@shipgate/secrets), no download. Every value it finds is handed to
 * `mask` as soon as its file is scanned, before anything about it is printed; findings carry only redacted forms.
 */
import type { Finding } from '@shipgate/findings';
import { SecretScanner, type GlobalAllowlist, type SecretRule } from '@shipgate/secrets';
import type { Scanner, ScanResult, ScanScope } from '../scanner.js';

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

export function secretsScanner(settings: SecretsScannerSettings, mask: MaskSecret): Scanner {
  const engine = new SecretScanner({ rules: settings.rules, allowlist: settings.allowlist });
  return {
    name: 'secrets',
    describe: () => `secrets (${settings.ruleSource})`,
    async scan(scope: ScanScope): Promise<ScanResult> {
      const findings: Finding[] = [];
      const tooLarge: string[] = [];
      for (const file of scope.files) {
        if (engine.skipsPath(file.path)) continue;
        if ((file.size ?? 0) > settings.maxFileBytes) {
          tooLarge.push(file.path);
          continue;
        }
        const text = await scope.read(file.path);
        if (text === undefined) continue;
        const found = engine.scan(file.path, text);
        // Masked first: nothing about a finding is printed before its value is a secret of the run.
        for (const finding of found) if (finding.secret) mask(finding.secret);
        findings.push(...found);
      }
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
