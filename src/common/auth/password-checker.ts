import { Worker } from 'node:worker_threads';

/** Runs in each worker thread: bcrypt comparisons, one at a time, off the event loop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
// On Linux a nice value is per thread: this worker yields the CPU to the event loop's thread.
try { require('node:os').setPriority(0, 5); } catch {}
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try { ok = bcrypt.compareSync(password, hash); } catch { ok = false; }
  parentPort.postMessage({ id, ok });
});
`;

/** Every worker busy and the queue full (or the wait too long): the caller answers 429. */
export class PasswordCheckerBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many password checks at once');
    this.name = 'PasswordCheckerBusyError';
  }
}

interface Job {
  id: number;
  password: string;
  hash: string;
  queuedAt: number;
  resolve: (ok: boolean) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export interface PasswordCheckerOptions {
  /** Worker threads (each runs one comparison at a time). */
  threads: number;
  /** Comparisons allowed to wait for a free worker; beyond, PasswordCheckerBusyError. */
  maxQueue: number;
  /** A comparison that waited this long is refused instead of run (its caller has waited enough). */
  maxWaitMs: number;
}

/**
 * bcrypt comparisons (bcryptjs, cost 12: ~0.3 s of CPU each) in a small pool of worker threads, so
 * that a burst of sign-ins never blocks the event loop (health checks, pages, jobs). Bounded:
 * `threads` run at once, `maxQueue` wait, the rest are refused at once.
 */
export class PasswordChecker {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PasswordCheckerOptions) {}

  compare(password: string, hash: string): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('PasswordChecker is closed'));
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new PasswordCheckerBusyError(this.retryAfterSeconds()));
    }
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, password, hash, queuedAt: Date.now(), resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('PasswordChecker is closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.freeSlot();
      if (!slot) return;
      const job = this.queue.shift()!;
      if (Date.now() - job.queuedAt > this.options.maxWaitMs) {
        job.reject(new PasswordCheckerBusyError(this.retryAfterSeconds()));
        continue;
      }
      slot.job = job;
      slot.worker.postMessage({ id: job.id, password: job.password, hash: job.hash });
    }
  }

  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((s) => s.job === null);
    if (idle) return idle;
    if (this.slots.length >= this.options.threads) return undefined;
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bcryptPath: require.resolve('bcryptjs') },
    });
    worker.unref();
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: { id: number; ok: boolean }) => {
      const job = slot.job;
      slot.job = null;
      if (job && job.id === message.id) job.resolve(message.ok);
      this.dispatch();
    });
    worker.on('error', (error) => this.retire(slot, error));
    worker.on('exit', () => this.retire(slot, new Error('password worker exited')));
    return slot;
  }

  private retire(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    slot.job?.reject(error);
    slot.job = null;
    if (!this.closed) this.dispatch();
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.options.maxWaitMs / 1000));
  }
}
