import type { Shell } from '@shipgate/exec';
import { createGitHubClient, GitHubDeploymentStore, tokenIdentity } from '@shipgate/github';
import type { DeploymentStore } from '@shipgate/history';
import type { ActionContext } from '@shipgate/kit';
import { createNetTransport } from '@shipgate/net';
import type { ProbeTransport } from '@shipgate/probes';
import { checkNginxFiles, openShell, type NginxFiles } from '@shipgate/traffic';
import type { ACTION } from './inputs.js';
import type { RollbackSettings } from './settings.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** The side effects rollback's run has, in one place: real ones here, fakes in its in-process tests. */
export interface RollbackAdapters {
  /** The environment's history, in GitHub Deployments. */
  deploymentStore(settings: RollbackSettings, context: Context, repository: string): DeploymentStore;
  /** The login the token acts as: whose deployment records are believed for addresses. */
  identity(settings: RollbackSettings, context: Context): Promise<string>;
  /** This runner, or the nginx host over SSH. */
  shell(settings: RollbackSettings, context: Context): Promise<Shell>;
  /** Read-only checks of the nginx files on that host. */
  checkNginxFiles(shell: Shell, files: NginxFiles): Promise<void>;
  /** Health checks and verification probes. */
  transport(): ProbeTransport & Disposable;
}

/** The real adapters. */
export const SYSTEM_ADAPTERS: RollbackAdapters = {
  deploymentStore: (settings, context, repository) => new GitHubDeploymentStore(client(settings, context), repository),
  identity: (settings, context) => tokenIdentity(client(settings, context)),
  shell: (settings, context) =>
    openShell(settings.ssh, { warn: (m) => context.warning(m), tempDir: context.runner.temp }),
  checkNginxFiles,
  transport: createNetTransport,
};

function client(settings: RollbackSettings, context: Context) {
  return createGitHubClient({
    token: settings.token,
    baseUrl: context.runner.apiUrl,
    mask: (s) => context.secrets.add(s),
    log: (m) => context.debug(m),
  });
}
