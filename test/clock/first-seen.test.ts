import { describe, expect, test } from 'vitest';
import {
  FirstSeenStore,
  presetFor,
  RoundTracker,
  resolveTime,
  type TimedMessage,
  TimeResolver,
  waitState,
} from '../../utils/clock';
import type { Sender } from '../../utils/consoles/types';
import { seededRandom } from '../support/random';

const at = (h: number, m: number, s = 0, day = 20) => new Date(2026, 10, day, h, m, s).getTime();
const raw = (id: string, from: Sender, time: number | null): TimedMessage => ({ id, from, time });
const taobao = presetFor('taobao');

describe('FirstSeenStore', () => {
  test('keeps the first time a key was seen', () => {
    const s = new FirstSeenStore();
    expect(s.see('a', at(10, 0))).toBe(at(10, 0));
    expect(s.see('a', at(10, 5))).toBe(at(10, 0));
    expect(s.get('a')).toBe(at(10, 0));
    expect(s.has('b')).toBe(false);
    expect(s.get('b')).toBeUndefined();
  });

  test('round trip through serialize/parse', () => {
    const s = new FirstSeenStore();
    s.see('A|m1', at(10, 0));
    s.see('A|m2', at(10, 1));
    const back = FirstSeenStore.parse(s.serialize(), at(10, 2));
    expect(back.size).toBe(2);
    expect(back.see('A|m1', at(10, 2))).toBe(at(10, 0));
    expect(back.serialize()).toBe(s.serialize());
  });

  test('entries older than 24 h are pruned on parse and as new ones come in', () => {
    const s = new FirstSeenStore();
    s.see('old', at(9, 0));
    s.see('new', at(10, 0));
    expect(FirstSeenStore.parse(s.serialize(), at(9, 30, 0, 21)).has('old')).toBe(false);
    expect(FirstSeenStore.parse(s.serialize(), at(9, 0, 0, 21)).has('old')).toBe(true);
    s.see('later', at(9, 30, 0, 21));
    expect([s.has('old'), s.has('new'), s.has('later')]).toEqual([false, true, true]);
  });

  test('entries expire after 24 h however the store came to hold them (emptied, forgotten, added later)', () => {
    const s = new FirstSeenStore();
    s.see('a', at(9, 0));
    s.forget('a');
    s.see('b', at(9, 1));
    s.see('c', at(10, 0));
    s.forget('b');
    s.see('d', at(10, 30, 0, 21));
    // 24 h after c: c goes, d stays; nothing older than a day is kept
    s.see('e', at(10, 1, 0, 22));
    expect(['b', 'c', 'd', 'e'].map((k) => s.has(k))).toEqual([false, false, true, true]);
    // a store whose saved entries had all expired still lets new ones expire
    const back = FirstSeenStore.parse(s.serialize(), at(12, 0, 0, 25));
    expect(back.size).toBe(0);
    back.see('x', at(12, 0, 0, 25));
    back.see('y', at(12, 1, 0, 26));
    expect([back.has('x'), back.has('y')]).toEqual([false, true]);
  });

  test('the size cap drops the oldest first', () => {
    const s = new FirstSeenStore(3);
    for (let i = 0; i < 5; i++) s.see(`k${i}`, at(10, i));
    expect(s.size).toBe(3);
    expect(['k0', 'k1', 'k2', 'k3', 'k4'].map((k) => s.has(k))).toEqual([false, false, true, true, true]);
    const back = FirstSeenStore.parse(s.serialize(), at(10, 5), 2);
    expect(back.size).toBe(2);
    expect(back.has('k2')).toBe(false);
  });

  test.each([[null], [undefined], [''], ['{'], ['[]'], ['{"v":2,"e":[]}'], ['{"v":1,"e":{}}']])(
    'unreadable %j gives an empty store',
    (text) => {
      expect(FirstSeenStore.parse(text).size).toBe(0);
    },
  );

  test('bad entries are skipped, good ones kept', () => {
    const s = FirstSeenStore.parse('{"v":1,"e":[["a",1],["b","x"],[3,4],"z",["c",null],["d",2]]}');
    expect([s.size, s.get('a'), s.get('d')]).toEqual([2, 1, 2]);
  });
});

describe('resolveTime', () => {
  const seen = at(10, 0);
  test.each<[string, number | null, boolean, number]>([
    ['no console time → first seen', null, true, seen],
    ['console time in the past → console time', at(9, 58), true, at(9, 58)],
    ['history hours old → console time', at(6, 0), true, at(6, 0)],
    ['console time in the future (skew) → clamped to first seen', at(10, 0, 30), true, seen],
    ['far future (> 5 min) → first seen', at(10, 20), true, seen],
    ['untrusted console → first seen', at(9, 58), false, seen],
    ['NaN → first seen', Number.NaN, true, seen],
    ['0 (unparsed) → first seen', 0, true, seen],
  ])('%s', (_name, consoleTime, trusted, expected) => {
    expect(resolveTime(consoleTime, seen, trusted)).toBe(expected);
  });
});

describe('TimeResolver', () => {
  test('a reload does not reset a countdown (messages without console times)', () => {
    const r = new TimeResolver();
    const thread = [raw('m1', 'agent', null), raw('m2', 'customer', null)];
    const t = new RoundTracker(taobao);
    t.update('A', r.resolve('A', thread, at(10, 0)), at(10, 0));
    const saved = r.serialize();
    const savedClock = t.serialize();
    // The page reloads 90 s later.
    const r2 = TimeResolver.parse(saved, at(10, 1, 30));
    const t2 = RoundTracker.parse(savedClock, taobao);
    const times = r2.resolve('A', thread, at(10, 1, 30));
    expect(times.map((m) => m.time)).toEqual([at(10, 0), at(10, 0)]);
    expect(t2.update('A', times, at(10, 1, 30))).toEqual([]);
    expect(t2.waiting(at(10, 1, 40))).toMatchObject([{ state: 'warn', waitedSeconds: 100, seconds: 80 }]);
    // Without the saved times the countdown would start over.
    const fresh = new TimeResolver().resolve('A', thread, at(10, 1, 30));
    expect(fresh[1]?.time).toBe(at(10, 1, 30));
  });

  test('untimed messages: history is estimated (shown, not graded); arrivals seen live are measured', () => {
    const r = new TimeResolver();
    const t = new RoundTracker(taobao);
    const thread = [raw('h1', 'customer', null), raw('h2', 'agent', null), raw('q', 'customer', null)];
    const first = r.resolve('A', thread, at(10, 0));
    expect(first.map((m) => m.estimated)).toEqual([true, true, true]);
    expect(t.update('A', first, at(10, 0))).toMatchObject([
      { type: 'round-answered', startId: 'h1', graded: false, waitMs: 0 },
      { type: 'round-opened', startId: 'q', graded: false },
    ]);
    const more = [...thread, raw('a', 'agent', null), raw('q2', 'customer', null)];
    const next = r.resolve('A', more, at(10, 1));
    expect(next.slice(3)).toEqual([
      { id: 'a', from: 'agent', time: at(10, 1) },
      { id: 'q2', from: 'customer', time: at(10, 1) },
    ]);
    expect(t.update('A', next, at(10, 1))).toMatchObject([
      { type: 'round-answered', startId: 'q', graded: false, waitMs: 60_000 },
      { type: 'round-opened', startId: 'q2', graded: true },
    ]);
    // After a reload the live arrivals are still known as measured.
    const back = TimeResolver.parse(r.serialize(), at(10, 2)).resolve('A', more, at(10, 2));
    expect(back.map((m) => m.estimated === true)).toEqual([true, true, true, false, false]);
  });

  test('console times are measured even on a first read', () => {
    const [m] = new TimeResolver().resolve('A', [raw('q', 'customer', at(9, 59))], at(10, 0));
    expect(m).toEqual({ id: 'q', from: 'customer', time: at(9, 59) });
  });

  test('keys are per conversation: the same message id in two threads is two messages', () => {
    const r = new TimeResolver();
    r.resolve('A', [raw('m', 'customer', null)], at(10, 0));
    expect(r.resolve('B', [raw('m', 'customer', null)], at(10, 1))[0]?.time).toBe(at(10, 1));
  });

  test('a console clock ahead never gives negative waits', () => {
    const r = new TimeResolver();
    const now = at(10, 0);
    const [m] = r.resolve('A', [raw('q', 'customer', now + 40_000)], now);
    expect(m?.time).toBe(now);
    expect(waitState(m?.time ?? 0, now, taobao)).toMatchObject({
      state: 'ok',
      waitedSeconds: 0,
      seconds: 180,
    });
  });

  /** Messages arriving live, one per read, stamped by a console clock `offset` ms off ours. */
  function live(offset: number, count: number, r = new TimeResolver()) {
    const thread: TimedMessage[] = [raw('h', 'agent', at(9, 0) + offset)];
    r.resolve('A', thread, at(10, 0));
    let last: ReturnType<TimeResolver['resolve']> = [];
    for (let i = 1; i <= count; i++) {
      const now = at(10, i);
      thread.push(raw(`q${i}`, i % 2 ? 'customer' : 'agent', now + offset));
      last = r.resolve('A', [...thread], now);
    }
    return { r, last, now: at(10, count) };
  }

  test.each<[string, number, number, boolean, number | null]>([
    ['in step', 0, 5, true, 0],
    ['2 min behind: trusted', -2 * 60_000, 5, true, 2 * 60_000],
    ['4 min ahead: trusted (times clamped)', 4 * 60_000, 5, true, -4 * 60_000],
    ['10 min behind, 2 samples: too few to judge', -10 * 60_000, 2, true, null],
    ['10 min behind, 3 samples: first seen', -10 * 60_000, 3, false, 10 * 60_000],
    ['10 min ahead, 3 samples: first seen', 10 * 60_000, 3, false, -10 * 60_000],
  ])('skew %s', (_name, offset, count, trusted, skew) => {
    const { r, last, now } = live(offset, count);
    expect(r.consoleTrusted).toBe(trusted);
    expect(r.skewMs).toBe(skew);
    const newest = last[last.length - 1];
    if (!trusted) expect(newest?.time).toBe(now);
    else expect(newest?.time).toBe(Math.min(now + offset, now));
  });

  test('history, a thread opened late and history loaded above are not skew samples', () => {
    const r = new TimeResolver();
    // First read of a thread: hours-old history.
    r.resolve('A', [raw('h1', 'customer', at(6, 0)), raw('h2', 'agent', at(6, 1))], at(10, 0));
    // Switch to B, whose last message is 20 min old; then back to A with more history above.
    r.resolve('B', [raw('b1', 'customer', at(9, 40))], at(10, 1));
    r.resolve('B', [raw('b1', 'customer', at(9, 40))], at(10, 2));
    const older = [raw('h0', 'customer', at(5, 0))];
    r.resolve('A', [...older, raw('h1', 'customer', at(6, 0)), raw('h2', 'agent', at(6, 1))], at(10, 3));
    r.resolve('A', [...older, raw('h1', 'customer', at(6, 0)), raw('h2', 'agent', at(6, 1))], at(10, 4));
    // A big batch at the end (a re-render) is not live either.
    const batch = [1, 2, 3, 4].map((i) => raw(`x${i}`, 'customer', at(8, i)));
    const after = r.resolve(
      'A',
      [...older, raw('h1', 'customer', at(6, 0)), raw('h2', 'agent', at(6, 1)), ...batch],
      at(10, 5),
    );
    expect(r.skewMs).toBeNull();
    expect(r.consoleTrusted).toBe(true);
    expect(after.map((m) => m.time)).toEqual([
      at(5, 0),
      at(6, 0),
      at(6, 1),
      at(8, 1),
      at(8, 2),
      at(8, 3),
      at(8, 4),
    ]);
  });

  test('the skew estimate survives a reload; unreadable state gives a fresh resolver', () => {
    const { r } = live(-10 * 60_000, 3);
    const back = TimeResolver.parse(r.serialize(), at(10, 5));
    expect(back.consoleTrusted).toBe(false);
    expect(back.store.size).toBe(r.store.size);
    for (const text of [null, '', '{', '{"v":2}', '{"v":1,"seen":5,"skew":"x"}']) {
      const f = TimeResolver.parse(text, at(10, 5));
      expect([f.store.size, f.skewMs, f.consoleTrusted]).toEqual([0, null, true]);
    }
  });
});

describe('TimeResolver: a thread opened from a row that showed the customer waiting', () => {
  const rowSince = at(10, 0);
  const opened = at(10, 2);

  test('its untimed messages are there by the row’s time (estimated), console-timed ones keep their time', () => {
    const r = new TimeResolver();
    const out = r.resolve(
      'A',
      [raw('h1', 'agent', null), raw('c1', 'customer', null), raw('c2', 'customer', at(9, 59, 30))],
      opened,
      rowSince,
    );
    expect(out).toEqual([
      { id: 'h1', from: 'agent', time: rowSince, estimated: true },
      { id: 'c1', from: 'customer', time: rowSince, estimated: true },
      { id: 'c2', from: 'customer', time: at(9, 59, 30) },
    ]);
  });

  test('what arrives while it is open is timed live, whatever the row said', () => {
    const r = new TimeResolver();
    const first = [raw('c1', 'customer', null)];
    r.resolve('A', first, opened, rowSince);
    const later = r.resolve('A', [...first, raw('a1', 'agent', null)], at(10, 2, 5), rowSince);
    expect(later.at(-1)).toEqual({ id: 'a1', from: 'agent', time: at(10, 2, 5) });
  });

  test('a thread that shows its messages only a read after the opening (loaded late) still takes the row’s time', () => {
    const r = new TimeResolver();
    r.resolve('A', [], opened, rowSince);
    const out = r.resolve(
      'A',
      [raw('c1', 'customer', null), raw('c2', 'customer', null)],
      at(10, 2, 1),
      rowSince,
    );
    expect(out).toEqual([
      { id: 'c1', from: 'customer', time: rowSince, estimated: true },
      { id: 'c2', from: 'customer', time: rowSince, estimated: true },
    ]);
  });

  test('messages seen before keep their time; only new ones take the row’s; a row time after now is none', () => {
    const r = new TimeResolver();
    r.resolve('A', [raw('c1', 'customer', null)], at(9, 50));
    r.resolve('B', [raw('x', 'customer', null)], at(9, 55));
    const out = r.resolve('A', [raw('c1', 'customer', null), raw('c2', 'customer', null)], opened, rowSince);
    expect(out.map((m) => m.time)).toEqual([at(9, 50), rowSince]);
    const fresh = new TimeResolver().resolve('A', [raw('c1', 'customer', null)], opened, at(10, 3));
    expect(fresh[0]?.time).toBe(opened);
  });
});

describe('TimeResolver: a growing thread', () => {
  test('resolving only what was appended gives what resolving everything gives', () => {
    const random = seededRandom(7);
    const t0 = 1_800_000_000_000;
    // the same thread read twice per step: as the cache gives it (the same objects, appended) and
    // as copies (nothing reusable)
    const incremental = new TimeResolver();
    const full = new TimeResolver();
    const thread: { id: string; from: 'customer' | 'agent'; time: number | null }[] = [];
    let now = t0;
    for (let step = 0; step < 200; step++) {
      now += 1000 + Math.floor(random() * 20_000);
      const add = 1 + Math.floor(random() * 3);
      for (let k = 0; k < add; k++) {
        const skewed = random() < 0.3 ? 600_000 : 0; // a console clock off by 10 minutes now and then
        thread.push({
          id: `m${thread.length}`,
          from: random() < 0.5 ? 'customer' : 'agent',
          time: random() < 0.2 ? null : now - skewed,
        });
      }
      // now and then a message is withdrawn (the console removes it)
      if (random() < 0.05 && thread.length > 3) thread.splice(Math.floor(random() * thread.length), 1);
      // now and then a message is read anew (a new object for it)
      if (random() < 0.1 && thread.length > 2) {
        const i = Math.floor(random() * thread.length);
        thread[i] = { ...(thread[i] as (typeof thread)[number]) };
      }
      const a = incremental.resolve('c1', [...thread], now);
      const b = full.resolve(
        'c1',
        thread.map((m) => ({ ...m })),
        now,
      );
      expect(a).toEqual(b);
    }
    // another conversation, then back: all resolved again, still the same
    now += 5000;
    expect(incremental.resolve('c2', [{ id: 'x', from: 'customer', time: now }], now)).toEqual(
      full.resolve('c2', [{ id: 'x', from: 'customer', time: now }], now),
    );
    expect(incremental.resolve('c1', [...thread], now)).toEqual(
      full.resolve(
        'c1',
        thread.map((m) => ({ ...m })),
        now,
      ),
    );
  });
});
