import { ShipgateError, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import { checkPromotion, checkWindows } from '@shipgate/policy';
import { SYSTEM_ADAPTERS, type GateAdapters } from './adapters.js';
import { askPeople, loadEarlierRequest } from './ask-people.js';
import { askedBreakGlass } from './break-glass.js';
import type { ACTION } from './inputs.js';
import { finishOutcome, type GateOutcome } from './outcome.js';
import { parseSettings, type GateSettings } from './settings.js';

/**
 * Composition root: settings (every input, before any request) → windows → promotion → people (an issue or the
 * pull request, waited on or left pending) → outputs, summary, report. Rules run in that order and the first
 * that blocks decides; each result is in the summary with its reason.
 */
export async function run(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: GateAdapters = SYSTEM_ADAPTERS,
): Promise<ActionOutcome> {
  const settings = parseSettings(context, env);
  const { repository, sha } = context.runner;
  if (!repository || !sha)
    throw new ShipgateError('GITHUB_REPOSITORY and GITHUB_SHA must be set: the gate asks GitHub about this commit.', {
      hint: 'Run approval-gate in a GitHub workflow, or set both when running it with the shipgate command.',
    });
  const outcome: GateOutcome = {
    result: 'approved',
    proceed: true,
    reason: '',
    rules: [],
    approvals: [],
    request: undefined,
    tally: undefined,
    breakGlass: undefined,
    countedRequests: undefined,
    subject: { sha, version: settings.version },
  };
  const [owner = '', repo = ''] = repository.split('/');
  const client = adapters.github(settings, context);
  // The second half of pending mode decides what the first half asked for: its commit and version, not this run's.
  const earlier = await loadEarlierRequest(context, settings, client, { owner, repo });
  outcome.subject = { sha: earlier?.sha ?? sha, version: earlier ? earlier.version : settings.version };
  const now = adapters.clock.now();
  let window = checkWindows(settings.windows, now, inputBreakGlass(settings));
  // Only a closed window sends the gate to read the pull request's labels.
  if (window.status === 'blocked' && settings.breakGlass === undefined) {
    const labelled = await askedBreakGlass(settings, client, { owner, repo });
    if (labelled) window = checkWindows(settings.windows, now, labelled);
  }
  outcome.rules.push(window);
  if (window.status === 'blocked')
    return finishOutcome(context, { ...outcome, result: 'blocked-by-window', proceed: false, reason: window.reason });

  const candidate = outcome.subject;
  const promotion = await checkPromotion(
    adapters.history(client, repository),
    settings.requireDeployedTo,
    candidate,
    settings.soakMs,
    adapters.clock.now(),
  );
  outcome.rules.push(promotion);
  if (promotion.status === 'blocked')
    return finishOutcome(context, {
      ...outcome,
      result: 'blocked-by-promotion',
      proceed: false,
      reason: promotion.reason,
    });

  await askPeople(context, settings, { client, repo: { owner, repo }, clock: adapters.clock }, outcome, earlier);
  // Only a deployment that goes ahead gets a follow-up issue: one denied later did not break the window.
  if (window.breakGlass && outcome.proceed)
    outcome.breakGlass = await followUp(client, { owner, repo }, window.breakGlass, context.runner.runUrl);
  return finishOutcome(context, outcome);
}

const inputBreakGlass = (settings: GateSettings) =>
  settings.breakGlass !== undefined ? { source: 'input break-glass', reason: settings.breakGlass } : undefined;

/** Break-glass is recorded where people will see it afterwards: a follow-up issue. */
async function followUp(
  client: ReturnType<GateAdapters['github']>,
  repo: { owner: string; repo: string },
  breakGlass: { source: string; reason: string },
  runUrl: string | undefined,
): Promise<GateOutcome['breakGlass']> {
  const { source, reason } = breakGlass;
  const { data } = await client.rest.issues.create({
    ...repo,
    title: 'Follow up: deployment outside the deploy window (break-glass)',
    body: `A deployment went ahead outside the deploy windows or during a freeze${runUrl ? ` in [this run](${runUrl})` : ''}.\n\n**Asked for by:** ${source}\n\n**Reason given:** ${reason}\n\nReview why it was needed and close this issue.`,
  });
  return { source, reason, followUpUrl: data.html_url };
}
