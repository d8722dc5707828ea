import { describe, expect, test, vi } from 'vitest';
import { BatchWriter } from '../utils/batch-writer';

describe('BatchWriter', () => {
  test('items added within the delay go out in one write, and add() resolves after it', async () => {
    vi.useFakeTimers();
    const writes: number[][] = [];
    const w = new BatchWriter<number>(
      async (batch) => {
        writes.push(batch);
      },
      { maxDelayMs: 250 },
    );
    let resolved = 0;
    void w.add([1, 2]).then(() => resolved++);
    void w.add([3]).then(() => resolved++);
    await vi.advanceTimersByTimeAsync(249);
    expect(writes).toEqual([]);
    expect(resolved).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([[1, 2, 3]]);
    expect(resolved).toBe(2);
    vi.useRealTimers();
  });

  test('a full batch is written at once, without waiting for the timer', async () => {
    const writes: number[][] = [];
    const w = new BatchWriter<number>(async (b) => void writes.push(b), { maxDelayMs: 10_000, maxBatch: 3 });
    await w.add([1, 2, 3]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  test('a failed write rejects its waiters and later batches still go out in order', async () => {
    const writes: number[][] = [];
    let fail = true;
    const w = new BatchWriter<number>(async (b) => {
      if (fail) throw new Error('QuotaExceededError');
      writes.push(b);
    });
    const first = w.add([1]);
    void w.flush();
    await expect(first).rejects.toThrow('QuotaExceededError');
    fail = false;
    const second = w.add([2]);
    await w.flush();
    await second;
    expect(writes).toEqual([[2]]);
  });

  test('flush() on suspend writes what waits', async () => {
    const writes: string[][] = [];
    const w = new BatchWriter<string>(async (b) => void writes.push(b), { maxDelayMs: 60_000 });
    void w.add(['a']);
    expect(w.pending).toBe(1);
    await w.flush();
    expect(writes).toEqual([['a']]);
    expect(w.pending).toBe(0);
  });
});
