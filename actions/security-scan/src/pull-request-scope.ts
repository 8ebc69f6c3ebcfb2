/**
 * Pull-request mode's scope: the files the head commit adds lines to (against where it branched from the base),
 * read from the head commit, and a filter that keeps only findings on added lines. Files are scanned whole, so
 * multi-line rules and Kubernetes Secrets see their context; fingerprints hash the rule, file and value, not the
 * line, so a baseline keeps accepting a secret whose line moved.
 */
import { join, relative, sep } from 'node:path';
import type { Finding } from '@shipgate/findings';
import { countLines, overlapsRanges, type LineRanges } from './diff-parse.js';
import type { GitClient } from './git-client.js';
import type { ScanScope, ScopeFile } from './scanner.js';

/** The commits compared. */
export interface Comparison {
  base: string;
  head: string;
  /** Where base and head were given from, for messages (`the pull_request event`, `inputs base and head`). */
  source: string;
}

export interface PullRequestScope extends ScanScope {
  /** The commits actually compared (full SHAs; base is the merge base). */
  compared: { base: string; head: string };
}

export async function pullRequestScope(
  git: GitClient,
  comparison: Comparison,
  workspace: string,
): Promise<PullRequestScope> {
  const top = await git.topLevel();
  const base = await git.resolveCommit(comparison.base, comparison.source);
  const head = await git.resolveCommit(comparison.head, comparison.source);
  const mergeBase = await git.mergeBase(base, head);
  const changed = await git.changedFiles(mergeBase, head, '.');
  const paths = changed.map((c) => c.path);
  const sizes = await git.sizes(head, paths);
  const before = await git.sizes(mergeBase, paths);
  const toShown = (topPath: string): string => relative(workspace, join(top, topPath)).split(sep).join('/');
  const added = new Map<string, LineRanges>();
  const topPathOf = new Map<string, string>();
  const files: ScopeFile[] = [];
  for (const change of changed) {
    const shown = toShown(change.path);
    const size = sizes.get(change.path);
    // A new file (no old side) adds all its lines: no need to ask for its hunks.
    const ranges: LineRanges =
      change.from === undefined && before.get(change.path) === undefined
        ? [[1, change.added]]
        : await git.addedLines(mergeBase, head, change);
    if (countLines(ranges) === 0) continue;
    added.set(shown, ranges);
    topPathOf.set(shown, change.path);
    files.push({ path: shown, ...(size !== undefined ? { size } : {}) });
  }
  return {
    mode: 'pull-request',
    files,
    compared: { base: mergeBase, head },
    read: async (path) => {
      const topPath = topPathOf.get(path);
      return topPath === undefined ? undefined : git.readFile(head, topPath);
    },
    covers: (finding: Finding) => {
      const location = finding.location;
      if (!location) return true;
      const ranges = added.get(location.file);
      if (!ranges) return false;
      if (location.line === undefined) return true;
      return overlapsRanges(ranges, location.line, location.endLine ?? location.line);
    },
  };
}
