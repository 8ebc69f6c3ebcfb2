import { describe, expect, it } from 'vitest';
import { resolveInputs, type ActionMeta } from './action-meta.js';
import { evaluateDefault, ExpressionError } from './expressions.js';

const meta = (inputs: Record<string, string | undefined>): ActionMeta => ({
  dir: '/a',
  name: 'a',
  description: '',
  using: 'node24',
  main: '/a/main.js',
  post: undefined,
  postIf: 'always()',
  inputs: Object.entries(inputs).map(([name, value]) => ({ name, description: '', required: false, default: value })),
  outputs: [],
});

describe('resolveInputs', () => {
  it('fills every declared default, given values winning, and evaluates ${{ github.token }}', () => {
    const action = meta({ token: '${{ github.token }}', stages: '5,100', version: undefined });
    expect(resolveInputs(action, { version: 'v2' }, { githubToken: 'ghs_job' })).toEqual({
      token: 'ghs_job',
      stages: '5,100',
      version: 'v2',
    });
  });

  it('passes an empty string, not the expression, when the job has no token', () => {
    expect(resolveInputs(meta({ token: '${{ github.token }}' }), {}, { githubToken: '' })).toEqual({ token: '' });
  });

  it('refuses any other expression, naming the input, unless the input is given', () => {
    const action = meta({ key: '${{ secrets.DEPLOY_KEY }}' });
    expect(() => resolveInputs(action, {}, { githubToken: 't' })).toThrow(ExpressionError);
    expect(() => resolveInputs(action, {}, { githubToken: 't' })).toThrow(
      "Input 'key' defaults to '${{ secrets.DEPLOY_KEY }}' in action.yml, and ${{ secrets.DEPLOY_KEY }} cannot be evaluated here",
    );
    expect(resolveInputs(action, { key: 'given' }, { githubToken: 't' })).toEqual({ key: 'given' });
  });
});

describe('evaluateDefault', () => {
  it('keeps text without expressions and the text around github.token, spaces inside the braces allowed', () => {
    expect(evaluateDefault('a', 'plain ${ text }', { githubToken: 't' })).toBe('plain ${ text }');
    expect(evaluateDefault('a', 'Bearer ${{github.token}}!', { githubToken: 't' })).toBe('Bearer t!');
  });

  it('refuses an expression without its closing braces, and github.token among others', () => {
    expect(() => evaluateDefault('a', '${{ github.token', { githubToken: 't' })).toThrow(
      /Input 'a' .* without its closing }}/,
    );
    expect(() => evaluateDefault('a', '${{ github.token }}-${{ github.sha }}', { githubToken: 't' })).toThrow(
      /\$\{\{ github\.sha \}\} cannot be evaluated/,
    );
  });
});
