import type { IacRule } from '../rule.js';
import type { Path } from './workloads.js';

/** A problem in one document before its position is known: the path of the offending key or value. */
export interface KubernetesIssue {
  rule: IacRule;
  message: string;
  path: Path;
  /** Point at the key of the last path segment rather than at its value. */
  at?: 'key' | 'value';
  /** What the finding is about, without position (`Deployment/web container app`), for its fingerprint. */
  identity: string;
}
