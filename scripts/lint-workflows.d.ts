// Types of scripts/lint-workflows.js.
export function lintWorkflows(
  dir: string,
): Promise<{ file: string; line: number; column: number; message: string; kind: string }[]>;
