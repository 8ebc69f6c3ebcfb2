import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runAction } from '@shipgate/kit';
import { ACTION } from './inputs.js';
import { run, SYSTEM_ADAPTERS } from './run.js';
import { isSecretScanWorker, serveSecretScans } from './secret-workers.js';

// A large secrets scan runs on worker threads that start this same bundle: in one, serve scans instead of acting.
if (isSecretScanWorker()) serveSecretScans();
else
  await runAction(ACTION, (context) =>
    run(context, process.env, {
      ...SYSTEM_ADAPTERS,
      startSecretScanWorker: (workerData) => new Worker(fileURLToPath(import.meta.url), { workerData }),
    }),
  );
