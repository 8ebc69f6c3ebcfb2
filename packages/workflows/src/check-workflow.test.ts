import { describe, expect, it } from 'vitest';
import { checkActionMetadata, checkWorkflow } from './check-workflow.js';

/** `rule line:column` of each finding, in file order. */
async function found(text: string, options = {}): Promise<string[]> {
  const findings = await checkWorkflow(text, '.github/workflows/w.yml', options);
  return findings.map((f) => `${f.ruleId.replace('workflows/', '')} ${f.location?.line}:${f.location?.column}`).sort();
}

const workflow = (on: string, steps: string, extra = 'permissions: {}\n') =>
  `on: ${on}\n${extra}jobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe('checkWorkflow: script injection', () => {
  it('reports each untrusted expression in a run script at its position', async () => {
    const steps = '      - run: |\n          echo ok\n          echo "${{ github.event.issue.body }}"\n';
    expect(await found(workflow('issues', steps))).toEqual(['script-injection 9:17']);
  });

  it('reports untrusted input in an actions/github-script script', async () => {
    const steps = [
      '      - uses: actions/github-script@v7',
      '        with:',
      "          script: console.log('${{ github.event.comment.body }}')",
      '',
    ].join('\n');
    expect(await found(workflow('issue_comment', steps))).toEqual(['script-injection 9:32']);
  });

  it('accepts untrusted input passed through env and used as "$VAR"', async () => {
    const steps = '      - env:\n          TITLE: ${{ github.event.issue.title }}\n        run: echo "$TITLE"\n';
    expect(await found(workflow('issues', steps))).toEqual([]);
  });

  it('reports ${{ env.X }} when X was set from untrusted input, unless a step sets it again', async () => {
    const extra = 'permissions: {}\nenv:\n  TITLE: ${{ github.event.issue.title }}\n';
    const steps =
      '      - run: echo "${{ env.TITLE }}"\n      - env:\n          TITLE: fixed\n        run: echo "${{ env.TITLE }}"\n';
    expect(await found(workflow('issues', steps, extra))).toEqual(['script-injection 9:20']);
  });

  it('does not treat inputs to other actions as scripts', async () => {
    const steps =
      '      - uses: actions/labeler@v5\n        with:\n          message: ${{ github.event.issue.title }}\n';
    expect(await found(workflow('issues', steps))).toEqual([]);
  });
});

describe('checkWorkflow: pinning', () => {
  const steps = [
    '      - uses: actions/checkout@v4',
    '      - uses: acme/deploy@v1',
    '      - uses: acme/deploy@0123456789abcdef0123456789abcdef01234567 # v1.0.0',
    '      - uses: ./local',
    '      - uses: docker://alpine:3',
    '      - uses: docker://alpine@sha256:' + 'a'.repeat(64),
    '',
  ].join('\n');

  it("reports third-party actions by tag and images without digest; GitHub's own are trusted by default", async () => {
    expect(await found(workflow('push', steps))).toEqual(['unpinned-action 11:15', 'unpinned-action 8:15']);
  });

  it('requires a SHA for every owner when trustedOwners is empty', async () => {
    expect(await found(workflow('push', steps), { trustedOwners: [] })).toEqual([
      'unpinned-action 11:15',
      'unpinned-action 7:15',
      'unpinned-action 8:15',
    ]);
  });
});

describe('checkWorkflow: permissions', () => {
  it('reports a workflow whose jobs run with the default token permissions, at `jobs`', async () => {
    expect(await found(workflow('push', '      - run: make\n', ''))).toEqual(['missing-permissions 2:1']);
  });

  it('accepts permissions on every job, and reusable workflows (their caller decides)', async () => {
    const perJob =
      'on: push\njobs:\n  a:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
    expect(await found(perJob)).toEqual([]);
    expect(await found(workflow('workflow_call', '      - run: make\n', ''))).toEqual([]);
  });
});

describe('checkWorkflow: privileged checkout', () => {
  const checkout = (ref: string) => `      - uses: actions/checkout@v4\n        with:\n          ref: ${ref}\n`;

  it('reports pull_request_target and workflow_run checking out the head', async () => {
    const prt = await found(workflow('pull_request_target', checkout('${{ github.event.pull_request.head.sha }}')));
    expect(prt).toEqual(['untrusted-checkout 9:16']);
    const run = await found(workflow('workflow_run', checkout('${{ github.event.workflow_run.head_sha }}')));
    expect(run).toEqual(['untrusted-checkout 9:16']);
  });

  it('accepts the base, the same head in an unprivileged pull_request workflow, and a same-repository guard', async () => {
    expect(await found(workflow('pull_request_target', checkout('${{ github.event.pull_request.base.sha }}')))).toEqual(
      [],
    );
    expect(await found(workflow('pull_request', checkout('${{ github.event.pull_request.head.sha }}')))).toEqual([]);
    const guarded = workflow(
      'pull_request_target',
      '      - if: github.event.pull_request.head.repo.full_name == github.repository\n' +
        checkout('${{ github.head_ref }}').replace('      - uses', '        uses'),
    );
    expect(await found(guarded)).toEqual([]);
  });
});

describe('checkWorkflow: secrets and the parser', () => {
  it('reports secrets: inherit at its value', async () => {
    const text =
      'on: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/r.yml\n    secrets: inherit\n';
    expect(await found(text)).toEqual(['secrets-inherit 6:14']);
  });

  it("reports GitHub's parser errors with their positions", async () => {
    const text = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    stepz: []\n    if: ${{ a ==  }}\n';
    expect(await found(text)).toEqual(['invalid-workflow 6:5', 'invalid-workflow 7:9']);
  });
});

describe('checkActionMetadata', () => {
  it("checks a composite action's steps and a docker action's image", async () => {
    const composite = [
      'name: a',
      'description: b',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - shell: bash',
      '      run: echo "${{ github.event.pull_request.title }}"',
      '',
    ].join('\n');
    const findings = checkActionMetadata(composite, 'action.yml');
    expect(findings.map((f) => [f.ruleId, f.location?.line, f.location?.column])).toEqual([
      ['workflows/script-injection', 7, 18],
    ]);
    const docker = 'name: a\ndescription: b\nruns:\n  using: docker\n  image: docker://alpine:3\n';
    expect(checkActionMetadata(docker, 'action.yml').map((f) => f.ruleId)).toEqual(['workflows/unpinned-action']);
  });
});
