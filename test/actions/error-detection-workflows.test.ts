// error-detection's workflows and dockerfile categories, run as the bundle on sample repositories: script
// injection and an unpinned action in a workflow, a `latest` base image and a root user in a Dockerfile, each at
// file:line:column with its rule's help in SARIF; clean files find nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect, located, readReport, repositoryWith } from './error-detection-setup.js';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

const CLEAN_WORKFLOW = `name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA} # v4.2.2
      - run: npm test
`;

const CLEAN_DOCKERFILE = `FROM node:24.1.0-slim
WORKDIR /app
COPY package.json ./
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER node
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
CMD ["node", "server.js"]
`;

describe('error-detection: workflows', () => {
  it('reports script injection and an unpinned third-party action at file:line:column', async () => {
    const workflow = `name: Greet
on: [pull_request]
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA} # v4.2.2
      - uses: someone/greeter@v1
      - run: echo "\${{ github.event.pull_request.title }}"
`;
    const workspace = repositoryWith({ '.github/workflows/greet.yml': workflow });
    const run = await detect(workspace, { 'sarif-file': 'results.sarif' });
    const report = readReport(run);
    expect(located(report)).toEqual([
      'workflows/script-injection .github/workflows/greet.yml:11:20',
      'workflows/unpinned-action .github/workflows/greet.yml:10:15',
    ]);
    expect(report.data.findings.map((f) => [f.scanner, f.severity])).toEqual([
      ['workflows', 'high'],
      ['workflows', 'medium'],
    ]);
    // 100 - 25 - 8 in the only category that ran: below the default min-score of 80.
    expect(report.data.categories.map((c) => [c.name, c.subscore])).toEqual([['workflows', 67]]);
    expect(run.outputs).toMatchObject({ result: 'fail', score: '67', errors: '1', warnings: '1' });
    expect(run.exitCode, run.log).toBe(1);
    const sarif = JSON.parse(readFileSync(join(workspace, 'results.sarif'), 'utf8'));
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    expect(rules.map((r) => r.id).sort()).toEqual(['workflows/script-injection', 'workflows/unpinned-action']);
    expect(rules.every((r) => r.helpUri?.startsWith('https://'))).toBe(true);
  });

  it("trusts the repository owner's own actions and reusable workflows by tag, no one else's", async () => {
    const workflow = `name: Deploy
on: [push]
permissions:
  contents: read
jobs:
  deploy:
    uses: acme/shipgate/.github/workflows/deploy.yml@v1
  probe:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipgate/actions/synthetic-probes@v1
      - uses: acme-fork/shipgate/actions/synthetic-probes@v1
`;
    const workspace = repositoryWith({ '.github/workflows/deploy.yml': workflow });
    const run = await detect(workspace, {}, { GITHUB_REPOSITORY: 'acme/app' });
    expect(located(readReport(run))).toEqual(['workflows/unpinned-action .github/workflows/deploy.yml:12:15']);
  });

  it("reports what GitHub's own parser rejects, from inside the bundle, at its position", async () => {
    const workflow = `on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: make\n`;
    const workspace = repositoryWith({ '.github/workflows/build.yaml': workflow });
    const run = await detect(workspace, { categories: 'workflows' });
    const report = readReport(run);
    expect(report.data.findings.map((f) => f.ruleId)).toContain('workflows/invalid-workflow');
    expect(located(report)).toContain('workflows/invalid-workflow .github/workflows/build.yaml:6:5');
    expect(run.exitCode, run.log).toBe(1);
  });

  it('checks action metadata files too', async () => {
    const action = `name: Deploy
description: Deploys
inputs:
  ref: {description: the ref}
runs:
  using: composite
  steps:
    - run: git checkout "\${{ github.head_ref }}"
      shell: bash
`;
    const workspace = repositoryWith({ 'deploy/action.yml': action });
    const run = await detect(workspace, { categories: 'workflows' });
    expect(located(readReport(run))).toEqual(['workflows/script-injection deploy/action.yml:8:26']);
  });
});

describe('error-detection: dockerfile', () => {
  it('reports a latest base image and a root user at file:line:column', async () => {
    const dockerfile = 'FROM node:latest\nWORKDIR /app\nCOPY . .\nUSER root\nCMD ["node", "server.js"]\n';
    const workspace = repositoryWith({ 'services/api/Dockerfile': dockerfile });
    const run = await detect(workspace);
    const report = readReport(run);
    expect(located(report).sort()).toEqual(
      [
        'dockerfile/latest-base services/api/Dockerfile:1:6',
        'dockerfile/root-user services/api/Dockerfile:4:1',
        'dockerfile/missing-healthcheck services/api/Dockerfile:1:1',
      ].sort(),
    );
    expect(report.data.findings.every((f) => f.scanner === 'dockerfile')).toBe(true);
    // Both defects are medium (8 each); the missing HEALTHCHECK is a notice and takes nothing off the score.
    expect(report.data.findings.find((f) => f.ruleId === 'dockerfile/missing-healthcheck')?.severity).toBe('info');
    expect(report.data.categories.map((c) => [c.name, c.subscore])).toEqual([['dockerfile', 84]]);
    expect(run.outputs).toMatchObject({ result: 'pass', score: '84', warnings: '2' });
  });

  it('finds Dockerfiles by name (Dockerfile.<variant>, <variant>.Dockerfile), not their ignore files', async () => {
    const workspace = repositoryWith({
      'Dockerfile.prod': CLEAN_DOCKERFILE,
      'worker.Dockerfile': CLEAN_DOCKERFILE,
      'Dockerfile.dockerignore': 'node_modules\n',
    });
    const run = await detect(workspace, { categories: 'dockerfile' });
    expect(run.exitCode, run.log).toBe(0);
    expect(readReport(run).data.categories[0]?.checked).toBe('2 Dockerfiles');
  });
});

describe('error-detection: clean workflows and Dockerfiles', () => {
  it('finds nothing and scores 100', async () => {
    const workspace = repositoryWith({
      '.github/workflows/ci.yml': CLEAN_WORKFLOW,
      Dockerfile: CLEAN_DOCKERFILE,
    });
    const run = await detect(workspace);
    expect(run.exitCode, run.log).toBe(0);
    const report = readReport(run);
    expect(report.data.findings).toEqual([]);
    expect(report.data.categories.map((c) => [c.name, c.subscore])).toEqual([
      ['workflows', 100],
      ['dockerfile', 100],
    ]);
    expect(run.outputs).toMatchObject({ result: 'pass', score: '100' });
  });
});
