/**
 * What gives a container power over its host, shared by the Kubernetes and Compose rules.
 */

/** Capabilities that give a container power over the node or other workloads (NET_RAW has a rule of its own). */
export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([
  'ALL',
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'NET_ADMIN',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
]);

/** kube-linter's sensitive-host-mounts directories, compared after removing a trailing slash. */
export const SENSITIVE_HOST_DIRS: ReadonlySet<string> = new Set([
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
]);

/** Container runtime sockets (kube-linter's docker-sock, plus containerd, CRI-O, cri-dockerd and Podman). */
export const RUNTIME_SOCKET = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman)\.sock$/;
