import { describe, expect, test } from 'vitest';
import { BatchWriter } from '../utils/batch-writer';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BatchWriter (group commit)', () => {
  test('items added in the same task go out in one write; add() resolves after it', async () => {
    const writes: number[][] = [];
    const w = new BatchWriter<number>(async (b) => void writes.push(b));
    let resolved = 0;
    void w.add([1, 2]).then(() => resolved++);
    void w.add([3]).then(() => resolved++);
    expect(writes).toEqual([]);
    await tick();
    expect(writes).toEqual([[1, 2, 3]]);
    expect(resolved).toBe(2);
  });

  test('what arrives during a write waits for it and goes out together right after', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const w = new BatchWriter<number>(async (b) => {
      writes.push(b);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = w.add([1]);
    await tick();
    const second = w.add([2]);
    const third = w.add([3]);
    await tick();
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all([first, second, third]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  test('a big backlog is written in batches of at most maxBatch, in order', async () => {
    const writes: number[][] = [];
    const w = new BatchWriter<number>(async (b) => void writes.push(b), { maxBatch: 3 });
    await Promise.all([w.add([1, 2]), w.add([3, 4]), w.add([5])]);
    expect(writes).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  test('a failed write rejects its waiters only; later batches still go out', async () => {
    const writes: number[][] = [];
    let fail = true;
    const w = new BatchWriter<number>(async (b) => {
      if (fail) throw new Error('QuotaExceededError');
      writes.push(b);
    });
    await expect(w.add([1])).rejects.toThrow('QuotaExceededError');
    fail = false;
    await w.add([2]);
    expect(writes).toEqual([[2]]);
  });

  test('flush() (on suspend) writes what waits', async () => {
    const writes: string[][] = [];
    const w = new BatchWriter<string>(async (b) => void writes.push(b));
    void w.add(['a']);
    expect(w.pending).toBe(1);
    await w.flush();
    expect(writes).toEqual([['a']]);
    expect(w.pending).toBe(0);
  });
});
