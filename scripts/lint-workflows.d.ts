// Types of scripts/lint-workflows.js.
export interface ActionlintFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}
export function lintWorkflows(dir: string, options?: { recursive?: boolean }): Promise<ActionlintFinding[]>;
export function lintWorkflowFiles(files: string[]): Promise<ActionlintFinding[]>;
