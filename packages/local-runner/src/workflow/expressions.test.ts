import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateExpression, WorkflowExpressionError, type Scope } from './expressions.js';
import { parseWorkflowText } from './parse-workflow.js';
import { bindInputs, callInterfaceOf, WorkflowCallError } from './workflow-call.js';

const scope = (status: Partial<Scope['status']> = {}): Scope => ({
  contexts: {
    github: { repository: 'acme/shop', event_name: 'push' },
    needs: { build: { result: 'success', outputs: { version: 'v2', list: '["a","b"]' } } },
    inputs: { environment: 'staging', canary: true },
    env: { LEVEL: 'step' },
  },
  status: { success: true, failure: false, cancelled: false, ...status },
});

describe('evaluateExpression', () => {
  it('reads contexts and runs the functions GitHub defines', () => {
    const s = scope();
    expect(evaluateExpression("format('{0}@{1}', github.repository, needs.build.outputs.version)", s, 'w')).toBe(
      'acme/shop@v2',
    );
    expect(evaluateExpression("contains(fromJSON(needs.build.outputs.list), 'b')", s, 'w')).toBe(true);
    expect(evaluateExpression("startsWith(inputs.environment, 'stag') && inputs.canary", s, 'w')).toBe(true);
    expect(evaluateExpression("join(fromJSON(needs.build.outputs.list), '+')", s, 'w')).toBe('a+b');
    expect(evaluateExpression('toJSON(inputs)', s, 'w')).toBe('{\n  "environment": "staging",\n  "canary": true\n}');
    expect(evaluateExpression('inputs.missing', s, 'w')).toBeNull();
  });

  it('refuses an unknown context or function and a call that fails, naming where and the expression', () => {
    expect(() => evaluateExpression('nothing.here', scope(), 'deploy.yml:3:7')).toThrow(
      new WorkflowExpressionError('deploy.yml:3:7', 'nothing.here', "Unrecognized named-value: 'nothing'"),
    );
    expect(() => evaluateExpression('nosuch(1)', scope(), 'f:1:1')).toThrow(/^f:1:1: \$\{\{ nosuch\(1\) \}\}: /);
    expect(() => evaluateExpression("fromJSON('{')", scope(), 'f:1:1')).toThrow(WorkflowExpressionError);
    expect(() => evaluateExpression("hashFiles('**/*.lock')", scope(), 'f:1:1')).toThrow(
      /hashFiles\(\) is not supported by the local runner/,
    );
  });
});

describe('evaluateCondition', () => {
  it('gives success(), failure(), cancelled() and always() the status where it is evaluated', () => {
    const failed = scope({ success: false, failure: true });
    expect(evaluateCondition('success()', failed, 'w')).toBe(false);
    expect(evaluateCondition('failure()', failed, 'w')).toBe(true);
    expect(evaluateCondition('always()', failed, 'w')).toBe(true);
    const cancelled = scope({ success: false, cancelled: true });
    expect(evaluateCondition('cancelled() || failure()', cancelled, 'w')).toBe(true);
    expect(evaluateCondition("success() && (github.event_name == 'push')", scope(), 'w')).toBe(true);
  });
});

describe('bindInputs', () => {
  const text = `on:
  workflow_call:
    inputs:
      environment: {type: string, required: true}
      dry-run: {type: boolean, default: true}
      percent: {type: number, default: 5}
      owner: {type: string, default: "\${{ github.repository_owner }}-team"}
jobs:
  j:
    runs-on: ubuntu-latest
    steps: [{run: echo}]
`;

  it('types given values, fills defaults (expressions evaluated) and refuses what does not fit', async () => {
    const workflow = await parseWorkflowText('w.yml', text);
    const call = callInterfaceOf(workflow);
    if (!call) throw new Error('no workflow_call');
    const github: Scope = { contexts: { github: { repository_owner: 'acme' } }, status: scope().status };
    expect(bindInputs(call, { environment: 'prod', percent: 10 }, workflow, github)).toEqual({
      environment: 'prod',
      'dry-run': true,
      percent: 10,
      owner: 'acme-team',
    });
    expect(() => bindInputs(call, { percent: '10', 'dry-run': 'false' }, workflow, github)).toThrow(
      new WorkflowCallError(
        `w.yml: input 'environment' is required; input 'dry-run' is boolean, got "false"; input 'percent' is number, got "10"`,
      ),
    );
  });
});
