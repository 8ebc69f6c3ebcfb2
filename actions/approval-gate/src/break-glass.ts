import type { GitHubClient } from '@shipgate/github';
import type { BreakGlass } from '@shipgate/policy';
import type { GateSettings } from './settings.js';

/** A line of the pull request's description such as `Break-glass: INC-7, payments are down`. */
const REASON_LINE = /^[ \t]*break-glass[ \t]*:[ \t]*(\S.*?)[ \t]*$/im;

/**
 * Break-glass asked for by the step (`break-glass`, the reason itself) or by a label on the pull request that
 * triggered the run. Labels are read now through the API, not from the event (one removed since does not count);
 * the reason is the `break-glass` input, else a `Break-glass: <reason>` line of the description. Without a reason
 * the window rule refuses it and says so.
 */
export async function askedBreakGlass(
  settings: GateSettings,
  client: GitHubClient,
  repo: { owner: string; repo: string },
): Promise<BreakGlass | undefined> {
  const number = settings.event.pullNumber;
  if (settings.breakGlassLabel === undefined || number === undefined) return undefined;
  const { data } = await client.rest.issues.get({ ...repo, issue_number: number });
  const labelled = data.labels.some(
    (l) => (typeof l === 'string' ? l : l.name)?.toLowerCase() === settings.breakGlassLabel?.toLowerCase(),
  );
  if (!labelled) return undefined;
  const reason = settings.breakGlass ?? REASON_LINE.exec(data.body ?? '')?.[1];
  return { source: `label ${settings.breakGlassLabel} on #${number}`, reason };
}
