import { runAction } from '@shipgate/kit';
import { run } from './run.js';

await runAction('rollback', run);
