/**
 * The session's state kept by conversation in session storage: whatever was written, whenever,
 * a reload finds the state the page had at its last write; a write touches only what changed.
 */
import { describe, expect, test } from 'vitest';
import { type ClockMessage, FirstSeenStore, presetFor, RoundTracker, TimeResolver } from '../utils/clock';
import type { TimedMessage } from '../utils/clock/first-seen';
import {
  type KeptState,
  restoreTimes,
  restoreTracker,
  type SessionSnapshot,
  snapshotStore,
  takeSnapshot,
} from '../utils/session-snapshot';
import { MemoryStorage } from './support/memory-storage';
import { seededRandom } from './support/random';

const taobao = presetFor('taobao');
const at = (h: number, m: number, s = 0) => new Date(2026, 10, 20, h, m, s).getTime();
const PREFIX = 'kefu-guard:session';

/** The whole state as comparable data: every conversation's parts, sorted by id. */
function whole(state: KeptState) {
  const times = JSON.parse(state.times.serialize()) as { skew: number[]; c: [string, unknown][] };
  const rounds = JSON.parse(state.tracker?.serialize() ?? '{"c":[]}') as { c: [string, unknown][] };
  const byId = (list: [string, unknown][]) => [...list].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return {
    skew: times.skew,
    times: byId(times.c),
    rounds: byId(rounds.c),
    rows: [...state.rows.entries()],
  };
}

function restored(snapshot: SessionSnapshot | null, now: number): KeptState {
  return { ...restoreTimes(snapshot, now), tracker: restoreTracker(snapshot, taobao) };
}

/** A page's state in memory, kept in storage of its own, and its threads as the console shows them. */
function page() {
  const storage = new MemoryStorage();
  const state: KeptState = {
    times: new TimeResolver(),
    tracker: new RoundTracker(taobao),
    rows: new FirstSeenStore(),
    labelStarts: new Map(),
  };
  return { storage, kept: snapshotStore(storage), state, threads: new Map<string, TimedMessage[]>() };
}

/** A customer (or agent) message in `conv`'s thread, with a console time or none. */
function say(
  state: KeptState,
  threads: Map<string, TimedMessage[]>,
  conv: string,
  m: TimedMessage,
  now: number,
) {
  const thread = (threads.get(conv) ?? []).concat(m);
  threads.set(conv, thread);
  const resolved: ClockMessage[] = state.times.resolve(conv, thread, now);
  state.tracker?.update(conv, resolved, now);
}

describe('the session snapshot, kept by conversation', () => {
  test('restored after any write, it is the state the page had then', () => {
    const random = seededRandom(11);
    const { kept, state, threads } = page();
    let now = at(9, 0);
    let n = 0;
    let writes = 0;
    for (let step = 0; step < 600; step++) {
      now += Math.floor(random() * 60_000);
      const conv = `C${Math.floor(random() * 8)}`;
      const r = random();
      if (r < 0.6) {
        const from = r < 0.35 ? 'customer' : 'agent';
        // half the console's messages carry a time (a little before we see them)
        const time = random() < 0.5 ? now - Math.floor(random() * 5_000) : null;
        say(state, threads, conv, { id: `m${n++}`, from, time }, now);
      } else if (r < 0.7) state.tracker?.tick(now);
      else if (r < 0.8) state.rows.see(`row|${conv}`, now);
      else if (r < 0.85) state.rows.forget(`row|${conv}`);
      else {
        kept.write(takeSnapshot(state));
        writes++;
        expect(whole(restored(kept.read(), now)), `step ${step}`).toEqual(whole(state));
      }
    }
    expect(writes).toBeGreaterThan(50);
    // the walk kept rounds and times of several conversations (the comparison is not of empties)
    const last = whole(state);
    expect(last.rounds.length).toBeGreaterThan(4);
    expect(last.times.length).toBeGreaterThan(4);
  });

  test('a write stores the conversations that changed since the last one, not the whole console', () => {
    const { storage, kept, state, threads } = page();
    let now = at(10, 0);
    for (let i = 0; i < 30; i++)
      for (let k = 0; k < 20; k++) {
        now += 10;
        say(
          state,
          threads,
          `C${i}`,
          { id: `m${i}-${k}`, from: k % 2 ? 'agent' : 'customer', time: null },
          now,
        );
      }
    state.rows.see('row|C99', now);
    kept.write(takeSnapshot(state));
    const all = [...storage.items.keys()];
    expect(all).toHaveLength(31); // the console-wide entry and 30 conversations
    const total = [...storage.items.values()].join('').length;

    storage.calls.length = 0;
    now += 5_000;
    say(state, threads, 'C7', { id: 'm7-new', from: 'customer', time: null }, now);
    kept.write(takeSnapshot(state));
    expect(storage.calls).toEqual([`set ${PREFIX}:c:C7`]);
    expect(storage.items.get(`${PREFIX}:c:C7`)?.length).toBeLessThan(total / 20);

    // nothing changed: nothing written
    storage.calls.length = 0;
    kept.write(takeSnapshot(state));
    expect(storage.calls).toEqual([]);
    // a row starts waiting: the console-wide entry alone
    state.rows.see('row|C98', now);
    kept.write(takeSnapshot(state));
    expect(storage.calls).toEqual([`set ${PREFIX}:g`]);
  });

  test('a conversation forgotten a day later leaves storage; the others stay', () => {
    const { storage, kept, state, threads } = page();
    const start = at(10, 0);
    say(state, threads, 'old', { id: 'o1', from: 'customer', time: null }, start);
    say(state, threads, 'old', { id: 'o2', from: 'agent', time: null }, start + 30_000);
    kept.write(takeSnapshot(state));
    expect(storage.items.has(`${PREFIX}:c:old`)).toBe(true);
    // a day and a minute later another conversation goes on; the tracker's upkeep forgets the old one
    const later = start + 24 * 3_600_000 + 60_000;
    say(state, threads, 'new', { id: 'n1', from: 'customer', time: null }, later);
    state.tracker?.tick(later);
    kept.write(takeSnapshot(state));
    expect(storage.items.has(`${PREFIX}:c:old`)).toBe(false);
    expect(storage.items.has(`${PREFIX}:c:new`)).toBe(true);
    expect(
      restoreTracker(kept.read(), taobao)
        .waiting(later)
        .map((w) => w.conversation),
    ).toEqual(['new']);
  });

  test('an unreadable entry loses that conversation only', () => {
    const { storage, kept, state, threads } = page();
    expect(kept.read()).toBeNull();
    const now = at(10, 0);
    say(state, threads, 'A', { id: 'a1', from: 'customer', time: null }, now);
    say(state, threads, 'B', { id: 'b1', from: 'customer', time: null }, now);
    kept.write(takeSnapshot(state));
    storage.setItem(`${PREFIX}:c:A`, '{not json');
    storage.setItem(`${PREFIX}:c:C`, '{"t":{"s":[["x","y"]]},"r":{"r":[[1,2,3]]}}');
    const back = restored(snapshotStore(storage).read(), now + 1_000);
    expect(back.tracker?.waiting(now + 1_000).map((w) => w.conversation)).toEqual(['B']);
    expect([...back.times.store.entries()]).toEqual([['B|b1', now]]);
  });

  test("the starts the console's wait labels gave come back; anything else stored there is left out", () => {
    const { storage, kept, state } = page();
    const now = at(10, 0);
    expect(restored(null, now).labelStarts.size).toBe(0);
    state.labelStarts.set('A', now - 75_000);
    state.labelStarts.set('B', now - 10_000);
    kept.write(takeSnapshot(state));
    expect([...restored(snapshotStore(storage).read(), now + 1_000).labelStarts]).toEqual([
      ['A', now - 75_000],
      ['B', now - 10_000],
    ]);
    // a tampered entry: only well-formed pairs are read
    const global = JSON.parse(storage.getItem(`${PREFIX}:g`) ?? '{}') as Record<string, unknown>;
    global.labels = [['A', 5], ['B', 'x'], [7, 1], 'C', ['D', null], ['E', 6, 'more']];
    storage.setItem(`${PREFIX}:g`, JSON.stringify(global));
    expect([...restored(snapshotStore(storage).read(), now).labelStarts]).toEqual([
      ['A', 5],
      ['E', 6],
    ]);
    global.labels = { A: 1 };
    storage.setItem(`${PREFIX}:g`, JSON.stringify(global));
    expect(restored(snapshotStore(storage).read(), now).labelStarts.size).toBe(0);
  });

  test('the whole snapshot kept before (one entry) is read by conversation, then replaced', () => {
    const T = at(10, 0);
    const old = {
      times: JSON.stringify({
        v: 1,
        seen: JSON.stringify({
          v: 1,
          e: [
            ['A|a1', T],
            ['B|b1', T],
            ['A|a2', T + 1_000],
          ],
        }),
        live: JSON.stringify({ v: 1, e: [['A|a2', T + 1_000]] }),
        skew: [1_000, 1_200, 900],
      }),
      rounds: JSON.stringify({
        v: 1,
        c: [
          {
            id: 'A',
            ...{ f: 'a1', l: 'a2', n: 2, t: T + 1_000, o: null },
            r: [
              {
                ...{ startId: 'a1', start: T, asked: 1, end: T + 1_000, answerId: 'a2', waitMs: 1_000 },
                ...{ graded: true, estimated: false, deadline: T + 180_000, inTime: true, b: false },
              },
            ],
          },
          {
            id: 'B',
            ...{ f: 'b1', l: 'b1', n: 1, t: T, o: 'b1' },
            r: [
              {
                ...{ startId: 'b1', start: T, asked: 1, end: null, answerId: null, waitMs: null },
                ...{ graded: true, estimated: false, deadline: T + 180_000, inTime: null, b: false },
              },
            ],
          },
        ],
      }),
      rows: JSON.stringify({ v: 1, e: [['row|C', T]] }),
    };
    const { storage, kept } = page();
    storage.setItem(PREFIX, JSON.stringify(old));
    const now = T + 60_000;
    const back = restored(kept.read(), now);
    expect(back.tracker?.waiting(now).map((w) => [w.conversation, w.since])).toEqual([['B', T]]);
    expect(back.tracker?.rounds('A')).toMatchObject([{ startId: 'a1', end: T + 1_000, inTime: true }]);
    expect(back.rows.get('row|C')).toBe(T);
    expect(back.times.skewSamples).toEqual([1_000, 1_200, 900]);
    // the same thread read again: the first-seen times are the old page's, a2 arrived live
    const thread: TimedMessage[] = [
      { id: 'a1', from: 'customer', time: null },
      { id: 'a2', from: 'agent', time: null },
    ];
    expect(back.times.resolve('A', thread, now)).toEqual([
      { id: 'a1', from: 'customer', time: T, estimated: true },
      { id: 'a2', from: 'agent', time: T + 1_000 },
    ]);
    expect(back.tracker?.update('B', [{ id: 'b1', from: 'customer', time: T }], now)).toEqual([]);
    // the next write keeps it by conversation and drops the old entry
    kept.write(takeSnapshot(back));
    expect(storage.items.has(PREFIX)).toBe(false);
    expect(whole(restored(snapshotStore(storage).read(), now))).toEqual(whole(back));
  });

  test('the times and the rounds each say which conversations changed (read again unchanged: none)', () => {
    const times = new TimeResolver();
    const tracker = new RoundTracker(taobao);
    const now = at(10, 0);
    const thread: TimedMessage[] = [{ id: 'a1', from: 'customer', time: null }];
    times.resolve('A', thread, now);
    times.resolve('B', [{ id: 'b1', from: 'customer', time: now }], now);
    expect(times.takeChanged().sort()).toEqual(['A', 'B']);
    times.resolve('A', thread, now + 1_000);
    expect(times.takeChanged()).toEqual([]);
    times.resolve('A', [...thread, { id: 'a2', from: 'agent', time: null }], now + 2_000);
    expect(times.takeChanged()).toEqual(['A']);
    // a day later B's times are dropped as A's thread grows: B changed too
    times.resolve('A', [...thread, { id: 'a3', from: 'customer', time: null }], now + 25 * 3_600_000);
    expect(times.takeChanged().sort()).toEqual(['A', 'B']);
    expect(times.conversationState('B')).toBeNull();

    tracker.update('A', [{ id: 'a1', from: 'customer', time: now }], now);
    expect(tracker.takeChanged()).toEqual(['A']);
    expect(tracker.tick(now + 60_000)).toEqual([]);
    expect(tracker.takeChanged()).toEqual([]);
    // the round breaches on a tick: A changed (its breach is kept)
    expect(tracker.tick(now + 180_000)).toHaveLength(1);
    expect(tracker.takeChanged()).toEqual(['A']);
  });
});
