import { runAction } from '@shipgate/kit';

const TRIVIAL = { name: 'startup-trivial', inputs: { name: { kind: 'text', default: 'world', scope: 'step', description: 'Who to greet.' } } } as const;

// The smallest real action: read one input, set one output. Its cold start is the kit's fixed cost.
await runAction(TRIVIAL, async (context) => {
  context.setOutput('greeting', `hello ${context.inputs.get('name')}`);
});
