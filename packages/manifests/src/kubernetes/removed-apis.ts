/**
 * API versions that Kubernetes stopped serving, with the release that removed them and what to write instead,
 * from the Deprecated API Migration Guide: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * (sections "v1.32" to "v1.16"). pluto and kubent report the same table. kubernetes-models still ships models
 * for these versions, so a manifest using them passes its validation and fails on the cluster.
 */
export interface RemovedApi {
  apiVersion: string;
  kinds: readonly string[];
  /** The minor release that stopped serving it: `1.25`. */
  removedIn: string;
  /** The apiVersion to migrate to, or undefined when the API has no successor. */
  replacement: string | undefined;
  /** What else changes with the migration, when the guide calls it out. */
  note?: string;
}

const WORKLOADS = ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'];

export const REMOVED_APIS: readonly RemovedApi[] = [
  // v1.32
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  // v1.29
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  // v1.27
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    removedIn: '1.27',
    replacement: 'storage.k8s.io/v1',
  },
  // v1.26
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    removedIn: '1.26',
    replacement: 'autoscaling/v2',
    note: 'targetAverageUtilization becomes target.averageUtilization with target.type: Utilization',
  },
  // v1.25
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    note: 'topology["kubernetes.io/hostname"] becomes nodeName, and topology becomes deprecatedTopology',
  },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
    note: 'targetAverageUtilization becomes target.averageUtilization with target.type: Utilization',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    removedIn: '1.25',
    replacement: 'policy/v1',
    note: 'an empty spec.selector now selects every pod in the namespace',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    removedIn: '1.25',
    replacement: undefined,
    note: 'use Pod Security Admission (namespace labels pod-security.kubernetes.io/*) or a policy engine',
  },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  // v1.22
  ...['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].map((kind) => ({
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: [kind],
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    note: 'webhooks[*].admissionReviewVersions and sideEffects are required',
  })),
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    note: 'spec.versions[*].schema.openAPIV3Schema is required and must be structural',
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    removedIn: '1.22',
    replacement: 'apiregistration.k8s.io/v1',
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    removedIn: '1.22',
    replacement: 'authentication.k8s.io/v1',
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    note: 'spec.signerName is required',
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    removedIn: '1.22',
    replacement: 'coordination.k8s.io/v1',
  },
  ...['extensions/v1beta1', 'networking.k8s.io/v1beta1'].map((apiVersion) => ({
    apiVersion,
    kinds: ['Ingress'],
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    note: 'backend.serviceName/servicePort become backend.service.name/port, and pathType is required',
  })),
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['IngressClass'],
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    removedIn: '1.22',
    replacement: 'scheduling.k8s.io/v1',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
  },
  // v1.16
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    removedIn: '1.16',
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    removedIn: '1.16',
    replacement: undefined,
    note: 'PodSecurityPolicy was removed altogether in 1.25: use Pod Security Admission',
  },
  ...['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'].map((apiVersion) => ({
    apiVersion,
    kinds: WORKLOADS,
    removedIn: '1.16',
    replacement: 'apps/v1',
    note: 'spec.selector is required and must match spec.template.metadata.labels',
  })),
];

/** The removal that applies to `apiVersion` `kind` in Kubernetes `target` (`1.36`), if any. */
export function findRemovedApi(apiVersion: string, kind: string, target: string): RemovedApi | undefined {
  return REMOVED_APIS.find(
    (api) => api.apiVersion === apiVersion && api.kinds.includes(kind) && minorOf(api.removedIn) <= minorOf(target),
  );
}

function minorOf(version: string): number {
  return Number(version.split('.')[1]);
}
