import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaValidator } from '@shipgate/core';
import { checkComposeFile, loadComposeValidator } from './check-compose.js';

const FILE = 'compose.yaml';
const env: Record<string, string> = { TAG: '1.27', WEB_PORT: '8080', DEBUG: 'true' };
let validate: SchemaValidator;
beforeAll(async () => {
  validate = await loadComposeValidator();
});
const check = (text: string) => checkComposeFile(FILE, text, { validate, lookup: (name) => env[name] });

const COMPOSE = `x-common: &common
  restart: unless-stopped
  logging:
    driver: json-file

services:
  web:
    <<: *common
    image: "nginx:\${TAG}"
    ports:
      - "\${WEB_PORT:-80}:80"
    environment:
      DEBUG: \${DEBUG}
      LEVEL: \${LEVEL:-info}
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
      interval: 10s
  db:
    image: postgres:16
    volumes:
      - data:/var/lib/postgresql/data
    healthcheck:
      test: pg_isready
volumes:
  data: {}
`;

describe('checkComposeFile', () => {
  it('finds nothing in a valid file with anchors, merge keys, extensions and interpolation', () => {
    expect(check(COMPOSE)).toEqual([]);
  });

  it('reports an unknown key at its position, with the key it probably meant', () => {
    const findings = check(COMPOSE.replace('    ports:\n', '    prots:\n'));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'compose/unknown-field',
        severity: 'error',
        message: 'services.web.prots: unknown field "prots"; did you mean "ports"?',
        line: 10,
        column: 5,
        endColumn: 10,
      }),
    ]);
  });

  it('reports a required variable that is not set, and an unset one without a default, at the value', () => {
    const text = COMPOSE.replace('LEVEL: ${LEVEL:-info}', 'LEVEL: ${LEVEL}\n      DB_URL: ${DB_URL:?set DB_URL}');
    expect(check(text).map((f) => [f.rule, f.severity, f.line, f.column, f.message])).toEqual([
      ['compose/unset-variable', 'warning', 14, 14, expect.stringMatching(/^variable LEVEL is not set/)],
      ['compose/required-variable', 'error', 15, 15, 'required variable not set: DB_URL: set DB_URL'],
    ]);
  });

  it('checks the interpolated data against the schema, and reports wrong types at the value', () => {
    const text = COMPOSE.replace('    image: postgres:16', '    image: postgres:16\n    tty: 5\n    ports: 5432');
    expect(check(text).map((f) => [f.rule, f.line, f.column])).toEqual([
      ['compose/wrong-type', 23, 10],
      ['compose/wrong-type', 24, 12],
    ]);
  });

  it('reports a value fitting none of the allowed forms once, naming every allowed type', () => {
    const findings = check('services:\n  web:\n    image: nginx:1.27\n    depends_on: db\n');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['compose/wrong-type', 4]]);
    expect(findings[0]?.message).toMatch(/must be (array or object|object or array), not string/);
  });

  it('reports what is wrong inside a value that has the type of one of the forms, not the other forms', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healty\n';
    const findings = check(text);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['compose/invalid-value', 6]]);
    expect(findings[0]?.message).toContain('service_healthy');
  });

  it('reports duplicate keys and syntax errors with positions', () => {
    expect(check('services:\n  web:\n    image: a\n    image: b\n')).toEqual([
      expect.objectContaining({ rule: 'yaml/duplicate-key', line: 4, column: 5 }),
    ]);
    expect(check('services:\n  web: [\n')[0]).toMatchObject({ rule: 'yaml/syntax' });
  });
});
