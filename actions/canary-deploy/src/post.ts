import { runPost } from '../../../packages/kit/src/index.js';
import { cleanUp } from './post-step.js';

await runPost('canary-deploy', cleanUp);
