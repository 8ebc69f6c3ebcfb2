import { InputError, type InputReader } from '@shipgate/kit';
import { readCommand, readNginxSettings, readSshSettings, readTargets, type NginxSettings, type SshSettings } from '@shipgate/traffic';

/** How the old version is put back. */
export type RollbackProvider = ({ kind: 'nginx'; targets: string[]; currentTargets: string[] } & NginxSettings) | { kind: 'command'; rollbackCommand: string[] };

/** Everything rollback needs, read and validated once, before anything moves. */
export interface RollbackSettings {
  provider: RollbackProvider;
  ssh: SshSettings | undefined;
  /** `to`: a version or SHA; undefined for the last good version. */
  to: string | undefined;
  force: boolean;
  emergency: boolean;
  /** Starts the old version when its servers are not serving ({version}). */
  deployCommand: string[] | undefined;
  healthPath: string;
  healthTimeoutMs: number;
  verify: { file: string; baseUrl: string | undefined; waitUntilHealthyMs: number } | undefined;
  maxDurationMs: number;
  notifyWebhook: string | undefined;
  environmentUrl: string | undefined;
  token: string;
}

/** Reads the inputs; a wrong value fails here, naming the input, before any traffic moves. */
export function parseSettings(inputs: InputReader): RollbackSettings {
  const kind = inputs.enum('provider', ['nginx', 'command'] as const, 'nginx');
  const provider: RollbackProvider =
    kind === 'nginx'
      ? { kind, targets: readTargets(inputs, 'targets', true), currentTargets: readTargets(inputs, 'current-targets', true), ...readNginxSettings(inputs) }
      : { kind, rollbackCommand: readCommand(inputs, 'rollback-command', true, './deploy/rollback.sh {version}') as string[] };
  const healthPath = inputs.string('health-path', '/health');
  if (!healthPath.startsWith('/')) throw new InputError('health-path', healthPath, 'a path starting with /, such as /health');
  const verifyFile = inputs.string('verify');
  const environmentUrl = inputs.url('environment-url')?.toString().replace(/\/+$/, '');
  const token = inputs.secret('token');
  if (!token) {
    throw new InputError('token', undefined, 'a token that can read and write deployments, such as ${{ github.token }}', { hint: 'The deployment history lives in GitHub Deployments; give the job permissions: deployments: write.' });
  }
  return {
    provider,
    ssh: readSshSettings(inputs),
    to: inputs.string('to'),
    force: inputs.boolean('force', false),
    emergency: inputs.boolean('emergency', false),
    deployCommand: readCommand(inputs, 'deploy-command', false, './deploy/start.sh {version}'),
    healthPath,
    healthTimeoutMs: inputs.duration('health-timeout', 120_000, { min: 1000, max: 3_600_000 }),
    verify: verifyFile
      ? { file: verifyFile, baseUrl: inputs.url('verify-base-url')?.toString().replace(/\/+$/, '') ?? environmentUrl, waitUntilHealthyMs: inputs.duration('wait-until-healthy', 60_000, { min: 0, max: 3_600_000 }) }
      : undefined,
    maxDurationMs: inputs.duration('max-duration', 60_000, { min: 1000, max: 86_400_000 }),
    notifyWebhook: inputs.secret('notify-webhook'),
    environmentUrl,
    token,
  };
}
