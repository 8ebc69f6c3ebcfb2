/**
 * security-scan: the one table of its inputs and outputs. action.yml, the README tables, the config schema and
 * the CLI help are generated from it (`npm run build`); plain data, so import only types and other tables.
 */
import type { ActionDefinition } from '@shipgate/kit';
import { COMMON_INPUTS } from '@shipgate/kit/inputs';

export const ACTION = {
  name: 'security-scan',
  title: 'Shipgate security scan',
  description:
    'Finds secrets, vulnerable dependencies, risky infrastructure as code and vulnerable images on the lines a pull request adds or in the whole tree, judges them by one per-environment policy, and reports annotations, a summary and SARIF.',
  branding: { icon: 'shield', color: 'red' },
  inputs: {
    scanners: {
      kind: 'list',
      choices: ['secrets', 'dependencies', 'iac', 'image'],
      default: 'secrets,dependencies,iac',
      description:
        'What to scan for: secrets (own engine), dependencies (lockfiles against OSV), iac (Kubernetes, Compose, Dockerfiles), image (Trivy on the image input; added to the default when image is set).',
    },
    mode: {
      kind: 'choice',
      choices: ['auto', 'pull-request', 'full'],
      default: 'auto',
      description:
        'pull-request: only the lines the pull request adds (git diff between the base and head of the event, or base and head); full: every file under path. auto: pull-request on pull_request events (or when base is given), else full.',
    },
    'fail-on': {
      kind: 'choice',
      choices: ['critical', 'high', 'medium', 'low', 'info', 'never'],
      default: 'high',
      description:
        'The least severe severity that can fail the step; findings at or above it beyond their limit (max-critical, max-high, else none allowed) fail it. never: report only.',
    },
    'max-critical': {
      kind: 'integer',
      min: 0,
      description:
        "Critical findings allowed. Default: the environment's threshold (development 2, staging 1, production 0; production's for any other name or none).",
    },
    'max-high': {
      kind: 'integer',
      min: 0,
      description:
        "High findings allowed. Default: the environment's threshold (development 10, staging 7, production 5; production's for any other name or none).",
    },
    path: {
      kind: 'text',
      default: '.',
      description:
        'Directory to scan in full mode, relative to the working directory; in pull-request mode only changes under it are scanned.',
    },
    baseline: {
      kind: 'file',
      description:
        'Accepted findings (JSON, schema shipgate/baseline/v1, such as the baseline-file output of an earlier run): they are reported as suppressed and never fail the step.',
    },
    'gitleaks-config': {
      kind: 'file',
      description:
        'A .gitleaks.toml whose rules and allowlists are imported (rules that cannot be translated are listed in the summary). Default: .gitleaks.toml in path when present.',
    },
    'scan-vendored': {
      kind: 'boolean',
      default: 'false',
      description:
        'Also scan lockfiles and vendored folders (node_modules, vendor, virtualenvs, third_party), which full mode skips. .git is never scanned.',
    },
    'osv-url': {
      kind: 'url',
      default: 'https://api.osv.dev',
      description:
        'dependencies: the OSV API the lockfiles are checked against (https://api.osv.dev, or a mirror serving /v1/querybatch and /v1/vulns/{id}).',
    },
    'ignore-file': {
      kind: 'file',
      description:
        'dependencies: accepted advisories (YAML: ignore: [{id, reason, expires, package}]; id may be a CVE alias, reason is required, an acceptance ends after its expires day). Default: .github/shipgate-ignore.yml of the workspace when present.',
    },
    image: {
      kind: 'text',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$',
      allowed: 'an image reference such as ghcr.io/org/app:1.4.2, or a .tar file saved with docker save',
      description:
        'image: the container image whose packages are checked for vulnerabilities by Trivy (a reference, or a .tar file of the workspace saved with docker save). Setting it adds image to the default scanners.',
    },
    'trivy-version': {
      kind: 'text',
      pattern: '^v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$',
      allowed: 'a Trivy version such as 0.69.2',
      description:
        'image: the Trivy release installed through the tool cache. Default: 0.69.2, whose archive digests are pinned; another version needs trivy-sha256.',
    },
    'trivy-sha256': {
      kind: 'text',
      pattern: '^[0-9A-Fa-f]{64}$',
      allowed: '64 hex digits: the SHA-256 of the release archive for this runner',
      description:
        'image: the SHA-256 of the Trivy release archive, checked before it is extracted (a mismatch fails the step before anything is scanned). Default: the pinned digest of 0.69.2 for the runner.',
    },
    'trivy-url': {
      kind: 'url',
      description:
        "image: a mirror of the Trivy releases laid out like GitHub's (<url>/v<version>/trivy_<version>_Linux-64bit.tar.gz). Default: https://github.com/aquasecurity/trivy/releases/download.",
    },
    'image-scanners': {
      kind: 'list',
      choices: ['vuln', 'secret', 'misconfig'],
      default: 'vuln,secret',
      description:
        "image: what Trivy looks for in the image: vuln (packages with known vulnerabilities; needs Trivy's database), secret (credentials baked into a layer), misconfig (configuration files in the image). Without vuln nothing is downloaded.",
    },
    'trivy-db-repository': {
      kind: 'text',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._/:@-]*$',
      allowed: 'an OCI repository such as ghcr.io/aquasecurity/trivy-db',
      description:
        "image: an OCI repository mirroring ghcr.io/aquasecurity/trivy-db, where Trivy downloads its vulnerability database. Default: Trivy's own.",
    },
    base: {
      kind: 'text',
      scope: 'step',
      pattern: '^[A-Za-z0-9_][A-Za-z0-9._/@^~{}-]*$',
      allowed: 'a commit SHA or a ref such as origin/main',
      description:
        'pull-request mode: the commit to compare with. Default: the pull request base from the event. The commits must be fetched (actions/checkout with fetch-depth: 0).',
    },
    head: {
      kind: 'text',
      scope: 'step',
      pattern: '^[A-Za-z0-9_][A-Za-z0-9._/@^~{}-]*$',
      allowed: 'a commit SHA or a ref such as HEAD',
      description:
        'pull-request mode: the commit whose added lines are scanned. Default: the pull request head from the event, else HEAD.',
    },
    'sarif-file': {
      kind: 'text',
      scope: 'step',
      description:
        'Where to write the SARIF 2.1.0 log (one run per scanner, each with its category), relative to the working directory; upload it with github/codeql-action/upload-sarif. Default: security-scan.sarif under RUNNER_TEMP/shipgate.',
    },
    ...COMMON_INPUTS,
  },
  outputs: {
    result: 'pass or fail, by the policy of the environment.',
    critical: 'Critical findings (not counting those the baseline accepts).',
    high: 'High findings.',
    medium: 'Medium findings.',
    low: 'Low findings.',
    info: 'Informational findings.',
    secrets: 'Findings of the secrets scanner.',
    dependencies: 'Findings of the dependencies scanner (when it ran).',
    iac: 'Findings of the iac scanner (when it ran).',
    image: 'Findings of the image scanner (when it ran).',
    suppressed: 'Findings the baseline accepts.',
    incomplete: 'true when a scanner could not scan everything (the summary says what it missed).',
    'sarif-file': 'Path of the SARIF log.',
    'baseline-file':
      "Path of a baseline (shipgate/baseline/v1) accepting every finding of this run, accepted ones included: commit it and pass it as baseline to accept them. Write it from a full-mode run: in pull-request mode it holds only the pull request's findings.",
    report: 'Path of the JSON report (schema shipgate/security-scan/v1).',
  },
} as const satisfies ActionDefinition;
