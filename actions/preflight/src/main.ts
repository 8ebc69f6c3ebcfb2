import { runAction } from '@shipgate/kit';
import { systemAdapters } from '../../error-detection/src/adapters.js';
import { SYSTEM_ADAPTERS } from '../../security-scan/src/run.js';
import { isSecretScanWorker, serveSecretScans, workersRunning } from '../../security-scan/src/secret-workers.js';
import { ACTION } from './inputs.js';
import { run } from './run.js';

// As in security-scan: a large secrets scan runs on worker threads that start this same bundle.
if (isSecretScanWorker()) serveSecretScans();
else
  await runAction(ACTION, (context) =>
    run(context, process.env, {
      detection: systemAdapters(),
      scan: { ...SYSTEM_ADAPTERS, startSecretScanWorker: workersRunning(import.meta.url) },
    }),
  );
