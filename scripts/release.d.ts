// Types of scripts/release.js.
export type Run = (command: string, args: string[], options?: { capture?: boolean }) => string;
export interface ReleasePlan {
  version: string;
  tag: string;
  major: number;
  owner: string;
  name: string;
  dryRun: boolean;
  previousTag: string | undefined;
  start: string;
  changelog: string;
  packageJson: Record<string, unknown>;
}
export function parseVersion(text: string | undefined): [number, number, number];
export function compareVersions(a: string, b: string): number;
export function changelogSection(text: string, version: string): string | undefined;
export function releaseChangelog(
  text: string,
  options: { version: string; date: string; repositoryUrl: string; previousTag: string | undefined },
): string;
export function releaseDocument(text: string, options: { owner: string; name: string; major: number }): string;
export function documentFiles(root: string): string[];
export function prepare(
  root: string,
  options: { version: string; owner?: string | undefined; githubRepository?: string | undefined; dryRun?: boolean },
  run?: Run,
): ReleasePlan;
export function filesToRewrite(root: string, plan: ReleasePlan): string[];
export function release(root: string, plan: ReleasePlan, run?: Run, log?: (line: string) => void): string;
export function verify(root: string, version: string): string[];
