import { AsyncLocalStorage } from 'node:async_hooks';

/** What stops a run between two batches: its deadline passed, or its database lock was lost. */
export interface RunGuard {
  /** Throws (and aborts the run's signal) when the run must stop; resolves when it may write on. */
  check(): Promise<void>;
}

const current = new AsyncLocalStorage<RunGuard>();

/** Runs a job's handler with its guard reachable from the writers it calls. */
export function withRunGuard<T>(guard: RunGuard, fn: () => T): T {
  return current.run(guard, fn);
}

/**
 * Called by the writers (grouped upsert, Odoo intents, order ledger) before each batch: a run past
 * its deadline, or whose lock connection dropped (another instance may now hold the lock), stops
 * there instead of writing. Outside a run (tests, pages) it does nothing.
 */
export async function beforeRunWrite(): Promise<void> {
  await current.getStore()?.check();
}
