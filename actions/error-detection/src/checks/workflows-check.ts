import { checkActionMetadata, checkWorkflow, DEFAULT_TRUSTED_OWNERS, workflowFileKind } from '@shipgate/workflows';
import type { Check, CheckScope } from '../check.js';

/** Workflows (`.github/workflows/*.yml|yaml`) and action metadata files (`action.yml|yaml`) among the files. */
function workflowFiles(scope: CheckScope): { file: string; kind: 'workflow' | 'action' }[] {
  return scope.files.list.flatMap((file) => {
    const kind = workflowFileKind(file);
    return kind ? [{ file, kind }] : [];
  });
}

/**
 * GitHub workflows and action metadata: GitHub's own parser (syntax, keys, expressions), script injection,
 * actions not pinned to a commit SHA, missing permissions, privileged workflows checking out pull request code,
 * `secrets: inherit` (@shipgate/workflows; rule ids and help in its `RULES`). A workflow GitHub rejects stops
 * the deploy that runs from it, but most findings here weaken the pipeline rather than break it: weight 2.
 */
export const workflowsCheck: Check = {
  category: 'workflows',
  weight: 2,
  applies: (scope) => workflowFiles(scope).length > 0,
  async check(scope) {
    const files = workflowFiles(scope);
    // The repository's own actions and reusable workflows (its owner's) are first-party, like `./` paths: a tag of
    // the same owner moves only when the owner moves it. Every other owner's must be pinned to a commit.
    const owner = scope.environment('GITHUB_REPOSITORY')?.split('/')[0];
    const options = { trustedOwners: owner ? [...DEFAULT_TRUSTED_OWNERS, owner] : DEFAULT_TRUSTED_OWNERS };
    const findings = [];
    for (const { file, kind } of files) {
      const text = scope.files.read(file);
      if (text === undefined) continue;
      const shown = scope.files.shown(file);
      findings.push(
        ...(kind === 'workflow'
          ? await checkWorkflow(text, shown, options)
          : checkActionMetadata(text, shown, options)),
      );
    }
    const workflows = files.filter((f) => f.kind === 'workflow').length;
    const actions = files.length - workflows;
    return {
      findings,
      checked: `${workflows} workflow${workflows === 1 ? '' : 's'} and ${actions} action metadata file${actions === 1 ? '' : 's'}`,
    };
  },
};
