/**
 * The session snapshot is written once per quiet stretch, not per message, and always when the
 * page is left: a reload finds the latest state.
 */
import { describe, expect, test } from 'vitest';
import { snapshotWriter } from '../utils/snapshot-writer';

function harness(store: (value: { n: number }) => void = () => undefined) {
  const written: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const writer = snapshotWriter<{ n: number }>({
    store: (value) => {
      store(value);
      written.push(JSON.stringify(value));
    },
    everyMs: 10_000,
    later: (fn, ms) => timers.push({ fn, ms }),
  });
  const runTimers = () => {
    for (const t of timers.splice(0)) t.fn();
  };
  return { writer, written, timers, runTimers };
}

describe('snapshotWriter', () => {
  test('many changes, one write: the latest state, after the interval', () => {
    const { writer, written, timers, runTimers } = harness();
    let reads = 0;
    for (let n = 1; n <= 50; n++)
      writer.note(() => {
        reads++;
        return { n };
      });
    expect(timers.map((t) => t.ms)).toEqual([10_000]);
    expect(written).toEqual([]);
    runTimers();
    expect(written).toEqual(['{"n":50}']);
    expect(reads).toBe(1); // serialised once, when written
    // the next change starts the next interval
    writer.note(() => ({ n: 51 }));
    expect(timers).toHaveLength(1);
    runTimers();
    expect(written).toEqual(['{"n":50}', '{"n":51}']);
  });

  test('leaving the page writes at once; the interval then finds nothing to write', () => {
    const { writer, written, runTimers } = harness();
    writer.note(() => ({ n: 1 }));
    writer.note(() => ({ n: 2 }));
    writer.flush();
    expect(written).toEqual(['{"n":2}']);
    runTimers();
    writer.flush();
    expect(written).toEqual(['{"n":2}']);
  });

  test('a change after a flush is still written by the interval already waiting', () => {
    const { writer, written, timers, runTimers } = harness();
    writer.note(() => ({ n: 1 }));
    writer.flush();
    writer.note(() => ({ n: 2 }));
    expect(timers).toHaveLength(1); // no second timer
    runTimers();
    expect(written).toEqual(['{"n":1}', '{"n":2}']);
  });

  test('storage that refuses the write changes nothing else; the next write is tried', () => {
    let full = true;
    const { writer, written, runTimers } = harness(() => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
    });
    writer.note(() => ({ n: 1 }));
    expect(() => runTimers()).not.toThrow();
    full = false;
    writer.note(() => ({ n: 2 }));
    runTimers();
    expect(written).toEqual(['{"n":2}']);
  });
});
