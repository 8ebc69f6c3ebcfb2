import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import { FakeShell } from '@shipgate/exec/testing';
import { NginxTrafficProvider, type NginxTrafficOptions } from '@shipgate/traffic';
import { isTarget, parseTargets } from '@shipgate/core';
import { checkTargets, checkUpstreamName, parseSplit } from '@shipgate/traffic';

describe('isTarget', () => {
  it('accepts host:port, [IPv6]:port and unix:/path', () => {
    for (const ok of [
      '127.0.0.1:8080',
      'app-1.internal:80',
      '[::1]:8080',
      '[2001:db8::5]:443',
      'unix:/run/app.sock',
      'localhost:65535',
    ])
      expect(isTarget(ok), ok).toBe(true);
  });

  it('refuses what nginx would not take, or would take as something else', () => {
    for (const bad of [
      '127.0.0.1',
      '127.0.0.1:99999',
      ':80',
      'host:0',
      'host:80 weight=5',
      'a;b:80',
      '-x:80',
      'unix:relative.sock',
      'http://x:80',
      '::1:80',
    ]) {
      expect(isTarget(bad), bad).toBe(false);
    }
  });
});

describe('parseTargets', () => {
  it('splits on commas, blanks and new lines', () => {
    expect(parseTargets('10.0.0.5:8080, 10.0.0.6:8080\n10.0.0.7:8080', 'stable-targets')).toEqual([
      '10.0.0.5:8080',
      '10.0.0.6:8080',
      '10.0.0.7:8080',
    ]);
  });

  it('names the input and the bad value', () => {
    expect(() => parseTargets(' ', 'stable-targets')).toThrow(
      "Input 'stable-targets' is required: expected one or more servers as host:port",
    );
    expect(() => parseTargets('10.0.0.5:99999', 'canary-targets')).toThrow(
      `Input 'canary-targets' has an invalid value "10.0.0.5:99999": expected host:port`,
    );
    expect(() => parseTargets('a:1,a:1', 'canary-targets')).toThrow(/each server once/);
  });
});

describe('checkTargets', () => {
  it('refuses a server on both sides', () => {
    expect(() => checkTargets(['a:1', 'b:1'], ['b:1'])).toThrow(
      `Input 'canary-targets' has an invalid value "b:1": expected servers that are not also in stable-targets`,
    );
    expect(() => checkTargets([], ['b:1'])).toThrow(/Input 'stable-targets' is required/);
  });
});

describe('checkUpstreamName', () => {
  it('takes nginx identifiers only', () => {
    expect(() => checkUpstreamName('app_v2')).not.toThrow();
    for (const bad of ['', '2app', 'app-name', 'app;', 'app {'])
      expect(() => checkUpstreamName(bad)).toThrow(/Input 'nginx-upstream'/);
  });
});

describe('parseSplit', () => {
  it('defaults to weighted, and sticky to $remote_addr', () => {
    expect(parseSplit(undefined, undefined)).toEqual({ mode: 'weighted' });
    expect(parseSplit('sticky', '')).toEqual({ mode: 'sticky', key: '$remote_addr' });
    expect(parseSplit('sticky', '${cookie_session}-$http_x_user')).toEqual({
      mode: 'sticky',
      key: '${cookie_session}-$http_x_user',
    });
  });

  it('refuses other modes and keys that could break out of the directive', () => {
    expect(() => parseSplit('random', undefined)).toThrow(
      `Input 'nginx-split' has an invalid value "random": expected weighted | sticky`,
    );
    for (const bad of ['client', '$a"; }', '$a;', '$a\n$b'])
      expect(() => parseSplit('sticky', bad), bad).toThrow(/Input 'nginx-sticky-key'/);
  });
});

describe('NginxTrafficProvider settings', () => {
  const base = (): NginxTrafficOptions => ({
    shell: new FakeShell(),
    upstream: 'app',
    upstreamFile: '/etc/nginx/conf.d/app-upstream.conf',
    stableTargets: ['10.0.0.5:8080'],
    canaryTargets: ['10.0.0.9:8080'],
    testCommand: ['nginx', '-t'],
    reloadCommand: ['nginx', '-s', 'reload'],
    split: { mode: 'weighted' },
  });

  it.each([
    [{ stableTargets: [] }, /Input 'stable-targets' is required/],
    [{ canaryTargets: [] }, /Input 'canary-targets' is required/],
    [{ canaryTargets: ['10.0.0.5:8080'] }, /not also in stable-targets/],
    [{ upstream: 'my app' }, /Input 'nginx-upstream'/],
    [{ upstreamFile: 'conf.d/app.conf' }, /Input 'nginx-upstream-file' .* an absolute path/],
    [{ testCommand: [] }, /Input 'nginx-test-command' is required/],
    [{ split: { mode: 'sticky', key: '$remote_addr' }, layout: 'servers' }, /split_clients must be at http level/],
  ] as [Partial<NginxTrafficOptions>, RegExp][])(
    'refuses bad settings before touching the host: %j',
    (override, message) => {
      const shell = new FakeShell();
      expect(() => new NginxTrafficProvider({ ...base(), shell, ...override })).toThrow(InputError);
      expect(() => new NginxTrafficProvider({ ...base(), shell, ...override })).toThrow(message);
      expect(shell.calls).toEqual([]);
    },
  );

  it('describes itself with the host', () => {
    expect(new NginxTrafficProvider(base()).describe()).toBe(
      'nginx upstream app in /etc/nginx/conf.d/app-upstream.conf on a fake host',
    );
  });
});
