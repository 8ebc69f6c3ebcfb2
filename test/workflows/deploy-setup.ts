import type { CanaryStage } from '../actions/canary-setup.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';

/** Records that `version` serves `environment` on the stable servers: what canary-deploy and rollback start from. */
export function seedServing(github: GitHubEmulator, environment: string, stage: CanaryStage, version = 'v1'): void {
  github.seedDeployment({
    environment,
    ref: `ref-${version}`,
    task: 'deploy:canary',
    payload: { shipgate: 2, version, targets: [stage.stable.address] },
    statuses: ['in_progress', { state: 'success', autoInactive: false }] as never,
  });
}

/**
 * The canary-deploy and rollback sections of one environment of .github/shipgate.yml (indented under
 * `environments.<name>`), pointing at a stage: fast stages judged on error rate from nginx's log.
 */
export function environmentSections(stage: CanaryStage): string[] {
  const i = stage.inputs;
  const nginx = [
    `      nginx-upstream: ${i['nginx-upstream']}`,
    `      nginx-upstream-file: ${i['nginx-upstream-file']}`,
    `      nginx-test-command: ${JSON.stringify(i['nginx-test-command'])}`,
    `      nginx-reload-command: ${JSON.stringify(i['nginx-reload-command'])}`,
    `      nginx-pid-file: ${i['nginx-pid-file']}`,
  ];
  return [
    '    canary-deploy:',
    '      provider: nginx',
    `      stable-targets: ${stage.stable.address}`,
    `      canary-targets: ${stage.canary.address}`,
    ...nginx,
    `      nginx-access-log: ${i['nginx-access-log']}`,
    '      metrics: nginx-log',
    '      stages: 25,50,100',
    '      stage-duration: 2s',
    '      analysis-interval: 500ms',
    '      min-samples: 10',
    '      max-extension: 2s',
    '      judge: threshold',
    // The releases differ from stable in their error rate only; latency on a loaded test machine is noise here.
    '      min-latency-increase-ms: 2000',
    '    rollback:',
    '      provider: nginx',
    ...nginx,
    `      allowed-targets: ${stage.stable.address},${stage.canary.address}`,
  ];
}
