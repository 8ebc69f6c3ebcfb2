import { describe, expect, it } from 'vitest';
import { parsePositionedYaml } from './positioned-yaml.js';

const FILE = 'k8s/app.yaml';

describe('parsePositionedYaml', () => {
  const text = [
    'apiVersion: v1', // 1
    'kind: ConfigMap', // 2
    '---', // 3
    'apiVersion: apps/v1', // 4
    'kind: Deployment', // 5
    'spec:', // 6
    '  replicas: "3"', // 7
    '  template:', // 8
    '    spec:', // 9
    '      containers:', // 10
    '        - name: web', // 11
    '          image: nginx', // 12
  ].join('\n');

  it('gives each document its data and the position of any key or value in it', () => {
    const { documents, findings } = parsePositionedYaml(text, FILE, 'kubernetes');
    expect(findings).toEqual([]);
    expect(documents.map((d) => d.index)).toEqual([0, 1]);
    expect(documents[1]?.data).toMatchObject({ kind: 'Deployment', spec: { replicas: '3' } });
    expect(documents[1]?.locate(['spec', 'replicas'])).toEqual({ line: 7, column: 13, endLine: 7, endColumn: 16 });
    expect(documents[1]?.locate(['spec', 'replicas'], 'key')).toEqual({
      line: 7,
      column: 3,
      endLine: 7,
      endColumn: 11,
    });
    const image = ['spec', 'template', 'spec', 'containers', 0, 'image'];
    expect(documents[1]?.locate(image)).toEqual({ line: 12, column: 18, endLine: 12, endColumn: 23 });
    expect(documents[0]?.locate(['kind'])).toMatchObject({ line: 2, column: 7 });
  });

  it('locates a path that leaves the document at its deepest existing node', () => {
    const { documents } = parsePositionedYaml(text, FILE, 'kubernetes');
    expect(documents[1]?.locate(['spec', 'selector'], 'key')).toMatchObject({ line: 7, column: 3 });
    expect(documents[1]?.locate(['spec', 'template', 'spec', 'containers', 5])).toMatchObject({ line: 11 });
  });

  it('reports a duplicate key at the second occurrence, and keeps the other documents', () => {
    const dup = 'a: 1\n---\nkind: Service\nmetadata:\n  name: x\n  name: y\n';
    const { documents, findings } = parsePositionedYaml(dup, FILE, 'kubernetes');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'yaml/duplicate-key', severity: 'error', file: FILE, line: 6, column: 3 }),
    ]);
    expect(findings[0]?.message).toMatch(/name/);
    expect(documents.map((d) => d.hasErrors)).toEqual([false, true]);
    expect(documents[0]?.data).toEqual({ a: 1 });
  });

  it('reports a syntax error with its position', () => {
    const { findings } = parsePositionedYaml('a: 1\nb: [1, 2\nc: 3\n', FILE, 'core');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ rule: 'yaml/syntax', severity: 'error', file: FILE });
    expect(findings[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('follows aliases to their anchor and merge keys to the merged mapping', () => {
    const anchored = [
      'defaults: &defaults', // 1
      '  image: nginx', // 2
      '  pullPolicy: Always', // 3
      'web:', // 4
      '  <<: *defaults', // 5
      '  name: web', // 6
      'copy: *defaults', // 7
    ].join('\n');
    const [doc] = parsePositionedYaml(anchored, FILE, 'kubernetes').documents;
    expect(doc?.data).toMatchObject({ web: { image: 'nginx', name: 'web' }, copy: { pullPolicy: 'Always' } });
    expect(doc?.locate(['web', 'image'])).toMatchObject({ line: 2, column: 10 });
    expect(doc?.locate(['web', 'name'])).toMatchObject({ line: 6, column: 9 });
    expect(doc?.locate(['copy', 'pullPolicy'])).toMatchObject({ line: 3, column: 15 });
    expect(doc?.locate(['copy'])).toMatchObject({ line: 7, column: 7 });
  });

  it('refuses documents whose aliases expand past the limit ("billion laughs")', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const [doc] = parsePositionedYaml(lines.join('\n'), FILE, 'kubernetes').documents;
    expect(doc?.data).toBeUndefined();
    expect(doc?.dataError).toMatch(/aliases/);
  });

  it('reads Kubernetes files as YAML 1.1 without timestamps, like go-yaml v2, and others as YAML 1.2', () => {
    const scalars = 'a: yes\nb: 0755\nc: on\nd: 2024-01-02\ne: "yes"\nf: 1.5\n';
    expect(parsePositionedYaml(scalars, FILE, 'kubernetes').documents[0]?.data).toEqual({
      a: true,
      b: 493,
      c: true,
      d: '2024-01-02',
      e: 'yes',
      f: 1.5,
    });
    expect(parsePositionedYaml(scalars, FILE, 'core').documents[0]?.data).toMatchObject({ a: 'yes', b: 755, c: 'on' });
  });

  it('returns no documents for an empty file or one with only comments', () => {
    expect(parsePositionedYaml('', FILE, 'kubernetes')).toEqual({ file: FILE, documents: [], findings: [] });
    expect(parsePositionedYaml('# nothing\n', FILE, 'kubernetes').documents).toEqual([]);
  });

  it('keeps empty documents between separators, so indexes match the file', () => {
    const { documents } = parsePositionedYaml('---\n---\nkind: A\n', FILE, 'kubernetes');
    expect(documents.map((d) => d.data)).toEqual([null, { kind: 'A' }]);
  });
});
