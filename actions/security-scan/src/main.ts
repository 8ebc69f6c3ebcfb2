import { runAction } from '@shipgate/kit';
import { ACTION } from './inputs.js';
import { run, SYSTEM_ADAPTERS } from './run.js';
import { isSecretScanWorker, serveSecretScans, workersRunning } from './secret-workers.js';

// A large secrets scan runs on worker threads that start this same bundle: in one, serve scans instead of acting.
if (isSecretScanWorker()) serveSecretScans();
else
  await runAction(ACTION, (context) =>
    run(context, process.env, { ...SYSTEM_ADAPTERS, startSecretScanWorker: workersRunning(import.meta.url) }),
  );
