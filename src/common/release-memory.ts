import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap growth since the last collection that makes the next call collect. */
const SLACK_BYTES = 48 * 2 ** 20;

let collect: (() => void) | undefined;
let liveAfterLast = 0;

/**
 * Called by a long run after it released a batch: a full garbage collection once the heap has grown
 * by `slackBytes` since the last one. Left alone, V8 lets the old generation grow to about four
 * times the live data before collecting it, so the dead objects of earlier batches, not the one
 * batch a run holds, would set the process's peak memory.
 */
export function releaseMemory(slackBytes = SLACK_BYTES): void {
  if (getHeapStatistics().used_heap_size < liveAfterLast + slackBytes) return;
  collect ??= exposedGc();
  collect();
  liveAfterLast = getHeapStatistics().used_heap_size;
}

/**
 * V8's gc(): the global one under --expose-gc, else one from a new context after setting the flag
 * (as jest's leak detector gets it); if V8 ignored the late flag, none (V8 collects on its own).
 */
function exposedGc(): () => void {
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return global as () => void;
  setFlagsFromString('--expose-gc');
  const fromContext: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof fromContext === 'function' ? (fromContext as () => void) : () => undefined;
}
