import { DANGEROUS_CAPABILITIES, RUNTIME_SOCKET, SENSITIVE_HOST_DIRS } from '../host-risks.js';
import { imagePinProblem } from '../image-reference.js';
import { looksLikeSecret } from '../secret-values.js';
import type { KubernetesIssue } from './issue.js';
import { KUBERNETES_SECURITY_RULES as R } from './rules.js';
import { field, isObject, type LocatedContainer, type LocatedPodSpec, type Path } from './workloads.js';

/** kube-linter's unsafe-sysctls prefixes. */
const UNSAFE_SYSCTLS = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];
/** The sysctls Kubernetes allows by default (https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);
/** Names of variables that hold secrets: kube-linter's `(?i).*secret.*`, and the usual credential suffixes. */
const SECRET_NAME = /secret|(?:^|_)(?:PASS(?:WORD|WD)?|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;

const normalizeCap = (cap: unknown): string => String(cap).toUpperCase().replace(/^CAP_/, '');

/** The security findings of one pod spec (kube-linter's default security checks). */
export function podSecurityIssues(pod: LocatedPodSpec): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  const owner = `${pod.owner.kind}/${pod.owner.name}`;
  const podIssue = (rule: KubernetesIssue['rule'], message: string, path: Path, at?: 'key' | 'value') =>
    issues.push({ rule, message, path, identity: `${owner} ${message}`, ...(at ? { at } : {}) });
  for (const [key, rule, what] of [
    ['hostNetwork', R.hostNetwork, 'network'],
    ['hostPID', R.hostPid, 'process'],
    ['hostIPC', R.hostIpc, 'IPC'],
  ] as const) {
    if (pod.spec[key] === true)
      podIssue(rule, `${owner} shares the host's ${what} namespace (${key}: true)`, [...pod.path, key], 'key');
  }
  const sysctls = field(pod.spec, 'securityContext', 'sysctls');
  if (Array.isArray(sysctls)) {
    sysctls.forEach((sysctl, i) => {
      const name = String(field(sysctl, 'name') ?? '');
      if (!SAFE_SYSCTLS.has(name) && UNSAFE_SYSCTLS.some((prefix) => name.startsWith(prefix)))
        podIssue(R.sysctls, `${owner} sets the unsafe sysctl ${name}`, [
          ...pod.path,
          'securityContext',
          'sysctls',
          i,
          'name',
        ]);
    });
  }
  issues.push(...hostPathIssues(pod, owner));
  for (const container of pod.containers) issues.push(...containerIssues(pod, container, owner));
  return issues;
}

function hostPathIssues(pod: LocatedPodSpec, owner: string): KubernetesIssue[] {
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return [];
  const mounted = new Map<string, string[]>();
  for (const { container, name } of pod.containers) {
    const mounts = container.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    for (const mount of mounts) {
      const volume = String(field(mount, 'name') ?? '');
      mounted.set(volume, [...(mounted.get(volume) ?? []), name]);
    }
  }
  const issues: KubernetesIssue[] = [];
  volumes.forEach((volume, i) => {
    const hostPath = field(volume, 'hostPath', 'path');
    if (typeof hostPath !== 'string') return;
    const users = mounted.get(String(field(volume, 'name') ?? ''));
    if (!users) return;
    const normalized = hostPath.length > 1 ? hostPath.replace(/\/+$/, '') : hostPath;
    const rule = RUNTIME_SOCKET.test(normalized)
      ? R.dockerSock
      : SENSITIVE_HOST_DIRS.has(normalized)
        ? R.hostMounts
        : undefined;
    if (!rule) return;
    const message = `${owner} mounts the host's ${hostPath} into container ${users.map((u) => `"${u}"`).join(', ')}`;
    issues.push({ rule, message, path: [...pod.path, 'volumes', i, 'hostPath', 'path'], identity: message });
  });
  return issues;
}

function containerIssues(pod: LocatedPodSpec, located: LocatedContainer, owner: string): KubernetesIssue[] {
  const { container, path, name } = located;
  const issues: KubernetesIssue[] = [];
  const where = `container "${name}" of ${owner}`;
  const add = (rule: KubernetesIssue['rule'], message: string, at: Path, point?: 'key' | 'value') =>
    issues.push({
      rule,
      message,
      path: at,
      identity: `${where} ${rule.id} ${message}`,
      ...(point ? { at: point } : {}),
    });
  const sc = isObject(container.securityContext) ? container.securityContext : {};
  const scPath = [...path, 'securityContext'];

  if (sc.privileged === true) add(R.privileged, `${where} runs privileged`, [...scPath, 'privileged'], 'key');
  else if (sc.allowPrivilegeEscalation === true)
    add(
      R.privilegeEscalation,
      `${where} sets allowPrivilegeEscalation: true`,
      [...scPath, 'allowPrivilegeEscalation'],
      'key',
    );

  issues.push(...runAsIssues(pod, located, where));

  if (sc.readOnlyRootFilesystem !== true) {
    const present = 'readOnlyRootFilesystem' in sc;
    add(
      R.readOnlyRootFs,
      `${where} does not have a read-only root filesystem`,
      present ? [...scPath, 'readOnlyRootFilesystem'] : path,
      present ? 'key' : undefined,
    );
  }

  issues.push(...resourceIssues(located, where));

  if (typeof container.image === 'string') {
    const problem = imagePinProblem(container.image);
    if (problem)
      add(
        R.latestTag,
        `${where} uses ${problem === 'latest' ? 'the latest tag' : 'no tag'} in image ${container.image}`,
        [...path, 'image'],
      );
  }

  const capabilities = sc.capabilities;
  if (isObject(capabilities)) {
    const added = Array.isArray(capabilities.add) ? capabilities.add : [];
    added.forEach((cap, i) => {
      const capName = normalizeCap(cap);
      const at = [...scPath, 'capabilities', 'add', i];
      if (capName === 'NET_RAW') add(R.netRaw, `${where} adds NET_RAW`, at);
      else if (capName === 'SYS_ADMIN')
        add(R.privilegeEscalation, `${where} adds SYS_ADMIN, which allows privilege escalation`, at);
      else if (DANGEROUS_CAPABILITIES.has(capName)) add(R.dangerousCapability, `${where} adds ${capName}`, at);
    });
    const dropped = (Array.isArray(capabilities.drop) ? capabilities.drop : []).map(normalizeCap);
    const addsNetRaw = added.map(normalizeCap).some((cap) => cap === 'NET_RAW');
    if (!addsNetRaw && !dropped.includes('NET_RAW') && !dropped.includes('ALL'))
      add(R.netRaw, `${where} does not drop NET_RAW`, [...scPath, 'capabilities'], 'key');
  }

  const env = container.env;
  if (Array.isArray(env)) {
    env.forEach((entry, i) => {
      const envName = String(field(entry, 'name') ?? '');
      const value = field(entry, 'value');
      if (typeof value !== 'string' || value === '' || /^\$\([\w.]+\)$/.test(value)) return;
      if (SECRET_NAME.test(envName))
        add(R.envVarSecret, `${where} sets ${envName} to a literal value`, [...path, 'env', i, 'value']);
      else if (looksLikeSecret(envName, value))
        add(R.envVarSecret, `${where} sets ${envName} to a value that looks like a credential`, [
          ...path,
          'env',
          i,
          'value',
        ]);
    });
  }

  const ports = container.ports;
  if (Array.isArray(ports)) {
    ports.forEach((port, i) => {
      const protocol = String(field(port, 'protocol') ?? 'TCP').toUpperCase();
      if (Number(field(port, 'containerPort')) === 22 && protocol === 'TCP')
        add(R.sshPort, `${where} exposes port 22/TCP`, [...path, 'ports', i, 'containerPort']);
    });
  }
  return issues;
}

/** A securityContext field as the kubelet sees it: the container's, else the pod's. */
function effective(
  pod: LocatedPodSpec,
  located: LocatedContainer,
  key: string,
): { value: unknown; path: Path } | undefined {
  const own = field(located.container, 'securityContext', key);
  if (own !== undefined && own !== null) return { value: own, path: [...located.path, 'securityContext', key] };
  const inherited = field(pod.spec, 'securityContext', key);
  if (inherited !== undefined && inherited !== null)
    return { value: inherited, path: [...pod.path, 'securityContext', key] };
  return undefined;
}

function runAsIssues(pod: LocatedPodSpec, located: LocatedContainer, where: string): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  const add = (message: string, path: Path) =>
    issues.push({ rule: R.runAsNonRoot, message, path, identity: `${where} ${message}` });
  const group = effective(pod, located, 'runAsGroup');
  if (group && Number(group.value) === 0) add(`${where} runs with runAsGroup 0 (root)`, group.path);
  const user = effective(pod, located, 'runAsUser');
  if (user && Number(user.value) > 0) return issues;
  const nonRoot = effective(pod, located, 'runAsNonRoot');
  if (nonRoot?.value === true) {
    if (user && Number(user.value) === 0) add(`${where} sets runAsNonRoot but runAsUser 0`, user.path);
    return issues;
  }
  if (user) add(`${where} runs as root (runAsUser: 0)`, user.path);
  else if (nonRoot) add(`${where} sets runAsNonRoot: ${String(nonRoot.value)}`, nonRoot.path);
  else add(`${where} is not set to runAsNonRoot`, located.path);
  return issues;
}

/** A quantity that reserves something: set and not zero. */
const isSet = (quantity: unknown): boolean =>
  quantity !== undefined && quantity !== null && !/^0+(?:\.0*)?[a-zA-Z]*$/.test(String(quantity).trim());

function resourceIssues(located: LocatedContainer, where: string): KubernetesIssue[] {
  const { container, path } = located;
  const at = 'resources' in container ? [...path, 'resources'] : path;
  const issues: KubernetesIssue[] = [];
  // The API server defaults a missing request to the limit, so a CPU limit alone reserves that much.
  if (
    !isSet(field(container, 'resources', 'requests', 'cpu')) &&
    !isSet(field(container, 'resources', 'limits', 'cpu'))
  )
    issues.push({ rule: R.cpu, message: `${where} has no CPU request`, path: at, at: 'key', identity: `${where} cpu` });
  if (!isSet(field(container, 'resources', 'limits', 'memory')))
    issues.push({
      rule: R.memory,
      message: `${where} has no memory limit`,
      path: at,
      at: 'key',
      identity: `${where} memory`,
    });
  return issues;
}
