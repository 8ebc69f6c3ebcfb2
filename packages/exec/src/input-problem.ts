import { InputError } from '@shipgate/core';

/**
 * An `InputError` whose message describes the problem without repeating the value: for secrets (`ssh-key`)
 * and for values too long to quote usefully (`ssh-known-hosts`). `value` stays `undefined`.
 */
export function inputProblem(input: string, problem: string, hint?: string): InputError {
  const error = new InputError(input, undefined, problem, hint === undefined ? {} : { hint });
  error.message = `Input '${input}' ${problem}`;
  return error;
}
