import type { Finding } from '@shipgate/findings';
import { interpolate, type PositionedFile, type VariableLookup } from '@shipgate/manifests';
import { imagePinProblem } from '../image-reference.js';
import { iacFinding, type IacRule } from '../rule.js';
import { DANGEROUS_CAPABILITIES, RUNTIME_SOCKET, SENSITIVE_HOST_DIRS } from '../host-risks.js';

const DOCS = 'https://docs.docker.com/reference/compose-file/services/';
const rule = (id: string, title: string, severity: IacRule['severity'], help: string, anchor: string): IacRule => ({
  id: `compose/${id}`,
  title,
  severity,
  help,
  helpUri: `${DOCS}#${anchor}`,
});

/** The Compose security rules. */
export const COMPOSE_SECURITY_RULES = {
  privileged: rule(
    'privileged',
    'Service runs privileged',
    'high',
    'Remove privileged: true; add the one capability the service needs instead.',
    'privileged',
  ),
  hostNetwork: rule(
    'host-network',
    "Service uses the host's network",
    'high',
    'Remove network_mode: host; publish the ports the service needs.',
    'network_mode',
  ),
  hostPid: rule('host-pid', "Service shares the host's process namespace", 'high', 'Remove pid: host.', 'pid'),
  hostIpc: rule('host-ipc', "Service shares the host's IPC namespace", 'high', 'Remove ipc: host.', 'ipc'),
  latestTag: rule(
    'latest-tag',
    'Service image is not pinned',
    'medium',
    'Use a specific tag other than latest, or a digest (@sha256:...).',
    'image',
  ),
  dockerSock: rule(
    'docker-sock',
    'Docker socket is mounted',
    'high',
    'Remove the docker.sock mount: it gives the service full control of the host.',
    'volumes',
  ),
  hostMounts: rule(
    'sensitive-host-mounts',
    'Sensitive host directory is mounted',
    'high',
    'Remove the bind mount of the host system directory.',
    'volumes',
  ),
  dangerousCapability: rule(
    'dangerous-capabilities',
    'Service adds a dangerous capability',
    'high',
    'Remove the capability from cap_add; add back only what the service needs.',
    'cap_add',
  ),
} as const;

const R = COMPOSE_SECURITY_RULES;
/** As for Kubernetes, and NET_RAW, which Compose has no rule of its own for: adding it back after `cap_drop: [ALL]` is what makes it count. */
const COMPOSE_DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([...DANGEROUS_CAPABILITIES, 'NET_RAW']);

type Path = (string | number)[];
interface Issue {
  rule: IacRule;
  message: string;
  path: Path;
  at?: 'key' | 'value';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Security checks on a Compose file parsed with `parsePositionedYaml(text, file, 'core')`: privileged services,
 * host network, PID and IPC namespaces, images with `latest` or no tag (not for services that `build:` their
 * image), docker.sock and host system directories mounted, dangerous `cap_add`. Values are interpolated with
 * `lookup` first (`${TAG:-1.2}` reads as `1.2`); an image whose tag comes from an unset variable is not judged.
 * Each finding is at the offending key or value.
 */
export function checkComposeSecurity(file: PositionedFile, lookup: VariableLookup = () => undefined): Finding[] {
  const findings: Finding[] = [];
  for (const document of file.documents) {
    if (document.hasErrors || document.dataError) continue;
    const services = isObject(document.data) ? document.data.services : undefined;
    if (!isObject(services)) continue;
    for (const [name, service] of Object.entries(services)) {
      if (!isObject(service)) continue;
      for (const issue of serviceIssues(name, service, lookup)) {
        const range = document.locate(['services', name, ...issue.path], issue.at);
        findings.push(iacFinding(issue.rule, issue.message, file.file, range, `service ${name} ${issue.message}`));
      }
    }
  }
  return findings;
}

function resolved(value: unknown, lookup: VariableLookup): string | undefined {
  if (typeof value !== 'string')
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  const result = interpolate(value, lookup);
  return result.unset.length > 0 || result.invalid || result.required ? undefined : result.value;
}

function serviceIssues(name: string, service: Record<string, unknown>, lookup: VariableLookup): Issue[] {
  const issues: Issue[] = [];
  const where = `service "${name}"`;
  if (resolved(service.privileged, lookup) === 'true')
    issues.push({ rule: R.privileged, message: `${where} runs privileged`, path: ['privileged'], at: 'key' });
  for (const [key, rule, what] of [
    ['network_mode', R.hostNetwork, 'network'],
    ['pid', R.hostPid, 'process'],
    ['ipc', R.hostIpc, 'IPC'],
  ] as const) {
    if (resolved(service[key], lookup) === 'host')
      issues.push({ rule, message: `${where} shares the host's ${what} namespace (${key}: host)`, path: [key] });
  }
  const image = resolved(service.image, lookup);
  // With `build:`, `image` names the image Compose builds, not one it pulls.
  if (image !== undefined && image !== '' && service.build === undefined) {
    const problem = imagePinProblem(image);
    if (problem)
      issues.push({
        rule: R.latestTag,
        message: `${where} uses ${problem === 'latest' ? 'the latest tag' : 'no tag'} in image ${image}`,
        path: ['image'],
      });
  }
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  volumes.forEach((volume, i) => {
    const source = isObject(volume)
      ? volume.type === 'bind' || volume.type === undefined
        ? resolved(volume.source, lookup)
        : undefined
      : shortSource(resolved(volume, lookup));
    if (!source || !source.startsWith('/')) return;
    const normalized = source.length > 1 ? source.replace(/\/+$/, '') : source;
    const path: Path = isObject(volume) ? ['volumes', i, 'source'] : ['volumes', i];
    if (RUNTIME_SOCKET.test(normalized))
      issues.push({ rule: R.dockerSock, message: `${where} mounts the host's ${source}`, path });
    else if (SENSITIVE_HOST_DIRS.has(normalized))
      issues.push({ rule: R.hostMounts, message: `${where} mounts the host's ${source}`, path });
  });
  const capAdd = Array.isArray(service.cap_add) ? service.cap_add : [];
  capAdd.forEach((cap, i) => {
    const capName = String(cap).toUpperCase().replace(/^CAP_/, '');
    if (COMPOSE_DANGEROUS_CAPABILITIES.has(capName))
      issues.push({ rule: R.dangerousCapability, message: `${where} adds ${capName}`, path: ['cap_add', i] });
  });
  return issues;
}

/** The host side of a short volume (`/host:/container[:mode]`); undefined for a named volume or a bare path. */
function shortSource(volume: string | undefined): string | undefined {
  if (!volume) return undefined;
  const parts = volume.split(':');
  return parts.length >= 2 ? parts[0] : undefined;
}
