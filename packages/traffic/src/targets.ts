/**
 * Checks of the nginx settings that need no host: targets, the upstream name and the sticky split key. They
 * run when the provider is built, before any traffic moves.
 */
import { checkSide, InputError } from '@shipgate/core';
import { DEFAULT_SPLIT_KEY, TRAFFIC_INPUTS } from './inputs.js';

/** How nginx divides requests between the sides. */
export type SplitMode =
  /** Weighted round-robin over every server: each request may land on either side. */
  | { mode: 'weighted' }
  /** `split_clients` on `key`: a client (same key) always lands on the same side at a given weight. */
  | { mode: 'sticky'; key: string };

/**
 * Checks both sides, and the baseline when there is one: each non-empty and well formed, and no server on two
 * (it would get both sides' traffic at once, so the canary could never be judged on its own).
 * @throws InputError naming `stable-targets`, `canary-targets` or `baseline-targets`.
 */
export function checkTargets(stable: readonly string[], canary: readonly string[], baseline?: readonly string[]): void {
  checkSide(stable, TRAFFIC_INPUTS.stableTargets);
  checkSide(canary, TRAFFIC_INPUTS.canaryTargets);
  const shared = canary.find((t) => stable.includes(t));
  if (shared) {
    throw new InputError(TRAFFIC_INPUTS.canaryTargets, shared, 'servers that are not also in stable-targets', {
      hint: 'The canary must run on its own servers (or ports) so that its traffic and errors can be told apart.',
    });
  }
  if (baseline === undefined) return;
  checkSide(baseline, TRAFFIC_INPUTS.baselineTargets);
  const overlap = baseline.find((t) => stable.includes(t) || canary.includes(t));
  if (overlap) {
    throw new InputError(
      TRAFFIC_INPUTS.baselineTargets,
      overlap,
      'servers that are in neither stable-targets nor canary-targets',
      {
        hint: 'The baseline is a fresh instance of the stable version on its own servers (or ports), so that it can be measured apart from both.',
      },
    );
  }
}

/**
 * Checks the upstream name: an nginx identifier (letters, digits, `_`), since sticky mode also builds the
 * variable `$<name>_upstream` from it.
 * @throws InputError naming `nginx-upstream`.
 */
export function checkUpstreamName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new InputError(
      TRAFFIC_INPUTS.upstream,
      name,
      'an nginx upstream name made of letters, digits and underscores, not starting with a digit',
    );
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
    throw new InputError(
      TRAFFIC_INPUTS.splitKey,
      key,
      'an nginx expression with at least one variable and no quotes, braces or semicolons, e.g. $remote_addr or $http_x_client_id',
      {
        hint: 'Requests with the same key always go to the same side, so pick what identifies a client: an address, a cookie ($cookie_session) or a header ($http_x_client_id).',
      },
    );
  }
}
