import { ESLint } from 'eslint';
import { expect } from 'vitest';
import { repoRoot } from '../support/paths.js';

const eslint = new ESLint({ cwd: repoRoot });

/** The rule ids (or messages, for parse errors) that the repository's ESLint config reports on `code` at `filePath`. */
export async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** One banned thing: `bad` must be reported by exactly `rules` (once each), and `good` must lint clean. */
export interface BanCase {
  what: string;
  file: string;
  bad: string;
  good: string;
  rules: string[];
}

/** Asserts both halves of a {@link BanCase}. */
export async function expectBan({ file, bad, good, rules }: BanCase): Promise<void> {
  expect((await ruleIds(bad, file)).sort()).toEqual([...rules].sort());
  expect(await ruleIds(good, file)).toEqual([]);
}
