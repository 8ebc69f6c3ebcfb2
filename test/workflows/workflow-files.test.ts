// Every reusable workflow (.github/workflows with on: workflow_call) and every example workflow (examples/) parses
// with GitHub's own parser, and every `uses:` in it names one of our actions, one of our workflows or a named
// stand-in: so the local runner can run each of them, and a new third-party action is noticed here first.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callInterfaceOf,
  DEFAULT_STAND_INS,
  readWorkflow,
  resolveStepUses,
  resolveWorkflowUses,
} from '@shipgate/local-runner/workflow';
import { repoRoot } from '../support/paths.js';

/** Workflow files under `dir`, recursively. */
function workflowFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.github\/workflows\/[^/]+\.ya?ml$/.test(`${relative(repoRoot, dir)}/${name}`))
    .map((name) => join(dir, name));
}

const ours = workflowFiles(join(repoRoot, '.github', 'workflows'));
const examples = workflowFiles(join(repoRoot, 'examples'));

describe('workflow files the local runner runs', () => {
  it('finds the reusable workflows', async () => {
    const reusable = [];
    for (const file of ours) if (callInterfaceOf(await readWorkflow(file))) reusable.push(relative(repoRoot, file));
    expect(reusable).toEqual(
      expect.arrayContaining(['.github/workflows/deploy.yml', '.github/workflows/rollback.yml']),
    );
  });

  it('parses each reusable and example workflow, and resolves every uses: to our code or a named stand-in', async () => {
    const problems: string[] = [];
    for (const file of [...ours, ...examples]) {
      const workflow = await readWorkflow(file);
      if (ours.includes(file) && !callInterfaceOf(workflow)) continue;
      for (const job of workflow.template.jobs) {
        const where = `${relative(repoRoot, file)} job ${job.id.value}`;
        try {
          if (job.type === 'reusableWorkflowJob') resolveWorkflowUses(job.ref.value, file, repoRoot);
          else
            for (const step of job.steps)
              if ('uses' in step)
                resolveStepUses(step.uses.value, {
                  shipgateRoot: repoRoot,
                  workspace: repoRoot,
                  workflowFile: file,
                  standIns: DEFAULT_STAND_INS,
                });
        } catch (error) {
          problems.push(`${where}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
