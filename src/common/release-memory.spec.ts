import { describe, expect, it } from 'vitest';
import { releaseMemory } from './release-memory';

describe('releaseMemory', () => {
  it('collects what a finished batch left (a full collection, not only the young objects)', async () => {
    // A large array lives in V8's large-object space: only a full collection frees it.
    let batch: number[] | null = new Array<number>(2 ** 21).fill(1);
    const ref = new WeakRef(batch);
    batch = null;
    // A WeakRef keeps its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    releaseMemory(0);
    expect(ref.deref()).toBeUndefined();
  });

  it('leaves the heap alone while it grew less than the slack', async () => {
    releaseMemory(0);
    let batch: number[] | null = new Array<number>(2 ** 21).fill(1);
    const ref = new WeakRef(batch);
    batch = null;
    await new Promise((resolve) => setImmediate(resolve));
    releaseMemory(2 ** 40);
    expect(ref.deref()).toBeDefined();
  });
});
