import { runPost } from '@shipgate/kit';
import { cleanUp } from './post-step.js';

await runPost('canary-deploy', cleanUp);
