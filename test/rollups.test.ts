import { describe, expect, test } from 'vitest';
import type { KgEvent, ViolationEvent } from '../utils/events';
import {
  deltasFor,
  isEmptyRollup,
  isKgEvent,
  isRoundEvent,
  mergeDeltas,
  type Rollup,
  type RoundEvent,
  rollupsFromEvents,
  roundDay,
  ruleKey,
  WAIT_BUCKETS_MS,
  waitBucket,
} from '../utils/rollups';
import { at, randomEvents, shuffled } from './support/stats-events';

/** Applies events one at a time as the background does: ids once, siblings from what is stored. */
function incremental(events: readonly KgEvent[]): Map<string, Rollup> {
  const stored = new Set<string>();
  const rounds: RoundEvent[] = [];
  const rollups = new Map<string, Rollup>();
  for (const e of events) {
    if (stored.has(e.id)) continue;
    stored.add(e.id);
    const siblings = isRoundEvent(e)
      ? rounds.filter((s) => s.conv === e.conv && roundDay(s) === roundDay(e))
      : [];
    mergeDeltas(deltasFor(e, siblings), rollups);
    if (isRoundEvent(e)) rounds.push(e);
  }
  return rollups;
}

/** Rollups as plain data, empty ones left out, by key. */
const plain = (m: Map<string, Rollup>) =>
  Object.fromEntries(
    [...m.values()]
      .filter((r) => !isEmptyRollup(r))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((r) => [r.key, r]),
  );

const day0 = at(2026, 11, 16, 0);
const ev = {
  opened: (start: number, graded = true): KgEvent => ({
    id: `o${start}`,
    type: 'round-opened',
    t: start,
    console: 'demo',
    platform: 'taobao',
    conv: 'c',
    graded,
  }),
  answered: (start: number, waitMs: number, graded = true, inTime = waitMs < 180_000): KgEvent => ({
    id: `a${start}`,
    type: 'round-answered',
    t: start + waitMs,
    start,
    waitMs,
    inTime,
    graded,
    console: 'demo',
    platform: 'taobao',
    conv: 'c',
  }),
  breach: (start: number, graded = true): KgEvent => ({
    id: `b${start}`,
    type: 'breach',
    t: start + 180_000,
    start,
    graded,
    reason: 'threshold',
    console: 'demo',
    platform: 'taobao',
    conv: 'c',
  }),
};

describe('rollups equal a recomputation from raw events', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random stream %i, in any order, with resends', (seed) => {
    const events = randomEvents(seed, day0, 4, 500);
    const expected = plain(rollupsFromEvents(events));
    expect(Object.keys(expected).length).toBeGreaterThan(4);
    // written in order, shuffled, and with a third of the events sent twice
    expect(plain(incremental(events))).toEqual(expected);
    expect(plain(incremental(shuffled(events, seed + 100)))).toEqual(expected);
    const resent = [...events, ...events.filter((_, i) => i % 3 === 0)];
    expect(plain(incremental(shuffled(resent, seed + 200)))).toEqual(expected);
    expect(plain(rollupsFromEvents(resent))).toEqual(expected);
  });

  test('a breach answered later counts once, as answered late, in either order', () => {
    const start = at(2026, 11, 16, 10);
    const events = [ev.opened(start), ev.breach(start), ev.answered(start, 400_000)];
    for (const order of [events, [...events].reverse(), [events[0], events[2], events[1]] as KgEvent[]]) {
      const [r] = [...incremental(order).values()].filter((x) => x.rounds !== 0);
      expect(r).toMatchObject({ rounds: 1, inTime: 0, answered: 1, answeredLate: 1, unanswered: 0 });
    }
  });

  test('a breach never answered counts as a round not in time; opened alone counts nothing', () => {
    const a = at(2026, 11, 16, 10);
    const b = at(2026, 11, 16, 11);
    const m = incremental([ev.opened(a), ev.breach(a), ev.opened(b)]);
    const [r] = [...m.values()];
    expect(r).toMatchObject({ rounds: 1, inTime: 0, unanswered: 1, answered: 0, events: 3 });
  });

  test('first response: the earliest graded answer of the conversation that day, whatever arrives first', () => {
    const early = at(2026, 11, 16, 9);
    const late = at(2026, 11, 16, 15);
    const m = incremental([ev.answered(late, 20_000), ev.answered(early, 50_000)]);
    const [r] = [...m.values()];
    expect(r).toMatchObject({ firstCount: 1, firstSumMs: 50_000, answered: 2, waitSumMs: 70_000 });
  });

  test('a round counts on the day it started; the event on the day it happened', () => {
    const start = at(2026, 11, 16, 22, 59);
    const m = incremental([ev.answered(start, 2 * 3600_000, true, false)]);
    const byDay = Object.fromEntries([...m.values()].map((r) => [r.day, r]));
    expect(byDay['2026-11-16']).toMatchObject({ rounds: 1, events: 0 });
    expect(byDay['2026-11-17']).toMatchObject({ rounds: 0, events: 1 });
  });
});

describe('violations by rule', () => {
  const violation = (id: string, ruleId: string): KgEvent => ({
    id,
    type: 'violation',
    t: day0 + 3_600_000,
    console: 'demo',
    platform: 'taobao',
    conv: 'c',
    ruleId,
    category: 'off-platform',
    action: 'warned',
    severity: 'warn',
  });

  test('a rollup stored before rules were counted takes the next violation by rule, its other counts kept', () => {
    const stored = [...rollupsFromEvents([violation('1', 'wechat')]).values()][0] as Rollup;
    delete stored.rules;
    const next = mergeDeltas(deltasFor(violation('2', 'wechat')), new Map([[stored.key, stored]]));
    expect(next.get(stored.key)?.violations).toEqual({ 'off-platform|warned': 2 });
    expect(next.get(stored.key)?.rules).toEqual({ [ruleKey(violation('2', 'wechat') as ViolationEvent)]: 1 });
  });
});

describe('wait buckets', () => {
  test('upper bounds are exclusive', () => {
    expect(WAIT_BUCKETS_MS).toEqual([30_000, 60_000, 100_000, 180_000, 300_000, 600_000]);
    expect(waitBucket(0)).toBe(0);
    expect(waitBucket(29_999)).toBe(0);
    expect(waitBucket(30_000)).toBe(1);
    expect(waitBucket(179_999)).toBe(3);
    expect(waitBucket(180_000)).toBe(4);
    expect(waitBucket(600_000)).toBe(6);
    expect(waitBucket(86_400_000)).toBe(6);
  });
});

describe('isKgEvent', () => {
  const good = ev.answered(at(2026, 11, 16, 10), 1000);
  test('accepts every event shape the content script sends', () => {
    for (const e of randomEvents(9, day0, 1, 200)) expect(isKgEvent(e)).toBe(true);
  });
  test.each([
    ['no id', { ...good, id: '' }],
    ['time not a number', { ...good, t: '12:00' }],
    ['unknown type', { ...good, type: 'typing' }],
    ['answer without wait', { ...good, waitMs: undefined }],
    ['agent not text', { ...good, agent: 7 }],
    ['null', null],
  ])('rejects %s', (_name, e) => {
    expect(isKgEvent(e)).toBe(false);
  });
});
