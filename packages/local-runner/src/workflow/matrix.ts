// `strategy.matrix`, the simple form: named lists (literal or from an expression such as fromJSON(needs.x.outputs.y)),
// combined in key order. `include` and `exclude` are refused rather than half-supported.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategymatrix

/** The evaluated `strategy:` of a job. */
export interface Strategy {
  combinations: Record<string, unknown>[];
  failFast: boolean;
  maxParallel: number | undefined;
}

/** Reads an evaluated `strategy:` mapping; throws an Error naming `where` and the problem. */
export function strategyOf(value: unknown, where: string): Strategy {
  const refuse = (why: string): never => {
    throw new Error(`${where}: strategy ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('must be a mapping');
  const { matrix, 'fail-fast': failFast = true, 'max-parallel': maxParallel } = value as Record<string, unknown>;
  if (typeof matrix !== 'object' || matrix === null || Array.isArray(matrix))
    return refuse('needs a matrix mapping of named lists');
  let combinations: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') refuse(`matrix.${key} is not run locally: list the values instead`);
    if (!Array.isArray(values) || values.length === 0)
      refuse(`matrix.${key} must be a non-empty list, got ${JSON.stringify(values)}`);
    combinations = combinations.flatMap((combination) =>
      (values as unknown[]).map((v) => ({ ...combination, [key]: v })),
    );
  }
  return {
    combinations,
    failFast: failFast !== false,
    maxParallel: typeof maxParallel === 'number' ? maxParallel : undefined,
  };
}
