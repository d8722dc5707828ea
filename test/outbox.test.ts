import { describe, expect, test } from 'vitest';
import { handOver, Outbox, takeOver } from '../utils/outbox';

type E = { id: string };
const manual = () => {
  const timers: Array<() => void> = [];
  return {
    setTimer: (fn: () => void) => void timers.push(fn),
    pendingTimers: () => timers.length,
    async runAll(max = 20) {
      for (let i = 0; i < max && timers.length > 0; i++) {
        timers.shift()?.();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
};

describe('Outbox', () => {
  test('sends pending items in one batch and forgets what was acknowledged', async () => {
    const t = manual();
    const sent: string[][] = [];
    const box = new Outbox<E>(async (items) => {
      sent.push(items.map((i) => i.id));
      return items.map((i) => i.id);
    }, t);
    box.push({ id: 'a' });
    box.push({ id: 'b' });
    box.push({ id: 'a' }); // the same event twice is one event
    await t.runAll();
    expect(sent).toEqual([['a', 'b']]);
    expect(box.pending).toBe(0);
  });

  test('keeps everything when the worker is gone, and resends until acknowledged', async () => {
    const t = manual();
    let alive = false;
    const attempts: string[][] = [];
    const box = new Outbox<E>(async (items) => {
      attempts.push(items.map((i) => i.id));
      if (!alive) throw new Error('Could not establish connection. Receiving end does not exist.');
      return items.map((i) => i.id);
    }, t);
    box.push({ id: '1' });
    box.push({ id: '2' });
    await t.runAll(3); // three attempts, each failing and scheduling the next
    expect(attempts.length).toBe(3);
    expect(box.pending).toBe(2);
    expect(t.pendingTimers()).toBe(1);
    alive = true;
    box.push({ id: '3' });
    await t.runAll();
    expect(box.pending).toBe(0);
    expect(attempts.at(-1)).toEqual(['1', '2', '3']);
  });

  test('items acknowledged only in part stay for the next attempt', async () => {
    const t = manual();
    const box = new Outbox<E>(async (items) => items.slice(0, 1).map((i) => i.id), t);
    box.push({ id: 'x' });
    box.push({ id: 'y' });
    await t.runAll();
    expect(box.pending).toBe(0);
  });

  test('a closed outbox (context invalidated) sends nothing more', async () => {
    const t = manual();
    let calls = 0;
    const box = new Outbox<E>(async (items) => {
      calls++;
      return items.map((i) => i.id);
    }, t);
    box.close();
    box.push({ id: 'z' });
    await t.runAll();
    expect(calls).toBe(0);
  });
});

describe('handing over to the next copy', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      setItem: (k: string, v: string) => void items.set(k, v),
      getItem: (k: string) => items.get(k) ?? null,
      removeItem: (k: string) => void items.delete(k),
      size: () => items.size,
    };
  };
  const isE = (x: unknown): x is E => typeof (x as { id?: unknown } | null)?.id === 'string';

  test('drain gives up what waits (in flight too) and stops the box', async () => {
    const t = manual();
    let sends = 0;
    let release: () => void = () => undefined;
    const box = new Outbox<E>((items) => {
      sends++;
      return new Promise((resolve) => {
        release = () => resolve(items.map((i) => i.id));
      });
    }, t);
    box.push({ id: 'a' });
    await t.runAll(1); // a is in flight
    box.push({ id: 'b' });
    expect(box.drain().map((e) => e.id)).toEqual(['a', 'b']);
    expect(box.pending).toBe(0);
    release();
    box.push({ id: 'c' });
    await t.runAll();
    expect(sends).toBe(1);
    expect(box.pending).toBe(0);
  });

  test('what one copy hands over, the next takes once', () => {
    const storage = memory();
    handOver(storage, [{ id: 'a' }, { id: 'b' }]);
    expect(takeOver(storage, isE)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(takeOver(storage, isE)).toEqual([]);
    expect(storage.size()).toBe(0);
  });

  test('nothing to hand over writes nothing; what is not an item, or not JSON, is left out', () => {
    const storage = memory();
    handOver(storage, []);
    expect(storage.size()).toBe(0);
    storage.setItem('kefu-guard:outbox', JSON.stringify([{ id: 'a' }, { nope: 1 }, null, 'x']));
    expect(takeOver(storage, isE)).toEqual([{ id: 'a' }]);
    storage.setItem('kefu-guard:outbox', '{broken');
    expect(takeOver(storage, isE)).toEqual([]);
    storage.setItem('kefu-guard:outbox', JSON.stringify({ id: 'a' }));
    expect(takeOver(storage, isE)).toEqual([]);
  });

  test('storage that refuses loses nothing else', () => {
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      getItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(() => handOver(refusing, [{ id: 'a' }])).not.toThrow();
    expect(takeOver(refusing, isE)).toEqual([]);
  });
});
