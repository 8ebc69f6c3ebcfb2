import { describe, expect, it } from 'vitest';
import { interpolate, interpolateTree } from './interpolate.js';

const env: Record<string, string> = { TAG: '1.27', EMPTY: '', PORT: '8080' };
const lookup = (name: string) => env[name];

describe('interpolate', () => {
  it('substitutes $VAR and ${VAR}, and $$ is a literal dollar', () => {
    expect(interpolate('nginx:${TAG}', lookup)).toEqual({ value: 'nginx:1.27', unset: [] });
    expect(interpolate('$PORT:80 costs $$5 and $ alone', lookup).value).toBe('8080:80 costs $5 and $ alone');
  });

  it('uses defaults when unset (-) or unset or empty (:-), nested included', () => {
    expect(interpolate('${NOPE:-a}|${EMPTY:-b}|${EMPTY-c}|${NOPE-d}', lookup).value).toBe('a|b||d');
    expect(interpolate('${NOPE:-${TAG}}', lookup).value).toBe('1.27');
    expect(interpolate('${NOPE:-${ALSO:-x}y}', lookup).value).toBe('xy');
  });

  it('uses the alternative when set (+, :+)', () => {
    expect(interpolate('${TAG:+yes}|${EMPTY:+no}|${EMPTY+set}', lookup).value).toBe('yes||set');
  });

  it('reports required variables (?, :?) with their message', () => {
    expect(interpolate('${DB_URL:?set DB_URL to the database}', lookup).required).toBe(
      'DB_URL: set DB_URL to the database',
    );
    expect(interpolate('${EMPTY:?}', lookup).required).toBe('EMPTY: is required');
    expect(interpolate('${EMPTY?}', lookup).required).toBeUndefined();
  });

  it('lists variables used without a default and not set', () => {
    expect(interpolate('${A}-$B-${A}', lookup)).toEqual({ value: '--', unset: ['A', 'B'] });
  });

  it('reports invalid substitutions', () => {
    expect(interpolate('${TAG', lookup).invalid).toMatch(/no closing brace/);
    expect(interpolate('${1X}', lookup).invalid).toMatch(/variable name/);
    expect(interpolate('${TAG:x}', lookup).invalid).toMatch(/not a valid substitution/);
  });
});

describe('interpolateTree', () => {
  it('interpolates values, not keys, with an issue at each value that needs one', () => {
    const data = {
      services: {
        web: { image: 'nginx:${TAG}', ports: ['${PORT}:80'], environment: { KEY: '${SECRET:?needed}' }, x: '${NOPE}' },
      },
    };
    const result = interpolateTree(data, lookup);
    expect(result.data).toEqual({
      services: { web: { image: 'nginx:1.27', ports: ['8080:80'], environment: { KEY: '' }, x: '' } },
    });
    expect(result.issues.map((i) => [i.rule, i.severity, i.path.join('.')])).toEqual([
      ['compose/required-variable', 'error', 'services.web.environment.KEY'],
      ['compose/unset-variable', 'warning', 'services.web.x'],
    ]);
  });
});
