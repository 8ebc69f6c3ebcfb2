import { describe, expect, it } from 'vitest';
import { ANY_MAPPING, parseConfig } from '@shipgate/core/config';
import { DefinitionContext } from './definition-context.js';
import { mergeHeaders } from './http-request.js';
import { statusRangesAt } from './status-ranges.js';
import {
  durationAt,
  hostAt,
  httpUrlAt,
  isIpv4,
  isIpv6,
  jsonPathAt,
  regexAt,
  resolverAt,
  webSocketUrlAt,
} from './values.js';

/** A context over a one-key file, so that errors have a position. */
function context(env: Record<string, string> = {}): DefinitionContext {
  return new DefinitionContext(parseConfig('value: x\n', 'f.yml', ANY_MAPPING), env, new Set()).forProbe('p');
}

const at = ['value'];

describe('DefinitionContext', () => {
  it('substitutes variables, records secrets by use and by name, and collects step references', () => {
    const ctx = context({ HOST: 'h.test', DB_PASSWORD: 'pw-1234', BODY: 'b-5678' });
    expect(ctx.text(at, 'https://${env:HOST}/${env:DB_PASSWORD}')).toBe('https://h.test/pw-1234');
    expect(ctx.text(at, '${env:BODY}', { secret: true })).toBe('b-5678');
    expect(ctx.text(at, '/items/${steps.a.id}', { stepReferences: true })).toBe('/items/${steps.a.id}');
    expect([...ctx.secrets]).toEqual(['pw-1234', 'b-5678']);
    expect(ctx.stepReferences).toEqual([{ step: 'a', capture: 'id', path: at }]);
  });

  it('walks JSON values and keeps non-strings', () => {
    expect(context({ A: 'x' }).value(at, { a: ['${env:A}', 1, null], b: true })).toEqual({
      a: ['x', 1, null],
      b: true,
    });
  });

  it('fails at the nearest position the file has, naming the probe', () => {
    expect(() => context().fail(['value', 'missing'], 'is wrong')).toThrow(
      "f.yml:1:8: 'value.missing' probe 'p': is wrong",
    );
  });

  it('gives locations for the model', () => {
    expect(context().location(at)).toEqual({ file: 'f.yml', line: 1, column: 8 });
  });
});

describe('durationAt', () => {
  it('reads durations in milliseconds and refuses zero unless allowed', () => {
    expect(durationAt(context(), at, '1m30s')).toBe(90_000);
    expect(durationAt(context(), at, '0ms', false)).toBe(0);
    expect(() => durationAt(context(), at, '0ms')).toThrow("'0ms' is too short");
  });
});

describe('regexAt', () => {
  it('returns the source of a valid regex and reports the reason for an invalid one', () => {
    expect(regexAt(context(), at, '^a+$')).toBe('^a+$');
    expect(() => regexAt(context(), at, 'a{2,1}')).toThrow(
      "'a{2,1}' is not a valid regular expression: numbers out of order in {} quantifier",
    );
  });
});

describe('jsonPathAt', () => {
  it('returns a valid path and reports where an invalid one breaks', () => {
    expect(jsonPathAt(context(), at, '$.a[0]')).toBe('$.a[0]');
    expect(() => jsonPathAt(context(), at, '$.a[')).toThrow(
      "'$.a[' is not a valid JSON path: unclosed bracket at position 4",
    );
  });
});

describe('httpUrlAt', () => {
  it('accepts absolute http(s) URLs and paths, step placeholders included', () => {
    expect(httpUrlAt(context(), at, 'https://a.test/x')).toBe('https://a.test/x');
    expect(httpUrlAt(context(), at, '/x?y=1')).toBe('/x?y=1');
    expect(httpUrlAt(context(), at, 'https://a.test/${steps.s.id}', { stepReferences: true })).toBe(
      'https://a.test/${steps.s.id}',
    );
  });

  it('shows the URL as written, not with secret values put in', () => {
    expect(() => httpUrlAt(context({ TOKEN: 'sekret' }), at, 'a.test/?t=${env:TOKEN}')).toThrow(
      "'a.test/?t=${env:TOKEN}' is not a valid URL",
    );
  });
});

describe('webSocketUrlAt', () => {
  it('accepts ws and wss URLs only', () => {
    expect(webSocketUrlAt(context(), at, 'wss://a.test/s')).toBe('wss://a.test/s');
    expect(() => webSocketUrlAt(context(), at, 'not a url')).toThrow("'not a url' is not a valid URL");
  });
});

describe('hostAt', () => {
  it('accepts names and addresses, IPv6 included, and refuses URLs', () => {
    expect(hostAt(context(), at, ' db.internal ')).toBe('db.internal');
    expect(hostAt(context(), at, '::1')).toBe('::1');
    expect(() => hostAt(context(), at, 'https://db.internal')).toThrow("'https://db.internal' is not a host name");
  });
});

describe('resolverAt', () => {
  it('normalises to host:port with port 53 by default', () => {
    expect(resolverAt(context(), at, '10.0.0.2')).toBe('10.0.0.2:53');
    expect(resolverAt(context(), at, '[::1]')).toBe('[::1]:53');
    expect(resolverAt(context(), at, '127.0.0.1:5353')).toBe('127.0.0.1:5353');
    expect(() => resolverAt(context(), at, '300.0.0.1')).toThrow('is not a resolver address');
  });
});

describe('isIpv4', () => {
  it('checks four parts of 0-255', () => {
    expect(isIpv4('10.0.0.1')).toBe(true);
    expect(isIpv4('10.0.0.256')).toBe(false);
    expect(isIpv4('10.0.1')).toBe(false);
  });
});

describe('isIpv6', () => {
  it('accepts IPv6 and refuses IPv4 and names', () => {
    expect(isIpv6('2001:db8::1')).toBe(true);
    expect(isIpv6('::ffff:10.0.0.1')).toBe(true);
    expect(isIpv6('10.0.0.1')).toBe(false);
    expect(isIpv6('zz::1')).toBe(false);
  });
});

describe('statusRangesAt', () => {
  it('reads codes, classes, ranges and lists, with 2xx by default', () => {
    expect(statusRangesAt(context(), at, undefined)).toEqual([{ from: 200, to: 299 }]);
    expect(statusRangesAt(context(), at, [200, '3xx', '400 - 404', '500'])).toEqual([
      { from: 200, to: 200 },
      { from: 300, to: 399 },
      { from: 400, to: 404 },
      { from: 500, to: 500 },
    ]);
    expect(() => statusRangesAt(context(), at, '99-200')).toThrow('status 99 is outside 100-599');
  });
});

describe('mergeHeaders', () => {
  it('lets own headers replace defaults of any case', () => {
    expect(mergeHeaders({ 'User-Agent': 'a', Accept: 'b' }, { 'user-agent': 'c' })).toEqual({
      Accept: 'b',
      'user-agent': 'c',
    });
  });
});
