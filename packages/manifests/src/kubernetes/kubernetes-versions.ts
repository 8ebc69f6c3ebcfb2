import { InputError } from '@shipgate/core';
import type { SchemaValidator } from '@shipgate/core';

/** The Kubernetes minor versions whose schemas are vendored (packages/manifests/schemas), oldest first. */
export const KUBERNETES_VERSIONS = ['1.34', '1.35', '1.36'] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** The newest vendored version: what manifests are checked against unless a version is given. */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.36';

/**
 * `1.35`, `v1.35` or `1.35.2` → `1.35`. Throws an InputError naming `input` and the versions available
 * otherwise: a patch release validates as its minor version (the API schema changes only between minors).
 */
export function parseKubernetesVersion(text: string, input = 'kubernetes-version'): KubernetesVersion {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  const minor = match ? `${match[1]}.${match[2]}` : undefined;
  const known = KUBERNETES_VERSIONS.find((version) => version === minor);
  if (!known) throw new InputError(input, text, `a Kubernetes version among ${KUBERNETES_VERSIONS.join(', ')}`);
  return known;
}

/** A version's generated validators, one per resource kind, named `apps_v1_Deployment` (`kindExportName`). */
export type KindValidators = Readonly<Record<string, SchemaValidator | undefined>>;

/** Loads one version's validators (about 2 MB of generated code each, so only the one asked for). */
export async function loadKindValidators(version: KubernetesVersion): Promise<KindValidators> {
  switch (version) {
    case '1.34':
      return (await import('../generated/kubernetes-v1-34.js')) as KindValidators;
    case '1.35':
      return (await import('../generated/kubernetes-v1-35.js')) as KindValidators;
    case '1.36':
      return (await import('../generated/kubernetes-v1-36.js')) as KindValidators;
    default:
      throw new Error(`No schemas for Kubernetes ${String(version)}: allowed are ${KUBERNETES_VERSIONS.join(', ')}`);
  }
}

/** `apps/v1` + `Deployment` → `apps_v1_Deployment`, as scripts/kubernetes-schemas.js names the exports. */
export function kindExportName(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`.replace(/[^A-Za-z0-9]/g, '_');
}

/**
 * The API groups Kubernetes itself serves (`''` is the core group, apiVersion `v1`), in every vendored version.
 * A kind in another group is a custom resource. Some custom resources use `*.k8s.io` groups
 * (gateway.networking.k8s.io, metrics.k8s.io), so this is a list, not a suffix rule.
 */
export const BUILTIN_API_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admission.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'imagepolicy.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** `apps/v1` → `apps`; `v1` → `''` (the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
