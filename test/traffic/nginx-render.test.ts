import { describe, expect, it } from 'vitest';
import { renderUpstream } from '@shipgate/traffic';
import { baselineServerWeights, checkTargets, checkWeight, serverWeights } from '@shipgate/traffic';
import { InputError } from '@shipgate/core';
import { TrafficError } from '@shipgate/traffic';

const one = {
  upstream: 'app',
  stableTargets: ['10.0.0.5:8080'],
  canaryTargets: ['10.0.0.9:8080'],
  split: { mode: 'weighted' as const },
};

describe('serverWeights', () => {
  it.each([
    [5, 1, 1, { stable: 19, canary: 1 }],
    [10, 1, 1, { stable: 9, canary: 1 }],
    [25, 1, 1, { stable: 3, canary: 1 }],
    [50, 1, 1, { stable: 1, canary: 1 }],
    [25, 2, 1, { stable: 3, canary: 2 }],
    [5, 3, 2, { stable: 38, canary: 3 }],
    [2.5, 1, 1, { stable: 39, canary: 1 }],
    [33.33, 1, 1, { stable: 6667, canary: 3333 }],
    [0, 2, 2, { stable: 1, canary: 0 }],
    [100, 2, 2, { stable: 0, canary: 1 }],
  ])('%d%% over %d stable and %d canary servers', (weight, nStable, nCanary, expected) => {
    const w = serverWeights(weight, nStable, nCanary);
    expect(w).toEqual(expected);
    if (w.stable > 0 && w.canary > 0) {
      // The sides' totals keep the exact ratio.
      expect((w.canary * nCanary) / (w.stable * nStable + w.canary * nCanary)).toBeCloseTo(weight / 100, 10);
    }
  });
});

describe('baselineServerWeights', () => {
  it('gives the baseline the canary weight and stable the rest, whatever the server counts', () => {
    expect(baselineServerWeights(5, { stable: 1, baseline: 1, canary: 1 })).toEqual({
      stable: 18,
      baseline: 1,
      canary: 1,
    });
    expect(baselineServerWeights(25, { stable: 2, baseline: 1, canary: 1 })).toEqual({
      stable: 1,
      baseline: 1,
      canary: 1,
    });
    expect(baselineServerWeights(10, { stable: 3, baseline: 1, canary: 2 })).toEqual({
      stable: 16,
      baseline: 6,
      canary: 3,
    });
    expect(baselineServerWeights(50, { stable: 1, baseline: 1, canary: 1 })).toEqual({
      stable: 0,
      baseline: 1,
      canary: 1,
    });
    expect(baselineServerWeights(0, { stable: 1, baseline: 1, canary: 1 })).toEqual({
      stable: 1,
      baseline: 0,
      canary: 0,
    });
    expect(baselineServerWeights(100, { stable: 1, baseline: 1, canary: 1 })).toEqual({
      stable: 0,
      baseline: 0,
      canary: 1,
    });
  });

  it('refuses a weight above 50% before the promotion', () => {
    expect(() => baselineServerWeights(60, { stable: 1, baseline: 1, canary: 1 })).toThrow(TrafficError);
  });
});

describe('checkTargets', () => {
  it('refuses a baseline server that is also a stable or canary server, naming baseline-targets', () => {
    expect(() => checkTargets(['a:1'], ['b:1'], ['c:1'])).not.toThrow();
    for (const overlap of ['a:1', 'b:1']) {
      const error = (() => {
        try {
          checkTargets(['a:1'], ['b:1'], ['c:1', overlap]);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/baseline-targets/);
      expect((error as InputError).message).toContain(overlap);
    }
    expect(() => checkTargets(['a:1'], ['b:1'], [])).toThrow(/baseline-targets/);
  });
});

describe('checkWeight', () => {
  it('accepts 0 to 100 with up to two decimals, and nothing else', () => {
    for (const ok of [0, 0.5, 12.25, 100]) expect(() => checkWeight(ok)).not.toThrow();
    for (const bad of [-1, 100.5, Number.NaN, Infinity, 1.234]) expect(() => checkWeight(bad)).toThrow(TrafficError);
  });
});

describe('renderUpstream', () => {
  it('renders a weighted upstream block with a header', () => {
    expect(renderUpstream(one, 25)).toBe(
      [
        '# Managed by Shipgate (canary-deploy and rollback): rewritten at every stage, so edits here are lost.',
        '# Canary weight 25% (stable 75%).',
        '# max_fails=0 on the canary: nginx keeps sending it its share when it fails (no fail_timeout pause), so',
        '# every failed canary attempt is logged and judged, even one that nginx retried on a stable server.',
        'upstream app {',
        '    server 10.0.0.5:8080 weight=3;  # stable',
        '    server 10.0.0.9:8080 max_fails=0;  # canary',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('takes the other side out at 0% and 100% (nginx refuses weight=0)', () => {
    expect(renderUpstream(one, 0)).toContain('upstream app {\n    server 10.0.0.5:8080;  # stable\n}');
    expect(renderUpstream(one, 0)).not.toContain('10.0.0.9');
    expect(renderUpstream(one, 100)).toContain('upstream app {\n    server 10.0.0.9:8080;  # canary\n}');
    expect(renderUpstream(one, 100)).not.toContain('10.0.0.5');
    // Promoted, the canary is the fleet: nginx's own passive health checks apply again.
    expect(renderUpstream(one, 100)).not.toContain('max_fails');
  });

  it('weights uneven sides so the totals keep the ratio', () => {
    const spec = { ...one, stableTargets: ['a:1', 'b:1'], canaryTargets: ['unix:/run/app-canary.sock'] };
    expect(renderUpstream(spec, 25)).toContain(
      '    server a:1 weight=3;  # stable\n    server b:1 weight=3;  # stable\n    server unix:/run/app-canary.sock weight=2 max_fails=0;  # canary\n',
    );
  });

  it('renders only server lines in the servers layout', () => {
    const text = renderUpstream({ ...one, layout: 'servers' }, 5);
    expect(text).not.toContain('upstream');
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      'server 10.0.0.5:8080 weight=19;  # stable',
      'server 10.0.0.9:8080 max_fails=0;  # canary',
      '',
    ]);
  });

  it('renders three sides with a baseline: stable 100 - 2w, baseline w, canary w', () => {
    const spec = { ...one, baselineTargets: ['10.0.0.7:8080'] };
    const text = renderUpstream(spec, 10);
    expect(text).toContain('# Canary weight 10%, baseline 10% (stable 80%).');
    expect(text).toContain(
      'upstream app {\n    server 10.0.0.5:8080 weight=8;  # stable\n    server 10.0.0.7:8080;  # baseline\n    server 10.0.0.9:8080 max_fails=0;  # canary\n}',
    );
    expect(renderUpstream(spec, 0)).not.toContain('10.0.0.7');
    expect(renderUpstream(spec, 100)).not.toContain('10.0.0.7');
    expect(() => renderUpstream(spec, 75)).toThrow(TrafficError);
  });

  it('renders a baseline group and its share of split_clients in sticky mode', () => {
    const spec = {
      ...one,
      baselineTargets: ['10.0.0.7:8080'],
      split: { mode: 'sticky' as const, key: '$remote_addr' },
    };
    const text = renderUpstream(spec, 10);
    expect(text).toContain('upstream app_baseline {\n    server 10.0.0.7:8080;  # baseline\n}');
    expect(text).toContain(
      'split_clients "$remote_addr" $app_upstream {\n    10% app_canary;\n    10% app_baseline;\n    * app_stable;\n}',
    );
    expect(renderUpstream(spec, 50)).toContain('    50% app_canary;\n    * app_baseline;\n}');
  });

  it('renders two groups and a split_clients in sticky mode', () => {
    const sticky = { ...one, split: { mode: 'sticky' as const, key: '$http_x_client_id' } };
    expect(renderUpstream(sticky, 12.5)).toBe(
      [
        '# Managed by Shipgate (canary-deploy and rollback): rewritten at every stage, so edits here are lost.',
        '# Canary weight 12.5% (stable 87.5%).',
        '# max_fails=0 on the canary: nginx keeps sending it its share when it fails (no fail_timeout pause), so',
        '# every failed canary attempt is logged and judged, even one that nginx retried on a stable server.',
        '# The site proxies to the group chosen per client: proxy_pass http://$app_upstream;',
        'upstream app_stable {',
        '    server 10.0.0.5:8080;  # stable',
        '}',
        'upstream app_canary {',
        '    server 10.0.0.9:8080 max_fails=0;  # canary',
        '}',
        'split_clients "$http_x_client_id" $app_upstream {',
        '    12.5% app_canary;',
        '    * app_stable;',
        '}',
        '',
      ].join('\n'),
    );
    expect(renderUpstream(sticky, 0)).toMatch(
      /split_clients "\$http_x_client_id" \$app_upstream \{\n {4}\* app_stable;\n\}/,
    );
    expect(renderUpstream(sticky, 100)).toMatch(/\$app_upstream \{\n {4}\* app_canary;\n\}/);
  });
});
