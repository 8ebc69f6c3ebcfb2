import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { requireNode24 } from '../support/paths.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { createTempDir } from '../support/services/index.js';

/** A sample repository in a fresh temp directory, holding the given files. */
export function repositoryWith(files: Record<string, string>): string {
  const dir = createTempDir('error-detection').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs the error-detection bundle on a repository, as the runner runs it. */
export function detect(
  workspace: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction('error-detection', inputs, { workspace, env });
}

/**
 * A PATH holding only Node 24 (as `node`): which toolchains the runner has is then the same on every machine
 * (no go, rustc or python3), whatever this one has installed.
 */
export function pathWithOnlyNode(): string {
  const dir = createTempDir('error-detection-bin');
  symlinkSync(requireNode24(), dir.join('node'));
  return dir.path;
}

export interface ReportedFinding {
  scanner: string;
  ruleId: string;
  severity: string;
  message: string;
  location?: { file: string; line?: number; column?: number };
  help?: string;
  snippet?: string;
}

export interface DetectionReport {
  schema: string;
  data: {
    result: string;
    score: number;
    capped: boolean;
    categories: { name: string; subscore: number; findings: number; checked: string }[];
    fixes: { ruleId: string; gain: number }[];
    findings: ReportedFinding[];
    patchFile: string | null;
    commands: { command: string; directory: string }[];
  };
}

export function readReport(run: ActionRun): DetectionReport {
  expect(run.outputs.report, run.log).toBeTruthy();
  return JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as DetectionReport;
}

/** `rule file:line:column` of each finding, in the report's order. */
export function located(report: DetectionReport): string[] {
  return report.data.findings.map(
    (f) => `${f.ruleId} ${f.location?.file ?? ''}:${f.location?.line ?? ''}:${f.location?.column ?? ''}`,
  );
}

/** A valid package.json and package-lock.json (v3) pair declaring one dependency. */
export function nodeProject(range = '^1.3.0', locked = range, engines = '>=18'): Record<string, string> {
  const manifest = { name: 'app', version: '1.0.0', dependencies: { 'left-pad': range }, engines: { node: engines } };
  const lock = {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { 'left-pad': locked }, engines: { node: '>=18' } },
      'node_modules/left-pad': {
        version: '1.3.0',
        resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
        integrity: 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEtTZ8Ez3+6ieBvBfYwfpZRc7z4gk0/lYn6wOr8bX+Pg0V1Q==',
      },
    },
  };
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
  };
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
            - name: GREETING
              value: "hello $(POD_NAME)"
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080
`;

export const COMPOSE = `services:
  web:
    image: "nginx:\${NGINX_TAG:-1.27}"
    ports: ["8080:80"]
    environment:
      DATABASE_URL: \${DATABASE_URL}
`;
