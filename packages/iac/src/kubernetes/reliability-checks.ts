import type { KubernetesIssue } from './issue.js';
import { KUBERNETES_RELIABILITY_RULES as R } from './rules.js';
import { field, isObject, stringMap, type LocatedObject, type LocatedPodSpec } from './workloads.js';

/** What the checks across documents need to know about every object of the checked set. */
export interface ObjectSet {
  objects: readonly LocatedObject[];
  pods: readonly LocatedPodSpec[];
}

const IANA_NAME = /^(?=.*[a-z])[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,14}$/;

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Whether `labels` satisfy a label selector (matchLabels and matchExpressions, as metav1 evaluates them). */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== String(value)) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const values = (expression.values ?? []).map(String);
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expression.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const asSelector = (value: unknown): LabelSelector | undefined =>
  isObject(value) ? (value as LabelSelector) : undefined;
const isEmptySelector = (selector: LabelSelector | undefined): boolean =>
  !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);

/** The reliability findings of one workload's pod spec. */
export function podReliabilityIssues(pod: LocatedPodSpec, set: ObjectSet): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  const owner = `${pod.owner.kind}/${pod.owner.name}`;
  const add = (rule: KubernetesIssue['rule'], message: string, path: KubernetesIssue['path'], at?: 'key' | 'value') =>
    issues.push({ rule, message, path, identity: `${owner} ${message}`, ...(at ? { at } : {}) });
  const { object, path: ownerPath, kind } = pod.owner;

  // Selector against the template's labels (Job and CronJob generate theirs).
  if (!['Pod', 'Job', 'CronJob', 'PodTemplate'].includes(kind)) {
    const selector = asSelector(field(object, 'spec', 'selector'));
    const labels = pod.labels;
    if (kind === 'ReplicationController' || kind === 'DeploymentConfig') {
      const plain = isObject(field(object, 'spec', 'selector'))
        ? stringMap(field(object, 'spec', 'selector') as Record<string, unknown>)
        : {};
      if (Object.keys(plain).length > 0 && !selectorMatches({ matchLabels: plain }, labels))
        add(R.mismatchingSelector, `${owner}: its selector does not match its pod template's labels`, [
          ...ownerPath,
          'spec',
          'selector',
        ]);
    } else if (isEmptySelector(selector)) {
      add(
        R.mismatchingSelector,
        `${owner} has no selector`,
        'selector' in (field(object, 'spec') as object) ? [...ownerPath, 'spec', 'selector'] : [...ownerPath, 'spec'],
      );
    } else if (selector && !selectorMatches(selector, labels)) {
      add(R.mismatchingSelector, `${owner}: its selector does not match its pod template's labels`, [
        ...ownerPath,
        'spec',
        'selector',
      ]);
    }
  }

  const serviceAccount = field(pod.spec, 'serviceAccount');
  const serviceAccountName = field(pod.spec, 'serviceAccountName');
  if (typeof serviceAccount === 'string' && serviceAccount !== '' && serviceAccount !== serviceAccountName)
    add(
      R.deprecatedServiceAccount,
      `${owner} uses the deprecated serviceAccount field`,
      [...pod.path, 'serviceAccount'],
      'key',
    );
  const account =
    (typeof serviceAccountName === 'string' && serviceAccountName) ||
    (typeof serviceAccount === 'string' && serviceAccount) ||
    '';
  if (account && account !== 'default') {
    const exists = set.objects.some(
      (o) => o.kind === 'ServiceAccount' && o.name === account && o.namespace === pod.owner.namespace,
    );
    if (!exists)
      add(
        R.missingServiceAccount,
        `${owner} uses service account "${account}", which is not among the checked manifests`,
        [...pod.path, serviceAccountName ? 'serviceAccountName' : 'serviceAccount'],
      );
  }

  if (kind === 'Job' && field(object, 'spec', 'ttlSecondsAfterFinished') === undefined)
    add(R.jobTtl, `standalone ${owner} does not set ttlSecondsAfterFinished`, [...ownerPath, 'spec']);
  if (kind === 'CronJob' && field(object, 'spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished') !== undefined)
    add(
      R.jobTtl,
      `${owner} sets ttlSecondsAfterFinished on its jobs, which conflicts with its history limits`,
      [...ownerPath, 'spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished'],
      'key',
    );

  issues.push(...antiAffinityIssues(pod, owner));

  for (const { container, path, name, init } of pod.containers) {
    const where = `container "${name}" of ${owner}`;
    const env = container.env;
    if (Array.isArray(env)) {
      const seen = new Set<string>();
      env.forEach((entry, i) => {
        const envName = String(field(entry, 'name') ?? '');
        if (seen.has(envName))
          add(R.duplicateEnv, `${where} sets ${envName} more than once`, [...path, 'env', i, 'name']);
        seen.add(envName);
      });
    }
    const ports = Array.isArray(container.ports) ? container.ports : [];
    ports.forEach((port, i) => {
      const portName = field(port, 'name');
      if (typeof portName === 'string' && !IANA_NAME.test(portName))
        add(R.invalidPortName, `${where} names a port "${portName}", not a valid IANA service name`, [
          ...path,
          'ports',
          i,
          'name',
        ]);
    });
    if (init) continue;
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
        const port = field(container, probe, handler, 'port');
        if (port === undefined) continue;
        const named = typeof port === 'string' && !/^\d+$/.test(port);
        const found = ports.some((p) =>
          named ? field(p, 'name') === port : Number(field(p, 'containerPort')) === Number(port),
        );
        // A numeric port need not be declared to be reachable; a named one must exist.
        if (!found && (named || ports.length > 0))
          add(R.probePort, `${where}: its ${probe} targets port ${String(port)}, which the container does not expose`, [
            ...path,
            probe,
            handler,
            'port',
          ]);
      }
    }
  }
  return issues;
}

function antiAffinityIssues(pod: LocatedPodSpec, owner: string): KubernetesIssue[] {
  if (
    !['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'].includes(pod.owner.kind)
  )
    return [];
  const replicas = field(pod.owner.object, 'spec', 'replicas');
  if (typeof replicas !== 'number' || replicas < 2) return [];
  const terms = [
    ...arrayAt(pod.spec, 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'),
    ...arrayAt(pod.spec, 'affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution').map((t) =>
      field(t, 'podAffinityTerm'),
    ),
  ];
  const spreads = arrayAt(pod.spec, 'topologySpreadConstraints');
  const spreadsPods = (term: unknown) => {
    const selector = asSelector(field(term, 'labelSelector'));
    return (
      field(term, 'topologyKey') === 'kubernetes.io/hostname' &&
      selector !== undefined &&
      selectorMatches(selector, pod.labels)
    );
  };
  if (terms.some(spreadsPods) || spreads.some(spreadsPods)) return [];
  const message = `${owner} has ${replicas} replicas but no pod anti-affinity or spread across nodes`;
  return [{ rule: R.antiAffinity, message, path: [...pod.owner.path, 'spec', 'replicas'], identity: message }];
}

const arrayAt = (value: unknown, ...keys: string[]): unknown[] => {
  const found = field(value, ...keys);
  return Array.isArray(found) ? found : [];
};

/** The reliability findings of objects that are not workloads: Services and PodDisruptionBudgets. */
export function objectReliabilityIssues(located: LocatedObject, set: ObjectSet): KubernetesIssue[] {
  const { object, path, kind, name, namespace } = located;
  const owner = `${kind}/${name}`;
  const issue = (rule: KubernetesIssue['rule'], message: string, at: KubernetesIssue['path']): KubernetesIssue[] => [
    { rule, message, path: at, identity: `${owner} ${message}` },
  ];
  const inNamespace = set.pods.filter((pod) => pod.owner.namespace === namespace);
  if (kind === 'Service') {
    if (field(object, 'spec', 'type') === 'ExternalName') return [];
    const selector = field(object, 'spec', 'selector');
    // A Service without a selector is backed by EndpointSlices someone else manages.
    if (!isObject(selector) || Object.keys(selector).length === 0) return [];
    const matchLabels = stringMap(selector);
    if (inNamespace.some((pod) => selectorMatches({ matchLabels }, pod.labels))) return [];
    return issue(R.danglingService, `${owner} selects no pods of the checked workloads`, [...path, 'spec', 'selector']);
  }
  if (kind === 'PodDisruptionBudget') {
    const maxUnavailable = field(object, 'spec', 'maxUnavailable');
    if (maxUnavailable !== undefined && /^0+%?$/.test(String(maxUnavailable)))
      return issue(R.pdbMaxUnavailable, `${owner} sets maxUnavailable to ${String(maxUnavailable)}`, [
        ...path,
        'spec',
        'maxUnavailable',
      ]);
    const minAvailable = field(object, 'spec', 'minAvailable');
    const selector = asSelector(field(object, 'spec', 'selector'));
    if (minAvailable === undefined || !selector) return [];
    if (String(minAvailable) === '100%')
      return issue(R.pdbMinAvailable, `${owner} sets minAvailable to 100%`, [...path, 'spec', 'minAvailable']);
    for (const pod of inNamespace) {
      const replicas = field(pod.owner.object, 'spec', 'replicas');
      const count = typeof replicas === 'number' ? replicas : 1;
      if (
        !isEmptySelector(selector) &&
        selectorMatches(selector, pod.labels) &&
        typeof minAvailable === 'number' &&
        minAvailable >= count
      )
        return issue(
          R.pdbMinAvailable,
          `${owner} sets minAvailable ${minAvailable} for ${pod.owner.kind}/${pod.owner.name} of ${count} replicas`,
          [...path, 'spec', 'minAvailable'],
        );
    }
  }
  return [];
}
