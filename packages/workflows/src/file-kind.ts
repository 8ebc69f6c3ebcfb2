/** What a repository file is to this check: a workflow, an action's metadata, or neither. */
export type WorkflowFileKind = 'workflow' | 'action';

/**
 * `workflow` for `.github/workflows/*.yml|yaml` (directly in that folder, as GitHub reads them), `action` for an
 * `action.yml|yaml` anywhere; `undefined` otherwise. `path` is repository-relative with forward slashes.
 */
export function workflowFileKind(path: string): WorkflowFileKind | undefined {
  if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  if (/(?:^|\/)action\.ya?ml$/.test(path)) return 'action';
  return undefined;
}
