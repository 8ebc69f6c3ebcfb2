/**
 * Checks of the nginx settings that need no host: targets, the upstream name and the sticky split key. They
 * run when the provider is built, before any traffic moves.
 */
import { InputError } from '@shipgate/core';
import { DEFAULT_SPLIT_KEY, TRAFFIC_INPUTS } from './inputs.js';

/** How nginx divides requests between the sides. */
export type SplitMode =
  /** Weighted round-robin over every server: each request may land on either side. */
  | { mode: 'weighted' }
  /** `split_clients` on `key`: a client (same key) always lands on the same side at a given weight. */
  | { mode: 'sticky'; key: string };

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/** Whether `target` is `host:port` (a name, an IPv4 address or `[IPv6]`, port 1 to 65535) or `unix:/path`. */
export function isTarget(target: string): boolean {
  if (target.startsWith('unix:')) return /^unix:\/[^\s;{}'"]+$/.test(target);
  const colon = target.lastIndexOf(':');
  if (colon <= 0) return false;
  const port = target.slice(colon + 1);
  return HOST.test(target.slice(0, colon)) && /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/**
 * Splits a targets input (`10.0.0.5:8080, 10.0.0.6:8080`, or one per line) into a checked list.
 * @throws InputError naming the input and the first bad target.
 */
export function parseTargets(text: string, input: string): string[] {
  const targets = text.split(/[\s,]+/).filter(Boolean);
  checkSide(targets, input);
  return targets;
}

function checkSide(targets: readonly string[], input: string): void {
  if (targets.length === 0) throw new InputError(input, undefined, "one or more servers as host:port or unix:/path, separated by commas or new lines");
  for (const target of targets) {
    if (!isTarget(target)) {
      throw new InputError(input, target, 'host:port (a host name, an IPv4 address or [IPv6], and a port from 1 to 65535) or unix:/absolute/path');
    }
  }
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate) throw new InputError(input, duplicate, 'each server once', { hint: `${duplicate} is listed twice in ${input}.` });
}

/**
 * Checks both sides: each non-empty and well formed, and no server on both (it would get stable and canary
 * traffic at once, so the canary could never be judged on its own).
 * @throws InputError naming `stable-targets` or `canary-targets`.
 */
export function checkTargets(stable: readonly string[], canary: readonly string[]): void {
  checkSide(stable, TRAFFIC_INPUTS.stableTargets);
  checkSide(canary, TRAFFIC_INPUTS.canaryTargets);
  const shared = canary.find((t) => stable.includes(t));
  if (shared) {
    throw new InputError(TRAFFIC_INPUTS.canaryTargets, shared, 'servers that are not also in stable-targets', {
      hint: 'The canary must run on its own servers (or ports) so that its traffic and errors can be told apart.',
    });
  }
}

/**
 * Checks the upstream name: an nginx identifier (letters, digits, `_`), since sticky mode also builds the
 * variable `$<name>_upstream` from it.
 * @throws InputError naming `nginx-upstream`.
 */
export function checkUpstreamName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new InputError(TRAFFIC_INPUTS.upstream, name, 'an nginx upstream name made of letters, digits and underscores, not starting with a digit');
  }
}

/**
 * Reads the split inputs: `nginx-split` (`weighted`, the default, or `sticky`) and `nginx-sticky-key` (an
 * nginx expression with at least one variable, default `$remote_addr`).
 * @throws InputError naming the input.
 */
export function parseSplit(mode: string | undefined, key: string | undefined): SplitMode {
  switch (mode?.trim() || 'weighted') {
    case 'weighted':
      return { mode: 'weighted' };
    case 'sticky': {
      const split = { mode: 'sticky' as const, key: key?.trim() || DEFAULT_SPLIT_KEY };
      checkSplitKey(split.key);
      return split;
    }
    default:
      throw new InputError(TRAFFIC_INPUTS.split, mode, 'weighted | sticky');
  }
}

/**
 * Checks a split key: it goes inside `split_clients "<key>"`, so it must reference a variable and cannot
 * hold quotes, braces, `;` or line breaks.
 * @throws InputError naming `nginx-sticky-key`.
 */
export function checkSplitKey(key: string): void {
  if (!/\$\{?[A-Za-z_]/.test(key) || /["\\;{}\n\r]/.test(key.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, ''))) {
    throw new InputError(TRAFFIC_INPUTS.splitKey, key, 'an nginx expression with at least one variable and no quotes, braces or semicolons, e.g. $remote_addr or $http_x_client_id', {
      hint: 'Requests with the same key always go to the same side, so pick what identifies a client: an address, a cookie ($cookie_session) or a header ($http_x_client_id).',
    });
  }
}
