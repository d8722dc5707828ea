/**
 * The supervisor's numbers (pure): computed from per-day rollups (`utils/rollups.ts`), so a range
 * of days, one agent or one console is the sum of its rollups and nothing scans raw events.
 *
 * Definitions (DOMAIN.md §1; the event stream is described in `rollups.ts`):
 * - **rounds** (对话轮次): graded rounds that are decided. A round is identified by its conversation
 *   and its start (the customer's first unanswered message); it is decided by its `round-answered`
 *   event, else by its `breach` (unanswered past its deadline). A round that breached and was then
 *   answered counts once, as answered late. `round-opened` alone decides nothing: a round still
 *   within its limit is pending and counts nowhere yet. A round counts on the day it started.
 * - **graded**: started inside the platform's working window with a measured start time (the
 *   clock decides, `utils/clock/rounds.ts`). Rounds outside working hours, or with an estimated
 *   start, are counted apart (`ungradedRounds`) and enter no rate, average, maximum or histogram.
 * - **3-minute rate** (3分钟人工响应率): graded rounds answered before their deadline ÷ graded
 *   rounds; unanswered graded rounds past their deadline count as not in time. Null without
 *   rounds. Compared with the platform's target (≥ 80% on Taobao); Taobao assesses a shop only
 *   from 100 graded rounds in its last 30 days, whatever range is shown (`unassessed`).
 * - **breaches**: graded rounds not in time = answered late + unanswered past the deadline (the
 *   overlay's 「今日超时」 counts the same way).
 * - **average first response**: the mean wait of the first graded answered round of each
 *   conversation on each day (a conversation's first answer of the day, 首响).
 * - **average response**: the mean wait of every graded answered round.
 * - **longest wait**: the longest wait of a graded answered round; rounds still unanswered past
 *   their deadline are counted in `unanswered` (their wait is still growing).
 * - **violations**: forbidden-phrase findings shown to the agent, `warned` + `blocked`. A send the
 *   agent pushed through after a block (`overridden`) was blocked first: it is shown beside the
 *   category, not added again.
 * - **by hour**: graded rounds and those in time by the local hour they started, over the range
 *   (the hours short of hands: a supervisor staffs by them).
 * - **templates used**: template insertions; the top 10 by uses.
 */

import type { Platform } from './consoles/types';
import type { KgEvent, ViolationEvent } from './events';
import {
  addRollup,
  emptyRollup,
  type HourCounts,
  type Rollup,
  rollupsFromEvents,
  WAIT_BUCKET_COUNT,
} from './rollups';
import { RULE_CATEGORIES, type RuleCategory } from './rules/types';

/** The platform's target for the 3-minute rate when none is given (Taobao's 80%). */
export const DEFAULT_TARGET = 0.8;
/**
 * Graded rounds in its last 30 days from which a platform assesses a shop's response rate
 * (DOMAIN.md §1: Taobao/Tmall, 100); platforms with no such floor are not listed.
 */
export const ASSESSED_FROM: Partial<Record<Platform, number>> = { taobao: 100 };
/** The days a platform assesses over (ending today). */
export const ASSESSED_OVER_DAYS = 30;

/** The actions that are violations (a warning marked as no violation, `dismissed`, is none). */
export type Action = Exclude<ViolationEvent['action'], 'dismissed'>;

/**
 * Violations split into parts that add up to them, as the popup shows them: sends the guard held
 * that were not sent after all (`blocked`; a send pushed through was blocked first), sent anyway
 * (`overridden`) and warnings (`warned`).
 */
export function violationParts(c: Readonly<Record<Action, number>>): Record<Action, number> {
  return { blocked: Math.max(0, c.blocked - c.overridden), overridden: c.overridden, warned: c.warned };
}

/** A violation count's key (`category|action`, see `Rollup.violations`) read back; null when its action is none of ours. */
export function violationKey(key: string): { category: RuleCategory; action: Action } | null {
  const bar = key.indexOf('|');
  const action = key.slice(bar + 1);
  return bar >= 0 && (action === 'blocked' || action === 'overridden' || action === 'warned')
    ? { category: key.slice(0, bar) as RuleCategory, action }
    : null;
}

/**
 * A key of `Rollup.rules` (`category|action|ruleId`, see `ruleKey`) read back; null when it is not
 * one of ours.
 */
export function readRuleKey(
  key: string,
): { category: RuleCategory; action: ViolationEvent['action']; ruleId: string } | null {
  const a = key.indexOf('|');
  const b = a < 0 ? -1 : key.indexOf('|', a + 1);
  if (b < 0) return null;
  const category = key.slice(0, a) as RuleCategory;
  const action = key.slice(a + 1, b);
  const ruleId = key.slice(b + 1);
  const known = action === 'dismissed' || violationKey(`${category}|${action}`) !== null;
  return known && ruleId !== '' && RULE_CATEGORIES.includes(category)
    ? { category, action: action as ViolationEvent['action'], ruleId }
    : null;
}

/** Violation counts (keyed `category|action`) by action, over every category. */
export function violationsByAction(counts: Readonly<Record<string, number>>): Record<Action, number> {
  const n: Record<Action, number> = { blocked: 0, overridden: 0, warned: 0 };
  for (const [key, v] of Object.entries(counts)) {
    const action = violationKey(key)?.action;
    if (action) n[action] += v;
  }
  return n;
}

export interface CategoryCount {
  category: RuleCategory;
  blocked: number;
  overridden: number;
  warned: number;
}

/** One rule's violations, split as the popup splits them (see `violationParts`). */
export interface RuleCount extends CategoryCount {
  ruleId: string;
  /** Its violations: `warned` + `blocked`, as in the KPI. */
  total: number;
  /** Its warnings the agents marked as no violation (false alarms: in no violation count). */
  dismissed: number;
}

/**
 * Every rule's counts from a rollup's (or a sum's) `rules`: those with a violation or marked as
 * none, in no order.
 */
export function countsByRule(rules: Readonly<Record<string, number>>): RuleCount[] {
  const byRule = new Map<string, RuleCount>();
  for (const [key, n] of Object.entries(rules)) {
    const v = readRuleKey(key);
    if (!v) continue;
    // one line per rule (a rule its pack moved to another category shows under the first one read)
    let row = byRule.get(v.ruleId);
    if (!row) {
      row = {
        ruleId: v.ruleId,
        category: v.category,
        blocked: 0,
        overridden: 0,
        warned: 0,
        total: 0,
        dismissed: 0,
      };
      byRule.set(v.ruleId, row);
    }
    row[v.action] += n;
    if (v.action === 'warned' || v.action === 'blocked') row.total += n;
  }
  return [...byRule.values()].filter((r) => r.total > 0 || r.dismissed > 0);
}

/** How the rule list is ordered: as packs define them, or those run into (or marked) most first. */
export const RULE_ORDERS = ['default', 'violations', 'false-alarms'] as const;
export type RuleOrder = (typeof RULE_ORDERS)[number];

/** The rules in `order` (a stable sort: equal counts keep the packs' order). */
export function sortRules<T extends { item: { id: string } }>(
  list: T[],
  order: RuleOrder,
  counts: ReadonlyMap<string, RuleCount> | null,
): T[] {
  if (order === 'default' || !counts) return list;
  const key = (id: string) => {
    const c = counts.get(id);
    return order === 'violations' ? (c?.total ?? 0) : (c?.dismissed ?? 0);
  };
  return [...list].sort((a, b) => key(b.item.id) - key(a.item.id));
}

/** How many rules the popup lists, those run into most first. */
export const TOP_RULES = 10;

export interface Kpis {
  rounds: number;
  inTime: number;
  /** In-time ÷ rounds (0–1), null without rounds. */
  rate: number | null;
  target: number;
  /** Null without rounds. */
  meetsTarget: boolean | null;
  breaches: number;
  answeredLate: number;
  unanswered: number;
  ungradedRounds: number;
  avgFirstResponseMs: number | null;
  avgResponseMs: number | null;
  longestWaitMs: number | null;
  /** Graded answered rounds per wait bucket (`WAIT_BUCKETS_MS`). */
  waitHist: number[];
  /** Graded rounds decided, and those in time, by the local hour they started (24 each). */
  byHour: HourCounts;
  /** The graded rounds `byHour` holds (those of days stored before hours were counted are not). */
  roundsByHour: number;
  violations: number;
  violationsByAction: Record<Action, number>;
  /** Every category, in `RULE_CATEGORIES` order. */
  violationsByCategory: CategoryCount[];
  /**
   * The `TOP_RULES` rules with the most violations (then the most sent anyway; ties by id), of the
   * days whose rollups count them by rule. Counts are raw (`blocked` includes the sends pushed through).
   */
  topRules: RuleCount[];
  /** Violations the rollups count by rule (those of days before rules were counted are not). */
  violationsByRule: number;
  /** Warnings the agents marked as no violation (`dismissed`), every rule. */
  falseAlarms: number;
  templatesUsed: number;
  /** Different templates used. */
  distinctTemplates: number;
  /** The ten templates used most (ties by id). */
  topTemplates: { id: string; uses: number }[];
  events: number;
  customerMessages: number;
  agentMessages: number;
}

/** The sum of rollups (their identity fields are meaningless). */
export function sumRollups(rollups: Iterable<Rollup>): Rollup {
  const total = emptyRollup('', '', '', 'other');
  for (const r of rollups) addRollup(total, r);
  return total;
}

const mean = (sum: number, n: number): number | null => (n === 0 ? null : sum / n);

export function kpisFromRollups(rollups: Iterable<Rollup>, target = DEFAULT_TARGET): Kpis {
  const s = sumRollups(rollups);
  const rate = s.rounds === 0 ? null : s.inTime / s.rounds;
  const byAction = violationsByAction(s.violations);
  const byCategory: CategoryCount[] = RULE_CATEGORIES.map((category) => ({
    category,
    blocked: 0,
    overridden: 0,
    warned: 0,
  }));
  for (const [key, n] of Object.entries(s.violations)) {
    const v = violationKey(key);
    const row = v && byCategory.find((c) => c.category === v.category);
    if (row && v) row[v.action] += n;
  }
  const ruleRows = countsByRule(s.rules ?? {});
  const topRules = [...ruleRows]
    .sort(
      (a, b) =>
        b.total - a.total ||
        b.overridden - a.overridden ||
        b.dismissed - a.dismissed ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    )
    .slice(0, TOP_RULES);
  const topTemplates = Object.entries(s.templates)
    .map(([id, uses]) => ({ id, uses }))
    .sort((a, b) => b.uses - a.uses || (a.id < b.id ? -1 : 1))
    .slice(0, 10);
  return {
    rounds: s.rounds,
    inTime: s.inTime,
    rate,
    target,
    meetsTarget: rate === null ? null : rate >= target,
    breaches: s.rounds - s.inTime,
    answeredLate: s.answeredLate,
    unanswered: s.unanswered,
    ungradedRounds: s.ungraded,
    avgFirstResponseMs: mean(s.firstSumMs, s.firstCount),
    avgResponseMs: mean(s.waitSumMs, s.answered),
    longestWaitMs: s.answered === 0 ? null : s.waitMaxMs,
    waitHist: s.waitHist.slice(0, WAIT_BUCKET_COUNT),
    byHour: {
      rounds: Array.from({ length: 24 }, (_, h) => s.hours?.rounds[h] ?? 0),
      inTime: Array.from({ length: 24 }, (_, h) => s.hours?.inTime[h] ?? 0),
    },
    roundsByHour: (s.hours?.rounds ?? []).reduce((n, x) => n + x, 0),
    violations: byAction.warned + byAction.blocked,
    violationsByAction: byAction,
    violationsByCategory: byCategory,
    topRules,
    violationsByRule: ruleRows.reduce((n, r) => n + r.total, 0),
    falseAlarms: ruleRows.reduce((n, r) => n + r.dismissed, 0),
    templatesUsed: s.templateUses,
    distinctTemplates: Object.keys(s.templates).length,
    topTemplates,
    events: s.events,
    customerMessages: s.customerMessages,
    agentMessages: s.agentMessages,
  };
}

/** The KPIs of raw events (through the same rollups the background keeps). */
export function kpisFromEvents(events: Iterable<KgEvent>, target = DEFAULT_TARGET): Kpis {
  return kpisFromRollups(rollupsFromEvents(events).values(), target);
}

/** Rollups of the days `from`…`to` (inclusive, YYYY-MM-DD). */
export function inDays(rollups: readonly Rollup[], from: string, to: string): Rollup[] {
  return rollups.filter((r) => r.day >= from && r.day <= to);
}

export interface DayRate {
  day: string;
  rounds: number;
  inTime: number;
  /** Null on a day without rounds. */
  rate: number | null;
}

/** The 3-minute rate of each day of `days` (a chart's points; days without rollups are empty). */
export function dailyRates(rollups: readonly Rollup[], days: readonly string[]): DayRate[] {
  const byDay = new Map<string, { rounds: number; inTime: number }>();
  for (const r of rollups) {
    const d = byDay.get(r.day) ?? { rounds: 0, inTime: 0 };
    d.rounds += r.rounds;
    d.inTime += r.inTime;
    byDay.set(r.day, d);
  }
  return days.map((day) => {
    const d = byDay.get(day) ?? { rounds: 0, inTime: 0 };
    return { day, ...d, rate: d.rounds === 0 ? null : d.inTime / d.rounds };
  });
}

/**
 * The target a set of rollups is held to: the strictest among the platforms with rounds (the
 * first platform's when none has any).
 */
export function strictestTarget(rollups: readonly Rollup[], targetOf: (p: Platform) => number): number {
  const platforms = new Set(rollups.filter((r) => r.rounds > 0).map((r) => r.platform));
  if (platforms.size === 0) return targetOf(rollups[0]?.platform ?? 'taobao');
  return Math.max(...[...platforms].map(targetOf));
}

/** KPIs per agent or per console, most rounds first (then by name). */
export function kpisBy(
  rollups: readonly Rollup[],
  field: 'agent' | 'console',
  targetOf: (group: Rollup[]) => number = () => DEFAULT_TARGET,
): { id: string; kpis: Kpis }[] {
  const groups = new Map<string, Rollup[]>();
  for (const r of rollups) {
    const list = groups.get(r[field]);
    if (list) list.push(r);
    else groups.set(r[field], [r]);
  }
  return [...groups]
    .map(([id, list]) => ({ id, kpis: kpisFromRollups(list, targetOf(list)) }))
    .sort((a, b) => b.kpis.rounds - a.kpis.rounds || (a.id < b.id ? -1 : 1));
}

export interface Unassessed {
  platform: Platform;
  /** Graded rounds recorded in the last 30 days. */
  rounds: number;
  /** The platform's floor. */
  from: number;
}

/**
 * The platforms whose rounds of the last 30 days (ending with the day of `now`) are not yet
 * enough for the platform to assess the shop, in the order of `ASSESSED_FROM`.
 * A platform without a round is left out (nothing to explain). These are the rounds of `rollups`
 * (this browser's, or a team's imports): a shop's agents whose rounds are not among them add
 * theirs, so this says how far these go, not that the shop is unassessed.
 */
export function unassessed(rollups: readonly Rollup[], now: number): Unassessed[] {
  const days = lastDays(now, ASSESSED_OVER_DAYS);
  const rounds = new Map<Platform, number>();
  for (const r of inDays(rollups, days[0] ?? '', days[days.length - 1] ?? ''))
    if (r.rounds > 0) rounds.set(r.platform, (rounds.get(r.platform) ?? 0) + r.rounds);
  const out: Unassessed[] = [];
  for (const [platform, floor] of Object.entries(ASSESSED_FROM) as [Platform, number][]) {
    const n = rounds.get(platform) ?? 0;
    if (n > 0 && n < floor) out.push({ platform, rounds: n, from: floor });
  }
  return out;
}

/** The `n` local days ending with the day of `now`, oldest first (YYYY-MM-DD). */
export function lastDays(now: number, n: number): string[] {
  const d = new Date(now);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const day = new Date(d.getFullYear(), d.getMonth(), d.getDate() - i);
    const m = String(day.getMonth() + 1).padStart(2, '0');
    const dd = String(day.getDate()).padStart(2, '0');
    out.push(`${day.getFullYear()}-${m}-${dd}`);
  }
  return out;
}

/**
 * The values the popup's `data-kg="kpi"` hooks carry: rates in percent and durations in seconds,
 * one decimal (what the dashboard shows); null where there is nothing to average.
 */
export function kpiHookValues(k: Kpis): Record<string, number | null> {
  const one = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    rounds: k.rounds,
    'three-minute-rate': one(k.rate === null ? null : k.rate * 100),
    'avg-first-response-s': one(k.avgFirstResponseMs === null ? null : k.avgFirstResponseMs / 1000),
    'avg-response-s': one(k.avgResponseMs === null ? null : k.avgResponseMs / 1000),
    'longest-wait-s': one(k.longestWaitMs === null ? null : k.longestWaitMs / 1000),
    breaches: k.breaches,
    violations: k.violations,
    'templates-used': k.templatesUsed,
  };
}
