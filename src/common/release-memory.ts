import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap growth since the last collection that makes the next call collect. */
const SLACK_BYTES = 48 * 2 ** 20;

let collect: (() => void) | undefined;
let liveAfterLast = 0;

/**
 * Called by a long run after it released a batch: a full garbage collection once the heap has grown
 * by SLACK_BYTES since the last one. Left alone, V8 lets the old generation grow to about four
 * times the live data before collecting it, so the dead objects of earlier batches, not the one
 * batch a run holds, would set the process's peak memory.
 */
export function releaseMemory(): void {
  if (getHeapStatistics().used_heap_size < liveAfterLast + SLACK_BYTES) return;
  if (!collect) {
    // V8's gc() without --expose-gc on the command line (as jest's leak detector gets it).
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  liveAfterLast = getHeapStatistics().used_heap_size;
}
