import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  actionNames,
  generatedFiles,
  loadAction,
  renderActionYml,
  renderReadme,
} from '../../scripts/action-metadata.js';
import { repoRoot } from '../support/paths.js';

const names = actionNames(repoRoot) as string[];
const files = (await generatedFiles(repoRoot)) as Record<string, string>;

describe('files generated from the inputs tables', () => {
  it('cover every action (so this check can fail)', () => {
    expect(names).toEqual(expect.arrayContaining(['canary-deploy', 'rollback', 'synthetic-probes']));
  });

  it.each(Object.keys(files))("%s matches its table (run 'npm run build' to update)", (path) => {
    expect(readFileSync(join(repoRoot, path), 'utf8')).toBe(files[path]);
  });

  it('a stale README table is caught', async () => {
    const action = await loadAction(repoRoot, 'synthetic-probes');
    const stale = '<!-- inputs:start -->\n| old |\n<!-- inputs:end -->\n<!-- outputs:start -->\n<!-- outputs:end -->\n';
    expect(renderReadme(stale, action)).toContain('| `concurrency` | no | `10` | yes | Probes in flight at once. |');
  });

  it.each(names)(
    '%s: inputs the config file may set declare no default in action.yml (the runner would pass it as given)',
    async (name) => {
      const action = await loadAction(repoRoot, name);
      const yml = renderActionYml(action) as string;
      for (const [input, spec] of Object.entries(
        action.inputs as Record<string, { kind: string; scope?: string; default?: string }>,
      )) {
        const configurable = spec.kind !== 'secret' && (spec.scope ?? 'config') === 'config';
        const block = yml.slice(yml.indexOf(`\n  ${input}:\n`) + 1).split(/\n {2}(?=\S)/)[0] ?? '';
        if (configurable) expect(block, input).not.toMatch(/\n\s{4}default:/);
      }
    },
  );

  it("the root action.yml is preflight's: every input of error-detection and security-scan, main dist/preflight", async () => {
    const root = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      runs: { main: string };
    };
    expect(root.runs.main).toBe('dist/preflight/index.js');
    const parts = await Promise.all(['error-detection', 'security-scan'].map((name) => loadAction(repoRoot, name)));
    for (const part of parts)
      expect(Object.keys(root.inputs)).toEqual(expect.arrayContaining(Object.keys(part.inputs)));
    const preflight = await loadAction(repoRoot, 'preflight');
    expect(preflight.sections).toMatchObject({ 'min-score': 'error-detection', scanners: 'security-scan' });
    expect(preflight.sections).not.toHaveProperty('sarif-file');
    expect(files).not.toHaveProperty('actions/preflight/action.yml');
  });
});
