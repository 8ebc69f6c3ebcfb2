import { runAction } from '@shipgate/kit';
import { ACTION } from './inputs.js';
import { run } from './run.js';

await runAction(ACTION, (context) => run(context));
