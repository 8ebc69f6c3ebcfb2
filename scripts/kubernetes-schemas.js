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

/**
 * Fields whose values the API server checks against a fixed set. The vendored definitions lost the upstream
 * "Possible enum values" lists with the descriptions; these come from the API reference
 * (https://kubernetes.io/docs/reference/kubernetes-api/) and are the same in every vendored version. Only sets
 * that no recent release widened are listed (not Toleration.operator, which gains Gt/Lt).
 */
const ENUMS = {
  'io.k8s.api.core.v1.Container': {
    imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
    terminationMessagePolicy: ['File', 'FallbackToLogsOnError'],
  },
  'io.k8s.api.core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'io.k8s.api.core.v1.ContainerPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServicePort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    sessionAffinity: ['ClientIP', 'None'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  },
  'io.k8s.api.core.v1.Toleration': { effect: ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': {
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
    volumeMode: ['Block', 'Filesystem'],
  },
  'io.k8s.api.core.v1.PersistentVolumeSpec': {
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
    volumeMode: ['Block', 'Filesystem'],
    persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'],
  },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': {
    operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: ['OnDelete', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: ['OnDelete', 'RollingUpdate'] },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'] },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { policyTypes: ['Ingress', 'Egress'] },
  'io.k8s.api.autoscaling.v2.MetricSpec': { type: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] },
  'io.k8s.api.autoscaling.v2.MetricTarget': { type: ['Utilization', 'Value', 'AverageValue'] },
  'io.k8s.api.storage.v1.StorageClass': {
    reclaimPolicy: ['Retain', 'Delete'],
    volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'],
  },
  'io.k8s.api.rbac.v1.Subject': { kind: ['User', 'Group', 'ServiceAccount'] },
};

/** Adds the `ENUMS` sets to a version's strict definitions, on the field or, for lists, on its items. */
function withEnums(definitions) {
  for (const [name, fields] of Object.entries(ENUMS))
    for (const [field, values] of Object.entries(fields)) {
      const schema = definitions[name]?.properties?.[field];
      if (!schema) throw new Error(`kubernetes-schemas.js: ENUMS names ${name}.${field}, which the schema lacks`);
      if (schema.type === 'array') schema.items = { ...schema.items, enum: values };
      else schema.enum = values;
    }
  return definitions;
}

/** The gen-validators module entry of every vendored Kubernetes version. */
export function kubernetesValidatorModules(root) {
  return kubernetesVersions(root).map((minor) => {
    const source = `${SCHEMAS}/kubernetes-v${minor}.json`;
    const { definitions } = JSON.parse(readFileSync(join(root, source), 'utf8'));
    const id = `kubernetes-v${minor}`;
    const shared = {
      $id: id,
      definitions: withEnums(Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, strict(def)]))),
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
