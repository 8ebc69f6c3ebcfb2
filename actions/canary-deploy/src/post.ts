import { runPost } from '@shipgate/kit';
import { ACTION } from './inputs.js';
import { cleanUp } from './post-step.js';

await runPost(ACTION, (context) => cleanUp(context));
