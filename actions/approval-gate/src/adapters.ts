import { createGitHubClient, GitHubDeploymentStore, type GitHubClient } from '@shipgate/github';
import type { ActionContext, Clock } from '@shipgate/kit';
import { systemClock } from '@shipgate/kit';
import type { PromotionHistory } from '@shipgate/policy';
import type { ACTION } from './inputs.js';
import { promotionHistory } from './promotion-history.js';
import type { GateSettings } from './settings.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** The side effects approval-gate has, in one place: real ones here, fakes or the emulator in tests. */
export interface GateAdapters {
  github(settings: GateSettings, context: Context): GitHubClient;
  history(client: GitHubClient, repository: string): PromotionHistory;
  clock: Clock;
}

export const SYSTEM_ADAPTERS: GateAdapters = {
  github: (settings, context) =>
    createGitHubClient({
      token: settings.token,
      baseUrl: context.runner.apiUrl,
      mask: (s) => context.secrets.add(s),
      log: (m) => context.debug(m),
    }),
  history: (client, repository) => promotionHistory(new GitHubDeploymentStore(client, repository)),
  clock: systemClock,
};
