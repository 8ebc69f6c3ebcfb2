import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { startHttpTestServer, startWebSocketServer } from '../support/probe-servers/index.js';
import { startPrometheus, useService } from '../support/services/index.js';
import { runAction, type ActionRun, type StepResult } from '../support/run-action.js';
import { filesUnder, leaks, stepTexts } from '../support/secret-leaks.js';
import { startCanaryStage } from './canary-setup.js';
import { workspaceWith } from './probes-workspace.js';
import { promotedV2 } from './rollback-setup.js';

/**
 * Secret hygiene: secrets planted in every place a user can put one (inputs, probe headers, `${env:…}`,
 * captured values, a password in a URL, command output) are found nowhere the runner does not mask: the raw
 * stdout (annotations included), stderr, the step's files (outputs, summary, state), the report, every other
 * file left in RUNNER_TEMP and the GitHub Deployment records. Neither are their escaped forms, nor a prefix
 * of 8 characters or more (a secret cut by a shortened message). `::add-mask::` lines are how a secret is
 * masked, so they are the one place a secret may appear.
 */

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** A JWT with a random key id, subject and signature (base64url: `-` and `_` are likely). */
function plantJwt(): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: hex(6) }));
  const payload = base64url(JSON.stringify({ sub: `svc-${hex(8)}`, scope: 'probe' }));
  return `${header}.${payload}.${base64url(randomBytes(32))}`;
}

/** A URL password with characters Markdown escapes, not percent-encoded in a URL's userinfo. */
const plantPassword = (): string => `pw_${hex(10)}*~z`;

/** Everything a run left, including the GitHub Deployment records and statuses. */
function everything(
  run: ActionRun,
  github: GitHubEmulator | undefined,
  post?: StepResult,
): { where: string; text: string }[] {
  return [
    ...stepTexts('main', run),
    ...(post ? stepTexts('post', post) : []),
    ...filesUnder(run.runnerTemp),
    ...(github
      ? [
          { where: 'GitHub deployments', text: JSON.stringify(github.state.deployments) },
          { where: 'GitHub deployment statuses', text: JSON.stringify(github.state.deploymentStatuses) },
        ]
      : []),
  ];
}

/** What a user command saw: the job's environment without the step's inputs and the runner's credentials. */
function expectChildEnvironment(file: string): void {
  const env = readFileSync(file, 'utf8');
  expect(env).toMatch(/^API_JWT=/m); // the user's own variable is offered
  expect(env.split('\n').filter((line) => /^(INPUT_|STATE_|ACTIONS_|GITHUB_TOKEN=|GH_TOKEN=)/.test(line))).toEqual([]);
}

/** A shell script in the workspace that prints what it is given (as a careless deploy script would), then fails. */
function loudScript(lines: string, exitCode: string): string {
  return `#!/bin/sh\n${lines}\n${exitCode}\n`;
}

describe('secret hygiene: no planted secret leaves the step', () => {
  it('synthetic-probes: probe headers, ${env:…}, captured values and a URL password, in a failing run', async () => {
    const http = await useService(startHttpTestServer());
    const ws = await useService(startWebSocketServer());
    const jwt = plantJwt();
    const token = `ghs_${hex(18)}`;
    const session = `sess_${hex(12)}`;
    const password = plantPassword();
    const base = new URL(http.url);
    base.username = 'probe';
    base.password = password;
    const probes = `
probes:
  - name: echoes-jwt
    url: /headers
    headers: {x-api-key: "\${env:API_JWT}", Authorization: "Bearer \${env:DEPLOY_TOKEN}"}
    expect: {json: [{path: $.x-api-key, equals: something-else}]}
  - name: echoes-all
    url: /echo
    headers: {x-api-key: "\${env:API_JWT}"}
    expect: {body: [{contains: never-there}]}
  - name: session
    kind: flow
    steps:
      - name: login
        method: POST
        url: /echo
        body: "${session}"
        capture: {session: {json: $.body}}
      - name: use
        url: /echo
        headers: {x-session: "\${steps.login.session}"}
        expect: {body: [{contains: nope}]}
  - name: socket
    kind: websocket
    url: "${ws.url}/headers"
    headers: {x-api-key: "\${env:API_JWT}"}
    expect: {equals: nope}
`;
    const run = await runAction(
      'synthetic-probes',
      { 'base-url': base.toString(), retries: '0' },
      { workspace: workspaceWith({ '.github/probes.yml': probes }), env: { API_JWT: jwt, DEPLOY_TOKEN: token } },
    );
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs, JSON.stringify(run.annotations)).toMatchObject({ result: 'fail' });
    const planted = [
      { name: 'JWT in a header', value: jwt },
      { name: 'ghs_ token in a header', value: token },
      { name: 'password in base-url', value: password },
    ];
    expect(leaks(everything(run, undefined), planted)).toEqual([]);
    // The captured session is JSON inside the echoed body: its raw form is what the flow captured and sent.
    expect(leaks(everything(run, undefined), [{ name: 'captured session', value: session }])).toEqual([]);
  });

  it('synthetic-probes: ${env:INPUT_TOKEN} in a probe file is not offered, and the token goes nowhere', async () => {
    const http = await useService(startHttpTestServer());
    const token = `ghs_${hex(18)}`;
    const probes = `probes:\n  - {name: steal, url: /headers, headers: {x-stolen: "\${env:INPUT_TOKEN}"}}\n`;
    const run = await runAction(
      'synthetic-probes',
      { 'base-url': http.url, token },
      { workspace: workspaceWith({ '.github/probes.yml': probes }) },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(/INPUT_TOKEN/);
    expect(http.requests()).toBe(0);
    expect(leaks(everything(run, undefined), [{ name: 'INPUT_TOKEN', value: token }])).toEqual([]);
  });

  it('canary-deploy: token, Prometheus URL password, probe headers and a set-weight command that prints them', async () => {
    const stage = await startCanaryStage({ canary: { errorRate: 1 } });
    const prometheus = await useService(startPrometheus({ targets: [stage.stable.address, stage.canary.address] }));
    const jwt = plantJwt();
    const password = plantPassword();
    const promUrl = new URL(prometheus.url);
    promUrl.username = 'metrics';
    promUrl.password = password;
    const token = stage.github.token;
    // A careless script: prints the secrets it can see, moves the canary, and fails the first abort with a long
    // stderr (were it shortened to 2000 characters, the cut would fall inside the token). The post step's
    // abort then succeeds.
    const pad = 'x'.repeat(1990);
    const workspace = workspaceWith({
      'set-weight.sh': loudScript(
        [
          `echo "weight $1 token=${token} jwt=$API_JWT pw=${password} input=$INPUT_TOKEN"`,
          `env > "env-$1.txt"`,
          `if [ "$1" != 0 ]; then echo "jwt=$API_JWT" >&2; exit 0; fi`,
          `[ -e aborted-once ] && exit 0`,
          `touch aborted-once`,
          `printf '%s%s jwt=%s\\n' '${pad}' '${token}' "$API_JWT" >&2`,
        ].join('\n'),
        'exit 3',
      ),
      '.github/probes.yml': `probes:\n  - {name: home, url: /, headers: {x-api-key: "\${env:API_JWT}"}, expect: {status: 200}}\n`,
    });
    chmodSync(join(workspace, 'set-weight.sh'), 0o755);
    const run = await runAction(
      'canary-deploy',
      {
        ...stage.inputs,
        provider: 'command',
        'set-weight-command': './set-weight.sh {weight}',
        metrics: 'prometheus,probes',
        'prometheus-url': promUrl.toString(),
        probes: '.github/probes.yml',
        'canary-url': `http://${stage.canary.address}`,
        'stable-url': `http://${stage.stable.address}`,
        'environment-url': promUrl.toString(),
        stages: '25,100',
        'stage-duration': '2s',
        'analysis-interval': '500ms',
        'min-samples': '10',
        'max-extension': '2s',
      },
      { env: { ...stage.env, API_JWT: jwt }, workspace },
    );
    const post = await run.runPost();
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.stdout).toMatch(/Look 1:/);
    expect(run.stdout).toMatch(/x{20}\*\*\* jwt=\*\*\*/); // what the abort printed, redacted
    expect(post.exitCode, post.stdout).toBe(0);
    expectChildEnvironment(join(workspace, 'env-25.txt'));
    expectChildEnvironment(join(workspace, 'env-0.txt'));
    const planted = [
      { name: 'token input', value: token },
      { name: 'JWT in a probe header', value: jwt },
      { name: 'password in prometheus-url', value: password },
      { name: 'prometheus-url Authorization', value: Buffer.from(`metrics:${password}`).toString('base64') },
    ];
    expect(leaks(everything(run, stage.github, post), planted)).toEqual([]);
  });

  it('rollback: token, webhook URL, verify probe headers and a deploy command that prints them, in a failing run', async () => {
    const env = await promotedV2();
    const jwt = plantJwt();
    const token = env.github.token;
    const hookSecret = `hook_${hex(12)}`;
    const hook = await useService(startHttpTestServer());
    const webhook = `${hook.url}/echo?key=${hookSecret}`;
    env.v1.set({ healthy: false });
    const workspace = workspaceWith({
      'deploy.sh': loudScript(
        `echo "deploying token=${token} jwt=$API_JWT input=$INPUT_TOKEN"\nenv > env-deploy.txt\necho "${'y'.repeat(1990)}${token}" >&2`,
        'exit 4',
      ),
      '.github/verify.yml': `probes:\n  - {name: echo, url: /rollout/, headers: {x-api-key: "\${env:API_JWT}"}, expect: {status: 200}}\n`,
    });
    chmodSync(join(workspace, 'deploy.sh'), 0o755);
    const run = await runAction(
      'rollback',
      {
        ...env.inputs,
        'deploy-command': './deploy.sh {version}',
        verify: '.github/verify.yml',
        'verify-base-url': env.nginx.url,
        'wait-until-healthy': '0s',
        'notify-webhook': webhook,
      },
      { env: { ...env.env, API_JWT: jwt }, workspace },
    );
    expect(run.exitCode, run.stdout).toBe(1);
    expect(hook.requests('/echo')).toBe(1);
    expect(run.stdout).toMatch(/y{20}\*\*\*… \(\d+ more characters\)/); // the cut token, redacted
    expectChildEnvironment(join(workspace, 'env-deploy.txt'));
    const planted = [
      { name: 'token input', value: token },
      { name: 'JWT in a verify probe header', value: jwt },
      { name: 'webhook URL', value: webhook, prefix: false },
      { name: 'webhook key', value: hookSecret },
    ];
    expect(leaks(everything(run, env.github), planted)).toEqual([]);
    await env.close();
  });

  it('rollback: a deploy command that prints secrets, and verify probes whose failures quote what they sent', async () => {
    const env = await promotedV2();
    const jwt = plantJwt();
    const session = `sess_${hex(12)}`;
    const token = env.github.token;
    const echo = await useService(startHttpTestServer());
    const workspace = workspaceWith({
      'deploy.sh': loudScript(
        `echo "deploying token=${token} jwt=$API_JWT input=$INPUT_TOKEN"\necho "jwt=$API_JWT" >&2`,
        'exit 0',
      ),
      '.github/verify.yml': `
probes:
  - name: echoes-jwt
    url: /headers
    headers: {x-api-key: "\${env:API_JWT}"}
    expect: {json: [{path: $.x-api-key, equals: nope}]}
  - name: session
    kind: flow
    steps:
      - {name: login, method: POST, url: /echo, body: "${session}", capture: {session: {json: $.body}}}
      - {name: use, url: /echo, headers: {x-session: "\${steps.login.session}"}, expect: {body: [{contains: nope}]}}
`,
    });
    chmodSync(join(workspace, 'deploy.sh'), 0o755);
    const run = await runAction(
      'rollback',
      {
        ...env.inputs,
        'deploy-command': './deploy.sh {version}',
        verify: '.github/verify.yml',
        'verify-base-url': echo.url,
        'wait-until-healthy': '0s',
      },
      { env: { ...env.env, API_JWT: jwt }, workspace },
    );
    expect(run.outputs, run.stdout).toMatchObject({ result: 'failed', verified: 'false', 'to-version': 'v1' });
    expect(echo.requests('/headers')).toBe(1);
    expect(run.outputs.reason).toContain('expected equals "nope", got "***"'); // the JWT the server echoed
    const planted = [
      { name: 'token input', value: token },
      { name: 'JWT in a verify probe header', value: jwt },
      { name: 'captured session', value: session },
    ];
    expect(leaks(everything(run, env.github), planted)).toEqual([]);
    await env.close();
  });
});
