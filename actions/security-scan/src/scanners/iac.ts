/**
 * The iac scanner: @shipgate/iac's security checks on the Kubernetes manifests (YAML with top-level apiVersion and
 * kind), Compose files and Dockerfiles of the scope, found as error-detection finds them (@shipgate/manifests'
 * file kinds; kustomize patches left out). Every finding is at file:line:column; the rules' help comes from
 * IAC_RULES through the findings.
 */
import type { Finding } from '@shipgate/findings';
import { IAC_RULES, checkComposeSecurity, checkDockerfile, checkKubernetesSecurity } from '@shipgate/iac';
import {
  isComposeFile,
  isDockerfile,
  isKubernetesManifest,
  isKustomization,
  kustomizePatchPaths,
  parsePositionedYaml,
  type PositionedFile,
} from '@shipgate/manifests';
import type { Scanner, ScanResult, ScanScope } from '../scanner.js';

/** Files larger than this are generated data, not hand-written infrastructure: not read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function iacScanner(): Scanner {
  return {
    name: 'iac',
    describe: () => `infrastructure as code (${IAC_RULES.length} rules for Kubernetes, Compose and Dockerfiles)`,
    async scan(scope: ScanScope): Promise<ScanResult> {
      const findings: Finding[] = [];
      const manifests: PositionedFile[] = [];
      const unparsable: string[] = [];
      const counts = { kubernetes: 0, compose: 0, dockerfile: 0 };
      // Kustomize patches are partial objects: judged as whole manifests they would lack what the base sets.
      const patches = new Set<string>();
      for (const file of scope.files)
        if (isKustomization(file.path))
          for (const patch of kustomizePatchPaths(file.path, (await scope.read(file.path)) ?? '')) patches.add(patch);
      for (const file of scope.files) {
        const path = file.path;
        const dockerfile = isDockerfile(path);
        if ((!dockerfile && !/\.ya?ml$/.test(path)) || patches.has(path)) continue;
        if ((file.size ?? 0) > MAX_FILE_BYTES) continue;
        const text = await scope.read(path);
        if (text === undefined) continue;
        if (dockerfile) {
          counts.dockerfile++;
          findings.push(...checkDockerfile(text, path));
        } else if (isComposeFile(path)) {
          counts.compose++;
          const parsed = parsePositionedYaml(text, path, 'core');
          if (parsed.documents.some((d) => d.hasErrors)) unparsable.push(path);
          findings.push(...checkComposeSecurity(parsed));
        } else if (isKubernetesManifest(path, text)) {
          counts.kubernetes++;
          const parsed = parsePositionedYaml(text, path, 'kubernetes');
          if (parsed.documents.some((d) => d.hasErrors)) unparsable.push(path);
          manifests.push(parsed);
        }
      }
      findings.push(...checkKubernetesSecurity(manifests));
      const checked = `checked ${counts.kubernetes} Kubernetes manifest file(s), ${counts.compose} Compose file(s), ${counts.dockerfile} Dockerfile(s)`;
      return {
        findings,
        // A document that does not parse is not checked: that is a gap in the scan, not a pass.
        incomplete:
          unparsable.length > 0
            ? [`${unparsable.length} file(s) with YAML syntax errors not fully checked: ${unparsable.join(', ')}`]
            : [],
        notes: [checked],
      };
    },
  };
}
