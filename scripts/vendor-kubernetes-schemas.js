// Vendors the Kubernetes API schemas that packages/manifests validates against, one file per Kubernetes minor
// version, reduced to what validation needs (no descriptions, formats or client hints), so that no step needs
// the network at run time.
//
// Source: the upstream OpenAPI definitions as cdk8s publishes them, one `_definitions.json` per Kubernetes
// release (github.com/cdk8s-team/cdk8s, kubernetes-schemas/v<version>/, generated from kubernetes/kubernetes
// api/openapi-spec). No npm package ships them per version: kubernetes-models holds one cumulative set (removed
// API versions included) as compiled code, @kubernetes/client-node and cdk8s(-cli) ship no schemas.
//
// Usage: node scripts/vendor-kubernetes-schemas.js <cdk8s checkout> 1.34.0 1.35.0 1.36.0
// then `npm run build` (scripts/gen-validators.js compiles them; scripts/kubernetes-schemas.js lists them).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Keys that validation reads; everything else in a definition (descriptions, patch hints) is dropped. */
const KEEP = new Set([
  '$ref',
  'type',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'enum',
  'oneOf',
  'anyOf',
  'allOf',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
]);

function reduce(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((item) => reduce(item));
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` every key is a field name, kept whatever it is.
    if (inProperties) out[key] = reduce(value);
    else if (key.startsWith('x-kubernetes-')) {
      if (KEEP.has(key)) out[key] = value;
    } else if (KEEP.has(key)) out[key] = reduce(value, key === 'properties');
  }
  return out;
}

function read(source, version) {
  const path = `kubernetes-schemas/v${version}/_definitions.json`;
  if (existsSync(join(source, path))) return readFileSync(join(source, path), 'utf8');
  // A bare git directory (a mirror): read the file from HEAD.
  return execFileSync('git', ['--git-dir', source, 'show', `HEAD:${path}`], { maxBuffer: 64 << 20 }).toString();
}

const [source, ...versions] = process.argv.slice(2);
if (!source || versions.length === 0) {
  console.error('Usage: node scripts/vendor-kubernetes-schemas.js <cdk8s checkout or git dir> <version>...');
  process.exit(2);
}
for (const version of versions) {
  const { definitions } = JSON.parse(read(source, version));
  const minor = version.split('.').slice(0, 2).join('.');
  const out = {
    source: `https://github.com/cdk8s-team/cdk8s/blob/HEAD/kubernetes-schemas/v${version}/_definitions.json`,
    kubernetesVersion: version,
    definitions: Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, reduce(def)])),
  };
  const path = join(import.meta.dirname, '..', 'packages/manifests/schemas', `kubernetes-v${minor}.json`);
  writeFileSync(path, `${JSON.stringify(out)}\n`);
  console.log(`  ${path} (${Object.keys(out.definitions).length} definitions)`);
}
