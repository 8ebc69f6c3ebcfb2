// A worker thread of bench/manifests/run.js: checks the files it is sent with the manifests package built into
// build/, for the two-core figure (one worker per core, validators loaded once per worker).
import { parentPort, workerData } from 'node:worker_threads';

const manifests = await import(workerData.manifestsEntry);
const check = { version: workerData.version, validators: await manifests.loadKindValidators(workerData.version) };
parentPort.on('message', (files) => {
  let findings = 0;
  for (const { name, text } of files) findings += manifests.checkKubernetesFile(name, text, check).length;
  parentPort.postMessage({ findings });
});
parentPort.postMessage({ ready: true });
