/**
 * security-scan's iac scanner through the bundle: a tree with a Kubernetes Deployment, a Compose file and two
 * Dockerfiles (one a `*.Dockerfile`), and decoys that are not manifests (a Helm template, a workflow, a kustomize
 * patch). Each finding must be at the offending file:line:column in the report, the annotations and the SARIF,
 * which stays valid SARIF 2.1.0 with its own `iac` category and rules that carry the engine's help.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/run-action.js';
import { validateSarif } from '../support/sarif-schema.js';
import { createTempDir } from '../support/services/index.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:latest
          securityContext:
            privileged: true
`;

const COMPOSE = `services:
  db:
    image: postgres:16.4
    privileged: true
`;

const TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
spec:
  containers:
    - name: x
      image: busybox:latest
      securityContext: { privileged: true }
`;

function tree(files: Record<string, string>): string {
  const dir = createTempDir('scan-iac').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface SarifRun {
  automationDetails: { id: string };
  tool: { driver: { rules: { id: string; help?: { text: string } }[] } };
  results: {
    ruleId: string;
    locations: {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } };
    }[];
  }[];
}

describe('security-scan, iac scanner (full mode)', () => {
  it('reports Kubernetes, Compose and Dockerfile findings at file:line:column, not templates or workflows', async () => {
    const workspace = tree({
      'deploy/web.yaml': DEPLOYMENT,
      'compose.yaml': COMPOSE,
      Dockerfile: 'FROM node:latest\nCOPY . /app\nCMD ["node", "/app/index.js"]\n',
      'api/api.Dockerfile': 'FROM python:3.12-slim\nADD app.py /app/\nUSER 1000\nCMD ["python", "/app/app.py"]\n',
      'chart/templates/pod.yaml': TEMPLATE,
      // A kustomize patch is a partial object: not judged as a whole manifest.
      'overlays/prod/kustomization.yaml':
        'resources: [../../deploy/web.yaml]\npatchesStrategicMerge: [replicas.yaml]\n',
      'overlays/prod/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      '.github/workflows/ci.yml': 'apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true\n',
    });
    const run = await runAction(
      'security-scan',
      { scanners: 'iac', mode: 'full', environment: 'production', 'max-high': '0' },
      { workspace },
    );
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', incomplete: 'false' });
    expect(Number(run.outputs.iac)).toBeGreaterThan(0);

    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      data: { findings: { ruleId: string; location: { file: string; line: number; column: number } }[] };
    };
    const at = (ruleId: string, file: string) =>
      report.data.findings
        .filter((f) => f.ruleId === ruleId && f.location.file === file)
        .map((f) => `${f.location.line}:${f.location.column}`);
    expect(at('k8s/privileged-container', 'deploy/web.yaml')).toEqual(['17:13']);
    expect(at('k8s/host-network', 'deploy/web.yaml')).toEqual(['12:7']);
    expect(at('k8s/latest-tag', 'deploy/web.yaml')).toEqual(['15:18']);
    expect(at('compose/privileged', 'compose.yaml')).toEqual(['4:5']);
    expect(at('dockerfile/latest-base', 'Dockerfile')).toEqual(['1:6']);
    expect(at('dockerfile/root-user', 'Dockerfile').length).toBe(1);
    expect(at('dockerfile/add-local-files', 'api/api.Dockerfile')).toEqual(['2:5']);
    const files = new Set(report.data.findings.map((f) => f.location.file));
    expect(files.has('chart/templates/pod.yaml')).toBe(false);
    expect(files.has('.github/workflows/ci.yml')).toBe(false);
    expect(files.has('overlays/prod/replicas.yaml')).toBe(false);

    const privileged = run.annotations.find((a) => a.file === 'deploy/web.yaml' && a.line === 17);
    expect(privileged).toMatchObject({ level: 'error', col: 13 });

    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8')) as { runs: SarifRun[] };
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['shipgate/security-scan/iac/']);
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'k8s/privileged-container')!;
    expect(result.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'deploy/web.yaml' },
      region: { startLine: 17, startColumn: 13 },
    });
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'k8s/privileged-container')?.help?.text).toBeTruthy();
  });
});
