import type { IacRule } from '../rule.js';

const DOCS = 'https://docs.kubelinter.io/#/generated/checks';

const rule = (id: string, title: string, severity: IacRule['severity'], help: string): IacRule => ({
  id: `k8s/${id}`,
  title,
  severity,
  help,
  helpUri: `${DOCS}?id=${id}`,
  kubeLinter: id,
});

/** kube-linter's default checks that concern security, with its ids. */
export const KUBERNETES_SECURITY_RULES = {
  privileged: rule(
    'privileged-container',
    'Container runs privileged',
    'high',
    'Remove securityContext.privileged: true; grant the one capability the container needs instead.',
  ),
  privilegeEscalation: rule(
    'privilege-escalation-container',
    'Container allows privilege escalation',
    'medium',
    'Set securityContext.allowPrivilegeEscalation: false and do not add CAP_SYS_ADMIN.',
  ),
  hostNetwork: rule(
    'host-network',
    "Pod shares the host's network namespace",
    'high',
    'Remove hostNetwork: true; expose ports through a Service.',
  ),
  hostPid: rule('host-pid', "Pod shares the host's process namespace", 'high', 'Remove hostPID: true.'),
  hostIpc: rule('host-ipc', "Pod shares the host's IPC namespace", 'high', 'Remove hostIPC: true.'),
  runAsNonRoot: rule(
    'run-as-non-root',
    'Container may run as root',
    'medium',
    'Set runAsNonRoot: true (or a non-zero runAsUser) in the pod or container securityContext, and a non-zero runAsGroup.',
  ),
  readOnlyRootFs: rule(
    'no-read-only-root-fs',
    'Container root filesystem is writable',
    'low',
    'Set securityContext.readOnlyRootFilesystem: true; mount an emptyDir where the program writes.',
  ),
  cpu: rule(
    'unset-cpu-requirements',
    'Container has no CPU request',
    'low',
    'Set resources.requests.cpu so the scheduler reserves what the container needs.',
  ),
  memory: rule(
    'unset-memory-requirements',
    'Container has no memory limit',
    'low',
    'Set resources.limits.memory so one container cannot exhaust the node.',
  ),
  latestTag: rule(
    'latest-tag',
    'Container image is not pinned',
    'medium',
    'Use a specific tag other than latest, or a digest (@sha256:...).',
  ),
  netRaw: rule(
    'drop-net-raw-capability',
    'Container keeps NET_RAW',
    'medium',
    'Drop NET_RAW (or ALL) in securityContext.capabilities.drop and do not add it.',
  ),
  dangerousCapability: rule(
    'dangerous-capabilities',
    'Container adds a dangerous capability',
    'high',
    'Remove the capability from securityContext.capabilities.add; drop ALL and add back only what is needed.',
  ),
  dockerSock: rule(
    'docker-sock',
    'Container runtime socket is mounted',
    'high',
    'Remove the hostPath volume of the runtime socket: it gives full control of the node.',
  ),
  hostMounts: rule(
    'sensitive-host-mounts',
    'Sensitive host directory is mounted',
    'high',
    'Remove the hostPath volume of the host system directory.',
  ),
  sysctls: rule(
    'unsafe-sysctls',
    'Pod sets an unsafe sysctl',
    'medium',
    'Remove the sysctl from securityContext.sysctls; unsafe sysctls affect the whole node.',
  ),
  envVarSecret: rule(
    'env-var-secret',
    'Secret written into an environment variable',
    'high',
    'Move the value into a Secret and read it with valueFrom.secretKeyRef (or mount it as a file).',
  ),
  sshPort: rule(
    'ssh-port',
    'Container exposes port 22',
    'low',
    'Do not run SSH in a container; use kubectl exec or debug containers.',
  ),
} as const;

/** kube-linter's default checks that find what breaks or weakens a deploy (error-detection). */
export const KUBERNETES_RELIABILITY_RULES = {
  mismatchingSelector: rule(
    'mismatching-selector',
    "Selector does not match the pod template's labels",
    'high',
    "Make spec.selector match spec.template.metadata.labels (the API server rejects apps/v1 workloads that don't).",
  ),
  duplicateEnv: rule(
    'duplicate-env-var',
    'Environment variable set twice',
    'medium',
    'Keep one entry per name: the last one silently wins.',
  ),
  deprecatedServiceAccount: rule(
    'deprecated-service-account-field',
    'Deprecated serviceAccount field',
    'low',
    'Use serviceAccountName instead of serviceAccount.',
  ),
  jobTtl: rule(
    'job-ttl-seconds-after-finished',
    'Job ttlSecondsAfterFinished misused',
    'low',
    'Set ttlSecondsAfterFinished on standalone Jobs; leave it unset on Jobs of a CronJob.',
  ),
  probePort: rule(
    'probe-port',
    'Probe targets a port the container does not expose',
    'medium',
    "Point the probe at one of the container's ports (by number or name).",
  ),
  antiAffinity: rule(
    'no-anti-affinity',
    'Replicas may all land on one node',
    'low',
    'Add a podAntiAffinity term (topologyKey kubernetes.io/hostname) or a topologySpreadConstraint matching the pods.',
  ),
  danglingService: rule(
    'dangling-service',
    'Service selects no pods',
    'medium',
    "Make the Service's selector match the labels of a workload's pod template.",
  ),
  missingServiceAccount: rule(
    'non-existent-service-account',
    'Service account not found',
    'medium',
    'Create the ServiceAccount alongside the workload, or refer to one that exists.',
  ),
  pdbMaxUnavailable: rule(
    'pdb-max-unavailable',
    'PodDisruptionBudget allows no disruption',
    'medium',
    'Set maxUnavailable above 0, or node drains will block.',
  ),
  pdbMinAvailable: rule(
    'pdb-min-available',
    'PodDisruptionBudget allows no disruption',
    'medium',
    'Set minAvailable below the replica count, or node drains will block.',
  ),
  invalidPortName: rule(
    'invalid-target-ports',
    'Port name is not a valid IANA service name',
    'medium',
    'Use at most 15 lower-case letters, digits and hyphens, with a letter, not starting or ending with a hyphen.',
  ),
} as const;
