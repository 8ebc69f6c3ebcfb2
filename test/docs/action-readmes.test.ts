import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript build script without type declarations
import { actionNames } from '../../scripts/gen-schema.js';
// @ts-expect-error: plain JavaScript build script without type declarations
import { renderReadme } from '../../scripts/action-docs.js';
import { repoRoot } from '../support/paths.js';

const names = actionNames(repoRoot) as string[];

describe('action READMEs', () => {
  it('exist for at least one action (so this check can fail)', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)("%s: the usage tables match action.yml (run 'node scripts/action-docs.js' to update)", (name) => {
    const dir = join(repoRoot, 'actions', name);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toBe(renderReadme(readme, readFileSync(join(dir, 'action.yml'), 'utf8')));
  });

  it('a stale table is caught', () => {
    const yml = 'inputs:\n  a:\n    description: New text\noutputs: {}\n';
    const stale = '<!-- inputs:start -->\n| old |\n<!-- inputs:end -->\n<!-- outputs:start -->\n<!-- outputs:end -->\n';
    expect(renderReadme(stale, yml)).not.toBe(stale);
    expect(renderReadme(stale, yml)).toContain('| `a` | no |  | New text |');
  });
});
