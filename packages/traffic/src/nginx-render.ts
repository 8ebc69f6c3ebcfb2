/**
 * The upstream file Shipgate owns, rendered from the targets and a canary weight. Pure, so every layout and
 * weight can be checked without nginx; the provider writes the result and lets `nginx -t` judge it.
 */
import type { SplitMode } from './targets.js';
import { baselineServerWeights, checkWeight, serverWeights } from './weights.js';

/**
 * What the file holds:
 * - `upstream` (default): a complete `upstream <name> { ... }` block, for a file included at `http` level
 *   (`/etc/nginx/conf.d/*.conf`); the site proxies with `proxy_pass http://<name>;`.
 * - `servers`: only the `server` lines, for a file included inside the site's own upstream block
 *   (`upstream app { include /etc/nginx/app-servers.conf; keepalive 16; }`), which keeps its other directives.
 *   Weighted mode only: `split_clients` must live at `http` level.
 */
export type UpstreamLayout = 'upstream' | 'servers';

/** Everything the file depends on besides the weight. */
export interface UpstreamSpec {
  /** The upstream name (`nginx-upstream`). */
  upstream: string;
  stableTargets: readonly string[];
  canaryTargets: readonly string[];
  /**
   * A fresh instance of the stable version that gets the same weight as the canary while it is judged
   * (`baseline-targets`): stable `100 - 2w`, baseline `w`, canary `w`.
   */
  baselineTargets?: readonly string[];
  split: SplitMode;
  /** Default `upstream`. */
  layout?: UpstreamLayout;
}

/** Name of the variable sticky mode sets to the chosen upstream group: `$<name>_upstream`. */
export function stickyVariable(upstream: string): string {
  return `$${upstream}_upstream`;
}

/** True while the canary shares traffic with stable: its servers are then being judged. */
function judging(weight: number): boolean {
  return weight > 0 && weight < 100;
}

/**
 * `max_fails=0` on the canary's servers while it is judged. By default nginx takes a server out for
 * `fail_timeout` (10 s) after one failed attempt, and with `proxy_next_upstream` (on by default) retries the
 * request on stable: a crashing canary would then get almost no traffic and its failures would never reach
 * the metrics. With `max_fails=0` every canary attempt is made and logged, and a failing canary fails its stage.
 * https://nginx.org/en/docs/http/ngx_http_upstream_module.html#max_fails
 */
const CANARY_MAX_FAILS = ' max_fails=0';

function header(spec: UpstreamSpec, weight: number): string[] {
  const lines = [
    '# Managed by Shipgate (canary-deploy and rollback): rewritten at every stage, so edits here are lost.',
    spec.baselineTargets && judging(weight)
      ? `# Canary weight ${weight}%, baseline ${weight}% (stable ${Math.round((100 - 2 * weight) * 100) / 100}%).`
      : `# Canary weight ${weight}% (stable ${Math.round((100 - weight) * 100) / 100}%).`,
  ];
  if (judging(weight))
    lines.push(
      '# max_fails=0 on the canary: nginx keeps sending it its share when it fails (no fail_timeout pause), so',
      '# every failed canary attempt is logged and judged, even one that nginx retried on a stable server.',
    );
  if (spec.split.mode === 'sticky')
    lines.push(
      `# The site proxies to the group chosen per client: proxy_pass http://${stickyVariable(spec.upstream)};`,
    );
  return lines;
}

function serverLines(targets: readonly string[], weight: number, side: string, indent: string, params = ''): string[] {
  return targets.map(
    (target) => `${indent}server ${target}${weight > 1 ? ` weight=${weight}` : ''}${params};  # ${side}`,
  );
}

function block(name: string, body: string[]): string[] {
  return [`upstream ${name} {`, ...body, '}'];
}

/**
 * Renders the file for `weight` percent on the canary. Weighted mode: stable and canary servers with weights
 * in the exact ratio (see `serverWeights`); at 0% only the stable servers, at 100% only the canary ones. While
 * the canary is judged (0 < weight < 100) its servers have `max_fails=0` (see {@link CANARY_MAX_FAILS}), and
 * the baseline's servers, when there are any, get the canary's weight (see `baselineServerWeights`). Sticky
 * mode with a baseline adds a `<name>_baseline` group and its own share of the `split_clients`.
 * Sticky mode: `<name>_stable` and `<name>_canary` groups and a `split_clients` on the key that sets
 * `$<name>_upstream`; at 0% and 100% it has a single `*` entry.
 */
export function renderUpstream(spec: UpstreamSpec, weight: number): string {
  checkWeight(weight);
  const layout = spec.layout ?? 'upstream';
  const lines = header(spec, weight);
  const baseline = spec.baselineTargets ?? [];
  if (spec.split.mode === 'weighted') {
    const w =
      baseline.length > 0
        ? baselineServerWeights(weight, {
            stable: spec.stableTargets.length,
            baseline: baseline.length,
            canary: spec.canaryTargets.length,
          })
        : serverWeights(weight, spec.stableTargets.length, spec.canaryTargets.length);
    const indent = layout === 'upstream' ? '    ' : '';
    const servers = [
      ...(w.stable > 0 ? serverLines(spec.stableTargets, w.stable, 'stable', indent) : []),
      ...(w.baseline ? serverLines(baseline, w.baseline, 'baseline', indent) : []),
      ...(w.canary > 0
        ? serverLines(spec.canaryTargets, w.canary, 'canary', indent, judging(weight) ? CANARY_MAX_FAILS : '')
        : []),
    ];
    lines.push(...(layout === 'upstream' ? block(spec.upstream, servers) : servers));
  } else {
    const stable = `${spec.upstream}_stable`;
    const canary = `${spec.upstream}_canary`;
    const withBaseline = baseline.length > 0 && judging(weight);
    // Checks the weight against the baseline's limit (at most 50% before the promotion).
    if (withBaseline) baselineServerWeights(weight, { stable: 1, baseline: 1, canary: 1 });
    const rest = withBaseline && weight * 2 >= 100 ? `${spec.upstream}_baseline` : stable;
    const split =
      weight <= 0
        ? [`    * ${stable};`]
        : weight >= 100
          ? [`    * ${canary};`]
          : [
              `    ${weight}% ${canary};`,
              ...(withBaseline && rest === stable ? [`    ${weight}% ${spec.upstream}_baseline;`] : []),
              `    * ${rest};`,
            ];
    lines.push(
      ...block(stable, serverLines(spec.stableTargets, 1, 'stable', '    ')),
      ...(withBaseline ? block(`${spec.upstream}_baseline`, serverLines(baseline, 1, 'baseline', '    ')) : []),
      ...block(canary, serverLines(spec.canaryTargets, 1, 'canary', '    ', judging(weight) ? CANARY_MAX_FAILS : '')),
      `split_clients "${spec.split.key}" ${stickyVariable(spec.upstream)} {`,
      ...split,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}
