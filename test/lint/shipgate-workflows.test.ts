import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkActionMetadata, checkWorkflow } from '@shipgate/workflows';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

/** Repository-relative paths of our workflows and action metadata files. */
function ownFiles(): { workflows: string[]; actions: string[] } {
  const dir = '.github/workflows';
  const workflows = readdirSync(join(repoRoot, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${dir}/${name}`);
  const actions = readdirSync(join(repoRoot, 'actions'))
    .map((name) => `actions/${name}/action.yml`)
    .concat('action.yml')
    .filter((path) => existsSync(join(repoRoot, path)));
  return { workflows, actions };
}

describe("@shipgate/workflows on this repository's own files", () => {
  it('finds nothing in our workflows and action.yml files', async () => {
    const { workflows, actions } = ownFiles();
    expect(workflows.length).toBeGreaterThan(0);
    expect(actions.length).toBeGreaterThan(0);
    const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
    const findings = [
      ...(await Promise.all(workflows.map((path) => checkWorkflow(read(path), path)))).flat(),
      ...actions.flatMap((path) => checkActionMetadata(read(path), path)),
    ];
    expect(findings.map((f) => `${f.location?.file}:${f.location?.line}:${f.location?.column} ${f.message}`)).toEqual(
      [],
    );
  });

  it('requires a commit SHA even for GitHub-owned actions in our workflows (we pin everything)', async () => {
    const { workflows } = ownFiles();
    const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
    const findings = (
      await Promise.all(workflows.map((path) => checkWorkflow(read(path), path, { trustedOwners: [] })))
    ).flat();
    expect(findings.map((f) => `${f.location?.file}:${f.location?.line} ${f.ruleId}`)).toEqual([]);
  });
});
