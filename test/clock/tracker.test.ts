import { describe, expect, test } from 'vitest';
import {
  type ClockEvent,
  type ClockMessage,
  computeRounds,
  presetFor,
  RoundTracker,
  threeMinuteRate,
} from '../../utils/clock';
import type { Sender } from '../../utils/consoles/types';
import { seededRandom } from '../support/random';

const at = (h: number, m: number, s = 0, day = 20) => new Date(2026, 10, day, h, m, s).getTime();
const msg = (id: string, from: Sender, time: number): ClockMessage => ({ id, from, time });
const c = (id: string, time: number) => msg(id, 'customer', time);
const a = (id: string, time: number) => msg(id, 'agent', time);
const sys = (id: string, time: number) => msg(id, 'system', time);
const taobao = presetFor('taobao');
const types = (events: ClockEvent[]) => events.map((e) => `${e.type}:${e.conversation}:${e.startId}`);

describe('RoundTracker: the worked examples as a live session', () => {
  test('asks, asks again, answered late; asks, answered in time', () => {
    const t = new RoundTracker(taobao);
    const m1 = [c('q1', at(10, 10, 15))];
    expect(t.update('A', m1, at(10, 10, 15))).toEqual([
      {
        type: 'round-opened',
        conversation: 'A',
        startId: 'q1',
        start: at(10, 10, 15),
        deadline: at(10, 13, 15),
        graded: true,
      },
    ]);
    expect(t.tick(at(10, 13, 14))).toEqual([]);
    expect(t.tick(at(10, 13, 15))).toEqual([
      {
        type: 'breach',
        conversation: 'A',
        startId: 'q1',
        start: at(10, 10, 15),
        deadline: at(10, 13, 15),
        graded: true,
        reason: 'threshold',
      },
    ]);
    expect(t.tick(at(10, 14))).toEqual([]);
    const m2 = [...m1, c('q2', at(10, 15, 20))];
    expect(t.update('A', m2, at(10, 15, 20))).toEqual([]);
    const m3 = [...m2, a('r1', at(10, 18, 10))];
    expect(t.update('A', m3, at(10, 18, 10))).toMatchObject([
      { type: 'round-answered', startId: 'q1', answerId: 'r1', waitMs: 475_000, inTime: false, graded: true },
    ]);
    expect(threeMinuteRate(t.allRounds())).toMatchObject({ graded: 1, inTime: 0, rate: 0 });
    const m4 = [...m3, c('q3', at(10, 18, 30))];
    expect(types(t.update('A', m4, at(10, 18, 30)))).toEqual(['round-opened:A:q3']);
    const m5 = [...m4, a('r2', at(10, 19))];
    expect(t.update('A', m5, at(10, 19))).toMatchObject([
      { type: 'round-answered', waitMs: 30_000, inTime: true },
    ]);
    expect(threeMinuteRate(t.allRounds())).toMatchObject({ graded: 2, inTime: 1, rate: 0.5 });
    expect(t.rounds('A')).toEqual(computeRounds(m5, taobao));
    expect(t.breachedToday(at(10, 20))).toBe(1);
  });

  test('ten questions within 3 minutes, no answer: breach at the close, 0/1', () => {
    const t = new RoundTracker(taobao);
    const msgs: ClockMessage[] = [];
    const events: ClockEvent[] = [];
    for (let i = 0; i < 10; i++) {
      const time = at(22, 58) + i * 10_000;
      msgs.push(c(`t${i}`, time));
      events.push(...t.update('A', [...msgs], time), ...t.tick(time));
    }
    expect(types(events)).toEqual(['round-opened:A:t0']);
    expect(t.tick(at(22, 59, 59))).toEqual([]);
    expect(t.tick(at(23, 0))).toMatchObject([
      { type: 'breach', deadline: at(23, 0), reason: 'window-closed' },
    ]);
    expect(t.tick(at(23, 5))).toEqual([]);
    expect(t.waiting(at(23, 0, 30))).toMatchObject([{ conversation: 'A', state: 'breach', seconds: 30 }]);
    expect(threeMinuteRate(t.allRounds())).toMatchObject({ graded: 1, inTime: 0, pending: 0, rate: 0 });
    expect(t.breachedToday(at(23, 5))).toBe(1);
  });
});

describe('RoundTracker: events', () => {
  test('a burst over several reads opens one round and is answered once', () => {
    const t = new RoundTracker(taobao);
    const msgs: ClockMessage[] = [];
    const all: ClockEvent[] = [];
    for (let i = 0; i < 8; i++) {
      msgs.push(c(`q${i}`, at(10, 0, i * 5)));
      all.push(...t.update('A', [...msgs], at(10, 0, i * 5)));
    }
    msgs.push(a('r', at(10, 1)));
    all.push(...t.update('A', msgs, at(10, 1)));
    expect(types(all)).toEqual(['round-opened:A:q0', 'round-answered:A:q0']);
    expect(t.rounds('A')[0]).toMatchObject({ asked: 8, waitMs: 60_000, inTime: true });
  });

  test('shown as of an earlier second: a round opened since shows its full time; one opened later than the present, its time to the deadline', () => {
    const t = new RoundTracker(taobao);
    t.update('A', [c('a1', at(10, 0, 10))], at(10, 0, 10));
    t.update('B', [c('b1', at(10, 0, 40))], at(10, 0, 40));
    // the console's clock runs 30 s ahead: C's message is stamped after the present
    t.update('C', [c('c1', at(10, 1, 10))], at(10, 0, 40));
    const shown = t.waiting(at(10, 0, 30), at(10, 0, 40));
    expect(
      shown.map(({ conversation, state, seconds, waitedSeconds }) => ({
        conversation,
        state,
        seconds,
        waitedSeconds,
      })),
    ).toEqual([
      { conversation: 'A', state: 'ok', seconds: 160, waitedSeconds: 20 },
      { conversation: 'B', state: 'ok', seconds: 180, waitedSeconds: 0 },
      { conversation: 'C', state: 'ok', seconds: 210, waitedSeconds: 0 },
    ]);
  });

  test('overlapping rounds in two conversations: waiting is longest first, each breaches once', () => {
    const t = new RoundTracker(taobao);
    const A = [c('a1', at(10, 0))];
    const B = [c('b1', at(10, 1))];
    t.update('A', A, at(10, 0));
    t.update('B', B, at(10, 1));
    expect(t.waiting(at(10, 2))).toMatchObject([
      { conversation: 'A', since: at(10, 0), state: 'warn', seconds: 60, waitedSeconds: 120 },
      { conversation: 'B', since: at(10, 1), state: 'ok', seconds: 120, waitedSeconds: 60 },
    ]);
    expect(types(t.tick(at(10, 3)))).toEqual(['breach:A:a1']);
    expect(t.update('B', [...B, a('b2', at(10, 3, 30))], at(10, 3, 30))).toMatchObject([
      { type: 'round-answered', conversation: 'B', waitMs: 150_000, inTime: true },
    ]);
    expect(t.tick(at(10, 5))).toEqual([]);
    expect(t.waiting(at(10, 5)).map((w) => w.conversation)).toEqual(['A']);
    expect(t.breachedToday(at(10, 5))).toBe(1);
    expect(threeMinuteRate(t.allRounds())).toMatchObject({ graded: 2, inTime: 1 });
  });

  test('update also reports a breach it sees', () => {
    const t = new RoundTracker(taobao);
    t.update('A', [c('q', at(10, 0))], at(10, 0));
    expect(types(t.update('A', [c('q', at(10, 0)), sys('s', at(10, 2))], at(10, 3)))).toEqual(['breach:A:q']);
  });

  test('a thread first read with an old open question: opened and breached at once', () => {
    const t = new RoundTracker(taobao);
    expect(types(t.update('A', [c('q', at(10, 0))], at(10, 10)))).toEqual(['round-opened:A:q', 'breach:A:q']);
  });

  test('history already answered: answered events only, no opened', () => {
    const t = new RoundTracker(taobao);
    const hist = [c('q1', at(9, 0)), a('r1', at(9, 1)), c('q2', at(9, 30)), a('r2', at(9, 35))];
    expect(t.update('A', hist, at(10, 0)).map((e) => [e.type, e.startId])).toEqual([
      ['round-answered', 'q1'],
      ['round-answered', 'q2'],
    ]);
  });

  test('a question and its answer appearing in one read: answered only', () => {
    const t = new RoundTracker(taobao);
    const first = [c('q1', at(10, 0)), a('r1', at(10, 1))];
    t.update('A', first, at(10, 1));
    const more = [...first, c('q2', at(10, 2)), a('r2', at(10, 2, 20)), c('q3', at(10, 3))];
    expect(types(t.update('A', more, at(10, 3)))).toEqual(['round-answered:A:q2', 'round-opened:A:q3']);
  });

  test('history older than 24 h is not reported', () => {
    const t = new RoundTracker(taobao);
    const hist = [c('old', at(9, 0, 0, 18)), a('r0', at(9, 1, 0, 18)), c('q', at(9, 0)), a('r', at(9, 1))];
    expect(types(t.update('A', hist, at(10, 0)))).toEqual(['round-answered:A:q']);
  });

  test('a round outside the window: shown and breached but not graded', () => {
    const t = new RoundTracker(taobao);
    expect(t.update('A', [c('q', at(23, 30))], at(23, 30))).toMatchObject([
      { type: 'round-opened', graded: false },
    ]);
    expect(t.tick(at(23, 33))).toMatchObject([{ type: 'breach', graded: false, reason: 'threshold' }]);
    expect(t.waiting(at(23, 34))).toMatchObject([{ state: 'breach', seconds: 60, graded: false }]);
    expect(t.breachedToday(at(23, 34))).toBe(0);
  });

  test.each([
    ['kuaishou 23:58 (window until 24:00)', 'kuaishou', at(23, 58), at(0, 0, 0, 21), 'window-closed', true],
    ['kuaishou 23:50 (threshold first)', 'kuaishou', at(23, 50), at(23, 55), 'threshold', true],
    ['taobao 22:59:59', 'taobao', at(22, 59, 59), at(23, 0), 'window-closed', true],
    ['pinduoduo 22:30 (1 h limit, window first)', 'pinduoduo', at(22, 30), at(23, 0), 'window-closed', true],
    ['taobao 07:59:59 (before the window)', 'taobao', at(7, 59, 59), at(8, 2, 59), 'threshold', false],
  ] as const)('breach at the edges: %s', (_name, platform, start, deadline, reason, graded) => {
    const t = new RoundTracker(presetFor(platform));
    t.update('A', [c('q', start)], start);
    expect(t.tick(deadline - 1)).toEqual([]);
    expect(t.tick(deadline)).toMatchObject([{ type: 'breach', deadline, reason, graded }]);
  });
});

describe('RoundTracker: idempotence', () => {
  const thread = [c('q1', at(10, 0)), a('r1', at(10, 1)), c('q2', at(10, 2))];

  test('the same messages again give nothing', () => {
    const t = new RoundTracker(taobao);
    expect(t.update('A', thread, at(10, 2))).toHaveLength(2);
    expect(t.update('A', thread, at(10, 2, 1))).toEqual([]);
    expect(t.update('A', [...thread], at(10, 2, 2))).toEqual([]);
  });

  test('switching conversations back and forth re-renders both: nothing new', () => {
    const t = new RoundTracker(taobao);
    const other = [c('x', at(10, 0, 30))];
    t.update('A', thread, at(10, 2));
    t.update('B', other, at(10, 2));
    expect(t.update('A', thread, at(10, 2, 5))).toEqual([]);
    expect(t.update('B', other, at(10, 2, 6))).toEqual([]);
  });

  test('an empty read (not rendered yet) keeps the open round', () => {
    const t = new RoundTracker(taobao);
    t.update('A', thread, at(10, 2));
    expect(t.update('A', [], at(10, 2, 1))).toEqual([]);
    expect(t.waiting(at(10, 2, 1))).toHaveLength(1);
    expect(t.update('A', thread, at(10, 2, 2))).toEqual([]);
  });

  test('a virtualised list drops the top: nothing new, the open round stays', () => {
    const t = new RoundTracker(taobao);
    t.update('A', thread, at(10, 2));
    const trimmed = thread.slice(2);
    expect(t.update('A', trimmed, at(10, 2, 1))).toEqual([]);
    expect(t.waiting(at(10, 2, 1))).toMatchObject([{ startId: 'q2' }]);
    expect(t.update('A', [...trimmed, a('r2', at(10, 2, 30))], at(10, 2, 30))).toMatchObject([
      { type: 'round-answered', startId: 'q2', waitMs: 30_000 },
    ]);
  });

  test('older history loaded above: only its own rounds are new', () => {
    const t = new RoundTracker(taobao);
    t.update('A', thread, at(10, 2));
    const older = [c('q0', at(9, 0)), a('r0', at(9, 2))];
    expect(types(t.update('A', [...older, ...thread], at(10, 2, 5)))).toEqual(['round-answered:A:q0']);
  });

  test('a partial render without the open question, then the full thread: no duplicate open', () => {
    const t = new RoundTracker(taobao);
    t.update('A', thread, at(10, 2));
    expect(t.update('A', thread.slice(0, 2), at(10, 2, 1))).toEqual([]);
    expect(t.waiting(at(10, 2, 1))).toEqual([]);
    expect(t.update('A', thread, at(10, 2, 2))).toEqual([]);
    expect(t.waiting(at(10, 2, 2))).toMatchObject([{ startId: 'q2', since: at(10, 2) }]);
  });

  test('reload: a tracker restored from its state, fed the same messages, emits nothing new', () => {
    const t = new RoundTracker(taobao);
    t.update('A', thread, at(10, 2));
    t.update('B', [c('x', at(10, 0))], at(10, 2));
    expect(types(t.tick(at(10, 3)))).toEqual(['breach:B:x']);
    const saved = t.serialize();
    const r = RoundTracker.parse(saved, taobao);
    expect(r.update('A', thread, at(10, 3, 10))).toEqual([]);
    expect(r.update('B', [c('x', at(10, 0))], at(10, 3, 10))).toEqual([]);
    expect(r.tick(at(10, 4))).toEqual([]);
    expect(types(r.tick(at(10, 5)))).toEqual(['breach:A:q2']);
    expect(r.waiting(at(10, 5)).map((w) => [w.conversation, w.state])).toEqual([
      ['B', 'breach'],
      ['A', 'breach'],
    ]);
    expect(r.breachedToday(at(10, 5))).toBe(2);
    expect(r.rounds('A')).toEqual(
      t.rounds('A').map((x) => (x.startId === 'q2' ? { ...x, inTime: false } : x)),
    );
  });

  test('a restored tracker continues incrementally', () => {
    const t = new RoundTracker(taobao);
    t.update('A', thread, at(10, 2));
    const r = RoundTracker.parse(t.serialize(), taobao);
    expect(r.update('A', [...thread, a('r2', at(10, 2, 40))], at(10, 2, 40))).toMatchObject([
      { type: 'round-answered', startId: 'q2', waitMs: 40_000, inTime: true },
    ]);
  });

  test.each([
    [''],
    ['{'],
    ['null'],
    ['{"v":2,"c":[]}'],
    ['{"v":1,"c":[{"id":5}]}'],
    ['{"v":1,"c":[{"id":"A","r":[{"startId":1}]}]}'],
  ])('unreadable state %j gives an empty tracker', (text) => {
    const r = RoundTracker.parse(text, taobao);
    expect(r.allRounds()).toEqual([]);
    expect(types(r.update('A', thread, at(10, 2)))).toEqual(['round-answered:A:q1', 'round-opened:A:q2']);
  });
});

describe('RoundTracker: upkeep', () => {
  test('breachedToday counts graded failures of the local day only', () => {
    const t = new RoundTracker(taobao);
    t.update('A', [c('y', at(22, 0, 0, 19)), a('ry', at(22, 10, 0, 19))], at(22, 10, 0, 19));
    t.update('B', [c('q', at(10, 0)), a('r', at(10, 5))], at(10, 5));
    t.update('C', [c('ok', at(10, 0)), a('rok', at(10, 1))], at(10, 5));
    expect(t.breachedToday(at(12, 0))).toBe(1);
    expect(t.breachedToday(at(23, 0, 0, 19))).toBe(1);
  });

  test('prune forgets answered rounds older than 24 h but keeps open ones', () => {
    const t = new RoundTracker(taobao);
    t.update('A', [c('q', at(10, 0)), a('r', at(10, 1))], at(10, 1));
    t.update('B', [c('w', at(10, 0))], at(10, 1));
    t.tick(at(10, 30, 0, 21));
    expect(t.allRounds().map((r) => r.startId)).toEqual(['w']);
    expect(t.waiting(at(10, 30, 0, 21))).toHaveLength(1);
  });

  test('new settings re-grade open rounds that have not breached', () => {
    const t = new RoundTracker(taobao);
    t.update('A', [c('q', at(10, 0))], at(10, 0));
    t.setSettings(presetFor('pinduoduo'));
    expect(t.tick(at(10, 3))).toEqual([]);
    expect(t.waiting(at(10, 5))).toMatchObject([{ state: 'warn', seconds: 55 * 60, deadline: at(11, 0) }]);
  });

  test('work grows with what changed: an appended message does not re-read the thread', () => {
    const t = new RoundTracker(taobao);
    const long: ClockMessage[] = [];
    for (let i = 0; i < 500; i++)
      long.push(i % 2 ? a(`a${i}`, at(9, 0) + i * 1000) : c(`c${i}`, at(9, 0) + i * 1000));
    t.update('A', long, at(10, 0));
    let reads = 0;
    const spy = new Proxy(long, {
      get(target, p, r) {
        if (typeof p === 'string' && /^\d+$/.test(p)) reads++;
        return Reflect.get(target, p, r);
      },
    });
    long.push(c('new', at(10, 0)));
    expect(types(t.update('A', spy, at(10, 0)))).toEqual(['round-opened:A:new']);
    expect(reads).toBeLessThan(10); // a handful, not 501
  });
});

describe('breachedToday, asked again and again', () => {
  test('follows deadlines passing, new rounds and the day ending, without being told', () => {
    const t = new RoundTracker(taobao);
    const m1 = [c('q1', at(10, 0))];
    t.update('A', m1, at(10, 0));
    // asked many times: 0 before the deadline, 1 once it passed (no tick in between)
    expect(t.breachedToday(at(10, 1))).toBe(0);
    expect(t.breachedToday(at(10, 2, 59))).toBe(0);
    expect(t.breachedToday(at(10, 3, 1))).toBe(1);
    expect(t.breachedToday(at(10, 3, 2))).toBe(1);
    // another conversation's round breaches later
    t.update('B', [c('b1', at(10, 10))], at(10, 10));
    expect(t.breachedToday(at(10, 10, 5))).toBe(1);
    expect(t.breachedToday(at(10, 13, 5))).toBe(2);
    // the next day starts at zero
    expect(t.breachedToday(at(9, 0, 0, 21))).toBe(0);
  });
});

describe('breachedToday kept between changes', () => {
  test('always equals a count made afresh, through asks, answers, re-renders, ticks, settings and midnight', () => {
    const random = seededRandom(7);
    const settings = [taobao, presetFor('pinduoduo'), presetFor('kuaishou')];
    const t = new RoundTracker(taobao);
    let current = taobao;
    const threads = new Map<string, ClockMessage[]>();
    let now = at(21, 30);
    let n = 0;
    let counted = 0;
    for (let step = 0; step < 1500; step++) {
      now += Math.floor(random() * 90_000);
      const id = `C${Math.floor(random() * 4)}`;
      const thread = threads.get(id) ?? [];
      const r = random();
      if (r < 0.6) {
        // the customer asks, or the agent answers
        const grown = thread.concat((r < 0.35 ? c : a)(`m${n++}`, now));
        threads.set(id, grown);
        t.update(id, grown, now);
      } else if (r < 0.65 && thread.length > 2) {
        // the console drew the thread again without its oldest message
        threads.set(id, thread.slice(1));
        t.update(id, thread.slice(1), now);
      } else if (r < 0.67) {
        current = settings[Math.floor(random() * settings.length)] ?? taobao;
        t.setSettings(current);
      } else t.tick(now);
      // asked after the change, and again a while later with no change between
      const when = [now, now + Math.floor(random() * 200_000)];
      const kept = when.map((x) => t.breachedToday(x));
      const afresh = RoundTracker.parse(t.serialize(), current);
      expect(kept, `step ${step}`).toEqual(when.map((x) => afresh.breachedToday(x)));
      counted += kept[0] ?? 0;
    }
    // the walk did meet breaches (the comparison is not one of zeros)
    expect(counted).toBeGreaterThan(100);
  });
});
