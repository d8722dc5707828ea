import { describe, expect, test } from 'vitest';
import {
  type ClockMessage,
  type ClockSettings,
  computeRounds,
  formatCountdown,
  formatDuration,
  isInWindow,
  parseWaitLabel,
  presetFor,
  roundDeadline,
  threeMinuteRate,
  validateClockSettings,
  waitState,
  windowClose,
} from '../utils/clock';
import type { Platform, Sender } from '../utils/consoles/types';

/** Local time on 2026-11-20 (or `day`), so tests don't depend on the machine's time zone. */
const at = (h: number, m: number, s = 0, day = 20) => new Date(2026, 10, day, h, m, s).getTime();
const msg = (id: string, from: Sender, time: number): ClockMessage => ({ id, from, time });
const c = (id: string, time: number) => msg(id, 'customer', time);
const a = (id: string, time: number) => msg(id, 'agent', time);
const sys = (id: string, time: number) => msg(id, 'system', time);
const taobao = presetFor('taobao');

describe('worked examples (DOMAIN.md §1)', () => {
  const first = [c('q1', at(10, 10, 15)), c('q2', at(10, 15, 20)), a('r1', at(10, 18, 10))];
  const second = [...first, c('q3', at(10, 18, 30)), a('r2', at(10, 19, 0))];
  // Ten questions in under 3 minutes, from 22:57:30; the window closes at 23:00 with no answer.
  const ten = Array.from({ length: 10 }, (_, i) => c(`t${i}`, at(22, 57, 30) + i * 15_000));

  test.each([
    ['asks twice, answered at 10:18:10 → 1 late round (0/1)', first, undefined, 1, 0],
    ['then asks at 10:18:30, answered at 10:19:00 → 1/2', second, undefined, 2, 1],
    ['ten questions, no answer before the close (now 23:00) → 0/1', ten, at(23, 0), 1, 0],
    ['ten questions, answered next morning → still 0/1', [...ten, a('m', at(8, 5, 0, 21))], undefined, 1, 0],
  ])('%s', (_name, messages, now, graded, inTime) => {
    const rounds = computeRounds(messages, taobao, now);
    expect(rounds).toHaveLength(graded);
    expect(threeMinuteRate(rounds)).toMatchObject({ graded, inTime, pending: 0, rate: inTime / graded });
  });

  test('round details: first question to first answer, the second question does not restart it', () => {
    const [r1, r2] = computeRounds(second, taobao);
    expect(r1).toMatchObject({
      startId: 'q1',
      start: at(10, 10, 15),
      asked: 2,
      answerId: 'r1',
      end: at(10, 18, 10),
      waitMs: (7 * 60 + 55) * 1000,
      graded: true,
      inTime: false,
    });
    expect(r2).toMatchObject({ startId: 'q3', answerId: 'r2', waitMs: 30_000, graded: true, inTime: true });
  });

  test('the ten questions are one round, failed at the close rather than at 22:57:30 + 180 s', () => {
    const [r] = computeRounds(ten, taobao, at(22, 59, 59));
    expect(r).toMatchObject({ asked: 10, deadline: at(23, 0), inTime: null, graded: true });
    expect(computeRounds(ten, taobao, at(23, 0))[0]?.inTime).toBe(false);
  });
});

describe('rounds', () => {
  test.each<[string, ClockMessage[], Partial<ReturnType<typeof computeRounds>[number]>[]]>([
    ['open round', [c('q', at(10, 0))], [{ startId: 'q', end: null, waitMs: null, inTime: null }]],
    [
      'burst: many questions, one answer',
      [...Array.from({ length: 12 }, (_, i) => c(`q${i}`, at(10, 0, i * 5))), a('r', at(10, 2))],
      [{ startId: 'q0', asked: 12, answerId: 'r', waitMs: 120_000, inTime: true }],
    ],
    [
      'system messages neither open nor close a round',
      [sys('s0', at(9, 59)), c('q', at(10, 0)), sys('s1', at(10, 0, 30)), a('r', at(10, 1))],
      [{ startId: 'q', asked: 1, answerId: 'r', waitMs: 60_000 }],
    ],
    [
      'only system messages after a question: still open',
      [c('q', at(10, 0)), sys('s', at(10, 1))],
      [{ end: null }],
    ],
    [
      "the shop's bot answer counts (乐言/小微 are agent messages)",
      [c('q', at(10, 0)), a('bot-乐言', at(10, 0, 3))],
      [{ answerId: 'bot-乐言', waitMs: 3000, inTime: true }],
    ],
    ['agent first (greeting) is not a round', [a('hi', at(9, 59)), c('q', at(10, 0))], [{ startId: 'q' }]],
    [
      'only the first answer closes; later agent messages do nothing',
      [c('q', at(10, 0)), a('r1', at(10, 1)), a('r2', at(10, 5))],
      [{ answerId: 'r1', waitMs: 60_000 }],
    ],
    [
      'an answer stamped before the question (skew) waits 0, not less',
      [c('q', at(10, 0)), a('r', at(9, 59))],
      [{ waitMs: 0, inTime: true }],
    ],
    ['answer at 179 s is in time', [c('q', at(10, 0)), a('r', at(10, 2, 59))], [{ inTime: true }]],
    ['answer at exactly 180 s is late', [c('q', at(10, 0)), a('r', at(10, 3))], [{ inTime: false }]],
    ['no messages, no rounds', [], []],
  ])('%s', (_name, messages, expected) => {
    const rounds = computeRounds(messages, taobao);
    expect(rounds).toHaveLength(expected.length);
    expect(rounds).toMatchObject(expected);
  });

  test('with now, an open round past its deadline is late; before it, pending', () => {
    const m = [c('q', at(10, 0))];
    expect(computeRounds(m, taobao, at(10, 2, 59))[0]?.inTime).toBeNull();
    expect(computeRounds(m, taobao, at(10, 3))[0]?.inTime).toBe(false);
    expect(threeMinuteRate(computeRounds(m, taobao, at(10, 1)))).toEqual({
      graded: 0,
      inTime: 0,
      pending: 1,
      rate: null,
    });
  });

  test('a round started by an estimated time is shown but not graded', () => {
    const rounds = computeRounds([{ ...c('q', at(10, 0)), estimated: true }, a('r', at(10, 5))], taobao);
    expect(rounds).toMatchObject([{ graded: false, estimated: true, inTime: false, deadline: at(10, 3) }]);
    expect(threeMinuteRate(rounds).rate).toBeNull();
  });

  test('rate counts only graded rounds', () => {
    const rounds = computeRounds(
      [c('night', at(23, 30)), a('r0', at(23, 40)), c('day', at(10, 0, 0, 21)), a('r1', at(10, 1, 0, 21))],
      taobao,
    );
    expect(rounds.map((r) => [r.graded, r.inTime])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(threeMinuteRate(rounds)).toEqual({ graded: 1, inTime: 1, pending: 0, rate: 1 });
  });
});

describe('working window', () => {
  const kuaishou = presetFor('kuaishou');
  const wrap: ClockSettings = { ...taobao, windowStart: '22:00', windowEnd: '06:00' };
  const allDay: ClockSettings = { ...taobao, windowStart: '00:00', windowEnd: '24:00' };
  test.each<[string, ClockSettings, number, boolean]>([
    ['taobao 07:59:59', taobao, at(7, 59, 59), false],
    ['taobao 08:00:00', taobao, at(8, 0, 0), true],
    ['taobao 22:59:59', taobao, at(22, 59, 59), true],
    ['taobao 23:00:00', taobao, at(23, 0, 0), false],
    ['taobao 00:00:00', taobao, at(0, 0, 0), false],
    ['kuaishou 07:59:59', kuaishou, at(7, 59, 59), false],
    ['kuaishou 08:00:00', kuaishou, at(8, 0, 0), true],
    ['kuaishou 23:00:00', kuaishou, at(23, 0, 0), true],
    ['kuaishou 23:59:59', kuaishou, at(23, 59, 59), true],
    ['kuaishou 24:00 = next day 00:00:00', kuaishou, at(0, 0, 0, 21), false],
    ['22:00–06:00 at 21:59:59', wrap, at(21, 59, 59), false],
    ['22:00–06:00 at 22:00:00', wrap, at(22, 0, 0), true],
    ['22:00–06:00 at 00:00:00', wrap, at(0, 0, 0), true],
    ['22:00–06:00 at 05:59:59', wrap, at(5, 59, 59), true],
    ['22:00–06:00 at 06:00:00', wrap, at(6, 0, 0), false],
    ['00:00–24:00 at 00:00:00', allDay, at(0, 0, 0), true],
    ['00:00–24:00 at 23:59:59', allDay, at(23, 59, 59), true],
  ])('%s → %s', (_name, settings, time, inside) => {
    expect(isInWindow(time, settings)).toBe(inside);
  });

  test.each<[string, ClockSettings, number, number | null]>([
    ['taobao 10:00 closes 23:00', taobao, at(10, 0), at(23, 0)],
    ['taobao 23:00 is outside', taobao, at(23, 0), null],
    ['kuaishou 23:59 closes at midnight', kuaishou, at(23, 59), at(0, 0, 0, 21)],
    ['22:00–06:00 at 23:00 closes tomorrow 06:00', wrap, at(23, 0), at(6, 0, 0, 21)],
    ['22:00–06:00 at 01:00 closes today 06:00', wrap, at(1, 0), at(6, 0)],
    ['00:00–24:00 never closes', allDay, at(23, 59, 59), null],
  ])('windowClose: %s', (_name, settings, time, close) => {
    expect(windowClose(time, settings)).toBe(close);
  });

  test.each<[string, ClockSettings, number, boolean, number]>([
    ['taobao 07:59:59: not graded, plain 180 s', taobao, at(7, 59, 59), false, at(8, 2, 59)],
    ['taobao 08:00:00: graded', taobao, at(8, 0, 0), true, at(8, 3, 0)],
    ['taobao 22:57:00: graded, deadline 23:00 either way', taobao, at(22, 57, 0), true, at(23, 0, 0)],
    ['taobao 22:59:59: graded, fails at the close', taobao, at(22, 59, 59), true, at(23, 0, 0)],
    ['taobao 23:00:00: not graded', taobao, at(23, 0, 0), false, at(23, 3, 0)],
    ['kuaishou 23:58:00: graded, fails at midnight', kuaishou, at(23, 58), true, at(0, 0, 0, 21)],
    ['kuaishou 00:00:00: not graded', kuaishou, at(0, 0, 0, 21), false, at(0, 5, 0, 21)],
    ['all day 23:59:00: graded, crosses midnight', allDay, at(23, 59), true, at(0, 2, 0, 21)],
  ])('roundDeadline: %s', (_name, settings, start, graded, deadline) => {
    expect(roundDeadline(start, settings)).toEqual({ graded, deadline });
  });

  test('a round opened at 07:59:59 stays ungraded though answered inside the window', () => {
    const [r] = computeRounds([c('q', at(7, 59, 59)), a('r', at(8, 0, 30))], taobao);
    expect(r).toMatchObject({ graded: false, inTime: true });
    expect(threeMinuteRate(r ? [r] : []).rate).toBeNull();
  });

  test('a round opened at 22:59:30 and answered at 23:00:10 (40 s) is late: open at the close', () => {
    const [r] = computeRounds([c('q', at(22, 59, 30)), a('r', at(23, 0, 10))], taobao);
    expect(r).toMatchObject({ graded: true, waitMs: 40_000, inTime: false });
  });
});

describe('presets and thresholds', () => {
  test.each<[Platform, number, number, string, string]>([
    ['taobao', 100, 180, '08:00', '23:00'],
    ['douyin', 100, 180, '08:00', '23:00'],
    ['pinduoduo', 300, 3600, '08:00', '23:00'],
    ['kuaishou', 180, 300, '08:00', '24:00'],
    ['jd', 100, 180, '08:00', '23:00'],
    ['other', 100, 180, '08:00', '23:00'],
  ])(
    '%s: warn %i s, breach %i s, %s–%s, valid',
    (platform, warnSeconds, breachSeconds, windowStart, windowEnd) => {
      const p = presetFor(platform);
      expect(p).toEqual({ warnSeconds, breachSeconds, windowStart, windowEnd, target: 0.8 });
      expect(validateClockSettings(p)).toEqual([]);
    },
  );

  test('presetFor returns a copy', () => {
    presetFor('taobao').breachSeconds = 1;
    expect(presetFor('taobao').breachSeconds).toBe(180);
  });

  test.each<[Platform, number, 'ok' | 'warn' | 'breach', number]>([
    ['taobao', 0, 'ok', 180],
    ['taobao', 99, 'ok', 81],
    ['taobao', 100, 'warn', 80],
    ['taobao', 179, 'warn', 1],
    ['taobao', 180, 'breach', 0],
    ['taobao', 252, 'breach', 72],
    ['douyin', 99, 'ok', 81],
    ['douyin', 100, 'warn', 80],
    ['douyin', 180, 'breach', 0],
    ['pinduoduo', 299, 'ok', 3301],
    ['pinduoduo', 300, 'warn', 3300],
    ['pinduoduo', 3599, 'warn', 1],
    ['pinduoduo', 3600, 'breach', 0],
    ['kuaishou', 179, 'ok', 121],
    ['kuaishou', 180, 'warn', 120],
    ['kuaishou', 299, 'warn', 1],
    ['kuaishou', 300, 'breach', 0],
    ['jd', 100, 'warn', 80],
    ['jd', 180, 'breach', 0],
    ['other', 99, 'ok', 81],
    ['other', 180, 'breach', 0],
  ])('%s after %i s: %s, %i s', (platform, waited, state, seconds) => {
    const start = at(10, 0);
    expect(waitState(start, start + waited * 1000, presetFor(platform))).toEqual({
      state,
      seconds,
      waitedSeconds: waited,
    });
  });

  test('seconds left round up, overdue seconds round down', () => {
    const start = at(10, 0);
    expect(waitState(start, start + 179_001, taobao)).toMatchObject({
      state: 'warn',
      seconds: 1,
      waitedSeconds: 179,
    });
    expect(waitState(start, start + 180_999, taobao)).toMatchObject({ state: 'breach', seconds: 0 });
  });

  test('a start in the future (skew) never gives a negative wait', () => {
    const now = at(10, 0);
    expect(waitState(now + 30_000, now, taobao)).toEqual({ state: 'ok', seconds: 210, waitedSeconds: 0 });
  });

  test('with a deadline at the close, warn comes when 80 s are left', () => {
    const start = at(22, 59);
    const { deadline } = roundDeadline(start, taobao);
    expect(waitState(start, start, taobao, deadline)).toEqual({
      state: 'warn',
      seconds: 60,
      waitedSeconds: 0,
    });
    expect(waitState(start, at(23, 0), taobao, deadline)).toMatchObject({ state: 'breach', seconds: 0 });
    const early = at(22, 57, 30); // 150 s to the close: ok for 70 s
    const d2 = roundDeadline(early, taobao).deadline;
    expect(waitState(early, early + 69_000, taobao, d2).state).toBe('ok');
    expect(waitState(early, early + 70_000, taobao, d2).state).toBe('warn');
  });

  test.each<[string, unknown, [string, string][]]>([
    ['warn = breach', { ...taobao, warnSeconds: 180 }, [['warnSeconds', 'warn-not-before-breach']]],
    ['warn > breach', { ...taobao, warnSeconds: 200 }, [['warnSeconds', 'warn-not-before-breach']]],
    ['warn not a number', { ...taobao, warnSeconds: '100' }, [['warnSeconds', 'not-a-number']]],
    ['breach NaN', { ...taobao, breachSeconds: Number.NaN }, [['breachSeconds', 'not-a-number']]],
    ['breach 0', { ...taobao, breachSeconds: 0 }, [['breachSeconds', 'out-of-range']]],
    ['target 1.5', { ...taobao, target: 1.5 }, [['target', 'out-of-range']]],
    ['start 8:00', { ...taobao, windowStart: '8:00' }, [['windowStart', 'bad-time']]],
    ['start 24:00', { ...taobao, windowStart: '24:00' }, [['windowStart', 'bad-time']]],
    ['end 24:01', { ...taobao, windowEnd: '24:01' }, [['windowEnd', 'bad-time']]],
    ['end 23:60', { ...taobao, windowEnd: '23:60' }, [['windowEnd', 'bad-time']]],
    ['end 25:00', { ...taobao, windowEnd: '25:00' }, [['windowEnd', 'bad-time']]],
    ['end not a string', { ...taobao, windowEnd: 2300 }, [['windowEnd', 'bad-time']]],
    [
      'empty window',
      { ...taobao, windowStart: '08:00', windowEnd: '08:00' },
      [['windowEnd', 'empty-window']],
    ],
    [
      '00:00–00:00 is empty',
      { ...taobao, windowStart: '00:00', windowEnd: '00:00' },
      [['windowEnd', 'empty-window']],
    ],
    ['00:00–24:00 is fine', { ...taobao, windowStart: '00:00', windowEnd: '24:00' }, []],
    ['past midnight is fine', { ...taobao, windowStart: '22:00', windowEnd: '06:00' }, []],
    ['missing target', { ...taobao, target: undefined }, [['target', 'required']]],
    [
      'not an object',
      null,
      [
        ['warnSeconds', 'required'],
        ['breachSeconds', 'required'],
        ['target', 'required'],
        ['windowStart', 'required'],
        ['windowEnd', 'required'],
      ],
    ],
  ])('validate: %s', (_name, value, expected) => {
    const errors = validateClockSettings(value);
    expect(errors.map((e) => [e.field, e.code])).toEqual(expected);
    for (const e of errors) expect(e.message).toContain(e.field);
  });

  test('bad window settings throw instead of grading silently', () => {
    expect(() => isInWindow(at(10, 0), { ...taobao, windowEnd: '8:00' })).toThrow(RangeError);
  });
});

describe('formatCountdown', () => {
  test.each<[Parameters<typeof formatCountdown>[0], 'zh' | 'zh-CN' | 'en', string]>([
    [{ state: 'ok', seconds: 155 }, 'zh', '2:35'],
    [{ state: 'warn', seconds: 80 }, 'en', '1:20'],
    [{ state: 'warn', seconds: 5 }, 'zh', '0:05'],
    [{ state: 'breach', seconds: 72 }, 'zh', '已超时 1:12'],
    [{ state: 'breach', seconds: 72 }, 'zh-CN', '已超时 1:12'],
    [{ state: 'breach', seconds: 72 }, 'en', 'overdue 1:12'],
    [{ state: 'breach', seconds: 0 }, 'zh', '已超时 0:00'],
    [{ state: 'warn', seconds: 3300 }, 'zh', '55:00'],
    [{ state: 'ok', seconds: 3725 }, 'en', '1:02:05'],
    [{ state: 'breach', seconds: 86_399 }, 'zh', '已超时 23:59:59'],
    [{ state: 'breach', seconds: 86_400 }, 'zh', '已超时 1天'],
    [{ state: 'breach', seconds: 378_768 }, 'zh-CN', '已超时 4天9小时'],
    [{ state: 'breach', seconds: 378_768 }, 'en', 'overdue 4d 9h'],
    [{ state: 'breach', seconds: 90_000 + 3599 }, 'en', 'overdue 1d 1h'],
  ])('%o in %s → %s', (w, lang, text) => {
    expect(formatCountdown(w, lang)).toBe(text);
  });

  test('durations never go negative', () => {
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe("a row's wait label, as the console shows it", () => {
  test.each([
    ['2:16', 136],
    ['0:20', 20],
    ['等待 2:16', 136],
    ['1:02:03', 3723],
    ['等待 1分15秒', 75],
    ['等待 0分10秒', 10],
    ['等待  2 分 40 秒', 160],
    ['已等 3分钟', 180],
    ['45秒', 45],
    ['1小时2分', 3720],
    ['1天', 86_400],
    ['1m 5s', 65],
    ['40s', 40],
  ])('%s → %d s waited', (text, seconds) => {
    expect(parseWaitLabel(text)).toBe(seconds);
  });

  test.each([
    // countdowns and overdue times are measured from the console's own limit, not the wait
    '剩余 3:12',
    '还剩 40秒',
    '已超时 06:15',
    'overdue 1:12',
    '2:00 left',
    // not a time, or not a sane one
    '',
    '等待哦',
    '12',
    '5:75',
    '1:60:00',
    // more than a day is no wait a row shows
    '25:00:00',
    '2天',
  ])('%o → not a wait', (text) => {
    expect(parseWaitLabel(text)).toBeNull();
  });
});
