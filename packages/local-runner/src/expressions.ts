/**
 * The `${{ ... }}` expressions a runner evaluates in `action.yml` defaults. A local job knows only its token, so
 * `github.token` is the one expression evaluated; any other is refused rather than passed on as literal text.
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions
 */

/** What a job gives the expressions in `action.yml` defaults. */
export interface ExpressionContext {
  /**
   * The job's token, the value of `${{ github.token }}`. An empty string when the job has none: the runner
   * then passes an empty string, and the action explains what it needs.
   */
  githubToken: string;
}

/** An `action.yml` default that holds an expression the local runner cannot evaluate. */
export class ExpressionError extends Error {
  constructor(
    /** The input whose default it is. */
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * Evaluates the expressions in the default of `input`: each `${{ github.token }}` becomes the job's token, and
 * text around it is kept, as the runner does. Throws an {@link ExpressionError} naming the input for any other
 * expression, or for a `${{` without its `}}`.
 */
export function evaluateDefault(input: string, text: string, context: ExpressionContext): string {
  if (!text.includes('${{')) return text;
  const refuse = (what: string): never => {
    throw new ExpressionError(
      input,
      `Input '${input}' defaults to '${text}' in action.yml, ${what}: ` +
        'a local run evaluates only ${{ github.token }}. Give the input a value.',
    );
  };
  let result = '';
  let rest = text;
  for (let start = rest.indexOf('${{'); start !== -1; start = rest.indexOf('${{')) {
    const end = rest.indexOf('}}', start + 3);
    if (end === -1) refuse('an expression without its closing }}');
    const expression = rest.slice(start + 3, end).trim();
    if (expression !== 'github.token') refuse(`and \${{ ${expression} }} cannot be evaluated here`);
    result += rest.slice(0, start) + context.githubToken;
    rest = rest.slice(end + 2);
  }
  return result + rest;
}
