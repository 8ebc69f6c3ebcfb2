/**
 * Scanning on several cores: files go, in batches, to worker threads that each hold a SecretScanner built from the
 * same settings, and each file's findings come back to the promise of that file, so a caller awaiting them in
 * order gets exactly the single-thread result. A worker runs the caller's own script again (a bundled action
 * starts itself): that script calls `serveSecretScans()` when `isSecretScanWorker()` says it is one.
 */
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding } from '@shipgate/findings';
import { SecretScanner, type ScannerSettings } from '@shipgate/secrets';

const ROLE = 'shipgate-secret-scan';

/** What a worker is started with. */
export interface SecretScanWorkerData {
  role: typeof ROLE;
  settings: ScannerSettings;
}

/** Starts one worker thread running a script that serves secret scans, with `data` as its `workerData`. */
export type StartSecretScanWorker = (data: SecretScanWorkerData) => Worker;

interface Batch {
  id: number;
  files: [path: string, text: string][];
}
interface Reply {
  id: number;
  findings: Finding[][];
}

/**
 * Starts workers that run the script at `scriptUrl` (an entry point's own `import.meta.url`): that script must
 * call `serveSecretScans()` when `isSecretScanWorker()`, as every bundle holding a secrets scan does.
 */
export function workersRunning(scriptUrl: string): StartSecretScanWorker {
  return (data) => new Worker(fileURLToPath(scriptUrl), { workerData: data });
}

/** Whether this thread was started by a `SecretScanPool`. */
export function isSecretScanWorker(): boolean {
  return !isMainThread && (workerData as Partial<SecretScanWorkerData> | null)?.role === ROLE;
}

/** The worker's side: scans each batch it is sent and replies with the findings of each file. */
export function serveSecretScans(): void {
  const scanner = new SecretScanner((workerData as SecretScanWorkerData).settings);
  parentPort!.on('message', (batch: Batch) => {
    const reply: Reply = { id: batch.id, findings: batch.files.map(([path, text]) => scanner.scan(path, text)) };
    parentPort!.postMessage(reply);
  });
}

export interface SecretScanPoolOptions {
  workers: number;
  start: StartSecretScanWorker;
  /** A batch is sent once it holds this much text (fewer messages for many small files). Default 256 KiB. */
  batchChars?: number;
}

interface Slot {
  worker: Worker;
  /** Characters sent and not yet answered. */
  pending: number;
  waiting: Map<number, { size: number; settle: Settle[] }>;
}

interface Settle {
  resolve(findings: Finding[]): void;
  reject(error: Error): void;
}

export class SecretScanPool {
  private readonly slots: Slot[];
  private readonly batchChars: number;
  private batch: Batch = { id: 0, files: [] };
  private batchSettle: Settle[] = [];
  private batchSize = 0;
  private nextId = 1;
  private failure: Error | undefined;
  private readonly drained: { max: number; resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(settings: ScannerSettings, options: SecretScanPoolOptions) {
    this.batchChars = options.batchChars ?? 262144;
    const data: SecretScanWorkerData = { role: ROLE, settings };
    this.slots = Array.from({ length: Math.max(1, options.workers) }, () => {
      const slot: Slot = { worker: options.start(data), pending: 0, waiting: new Map() };
      slot.worker.on('message', (reply: Reply) => this.answered(slot, reply));
      slot.worker.on('error', (error: Error) => this.fail(error));
      slot.worker.on('exit', (code) => {
        if (slot.waiting.size > 0) this.fail(new Error(`A secret-scanning worker exited (code ${code}) mid-scan`));
      });
      return slot;
    });
  }

  /** Queues one file; the promise gives its findings (what `SecretScanner.scan` gives). Call `flush()` at the end. */
  scan(path: string, text: string): Promise<Finding[]> {
    if (this.failure) return Promise.reject(this.failure);
    const result = new Promise<Finding[]>((resolve, reject) => this.batchSettle.push({ resolve, reject }));
    this.batch.files.push([path, text]);
    this.batchSize += text.length;
    if (this.batchSize >= this.batchChars) this.flush();
    return result;
  }

  /** Sends what is queued. */
  flush(): void {
    if (this.batch.files.length === 0) return;
    const batch = { id: this.nextId++, files: this.batch.files };
    const slot = this.slots.reduce((least, s) => (s.pending < least.pending ? s : least));
    slot.waiting.set(batch.id, { size: this.batchSize, settle: this.batchSettle });
    slot.pending += this.batchSize;
    slot.worker.postMessage(batch);
    this.batch = { id: 0, files: [] };
    this.batchSettle = [];
    this.batchSize = 0;
  }

  /** Resolves once at most `max` characters are sent and unanswered: a reader waits here instead of racing ahead. */
  async below(max: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending() <= max) return;
    await new Promise<void>((resolve, reject) => this.drained.push({ max, resolve, reject }));
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private pending(): number {
    return this.slots.reduce((sum, slot) => sum + slot.pending, 0);
  }

  private answered(slot: Slot, reply: Reply): void {
    const batch = slot.waiting.get(reply.id);
    if (!batch) return;
    slot.waiting.delete(reply.id);
    slot.pending -= batch.size;
    batch.settle.forEach((settle, i) => settle.resolve(reply.findings[i]!));
    const pending = this.pending();
    for (let i = this.drained.length - 1; i >= 0; i--) {
      if (pending <= this.drained[i]!.max) this.drained.splice(i, 1)[0]!.resolve();
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const slot of this.slots)
      for (const batch of slot.waiting.values()) for (const settle of batch.settle) settle.reject(error);
    for (const settle of this.batchSettle.splice(0)) settle.reject(error);
    for (const waiter of this.drained.splice(0)) waiter.reject(error);
  }
}
