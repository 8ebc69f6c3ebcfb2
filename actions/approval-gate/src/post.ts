import { runPost } from '@shipgate/kit';
import { ACTION } from './inputs.js';
import { closeUnsettled } from './post-step.js';

await runPost(ACTION, (context) => closeUnsettled(context));
