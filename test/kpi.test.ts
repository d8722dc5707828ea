import { describe, expect, test } from 'vitest';
import { presetFor } from '../utils/clock';
import type { Platform } from '../utils/consoles/types';
import type { KgEvent } from '../utils/events';
import { localDay } from '../utils/events';
import {
  countsByRule,
  dailyRates,
  kpiHookValues,
  kpisBy,
  kpisFromEvents,
  kpisFromRollups,
  lastDays,
  type RuleOrder,
  readRuleKey,
  sortRules,
  strictestTarget,
  sumRollups,
  TOP_RULES,
  unassessed,
  violationParts,
} from '../utils/kpi';
import { emptyRollup, type Rollup, rollupsFromEvents, ruleKey } from '../utils/rollups';
import { at, eventsFromScript, randomEvents } from './support/stats-events';

const D = (h: number, m = 0, s = 0) => at(2026, 11, 16, h, m, s);
const types = (events: KgEvent[]) => events.filter((e) => e.type !== 'message').map((e) => e.type);

describe('the 3-minute rule, worked examples (DOMAIN.md §1), through the real clock', () => {
  // customer asks 10:10:15, asks again 10:15:20, agent answers 10:18:10 → 1 round, late (0/1)
  const first = eventsFromScript(
    [
      { time: D(10, 10, 15), from: 'customer' },
      { time: D(10, 15, 20), from: 'customer' },
      { time: D(10, 18, 10), from: 'agent' },
    ],
    D(10, 18, 20),
  );

  test('asked twice, answered after 7:55 → one round, answered late (0/1)', () => {
    expect(types(first)).toEqual(['round-opened', 'breach', 'round-answered']);
    const k = kpisFromEvents(first);
    expect(k).toMatchObject({
      rounds: 1,
      inTime: 0,
      rate: 0,
      breaches: 1,
      answeredLate: 1,
      unanswered: 0,
      avgResponseMs: 475_000,
      avgFirstResponseMs: 475_000,
      longestWaitMs: 475_000,
      meetsTarget: false,
    });
  });

  test('…then asked 10:18:30, answered 10:19:00 → a second round, in time (1/2)', () => {
    const both = eventsFromScript(
      [
        { time: D(10, 10, 15), from: 'customer' },
        { time: D(10, 15, 20), from: 'customer' },
        { time: D(10, 18, 10), from: 'agent' },
        { time: D(10, 18, 30), from: 'customer' },
        { time: D(10, 19, 0), from: 'agent' },
      ],
      D(10, 20),
    );
    const k = kpisFromEvents(both);
    expect(k).toMatchObject({ rounds: 2, inTime: 1, rate: 0.5, breaches: 1 });
    expect(k.avgResponseMs).toBe((475_000 + 30_000) / 2);
    // the conversation's first answer of the day is the late one
    expect(k.avgFirstResponseMs).toBe(475_000);
    expect(k.longestWaitMs).toBe(475_000);
    expect(kpiHookValues(k)).toMatchObject({
      rounds: 2,
      'three-minute-rate': 50,
      'avg-first-response-s': 475,
      'avg-response-s': 252.5,
      breaches: 1,
    });
  });

  test('ten questions within 3 minutes, no answer before the window closes → 0/1, also once answered next morning', () => {
    const questions = Array.from({ length: 10 }, (_, i) => ({
      time: D(22, 57, 5 + i * 15),
      from: 'customer' as const,
    }));
    const night = eventsFromScript(questions, D(23, 0, 5));
    expect(types(night)).toEqual(['round-opened', 'breach']);
    expect(night.find((e) => e.type === 'breach')).toMatchObject({ reason: 'window-closed', t: D(23) });
    expect(kpisFromEvents(night)).toMatchObject({
      rounds: 1,
      inTime: 0,
      rate: 0,
      unanswered: 1,
      breaches: 1,
    });

    const morning = eventsFromScript(
      [...questions, { time: at(2026, 11, 17, 8, 5), from: 'agent' }],
      at(2026, 11, 17, 8, 6),
      { ticks: false },
    );
    // read again in the morning: the answer replaces the breach; still one round, on the 16th
    const all = [...night, ...morning.filter((e) => e.type === 'round-answered')];
    const k = kpisFromEvents(all);
    expect(k).toMatchObject({ rounds: 1, inTime: 0, unanswered: 0, answeredLate: 1, breaches: 1 });
    const rollups = [...rollupsFromEvents(all).values()];
    expect(dailyRates(rollups, ['2026-11-16', '2026-11-17'])).toEqual([
      { day: '2026-11-16', rounds: 1, inTime: 0, rate: 0 },
      { day: '2026-11-17', rounds: 0, inTime: 0, rate: null },
    ]);
  });

  test('an answer at exactly 180 s is late; at 179 s in time', () => {
    const events = [
      ...eventsFromScript(
        [
          { time: D(9), from: 'customer' },
          { time: D(9, 3), from: 'agent' },
        ],
        D(9, 4),
        { conv: 'a' },
      ),
      ...eventsFromScript(
        [
          { time: D(9), from: 'customer' },
          { time: D(9, 2, 59), from: 'agent' },
        ],
        D(9, 4),
        { conv: 'b' },
      ),
    ];
    expect(kpisFromEvents(events)).toMatchObject({ rounds: 2, inTime: 1 });
  });
});

describe('rounds outside working hours', () => {
  test('are counted apart and enter no rate or average', () => {
    const events = [
      // 07:30, answered after 10 minutes: before the 08:00 window
      ...eventsFromScript(
        [
          { time: D(7, 30), from: 'customer' },
          { time: D(7, 40), from: 'agent' },
        ],
        D(7, 41),
        { conv: 'early' },
      ),
      // 23:30, never answered
      ...eventsFromScript([{ time: D(23, 30), from: 'customer' }], D(23, 40), { conv: 'night' }),
      // 09:00 answered in 40 s: the only graded round
      ...eventsFromScript(
        [
          { time: D(9), from: 'customer' },
          { time: D(9, 0, 40), from: 'agent' },
        ],
        D(9, 1),
        { conv: 'day' },
      ),
    ];
    expect(events.filter((e) => e.type === 'round-answered' && !e.graded)).toHaveLength(1);
    // both ungraded rounds passed 3 minutes unanswered (the early one then got its answer)
    expect(events.filter((e) => e.type === 'breach' && !e.graded)).toHaveLength(2);
    const k = kpisFromEvents(events);
    expect(k).toMatchObject({
      rounds: 1,
      inTime: 1,
      rate: 1,
      ungradedRounds: 2,
      avgResponseMs: 40_000,
      avgFirstResponseMs: 40_000,
      longestWaitMs: 40_000,
      breaches: 0,
    });
  });

  test('a whole day outside the window: no rate, no averages (null, not zero)', () => {
    const events = eventsFromScript(
      [
        { time: D(6), from: 'customer' },
        { time: D(6, 1), from: 'agent' },
      ],
      D(6, 2),
    );
    const k = kpisFromEvents(events);
    expect(k).toMatchObject({
      rounds: 0,
      rate: null,
      meetsTarget: null,
      avgResponseMs: null,
      ungradedRounds: 1,
    });
    expect(kpiHookValues(k)).toMatchObject({ rounds: 0, 'three-minute-rate': null, 'avg-response-s': null });
  });

  test('a platform with a 24:00 window grades the late evening (Kuaishou preset, 5 minutes)', () => {
    const events = eventsFromScript(
      [
        { time: D(23, 30), from: 'customer' },
        { time: D(23, 34), from: 'agent' },
      ],
      D(23, 35),
      { platform: 'kuaishou', settings: presetFor('kuaishou') },
    );
    expect(kpisFromEvents(events)).toMatchObject({ rounds: 1, inTime: 1 });
  });
});

describe('hand-built event sets', () => {
  const base = { console: 'demo', platform: 'taobao' as const, conv: 'c1', agent: '小王' };
  const answered = (id: string, conv: string, start: number, waitMs: number): KgEvent => ({
    ...base,
    id,
    conv,
    type: 'round-answered',
    t: start + waitMs,
    start,
    waitMs,
    inTime: waitMs < 180_000,
    graded: true,
  });

  /** A violation event at noon (`days` later), of `ruleId` in `category`. */
  const violation = (
    id: string,
    ruleId: string,
    category: string,
    action: string,
    { days = 0, severity = 'block' } = {},
  ): KgEvent =>
    ({
      ...base,
      id,
      type: 'violation',
      t: D(12) + days * 86_400_000,
      ruleId,
      category,
      action,
      severity,
    }) as KgEvent;

  test('rounds by the hour they started: a breach answered later counts once, late, in its start’s hour', () => {
    const breach = (id: string, conv: string, start: number): KgEvent => ({
      ...base,
      id,
      conv,
      type: 'breach',
      t: start + 180_000,
      start,
      graded: true,
      reason: 'threshold',
    });
    const events = [
      answered('a1', 'c1', D(10, 10), 400_000),
      breach('b1', 'c1', D(10, 10)),
      answered('a2', 'c2', D(10, 59, 59), 20_000),
      answered('a3', 'c3', D(14, 5), 30_000),
      breach('b2', 'c4', D(20)),
      // two days on, the same hours
      answered('a4', 'c1', at(2026, 11, 18, 14, 30), 200_000),
      // outside the working window: counted apart, in no hour
      { ...answered('a5', 'c5', D(23, 30), 10_000), graded: false } as KgEvent,
    ];
    const k = kpisFromEvents(events);
    expect(k.rounds).toBe(5);
    expect(k.roundsByHour).toBe(5);
    const hours = (xs: number[]) => Object.fromEntries(xs.flatMap((n, h) => (n === 0 ? [] : [[h, n]])));
    expect(hours(k.byHour.rounds)).toEqual({ 10: 2, 14: 2, 20: 1 });
    expect(hours(k.byHour.inTime)).toEqual({ 10: 1, 14: 1 });
    expect(k.byHour.rounds).toHaveLength(24);
    // the whole is the sum of its days
    const days = [...rollupsFromEvents(events).values()];
    expect(days.length).toBeGreaterThan(1);
    expect(kpisFromRollups(days).byHour).toEqual(k.byHour);
  });

  test('days stored before hours were counted: in the rounds, not in the hours', () => {
    const days = [
      ...rollupsFromEvents([
        answered('a1', 'c1', D(10), 20_000),
        answered('a2', 'c1', at(2026, 11, 17, 11), 20_000),
      ]).values(),
    ];
    const older = days.find((r) => r.day === localDay(D(10)));
    expect(older?.hours).toBeDefined();
    if (older) delete older.hours;
    const k = kpisFromRollups(days);
    expect(k.rounds).toBe(2);
    expect(k.roundsByHour).toBe(1);
    expect(k.byHour.rounds[11]).toBe(1);
    expect(k.byHour.rounds[10]).toBe(0);
  });

  test('average first response takes each conversation’s first answer of each day', () => {
    const events = [
      answered('a1', 'c1', D(9), 60_000),
      answered('a2', 'c1', D(10), 10_000),
      answered('b1', 'c2', D(9, 30), 20_000),
      answered('b2', 'c2', D(11), 200_000),
      // c1 again the next day: a first response of its own
      answered('a3', 'c1', at(2026, 11, 17, 9), 30_000),
    ];
    const k = kpisFromEvents(events);
    expect(k.avgFirstResponseMs).toBe((60_000 + 20_000 + 30_000) / 3);
    expect(k.avgResponseMs).toBe((60_000 + 10_000 + 20_000 + 200_000 + 30_000) / 5);
    expect(k).toMatchObject({ rounds: 5, inTime: 4, breaches: 1, longestWaitMs: 200_000 });
    expect(k.waitHist).toEqual([2, 1, 1, 0, 1, 0, 0]);
  });

  test('violations by category and action; overridden sends are not counted twice', () => {
    const v = (id: string, category: string, action: string) => violation(id, 'r', category, action);
    const k = kpisFromEvents([
      v('1', 'off-platform', 'blocked'),
      v('2', 'off-platform', 'overridden'),
      v('3', 'off-platform', 'blocked'),
      v('4', 'ad-absolute', 'warned'),
      v('5', 'ad-absolute', 'warned'),
      v('6', 'attitude', 'warned'),
    ]);
    expect(k.violations).toBe(5);
    expect(k.violationsByAction).toEqual({ blocked: 2, overridden: 1, warned: 3 });
    expect(k.violationsByCategory.find((c) => c.category === 'off-platform')).toEqual({
      category: 'off-platform',
      blocked: 2,
      overridden: 1,
      warned: 0,
    });
    expect(k.violationsByCategory.map((c) => c.category)).toHaveLength(7);
    // as the popup shows them: parts that add up to the violations, per category too
    const parts = violationParts(k.violationsByAction);
    expect(parts).toEqual({ blocked: 1, overridden: 1, warned: 3 });
    expect(parts.blocked + parts.overridden + parts.warned).toBe(k.violations);
    for (const c of k.violationsByCategory) {
      const p = violationParts(c);
      expect(p.blocked + p.overridden + p.warned).toBe(c.blocked + c.warned);
    }
  });

  test('the rules run into most: by rule, most first (then most sent anyway), split as the categories', () => {
    const v = violation;
    const events: KgEvent[] = [
      v('1', 'wechat', 'off-platform', 'blocked'),
      v('2', 'wechat', 'off-platform', 'overridden'),
      v('3', 'wechat', 'off-platform', 'warned'),
      v('4', 'best', 'ad-absolute', 'warned'),
      v('5', 'best', 'ad-absolute', 'warned'),
      v('6', 'rude', 'attitude', 'blocked'),
      v('7', 'rude', 'attitude', 'overridden'),
      v('8', 'id|with|bars', 'attitude', 'warned'),
    ];
    // twelve more rules, one warning each: only ten rules are listed
    for (let i = 0; i < 12; i++)
      events.push(v(`x${i}`, `z${String(i).padStart(2, '0')}`, 'medical', 'warned'));
    const k = kpisFromEvents(events);
    expect(k.topRules).toHaveLength(TOP_RULES);
    // two each: wechat was sent anyway once, best never; one each: rude was sent anyway, the rest by id
    expect(k.topRules.slice(0, 4).map((r) => [r.ruleId, r.total, r.overridden])).toEqual([
      ['wechat', 2, 1],
      ['best', 2, 0],
      ['rude', 1, 1],
      ['id|with|bars', 1, 0],
    ]);
    expect(k.topRules[0]).toEqual({
      ruleId: 'wechat',
      category: 'off-platform',
      blocked: 1,
      overridden: 1,
      warned: 1,
      total: 2,
      dismissed: 0,
    });
    // the rest by id, and the listed ones add up with those left out to every violation
    expect(k.topRules.slice(4).map((r) => r.ruleId)).toEqual(['z00', 'z01', 'z02', 'z03', 'z04', 'z05']);
    expect(k.violationsByRule).toBe(k.violations);
    for (const r of k.topRules) {
      const p = violationParts(r);
      expect(p.blocked + p.overridden + p.warned).toBe(r.total);
    }
  });

  test('warnings marked as no violation: by their rule only, in no violation count; a rule only marked is listed last', () => {
    const v = (id: string, ruleId: string, action: string) =>
      violation(id, ruleId, 'ad-absolute', action, { severity: 'warn' });
    const k = kpisFromEvents([
      v('1', 'first', 'warned'),
      v('2', 'first', 'dismissed'),
      v('3', 'first', 'dismissed'),
      v('4', 'best', 'warned'),
      v('5', 'only-marked', 'dismissed'),
    ]);
    expect(k.violations).toBe(2);
    expect(k.violationsByAction).toEqual({ blocked: 0, overridden: 0, warned: 2 });
    expect(k.violationsByCategory.find((c) => c.category === 'ad-absolute')).toEqual({
      category: 'ad-absolute',
      blocked: 0,
      overridden: 0,
      warned: 2,
    });
    expect(k.topRules.map((r) => [r.ruleId, r.total, r.dismissed])).toEqual([
      ['first', 1, 2],
      ['best', 1, 0],
      ['only-marked', 0, 1],
    ]);
    expect(k.violationsByRule).toBe(2);
    expect(k.falseAlarms).toBe(3);
  });

  test('the rule list in the order asked: most violations or most false alarms first, ties as the packs order them', () => {
    const events = [
      violation('1', 'b', 'attitude', 'warned'),
      violation('2', 'b', 'attitude', 'warned'),
      violation('3', 'c', 'attitude', 'dismissed', { severity: 'warn' }),
      violation('4', 'd', 'attitude', 'warned'),
    ];
    const summed = sumRollups(rollupsFromEvents(events).values());
    const counts = new Map(countsByRule(summed.rules ?? {}).map((c) => [c.ruleId, c]));
    const list = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ item: { id } }));
    const ids = (order: RuleOrder) => sortRules(list, order, counts).map((x) => x.item.id);
    expect(ids('default')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids('violations')).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(ids('false-alarms')).toEqual(['c', 'a', 'b', 'd', 'e']);
    // before the counts are read: as the packs order them
    expect(sortRules(list, 'violations', null).map((x) => x.item.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('days kept by versions that did not count rules: their violations are in the totals, not by rule', () => {
    const v = (id: string, days: number) =>
      violation(id, 'wechat', 'off-platform', 'warned', { days, severity: 'warn' });
    const rollups = [...rollupsFromEvents([v('1', 0), v('2', 0), v('3', 1)]).values()];
    const older = rollups.find((r) => r.day === localDay(D(12)));
    expect(older?.rules).toBeDefined();
    if (older) delete older.rules;
    const k = kpisFromRollups(rollups);
    expect(k.violations).toBe(3);
    expect(k.violationsByRule).toBe(1);
    expect(k.topRules).toEqual([
      {
        ruleId: 'wechat',
        category: 'off-platform',
        blocked: 0,
        overridden: 0,
        warned: 1,
        total: 1,
        dismissed: 0,
      },
    ]);
  });

  test('a rule key read back: the rule id may hold bars; keys of no action or category of ours are none', () => {
    expect(readRuleKey(ruleKey({ category: 'attitude', action: 'warned', ruleId: 'a|b' }))).toEqual({
      category: 'attitude',
      action: 'warned',
      ruleId: 'a|b',
    });
    expect(readRuleKey('attitude|warned|')).toBeNull();
    expect(readRuleKey('attitude|shouted|r')).toBeNull();
    expect(readRuleKey('weather|warned|r')).toBeNull();
    expect(readRuleKey('attitude')).toBeNull();
  });

  test('templates used and the top 10 (most used first, ties by id)', () => {
    const uses: KgEvent[] = [];
    for (let t = 0; t < 12; t++)
      for (let n = 0; n <= t % 5; n++)
        uses.push({
          ...base,
          id: `t${t}-${n}`,
          type: 'template-used',
          t: D(13),
          templateId: `tpl-${String(t).padStart(2, '0')}`,
          via: 'searched',
          msToInsert: 900,
        });
    const k = kpisFromEvents(uses);
    expect(k.templatesUsed).toBe(uses.length);
    expect(k.topTemplates).toHaveLength(10);
    expect(k.topTemplates.slice(0, 3)).toEqual([
      { id: 'tpl-04', uses: 5 },
      { id: 'tpl-09', uses: 5 },
      { id: 'tpl-03', uses: 4 },
    ]);
  });

  test('per agent and per console: each group is the KPIs of its own rollups', () => {
    const events = randomEvents(3, D(0), 2, 600);
    const rollups = [...rollupsFromEvents(events).values()];
    const all = kpisFromRollups(rollups);
    const agents = kpisBy(rollups, 'agent');
    const consoles = kpisBy(rollups, 'console');
    expect(agents.map((a) => a.id).sort()).toEqual(['', '小李', '小王']);
    expect(consoles.map((c) => c.id).sort()).toEqual(['demo', 'feige']);
    for (const groups of [agents, consoles]) {
      expect(groups.reduce((n, g) => n + g.kpis.rounds, 0)).toBe(all.rounds);
      expect(groups.reduce((n, g) => n + g.kpis.inTime, 0)).toBe(all.inTime);
      expect(groups.reduce((n, g) => n + g.kpis.templatesUsed, 0)).toBe(all.templatesUsed);
      // most rounds first
      expect(groups.map((g) => g.kpis.rounds)).toEqual(
        [...groups.map((g) => g.kpis.rounds)].sort((a, b) => b - a),
      );
    }
  });

  test('the rate is held against the target given', () => {
    const events = [answered('x', 'c1', D(9), 10_000), answered('y', 'c2', D(9), 200_000)];
    expect(kpisFromEvents(events, 0.5).meetsTarget).toBe(true);
    expect(kpisFromEvents(events, 0.8).meetsTarget).toBe(false);
  });
});

describe('days', () => {
  test('lastDays counts back local calendar days, across a month end', () => {
    expect(lastDays(at(2026, 12, 2, 0, 5), 3)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(lastDays(at(2026, 11, 23, 23, 59), 1)).toEqual(['2026-11-23']);
  });
});

describe('the platform assesses from 100 rounds in its last 30 days (Taobao/Tmall)', () => {
  const now = at(2026, 11, 24, 15);
  const day = (d: string, platform: Platform, rounds: number, agent = '小王'): Rollup => ({
    ...emptyRollup(d, agent, `${platform}-console`, platform),
    rounds,
  });

  test('rounds of the 30 days ending today count, whatever range is shown; older days do not', () => {
    const rollups = [
      day('2026-10-25', 'taobao', 60), // day 31 back: outside
      day('2026-10-26', 'taobao', 40), // the first of the 30 days
      day('2026-11-24', 'taobao', 19, '小李'),
    ];
    expect(unassessed(rollups, now)).toEqual([{ platform: 'taobao', rounds: 59, from: 100 }]);
    expect(unassessed([...rollups, day('2026-11-20', 'taobao', 41)], now)).toEqual([]);
  });

  test('a platform with no such floor, or no round at all, says nothing', () => {
    expect(unassessed([day('2026-11-24', 'douyin', 5), day('2026-11-24', 'pinduoduo', 3)], now)).toEqual([]);
    expect(unassessed([day('2026-11-24', 'taobao', 0)], now)).toEqual([]);
    expect(unassessed([], now)).toEqual([]);
  });

  test('each platform is counted apart', () => {
    const rollups = [day('2026-11-23', 'douyin', 500), day('2026-11-23', 'taobao', 99)];
    expect(unassessed(rollups, now)).toEqual([{ platform: 'taobao', rounds: 99, from: 100 }]);
  });
});

describe('the target a set of rollups is held to', () => {
  const r = (platform: Platform, rounds: number): Rollup => ({
    ...emptyRollup('2026-11-24', '', 'x', platform),
    rounds,
  });
  const targetOf = (p: Platform) => ({ taobao: 0.8, douyin: 0.85, pinduoduo: 0.7 })[p as 'taobao'] ?? 0.5;

  test('the strictest among the platforms with rounds', () => {
    expect(strictestTarget([r('taobao', 3), r('douyin', 1), r('pinduoduo', 9)], targetOf)).toBe(0.85);
    expect(strictestTarget([r('taobao', 3), r('douyin', 0)], targetOf)).toBe(0.8);
  });

  test('without rounds: the first platform’s, or Taobao’s when there is nothing', () => {
    expect(strictestTarget([r('pinduoduo', 0), r('douyin', 0)], targetOf)).toBe(0.7);
    expect(strictestTarget([], targetOf)).toBe(0.8);
  });
});
