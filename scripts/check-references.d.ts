// Types of scripts/check-references.js.
export const OWNER_PLACEHOLDER: string;
export interface ReferenceProblem {
  file: string;
  line: number;
  column: number;
  reference: string;
  message: string;
}
export interface ReferenceOptions {
  version: string;
  owner?: string | undefined;
  name?: string;
  exists?: (path: string) => boolean;
}
export function repositoryOf(
  packageJson: { name?: string; repository?: string | { url?: string } },
  from?: { owner?: string | undefined; githubRepository?: string | undefined },
): { owner: string | undefined; name: string };
export function scopeOf(path: string, text: string): 'reusable-workflow' | 'example' | undefined;
export function usesOf(text: string): { value: string; line: number; column: number }[];
export function checkFile(path: string, text: string, options: ReferenceOptions): ReferenceProblem[];
export function fixFile(path: string, text: string, options: Omit<ReferenceOptions, 'exists'>): string;
export function candidateFiles(root: string): string[];
export function checkRepository(
  root: string,
  options: Omit<ReferenceOptions, 'exists'> & { fix?: boolean },
): ReferenceProblem[];
