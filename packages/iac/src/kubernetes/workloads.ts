/** Where the pod template of each workload kind lives, and the resources of a document (a `List`'s items too). */

export type Path = readonly (string | number)[];
export type KubeObject = Record<string, unknown>;

/** One Kubernetes object of a document, with the path from the document root to it. */
export interface LocatedObject {
  object: KubeObject;
  path: Path;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

/** One container of a pod spec, with its path from the document root. */
export interface LocatedContainer {
  container: KubeObject;
  path: Path;
  name: string;
  /** `initContainers` and `ephemeralContainers` entries are not app containers (probes do not apply). */
  init: boolean;
}

/** The pod spec of a workload, where it is, and its containers (init containers first, as the kubelet runs them). */
export interface LocatedPodSpec {
  owner: LocatedObject;
  spec: KubeObject;
  path: Path;
  containers: LocatedContainer[];
  /** The pod template's labels (a bare Pod's own). */
  labels: Record<string, string>;
}

const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const isObject = (value: unknown): value is KubeObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const field = (value: unknown, ...keys: string[]): unknown => {
  let current = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current;
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The Kubernetes objects of one parsed document (the items of a `kind: List`, each with its path). */
export function objectsOf(data: unknown): LocatedObject[] {
  if (!isObject(data)) return [];
  const kind = text(data.kind);
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(data.items))) {
    const items = Array.isArray(data.items) ? data.items : [];
    return items.flatMap((item, i) =>
      isObject(item) ? objectsOf(item).map((o) => ({ ...o, path: ['items', i, ...o.path] })) : [],
    );
  }
  if (!kind) return [];
  return [
    {
      object: data,
      path: [],
      apiVersion: text(data.apiVersion),
      kind,
      name: text(field(data, 'metadata', 'name')),
      namespace: text(field(data, 'metadata', 'namespace')) || 'default',
    },
  ];
}

/** The pod spec of a workload, or `undefined` for kinds that run no pods. */
export function podSpecOf(owner: LocatedObject): LocatedPodSpec | undefined {
  const steps = POD_SPEC_PATHS[owner.kind];
  if (!steps) return undefined;
  const spec = field(owner.object, ...steps);
  if (!isObject(spec)) return undefined;
  const path = [...owner.path, ...steps];
  const containers: LocatedContainer[] = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((container, i) => {
      if (isObject(container))
        containers.push({ container, path: [...path, key, i], name: text(container.name), init: key !== 'containers' });
    });
  }
  const labelsAt = owner.kind === 'Pod' ? owner.object : field(owner.object, ...steps.slice(0, -1));
  const labels = field(labelsAt, 'metadata', 'labels');
  return { owner, spec, path, containers, labels: isObject(labels) ? stringMap(labels) : {} };
}

export function stringMap(value: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) out[key] = String(item);
  return out;
}
