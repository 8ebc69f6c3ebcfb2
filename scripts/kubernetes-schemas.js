// The Kubernetes validator modules for scripts/gen-validators.js: one module per vendored Kubernetes minor
// version (packages/manifests/schemas, written by scripts/vendor-kubernetes-schemas.js), exporting one validator
// per resource kind, named by `kindExportName`, over one shared set of definitions (generated once per version).
//
// Strict, like `kubectl apply --validate=strict` and kubeconform -strict: an object with declared properties
// admits no others, except where the API says it keeps unknown fields (x-kubernetes-preserve-unknown-fields).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMAS = 'packages/manifests/schemas';

/** `apps/v1` + `Deployment` → `apps_v1_Deployment`: the export of a kind in its version's module. */
export function kindExportName(apiVersion, kind) {
  return `${apiVersion}/${kind}`.replace(/[^A-Za-z0-9]/g, '_');
}

/** The minor versions vendored, oldest first: `['1.34', '1.35', '1.36']`. */
export function kubernetesVersions(root) {
  return readdirSync(join(root, SCHEMAS))
    .map((name) => /^kubernetes-v(\d+\.\d+)\.json$/.exec(name)?.[1])
    .filter(Boolean)
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

/** The resource kinds of a definitions set: `[{ apiVersion, kind, definition }]`. */
export function resourceKinds(definitions) {
  const kinds = [];
  for (const [name, def] of Object.entries(definitions)) {
    // Lists and meta's Status carry a GVK but are not written as manifests.
    if (name.endsWith('List') || name === 'io.k8s.apimachinery.pkg.apis.meta.v1.Status') continue;
    if (!def.properties?.metadata) continue;
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      kinds.push({ apiVersion, kind: gvk.kind, definition: name });
    }
  }
  return kinds;
}

/** A copy of one definition made strict and smaller, with the shapes ajv reports most clearly. */
function strict(node) {
  if (Array.isArray(node)) return node.map(strict);
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-')) continue;
    out[key] =
      key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)])) : strict(value);
  }
  // int-or-string and Quantity are `oneOf` plain types: one `type` list gives one error instead of three.
  const plain = out.oneOf?.every((s) => Object.keys(s).length === 1 && typeof s.type === 'string');
  if (plain) {
    out.type = out.oneOf.map((s) => s.type);
    delete out.oneOf;
  }
  if (out.properties && out.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields'])
    out.additionalProperties = false;
  return out;
}

/** The gen-validators module entry of every vendored Kubernetes version. */
export function kubernetesValidatorModules(root) {
  return kubernetesVersions(root).map((minor) => {
    const source = `${SCHEMAS}/kubernetes-v${minor}.json`;
    const { definitions } = JSON.parse(readFileSync(join(root, source), 'utf8'));
    const id = `kubernetes-v${minor}`;
    const shared = {
      $id: id,
      definitions: Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, strict(def)])),
    };
    const schemas = {};
    for (const { apiVersion, kind, definition } of resourceKinds(definitions))
      schemas[kindExportName(apiVersion, kind)] = { $ref: `${id}#/definitions/${definition}` };
    return {
      path: `packages/manifests/src/generated/kubernetes-v${minor.replace('.', '-')}`,
      sources: [source],
      schemas,
      shared: [shared],
      shareSubschemas: false,
    };
  });
}
