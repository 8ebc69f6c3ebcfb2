// Generates the throughput corpora under build/bench-secrets/ (seeded, so every run scans the same bytes):
//  - realistic: >= 100 MB of code and configuration (TypeScript, Python, Go, YAML, JSON, Markdown, .env) in the
//    proportions of a typical service repository, with a few planted secrets from the labelled generator;
//  - keyword-dense: >= 25 MB where nearly every line holds a rule keyword (token, key, password, secret, api,
//    auth) with values that must not be reported: the worst case for a keyword prefilter.
// `node bench/secrets/corpus.js [--mb 105] [--dense-mb 25]` prints the folders and sizes as JSON.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { testing } from './load-engine.js';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '105' }, 'dense-mb': { type: 'string', default: '25' } },
});
const root = join(import.meta.dirname, '..', '..', 'build', 'bench-secrets');
const r = new testing.SeededRandom(1202);
const A = testing.ALPHABETS;

const nouns = [
  'user',
  'order',
  'invoice',
  'payment',
  'session',
  'account',
  'product',
  'cart',
  'report',
  'event',
  'item',
  'customer',
  'shipment',
  'queue',
  'cache',
  'request',
  'response',
  'handler',
  'config',
  'metric',
];
const verbs = [
  'get',
  'create',
  'update',
  'delete',
  'list',
  'find',
  'load',
  'save',
  'parse',
  'render',
  'validate',
  'send',
  'build',
  'resolve',
  'fetch',
];
const ident = () => `${r.pick(verbs)}${cap(r.pick(nouns))}${r.int(0, 3) === 0 ? cap(r.pick(nouns)) : ''}`;
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const sentence = () =>
  Array.from({ length: r.int(6, 16) }, () =>
    r.pick([
      ...nouns,
      ...verbs,
      'the',
      'a',
      'with',
      'when',
      'is',
      'and',
      'for',
      'to',
      'of',
      'returns',
      'value',
      'list',
      'empty',
      'first',
      'each',
    ]),
  ).join(' ');

const generators = {
  ts: () => {
    const lines = [
      `import { ${ident()}, ${ident()} } from './${r.pick(nouns)}.js';`,
      `import type { ${cap(r.pick(nouns))} } from '../types.js';`,
      '',
    ];
    for (let f = 0; f < r.int(8, 20); f++) {
      const name = ident();
      lines.push(
        `/** ${cap(sentence())}. */`,
        `export async function ${name}(${r.pick(nouns)}: ${cap(r.pick(nouns))}, options: { limit?: number } = {}): Promise<${cap(r.pick(nouns))}[]> {`,
      );
      for (let s = 0; s < r.int(4, 14); s++) {
        lines.push(
          r.pick([
            `  const ${r.pick(nouns)}Id = ${r.pick(nouns)}.id ?? crypto.randomUUID();`,
            `  if (!${r.pick(nouns)}) throw new Error('${cap(sentence())}');`,
            `  const result = await this.${ident()}(${r.pick(nouns)}, { limit: options.limit ?? ${r.int(1, 500)} });`,
            `  for (const ${r.pick(nouns)} of items) total += ${r.pick(nouns)}.amount * ${r.int(1, 9)};`,
            `  logger.debug(\`${sentence()} \${${r.pick(nouns)}.id}\`);`,
            `  return items.filter((x) => x.status === '${r.pick(['active', 'pending', 'done'])}').map(${ident()});`,
            `  const headers = { 'content-type': 'application/json', accept: 'application/json' };`,
            `  // ${sentence()}`,
          ]),
        );
      }
      lines.push('}', '');
    }
    return lines.join('\n');
  },
  py: () => {
    const lines = [
      'import os',
      'import logging',
      `from .${r.pick(nouns)} import ${cap(r.pick(nouns))}`,
      '',
      'logger = logging.getLogger(__name__)',
      '',
    ];
    for (let c = 0; c < r.int(3, 8); c++) {
      lines.push(`class ${cap(r.pick(nouns))}${cap(r.pick(nouns))}:`, `    """${cap(sentence())}."""`, '');
      for (let m = 0; m < r.int(2, 6); m++) {
        lines.push(`    def ${r.pick(verbs)}_${r.pick(nouns)}(self, ${r.pick(nouns)}, limit=${r.int(1, 100)}):`);
        for (let s = 0; s < r.int(3, 9); s++)
          lines.push(
            r.pick([
              `        ${r.pick(nouns)} = self.${r.pick(verbs)}_${r.pick(nouns)}(${r.pick(nouns)})`,
              `        if not ${r.pick(nouns)}:`,
              `            raise ValueError("${sentence()}")`,
              `        logger.info("${sentence()} %s", ${r.pick(nouns)})`,
              `        return [x for x in ${r.pick(nouns)}s if x.status == "${r.pick(['ok', 'failed'])}"]`,
              `        timeout = int(os.environ.get("${r.pick(nouns).toUpperCase()}_TIMEOUT", "30"))`,
            ]),
          );
        lines.push('');
      }
    }
    return lines.join('\n');
  },
  go: () => {
    const lines = ['package ' + r.pick(nouns), '', 'import (', '\t"context"', '\t"fmt"', ')', ''];
    for (let f = 0; f < r.int(5, 12); f++) {
      lines.push(
        `// ${cap(ident())} ${sentence()}.`,
        `func ${cap(ident())}(ctx context.Context, ${r.pick(nouns)} *${cap(r.pick(nouns))}) (int, error) {`,
      );
      for (let s = 0; s < r.int(3, 10); s++)
        lines.push(
          r.pick([
            `\tif ${r.pick(nouns)} == nil {\n\t\treturn 0, fmt.Errorf("${sentence()}")\n\t}`,
            `\tn, err := ${r.pick(nouns)}.${cap(ident())}(ctx, ${r.int(1, 64)})`,
            `\tif err != nil {\n\t\treturn 0, err\n\t}`,
            `\ttotal += n * ${r.int(2, 9)}`,
          ]),
        );
      lines.push('\treturn total, nil', '}', '');
    }
    return lines.join('\n');
  },
  yaml: () => {
    const lines = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${r.pick(nouns)}-service`,
      '  labels:',
      `    app: ${r.pick(nouns)}`,
      'spec:',
      `  replicas: ${r.int(1, 6)}`,
      '  template:',
      '    spec:',
      '      containers:',
    ];
    for (let c = 0; c < r.int(1, 4); c++) {
      lines.push(
        `        - name: ${r.pick(nouns)}`,
        `          image: ghcr.io/acme/${r.pick(nouns)}:${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}`,
        '          env:',
      );
      for (let e = 0; e < r.int(3, 10); e++)
        lines.push(
          `            - name: ${r.pick(nouns).toUpperCase()}_${r.pick(['HOST', 'PORT', 'TIMEOUT', 'URL', 'MODE'])}`,
          `              value: "${r.pick(['8080', 'info', 'true', `http://${r.pick(nouns)}:8080`])}"`,
        );
      lines.push(
        '          resources:',
        '            limits:',
        `              cpu: ${r.int(100, 900)}m`,
        `              memory: ${r.int(128, 1024)}Mi`,
      );
    }
    return lines.join('\n') + '\n---\n' + lines.join('\n');
  },
  json: () =>
    JSON.stringify(
      Object.fromEntries(
        Array.from({ length: r.int(20, 80) }, () => [
          `${r.pick(nouns)}${cap(r.pick(nouns))}`,
          r.pick([
            r.int(0, 10000),
            sentence(),
            true,
            { id: r.chars(A.hex, 24), count: r.int(0, 99) },
            [r.pick(nouns), r.pick(nouns)],
          ]),
        ]),
      ),
      null,
      2,
    ),
  md: () =>
    [
      `# ${cap(sentence())}`,
      '',
      ...Array.from({ length: r.int(10, 40) }, () =>
        r.pick([
          cap(sentence()) + '.',
          '',
          `- ${cap(sentence())}`,
          '```sh',
          `npm run ${r.pick(verbs)}`,
          '```',
          `See [${r.pick(nouns)}](https://docs.acme.dev/${r.pick(nouns)}).`,
        ]),
      ),
    ].join('\n'),
  env: () =>
    Array.from(
      { length: r.int(5, 20) },
      () =>
        `${r.pick(nouns).toUpperCase()}_${r.pick(['HOST', 'PORT', 'TIMEOUT', 'URL', 'LEVEL', 'REGION'])}=${r.pick(['localhost', '5432', 'eu-west-1', 'debug', `https://${r.pick(nouns)}.acme.dev`])}`,
    ).join('\n'),
};
const mix = [
  ['ts', 35],
  ['py', 20],
  ['go', 15],
  ['yaml', 12],
  ['json', 8],
  ['md', 8],
  ['env', 2],
];
const pickKind = () => {
  let n = r.int(1, 100);
  for (const [kind, weight] of mix) if ((n -= weight) <= 0) return kind;
  return 'ts';
};

function fileOf(kind) {
  let text = '';
  while (text.length < 24_000) text += generators[kind]() + '\n';
  return text;
}

const denseLine = () => {
  const name = `${r.pick(nouns)}_${r.pick(['token', 'key', 'password', 'secret', 'api_key', 'auth', 'access_key', 'credentials'])}`;
  return r.pick([
    `${name} = os.environ["${name.toUpperCase()}"]`,
    `const ${name} = process.env.${name.toUpperCase()};`,
    `${name}: \${${name.toUpperCase()}}`,
    `${name}_length = ${r.int(8, 64)}  # the ${r.pick(['api', 'auth'])} key size`,
    `${name}: "{{ .Values.${r.pick(nouns)}.${r.pick(['token', 'key'])} }}"`,
    `if (${name}.${r.pick(['length', 'expired', 'valid'])}) refreshToken(${r.pick(nouns)}Key);`,
    `"${name}Label": "${cap(sentence())} key and token"`,
  ]);
};

function write(folder, megabytes, make) {
  rmSync(folder, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  while (bytes < megabytes * 1024 * 1024) {
    const { path, text } = make(files);
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { folder, files, bytes };
}

const samples = testing.labelledSamples(77, 1).filter((s) => s.secret);
const planted = [];
const realistic = write(join(root, 'realistic'), Number(values.mb), (i) => {
  const kind = pickKind();
  const path = `${r.pick(['services', 'packages', 'apps', 'libs'])}/${r.pick(nouns)}-${i % 97}/${r.pick(nouns)}-${i}.${kind === 'env' ? 'env' : kind}`;
  let text = fileOf(kind);
  if (i % 50 === 7) {
    const sample = samples[planted.length % samples.length];
    planted.push({ path, kind: sample.kind });
    text += `\n${sample.text}`;
  }
  return { path, text };
});
const dense = write(join(root, 'keyword-dense'), Number(values['dense-mb']), (i) => ({
  path: `config/${r.pick(nouns)}-${i}.${r.pick(['py', 'ts', 'yaml'])}`,
  text: Array.from({ length: 600 }, denseLine).join('\n'),
}));
const summary = { realistic: { ...realistic, planted: planted.length }, dense };
writeFileSync(join(root, 'corpus.json'), JSON.stringify({ ...summary, plantedFiles: planted }, null, 2));
console.log(JSON.stringify(summary));
