import type { Finding } from '@shipgate/findings';
import type { PositionedDocument, PositionedFile } from '@shipgate/manifests';
import { iacFinding } from '../rule.js';
import type { KubernetesIssue } from './issue.js';
import { objectReliabilityIssues, podReliabilityIssues, type ObjectSet } from './reliability-checks.js';
import { podSecurityIssues } from './security-checks.js';
import { objectsOf, podSpecOf, type LocatedObject, type LocatedPodSpec } from './workloads.js';

interface Located {
  file: string;
  document: PositionedDocument;
  object: LocatedObject;
  pod: LocatedPodSpec | undefined;
}

function collect(files: readonly PositionedFile[]): Located[] {
  const out: Located[] = [];
  for (const { file, documents } of files) {
    for (const document of documents) {
      if (document.hasErrors) continue;
      const data = document.data;
      if (document.dataError) continue;
      for (const object of objectsOf(data)) out.push({ file, document, object, pod: podSpecOf(object) });
    }
  }
  return out;
}

function toFinding(file: string, document: PositionedDocument, issue: KubernetesIssue): Finding {
  const range = document.locate(issue.path, issue.at);
  return iacFinding(issue.rule, issue.message, file, range, issue.identity);
}

/**
 * kube-linter's default security checks on every workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob, PodTemplate; `List` items too) of the given files, parsed with
 * `parsePositionedYaml(text, file, 'kubernetes')`. Init containers are checked like the others; a container's
 * securityContext overrides the pod's. Each finding is at the offending key, or at the container (or resource)
 * that lacks it. Documents with syntax errors are skipped (the parser reported them).
 */
export function checkKubernetesSecurity(files: readonly PositionedFile[]): Finding[] {
  return collect(files).flatMap(({ file, document, pod }) =>
    pod ? podSecurityIssues(pod).map((issue) => toFinding(file, document, issue)) : [],
  );
}

/**
 * kube-linter's default checks for what breaks or weakens a deploy: selectors that miss the pod template,
 * duplicate environment variables, probes on ports the container does not expose, service accounts and Services
 * that refer to nothing among the given files, PodDisruptionBudgets that block every drain, Jobs' TTLs, replicas
 * without anti-affinity. Checks across objects look only at the given files: pass all of a deployment's
 * manifests together.
 */
export function checkKubernetesReliability(files: readonly PositionedFile[]): Finding[] {
  const located = collect(files);
  const set: ObjectSet = {
    objects: located.map((l) => l.object),
    pods: located.flatMap((l) => (l.pod ? [l.pod] : [])),
  };
  return located.flatMap(({ file, document, object, pod }) =>
    (pod ? podReliabilityIssues(pod, set) : objectReliabilityIssues(object, set)).map((issue) =>
      toFinding(file, document, issue),
    ),
  );
}
