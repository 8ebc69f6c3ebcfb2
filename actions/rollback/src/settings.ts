import { readFileSync } from 'node:fs';
import { InputError } from '@shipgate/core';
import { childEnvironment, type ActionContext } from '@shipgate/kit';
import { checkRelativeUrls, loadProbeSuite, type ProbeSuiteDefinition } from '@shipgate/probes';
import { readNginxSettings, readSshSettings, type NginxSettings, type SshSettings } from '@shipgate/traffic';
import type { ACTION } from './inputs.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** How the old version is put back. */
export type RollbackProvider =
  | ({
      kind: 'nginx';
      targets: string[];
      currentTargets: string[];
      allowedTargets: string[];
      /** `trusted-creators`; empty: the token's own identity. */
      trustedCreators: string[];
    } & NginxSettings)
  | { kind: 'command'; rollbackCommand: string[] };

/** Everything rollback needs, read and validated once, before anything moves. */
export interface RollbackSettings {
  /** The environment rolled back (`production` unless the step says otherwise). */
  environment: string;
  /** How traffic moves. */
  provider: RollbackProvider;
  /** Where nginx runs, when on another host. */
  ssh: SshSettings | undefined;
  /** `to`: a version or SHA; undefined for the last good version. */
  to: string | undefined;
  /** `expect-current`: roll back only when this version is serving. */
  expectCurrent: string | undefined;
  /** Allow a `to` that is not in the history. */
  force: boolean;
  /** Skip the pre-checks. */
  emergency: boolean;
  /** Starts the old version when its servers are not serving ({version}). */
  deployCommand: string[] | undefined;
  /** Path checked on the old version's servers. */
  healthPath: string;
  /** How long the old servers may take to become healthy after deploy-command. */
  healthTimeoutMs: number;
  /** The verification probes, parsed, with their base URL and how long they may wait. */
  verify: { suite: ProbeSuiteDefinition; baseUrl: string | undefined; waitUntilHealthyMs: number } | undefined;
  /** Warn above this duration. */
  maxDurationMs: number;
  /** Where the notice goes (a secret). */
  notifyWebhook: string | undefined;
  /** The service's URL, linked from the Deployment. */
  environmentUrl: string | undefined;
  /** Token for GitHub Deployments. */
  token: string;
}

/** Reads the inputs and the verification probe file; a wrong value fails here, naming the input, before anything moves. */
export function parseSettings(context: Context, env: NodeJS.ProcessEnv = process.env): RollbackSettings {
  const inputs = context.inputs;
  const kind = inputs.get('provider');
  const provider: RollbackProvider =
    kind === 'nginx'
      ? {
          kind,
          targets: inputs.get('targets') ?? [],
          currentTargets: inputs.get('current-targets') ?? [],
          allowedTargets: inputs.get('allowed-targets') ?? [],
          trustedCreators: readLogins(inputs.get('trusted-creators') ?? []),
          ...readNginxSettings(inputs),
        }
      : {
          kind,
          rollbackCommand: inputs.require(
            'rollback-command',
            'a command line, such as ./deploy/rollback.sh {version} (provider: command)',
          ),
        };
  const environmentUrl = inputs.get('environment-url')?.toString().replace(/\/+$/, '');
  const token = inputs.require(
    'token',
    'a token that can read and write deployments, such as ${{ github.token }}',
    'The deployment history lives in GitHub Deployments; give the job permissions: deployments: write.',
  );
  const verifyFile = context.file('verify');
  let verify: RollbackSettings['verify'];
  if (verifyFile) {
    const suite = loadProbeSuite(
      { text: readFileSync(verifyFile.path, 'utf8'), shown: verifyFile.shown },
      childEnvironment(env),
      (secret) => context.secrets.add(secret),
    );
    const baseUrl = inputs.get('verify-base-url')?.toString().replace(/\/+$/, '') ?? environmentUrl;
    checkRelativeUrls(suite.probes, baseUrl, suite.file);
    verify = { suite, baseUrl, waitUntilHealthyMs: inputs.get('wait-until-healthy') };
  }
  return {
    environment: context.environment ?? 'production',
    provider,
    ssh: readSshSettings(inputs),
    to: inputs.get('to'),
    expectCurrent: inputs.get('expect-current'),
    force: inputs.get('force'),
    emergency: inputs.get('emergency'),
    deployCommand: inputs.get('deploy-command'),
    healthPath: inputs.get('health-path'),
    healthTimeoutMs: inputs.get('health-timeout'),
    verify,
    maxDurationMs: inputs.get('max-duration'),
    notifyWebhook: inputs.get('notify-webhook'),
    environmentUrl,
    token,
  };
}

/** GitHub logins: letters, digits and single hyphens, with `[bot]` for apps. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/;

function readLogins(logins: string[]): string[] {
  const bad = logins.find((login) => !LOGIN.test(login));
  if (bad !== undefined)
    throw new InputError('trusted-creators', logins.join(','), 'GitHub logins such as github-actions[bot] or octocat', {
      hint: `'${bad}' is not a login.`,
    });
  return logins;
}
