import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@shipgate/core/config';
import complete from '../../../../test/fixtures/probes/complete.yml?raw';
import embedded from '../../../../test/fixtures/probes/embedded.yml?raw';
import { KIND_KEYS, STEP_KEYS } from './probe-keys.js';
import { validateEmbeddedProbes, validateProbeFile } from '../generated/probe-validators.js';
import { PROBE_FILE_SCHEMA, PROBE_SCHEMA_KEYS, STEP_SCHEMA_KEYS, schemaKeys } from './probe-schema.js';

describe('PROBE_FILE_SCHEMA', () => {
  it('is a valid draft-07 schema under strict Ajv', () => {
    expect(() =>
      new Ajv({ strictSchema: true, strictTypes: true, strictTuples: true, allowUnionTypes: true }).compile(
        PROBE_FILE_SCHEMA,
      ),
    ).not.toThrow();
  });

  it('accepts the complete fixture', () => {
    const validate = new Ajv({ allErrors: true }).compile(PROBE_FILE_SCHEMA);
    expect(validate(parse(complete)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseConfig(complete, 'probes.yml', validateProbeFile).data.probes).toHaveLength(8);
  });

  it('rejects an unknown key, naming it', () => {
    expect(() => parseConfig('probes: []\nprobs: []\n', 'probes.yml', validateProbeFile)).toThrow(
      "probes.yml:2:1: 'probs' is not a known key: allowed here are version, defaults, probes",
    );
    const validate = new Ajv({ allErrors: true }).compile(PROBE_FILE_SCHEMA);
    expect(validate({ probes: [{ name: 'a', url: '/a', expect: { status: 200, latnecy: {} } }] })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: 'additionalProperties',
      params: { additionalProperty: 'latnecy' },
    });
  });

  it('requires the keys each kind needs', () => {
    const validate = new Ajv({ allErrors: true }).compile(PROBE_FILE_SCHEMA);
    expect(validate({ probes: [{ name: 'r', kind: 'tcp', host: 'h' }] })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'port' } });
  });

  it('describes every property, for editor completion', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.properties && typeof record.properties === 'object') {
        for (const [key, value] of Object.entries(record.properties)) {
          const described = typeof value === 'object' && value !== null && ('description' in value || '$ref' in value);
          if (!described) undescribed.push(`${path}.${key}`);
        }
      }
      // `if` conditions only select a kind; they are not keys anyone writes.
      for (const [key, value] of Object.entries(record)) if (key !== 'if') visit(value, `${path}.${key}`);
    };
    visit(PROBE_FILE_SCHEMA, '#');
    expect(undescribed).toEqual([]);
  });
});

describe('validateEmbeddedProbes', () => {
  it('checks the probes list and leaves the other sections of shipgate.yml alone', () => {
    expect(parseConfig(embedded, '.github/shipgate.yml', validateEmbeddedProbes).data.probes).toHaveLength(1);
    expect(() =>
      parseConfig('probes:\n  - {name: a, url: /a, colour: red}\n', '.github/shipgate.yml', validateEmbeddedProbes),
    ).toThrow(/'probes\.0\.colour'/);
  });
});

describe('schemaKeys', () => {
  it('lists the keys of a definition', () => {
    expect(schemaKeys('capture')).toEqual(['json', 'header', 'regex', 'secret']);
    expect(schemaKeys('scalar')).toEqual([]);
  });

  it('agrees with the keys each kind and each flow step accepts', () => {
    expect([...new Set(Object.values(KIND_KEYS).flat())].sort()).toEqual([...PROBE_SCHEMA_KEYS].sort());
    expect([...STEP_KEYS].sort()).toEqual([...STEP_SCHEMA_KEYS].sort());
  });
});
