import { runAction } from '@shipgate/kit';

// The smallest real action: read one input, set one output. Its cold start is the kit's fixed cost.
await runAction('startup-trivial', async (context) => {
  context.setOutput('greeting', `hello ${context.inputs.string('name', 'world')}`);
});
