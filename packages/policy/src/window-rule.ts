import { inDeployWindow, type DeployWindow } from './deploy-window.js';
import { freezeEndText, inFreezePeriod, type FreezePeriod } from './freeze-period.js';
import type { RuleResult } from './rule-result.js';
import { formatLocal, zonedParts } from './zoned-time.js';

/** When deployments may start. */
export interface WindowPolicy {
  /** IANA zone the windows and freezes are written in. */
  timeZone: string;
  /** Allowed windows; none means any time outside a freeze. */
  windows: readonly DeployWindow[];
  freezes: readonly FreezePeriod[];
}

/** A break-glass request: overrides a closed window or a freeze, but only with a reason. */
export interface BreakGlass {
  /** Who or what asked: `input break-glass`, `label break-glass on #12`. */
  source: string;
  /** Why; empty or missing means the request does not apply. */
  reason: string | undefined;
}

/** The window rule's result; `breakGlass` is set when it was used, for the record and the follow-up issue. */
export interface WindowResult extends RuleResult {
  rule: 'window';
  breakGlass: { source: string; reason: string } | undefined;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Decides whether a deployment may start at `instant` (Unix ms). */
export function checkWindows(policy: WindowPolicy, instant: number, breakGlass?: BreakGlass): WindowResult {
  const at = zonedParts(instant, policy.timeZone);
  const when = `${WEEKDAY_NAMES[at.weekday]} ${formatLocal(at)} ${policy.timeZone}`;
  const freeze = policy.freezes.find((period) => inFreezePeriod(period, instant, policy.timeZone));
  const window = policy.windows.find((w) => inDeployWindow(w, at));
  if (!freeze && (window || policy.windows.length === 0)) {
    const why = window ? `inside the window '${window.text}'` : 'no deploy windows are set';
    const unused = breakGlass ? ' (break-glass was not needed)' : '';
    return {
      rule: 'window',
      status: 'passed',
      reason: `${when}: ${why} and no freeze applies${unused}.`,
      breakGlass: undefined,
    };
  }
  const blocked = freeze
    ? `${when} is inside the freeze '${freeze.name ?? freeze.text}' (until ${freezeEndText(freeze, instant, policy.timeZone)})`
    : `${when} is outside the deploy windows (${policy.windows.map((w) => w.text).join('; ')})`;
  const reason = breakGlass?.reason?.trim();
  if (breakGlass && reason)
    return {
      rule: 'window',
      status: 'overridden',
      reason: `${blocked}; overridden by break-glass (${breakGlass.source}): ${reason}`,
      breakGlass: { source: breakGlass.source, reason },
    };
  const refused = breakGlass
    ? `; break-glass (${breakGlass.source}) was asked for without a reason, so it does not apply`
    : '';
  return { rule: 'window', status: 'blocked', reason: `${blocked}${refused}.`, breakGlass: undefined };
}
