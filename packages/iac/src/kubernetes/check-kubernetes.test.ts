import { describe, expect, it } from 'vitest';
import { parsePositionedYaml } from '@shipgate/manifests';
import cleanBatch from '../../../../test/fixtures/iac/quality/kubernetes/clean-batch.yaml?raw';
import cleanList from '../../../../test/fixtures/iac/quality/kubernetes/clean-list.yaml?raw';
import cleanWeb from '../../../../test/fixtures/iac/quality/kubernetes/clean-web.yaml?raw';
import cronjob from '../../../../test/fixtures/iac/quality/kubernetes/cronjob-escalation.yaml?raw';
import podPrecedence from '../../../../test/fixtures/iac/quality/kubernetes/pod-precedence.yaml?raw';
import daemonset from '../../../../test/fixtures/iac/quality/kubernetes/privileged-daemonset.yaml?raw';
import reliability from '../../../../test/fixtures/iac/quality/kubernetes/reliability-broken.yaml?raw';
import replicaset from '../../../../test/fixtures/iac/quality/kubernetes/replicaset-extras.yaml?raw';
import secretInEnv from '../../../../test/fixtures/iac/quality/kubernetes/secret-in-env.yaml?raw';
import rootDeployment from '../../../../test/fixtures/iac/quality/kubernetes/root-deployment.yaml?raw';
import statefulset from '../../../../test/fixtures/iac/quality/kubernetes/statefulset-host.yaml?raw';
import { checkKubernetesReliability, checkKubernetesSecurity } from './check-kubernetes.js';

const FILES: Record<string, string> = {
  'cronjob-escalation.yaml': cronjob,
  'pod-precedence.yaml': podPrecedence,
  'privileged-daemonset.yaml': daemonset,
  'reliability-broken.yaml': reliability,
  'replicaset-extras.yaml': replicaset,
  'root-deployment.yaml': rootDeployment,
  'secret-in-env.yaml': secretInEnv,
  'statefulset-host.yaml': statefulset,
};
const CLEAN: Record<string, string> = {
  'clean-web.yaml': cleanWeb,
  'clean-batch.yaml': cleanBatch,
  'clean-list.yaml': cleanList,
};

const parse = (name: string, text: string) => parsePositionedYaml(text, name, 'kubernetes');
const at = (check: typeof checkKubernetesSecurity, name: string, text: string) =>
  check([parse(name, text)]).map((f) => `${f.ruleId} ${f.location?.line}:${f.location?.column}`);

describe('checkKubernetesSecurity', () => {
  // One failing real file per rule, with the line:column of the offending key (or of the container lacking it).
  it.each([
    ['k8s/privileged-container', 'privileged-daemonset.yaml', '25:13'],
    ['k8s/host-pid', 'privileged-daemonset.yaml', '16:7'],
    ['k8s/host-network', 'privileged-daemonset.yaml', '17:7'],
    ['k8s/docker-sock', 'privileged-daemonset.yaml', '38:19'],
    ['k8s/host-ipc', 'statefulset-host.yaml', '16:7'],
    ['k8s/unsafe-sysctls', 'statefulset-host.yaml', '21:19'],
    ['k8s/env-var-secret', 'statefulset-host.yaml', '30:22'],
    ['k8s/env-var-secret', 'secret-in-env.yaml', '16:18'],
    ['k8s/env-var-secret', 'secret-in-env.yaml', '18:18'],
    ['k8s/ssh-port', 'statefulset-host.yaml', '36:30'],
    ['k8s/privilege-escalation-container', 'statefulset-host.yaml', '41:21'],
    ['k8s/sensitive-host-mounts', 'statefulset-host.yaml', '52:19'],
    ['k8s/privilege-escalation-container', 'cronjob-escalation.yaml', '20:17'],
    ['k8s/latest-tag', 'cronjob-escalation.yaml', '18:22'],
    ['k8s/latest-tag', 'cronjob-escalation.yaml', '27:22'],
    ['k8s/drop-net-raw-capability', 'cronjob-escalation.yaml', '32:25'],
    ['k8s/drop-net-raw-capability', 'replicaset-extras.yaml', '28:13'],
    ['k8s/dangerous-capabilities', 'replicaset-extras.yaml', '29:21'],
    ['k8s/unset-cpu-requirements', 'replicaset-extras.yaml', '30:11'],
    ['k8s/unset-memory-requirements', 'replicaset-extras.yaml', '30:11'],
    ['k8s/run-as-non-root', 'root-deployment.yaml', '16:11'],
    ['k8s/no-read-only-root-fs', 'root-deployment.yaml', '16:11'],
    ['k8s/unset-cpu-requirements', 'root-deployment.yaml', '16:11'],
    ['k8s/unset-memory-requirements', 'root-deployment.yaml', '16:11'],
    ['k8s/latest-tag', 'root-deployment.yaml', '17:18'],
  ])('%s in %s at %s', (rule, name, position) => {
    expect(at(checkKubernetesSecurity, name, FILES[name]!)).toContain(`${rule} ${position}`);
  });

  it.each(Object.keys(CLEAN))(
    'finds nothing in the hardened %s (digests, registry ports, safe sysctls, List items)',
    (name) => {
      expect(at(checkKubernetesSecurity, name, CLEAN[name]!)).toEqual([]);
    },
  );

  it("uses the container's securityContext over the pod's, and the pod's when the container is silent", () => {
    expect(at(checkKubernetesSecurity, 'pod-precedence.yaml', podPrecedence)).toEqual([
      // "inherits" takes runAsGroup 0 from the pod: reported on the pod's key.
      'k8s/run-as-non-root 10:17',
      // "overrides" sets runAsUser 0 under the pod's runAsNonRoot, and readOnlyRootFilesystem: false.
      'k8s/run-as-non-root 22:20',
      'k8s/no-read-only-root-fs 24:9',
    ]);
  });

  it('recognises credentials by value under neutral names, and never prints them', () => {
    const findings = checkKubernetesSecurity([parse('secret-in-env.yaml', secretInEnv)]);
    expect(findings.map((f) => f.message).join('\n')).not.toMatch(/Xk9v2LmQ7pTzR4wY|ghp_/);
  });

  it('checks init containers and reports each finding once', () => {
    const findings = checkKubernetesSecurity([parse('cronjob-escalation.yaml', cronjob)]);
    expect(findings.filter((f) => f.message.includes('"fetch"')).map((f) => f.ruleId)).toEqual([
      'k8s/privilege-escalation-container',
      'k8s/latest-tag',
    ]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });

  it('skips documents with syntax errors (the parser reports them) and non-workloads', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n---\nkind: Pod\nspec: [oops\n';
    expect(checkKubernetesSecurity([parse('bad.yaml', text)])).toEqual([]);
  });
});

describe('checkKubernetesReliability', () => {
  it.each([
    ['k8s/mismatching-selector', 'reliability-broken.yaml', '8:5'],
    ['k8s/non-existent-service-account', 'reliability-broken.yaml', '15:27'],
    ['k8s/duplicate-env-var', 'reliability-broken.yaml', '24:21'],
    ['k8s/probe-port', 'reliability-broken.yaml', '32:21'],
    ['k8s/dangling-service', 'reliability-broken.yaml', '45:5'],
    ['k8s/pdb-max-unavailable', 'reliability-broken.yaml', '54:19'],
    ['k8s/no-anti-affinity', 'replicaset-extras.yaml', '7:13'],
    ['k8s/deprecated-service-account-field', 'replicaset-extras.yaml', '16:7'],
    ['k8s/invalid-target-ports', 'replicaset-extras.yaml', '24:21'],
    ['k8s/pdb-min-available', 'replicaset-extras.yaml', '40:17'],
    ['k8s/job-ttl-seconds-after-finished', 'cronjob-escalation.yaml', '9:7'],
  ])('%s in %s at %s', (rule, name, position) => {
    expect(at(checkKubernetesReliability, name, FILES[name]!)).toContain(`${rule} ${position}`);
  });

  it.each(Object.keys(CLEAN))('finds nothing in %s', (name) => {
    expect(at(checkKubernetesReliability, name, CLEAN[name]!)).toEqual([]);
  });

  it('looks for service accounts and pods across all the files given', () => {
    const account = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: worker}\n';
    const findings = checkKubernetesReliability([parse('worker.yaml', reliability), parse('sa.yaml', account)]);
    expect(findings.map((f) => f.ruleId)).not.toContain('k8s/non-existent-service-account');
  });
});
