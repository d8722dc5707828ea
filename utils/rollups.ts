/**
 * Per-day rollups of the stats events (pure: no IndexedDB, no `browser`).
 *
 * One rollup per (day, agent, console, platform) holds counts and sums only, so that every KPI of
 * `kpi.ts` over any set of days, agents or consoles is the KPI of the *sum* of their rollups:
 * dashboards never scan raw events. The background keeps them up to date as it writes each batch
 * (`deltasFor`, in the batch's own transaction); `RollupBuilder` computes the same rollups from
 * raw events in one pass (the schema upgrade, and the tests that check one against the other).
 *
 * Which day an event counts on:
 * - `round-answered` and `breach`: the local day the round *started* (both carry `start`), so a
 *   round belongs to one day however late it was answered;
 * - everything else, and the `events` counter of every event: the local day of `t`, the same
 *   `day` the raw event is stored under (so `events` of today equals a count of today's raw events).
 *
 * Rounds (对话轮次). A round's events share its conversation and its `start` (the customer's first
 * unanswered message): `round:${conv}|${start}` is the round's identity. What the content script
 * sends per round (utils/clock/tracker.ts):
 * - seen already answered in one read (history, or opened and answered between two reads):
 *   `round-answered` only;
 * - opened while we watched: `round-opened`, then `round-answered`, with a `breach` in between
 *   when the deadline passed first (the breach is also missing when the tab was hidden or closed
 *   at the deadline and the answer came in a later read);
 * - opened and never answered while we watched: `round-opened`, maybe a `breach`.
 * A round is counted once it is *decided*: by its `round-answered` if it has one, else by its
 * `breach` (unanswered past its deadline: not in time). `round-opened` decides nothing: a round
 * still open before its deadline is pending (like `threeMinuteRate`), and a round whose console
 * was closed before its deadline and never seen again is not counted, since we cannot know
 * whether it was answered elsewhere. A breach that is answered later counts once, as answered
 * late: the answer takes the breach's place, whichever of the two is written first. (Ids are
 * derived from the round's first message, so a round has one answer and one breach; should two
 * rounds of one conversation ever share a start to the millisecond, each answer still counts and
 * one breach stands for both.)
 *
 * Rounds outside the working window and rounds whose start was only estimated (`graded: false`)
 * count in `ungraded` only: in no rate, average, maximum or histogram (an overnight wait would
 * swamp the average response time, and an estimated start measures nothing).
 */
import type { Platform } from './consoles/types';
import {
  type BreachEvent,
  type KgEvent,
  type KgEventType,
  localDay,
  type RoundAnsweredEvent,
  type ViolationEvent,
} from './events';

/** Upper bounds of the wait histogram's buckets (ms); one more bucket holds everything longer. */
export const WAIT_BUCKETS_MS = [30_000, 60_000, 100_000, 180_000, 300_000, 600_000] as const;
export const WAIT_BUCKET_COUNT = WAIT_BUCKETS_MS.length + 1;

const EVENT_TYPES: ReadonlySet<KgEventType> = new Set<KgEventType>([
  'message',
  'round-opened',
  'round-answered',
  'breach',
  'violation',
  'template-used',
]);

export interface Rollup {
  /** `${day}|${agent}|${console}|${platform}` */
  key: string;
  day: string;
  /** Agent name from settings; '' when none was set. */
  agent: string;
  console: string;
  platform: Platform;
  /** Raw events of the day (by event time), every type. */
  events: number;
  customerMessages: number;
  agentMessages: number;
  /** Graded rounds decided: answered, or unanswered past their deadline. */
  rounds: number;
  /** Graded rounds answered before their deadline. */
  inTime: number;
  /** Graded rounds answered (in time or late). */
  answered: number;
  /** Graded rounds answered after their deadline. */
  answeredLate: number;
  /** Graded rounds past their deadline with no answer (yet). */
  unanswered: number;
  /** Rounds outside the working window or with an estimated start, decided. */
  ungraded: number;
  /** Sum and maximum of the waits of graded answered rounds. */
  waitSumMs: number;
  waitMaxMs: number;
  /** Graded answered rounds per wait bucket (`WAIT_BUCKETS_MS`). */
  waitHist: number[];
  /** First graded answered round of each conversation on this day: count and sum of waits. */
  firstCount: number;
  firstSumMs: number;
  /** Violation events by `${category}|${action}` (not those `dismissed`: no violation). */
  violations: Record<string, number>;
  /**
   * Violation events by `${category}|${action}|${ruleId}` (`ruleKey`), those `dismissed` too: which
   * rules the agents run into, and which they find misfire. Missing from the rollups of versions
   * before it (read as none).
   */
  rules?: Record<string, number>;
  /**
   * Graded rounds decided, and those in time, by the local hour their round started (24 each):
   * the hours short of hands. Missing from the rollups of versions before it (read as none).
   */
  hours?: HourCounts;
  /** Template insertions by template id. */
  templates: Record<string, number>;
  templateUses: number;
}

export type RoundEvent = RoundAnsweredEvent | BreachEvent;

/** Graded rounds by the hour of the day they started (index 0–23). */
export interface HourCounts {
  rounds: number[];
  inTime: number[];
}

const noHours = (): HourCounts => ({
  rounds: new Array<number>(24).fill(0),
  inTime: new Array<number>(24).fill(0),
});

/** Counts (or, with `sign = -1`, takes back) a graded round's deciding event in its start's hour. */
function countHour(r: Rollup, e: RoundEvent, sign: 1 | -1): void {
  const hours = r.hours ?? noHours();
  r.hours = hours;
  const h = new Date(e.start).getHours();
  hours.rounds[h] = (hours.rounds[h] ?? 0) + sign;
  if (e.type === 'round-answered' && e.inTime) hours.inTime[h] = (hours.inTime[h] ?? 0) + sign;
}

export function isRoundEvent(e: KgEvent): e is RoundEvent {
  return e.type === 'round-answered' || e.type === 'breach';
}

/** The round an answered or breach event belongs to (see the module comment). */
export function roundId(e: RoundEvent): string {
  return `${e.conv}|${e.start}`;
}

/** The day a round event counts on: its round's start. */
export function roundDay(e: RoundEvent): string {
  return localDay(e.start);
}

/** The local day bounds `[from, to)` (epoch ms) of `day` (YYYY-MM-DD). */
export function dayBounds(day: string): { from: number; to: number } {
  const [y, m, d] = day.split('-').map(Number);
  return {
    from: new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime(),
    to: new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1).getTime(),
  };
}

export function rollupKey(day: string, agent: string, consoleId: string, platform: string): string {
  return `${day}|${agent}|${consoleId}|${platform}`;
}

export function emptyRollup(day: string, agent: string, consoleId: string, platform: Platform): Rollup {
  return {
    key: rollupKey(day, agent, consoleId, platform),
    day,
    agent,
    console: consoleId,
    platform,
    events: 0,
    customerMessages: 0,
    agentMessages: 0,
    rounds: 0,
    inTime: 0,
    answered: 0,
    answeredLate: 0,
    unanswered: 0,
    ungraded: 0,
    waitSumMs: 0,
    waitMaxMs: 0,
    waitHist: new Array<number>(WAIT_BUCKET_COUNT).fill(0),
    firstCount: 0,
    firstSumMs: 0,
    violations: {},
    rules: {},
    templates: {},
    templateUses: 0,
  };
}

/** A violation's key in `Rollup.rules`: the rule id last, so that it may hold any character. */
export function ruleKey(e: Pick<ViolationEvent, 'category' | 'action' | 'ruleId'>): string {
  return `${e.category}|${e.action}|${e.ruleId}`;
}

/** Counts a violation event in `r` (by category and action, and by rule). */
function addViolation(r: Rollup, e: ViolationEvent): void {
  // a warning marked as no violation is counted by its rule alone
  if (e.action !== 'dismissed') {
    const k = `${e.category}|${e.action}`;
    r.violations[k] = (r.violations[k] ?? 0) + 1;
  }
  const rules = r.rules ?? {};
  r.rules = rules;
  const rk = ruleKey(e);
  rules[rk] = (rules[rk] ?? 0) + 1;
}

/** The bucket of `WAIT_BUCKETS_MS` a wait falls in (upper bounds exclusive). */
export function waitBucket(waitMs: number): number {
  const i = WAIT_BUCKETS_MS.findIndex((upper) => waitMs < upper);
  return i === -1 ? WAIT_BUCKETS_MS.length : i;
}

const COUNTS = [
  'events',
  'customerMessages',
  'agentMessages',
  'rounds',
  'inTime',
  'answered',
  'answeredLate',
  'unanswered',
  'ungraded',
  'waitSumMs',
  'firstCount',
  'firstSumMs',
  'templateUses',
] as const satisfies readonly (keyof Rollup)[];

function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) {
    const sum = (into[k] ?? 0) + v;
    if (sum === 0) delete into[k];
    else into[k] = sum;
  }
}

/**
 * Adds `delta` into `into` (mutates and returns `into`): counts and sums add, the maximum wait is
 * the larger one. Deltas may hold negative counts (a breach replaced by its answer).
 */
export function addRollup(into: Rollup, delta: Rollup): Rollup {
  for (const k of COUNTS) into[k] += delta[k];
  into.waitMaxMs = Math.max(into.waitMaxMs, delta.waitMaxMs);
  for (let i = 0; i < WAIT_BUCKET_COUNT; i++)
    into.waitHist[i] = (into.waitHist[i] ?? 0) + (delta.waitHist[i] ?? 0);
  addRecord(into.violations, delta.violations);
  if (delta.hours) {
    const hours = into.hours ?? noHours();
    into.hours = hours;
    for (let h = 0; h < 24; h++) {
      hours.rounds[h] = (hours.rounds[h] ?? 0) + (delta.hours.rounds[h] ?? 0);
      hours.inTime[h] = (hours.inTime[h] ?? 0) + (delta.hours.inTime[h] ?? 0);
    }
  }
  if (delta.rules) {
    into.rules ??= {};
    addRecord(into.rules, delta.rules);
  }
  addRecord(into.templates, delta.templates);
  return into;
}

/** A deep copy (rollups read from storage are mutated by `addRollup`). */
export function cloneRollup(r: Rollup): Rollup {
  return {
    ...r,
    waitHist: [...r.waitHist],
    violations: { ...r.violations },
    rules: { ...r.rules },
    ...(r.hours ? { hours: { rounds: [...r.hours.rounds], inTime: [...r.hours.inTime] } } : {}),
    templates: { ...r.templates },
  };
}

function blank(e: KgEvent, day: string): Rollup {
  return emptyRollup(day, e.agent ?? '', e.console, e.platform);
}

/** The rollup of `e`'s agent, console and platform on `day` in `into` (made when missing). */
function rollupIn(into: Map<string, Rollup>, e: KgEvent, day: string): Rollup {
  const key = rollupKey(day, e.agent ?? '', e.console, e.platform);
  const known = into.get(key);
  if (known) return known;
  const r = blank(e, day);
  into.set(key, r);
  return r;
}

/** Adds (or, with `sign = -1`, takes back) what a round's deciding event counts. */
function addRound(into: Map<string, Rollup>, e: RoundEvent, sign: 1 | -1): void {
  const r = rollupIn(into, e, roundDay(e));
  if (!e.graded) {
    r.ungraded += sign;
    return;
  }
  r.rounds += sign;
  countHour(r, e, sign);
  if (e.type === 'breach') {
    r.unanswered += sign;
    return;
  }
  // answers are never taken back (only breaches are), so the maximum needs no undoing
  r.answered += sign;
  if (e.inTime) r.inTime += sign;
  else r.answeredLate += sign;
  r.waitSumMs += sign * e.waitMs;
  if (sign > 0) r.waitMaxMs = Math.max(r.waitMaxMs, e.waitMs);
  const b = waitBucket(e.waitMs);
  r.waitHist[b] = (r.waitHist[b] ?? 0) + sign;
}

function addFirst(into: Map<string, Rollup>, e: RoundAnsweredEvent, sign: 1 | -1): void {
  const r = rollupIn(into, e, roundDay(e));
  r.firstCount += sign;
  r.firstSumMs += sign * e.waitMs;
}

/** Earlier start first; the same start (never two rounds of one conversation) by id. */
function before(a: RoundAnsweredEvent, b: RoundAnsweredEvent): boolean {
  return a.start < b.start || (a.start === b.start && a.id < b.id);
}

/** The event with the smallest id (the breach that counts when a round has several). */
function minId<T extends { id: string }>(xs: readonly T[]): T | null {
  let m: T | null = null;
  for (const x of xs) if (!m || x.id < m.id) m = x;
  return m;
}

function isFirstCandidate(e: KgEvent): e is RoundAnsweredEvent {
  return e.type === 'round-answered' && e.graded;
}

/**
 * Adds what storing `e` changes to the rollup deltas in `into` (by key; deltas may hold negative
 * counts: a breach replaced by its answer). `e` is not stored yet. `siblings`: the round events
 * (`round-answered`, `breach`) already stored of the same conversation whose round started on the
 * same day as `e`'s (only read for round events). Counting each event once is the caller's job: an
 * id already stored must not come here.
 */
export function addEventDelta(
  into: Map<string, Rollup>,
  e: KgEvent,
  siblings: readonly RoundEvent[] = [],
): Map<string, Rollup> {
  const base = rollupIn(into, e, localDay(e.t));
  base.events++;
  switch (e.type) {
    case 'message':
      if (e.from === 'customer') base.customerMessages++;
      else base.agentMessages++;
      break;
    case 'violation':
      addViolation(base, e);
      break;
    case 'template-used':
      base.templates[e.templateId] = (base.templates[e.templateId] ?? 0) + 1;
      base.templateUses++;
      break;
    case 'breach': {
      const id = roundId(e);
      const same = siblings.filter((s) => roundId(s) === id);
      if (same.some((s) => s.type === 'round-answered')) break; // answered: the answer decides
      const winner = minId(same);
      if (winner && winner.id < e.id) break; // one breach per round: the smallest id
      if (winner) addRound(into, winner, -1);
      addRound(into, e, 1);
      break;
    }
    case 'round-answered': {
      const id = roundId(e);
      const same = siblings.filter((s) => roundId(s) === id);
      addRound(into, e, 1);
      // the breach this answer replaces (none if another answer already replaced it)
      const winner = same.some((s) => s.type === 'round-answered') ? null : minId(same);
      if (winner) addRound(into, winner, -1);
      if (!e.graded) break;
      let first: RoundAnsweredEvent | null = null;
      for (const s of siblings) if (isFirstCandidate(s) && (!first || before(s, first))) first = s;
      if (!first) addFirst(into, e, 1);
      else if (before(e, first)) {
        addFirst(into, first, -1);
        addFirst(into, e, 1);
      }
      break;
    }
    case 'round-opened':
      break;
  }
  return into;
}

/** The rollup deltas of storing `e` (see `addEventDelta`), one per rollup key touched. */
export function deltasFor(e: KgEvent, siblings: readonly RoundEvent[] = []): Rollup[] {
  return [...addEventDelta(new Map(), e, siblings).values()];
}

/** Sums deltas per rollup key (one entry per key). */
export function mergeDeltas(deltas: Iterable<Rollup>, into = new Map<string, Rollup>()): Map<string, Rollup> {
  for (const d of deltas) {
    const known = into.get(d.key);
    if (known) addRollup(known, d);
    else into.set(d.key, cloneRollup(d));
  }
  return into;
}

/**
 * Rollups from raw events in one pass, computed directly (by round and by conversation-day), not
 * through `deltasFor`: the tests hold the two against each other. Duplicate ids count once.
 * Memory grows with the number of rounds, not of events (it is fed from a cursor on upgrade).
 */
export class RollupBuilder {
  private readonly seen = new Set<string>();
  private readonly rollups = new Map<string, Rollup>();
  /** Each round's answers and its breach (the smallest id, when several). */
  private readonly rounds = new Map<string, { answers: RoundAnsweredEvent[]; breach: BreachEvent | null }>();
  /** The first graded answer of each conversation per round day. */
  private readonly firsts = new Map<string, RoundAnsweredEvent>();

  add(e: KgEvent): void {
    if (this.seen.has(e.id)) return;
    this.seen.add(e.id);
    const r = this.at(e, localDay(e.t));
    r.events++;
    if (e.type === 'message') {
      if (e.from === 'customer') r.customerMessages++;
      else r.agentMessages++;
    } else if (e.type === 'violation') addViolation(r, e);
    else if (e.type === 'template-used') {
      r.templates[e.templateId] = (r.templates[e.templateId] ?? 0) + 1;
      r.templateUses++;
    } else if (isRoundEvent(e)) {
      const id = roundId(e);
      const round = this.rounds.get(id) ?? { answers: [], breach: null };
      this.rounds.set(id, round);
      if (e.type === 'round-answered') round.answers.push(e);
      else if (!round.breach || e.id < round.breach.id) round.breach = e;
      if (isFirstCandidate(e)) {
        const k = `${e.conv}|${roundDay(e)}`;
        const first = this.firsts.get(k);
        if (!first || before(e, first)) this.firsts.set(k, e);
      }
    }
  }

  addAll(events: Iterable<KgEvent>): this {
    for (const e of events) this.add(e);
    return this;
  }

  /** The rollups, by key. */
  result(): Map<string, Rollup> {
    const out = new Map<string, Rollup>();
    for (const [k, r] of this.rollups) out.set(k, cloneRollup(r));
    const at = (e: KgEvent, day: string) => rollupIn(out, e, day);
    const deciding: RoundEvent[] = [];
    for (const round of this.rounds.values()) {
      if (round.answers.length > 0) deciding.push(...round.answers);
      else if (round.breach) deciding.push(round.breach);
    }
    for (const e of deciding) {
      const r = at(e, roundDay(e));
      if (!e.graded) {
        r.ungraded++;
        continue;
      }
      r.rounds++;
      countHour(r, e, 1);
      if (e.type === 'breach') {
        r.unanswered++;
        continue;
      }
      r.answered++;
      if (e.inTime) r.inTime++;
      else r.answeredLate++;
      r.waitSumMs += e.waitMs;
      r.waitMaxMs = Math.max(r.waitMaxMs, e.waitMs);
      const b = waitBucket(e.waitMs);
      r.waitHist[b] = (r.waitHist[b] ?? 0) + 1;
    }
    for (const e of this.firsts.values()) {
      const r = at(e, roundDay(e));
      r.firstCount++;
      r.firstSumMs += e.waitMs;
    }
    return out;
  }

  private at(e: KgEvent, day: string): Rollup {
    return rollupIn(this.rollups, e, day);
  }
}

/** Rollups recomputed from raw events (see `RollupBuilder`). */
export function rollupsFromEvents(events: Iterable<KgEvent>): Map<string, Rollup> {
  return new RollupBuilder().addAll(events).result();
}

/** A rollup with nothing counted (all zero): kept out of comparisons and storage. */
export function isEmptyRollup(r: Rollup): boolean {
  return (
    COUNTS.every((k) => r[k] === 0) &&
    r.waitMaxMs === 0 &&
    r.waitHist.every((n) => n === 0) &&
    Object.keys(r.violations).length === 0 &&
    Object.keys(r.rules ?? {}).length === 0 &&
    (r.hours?.rounds ?? []).every((n) => n === 0) &&
    (r.hours?.inTime ?? []).every((n) => n === 0) &&
    Object.keys(r.templates).length === 0
  );
}

/** A request's event, checked before it is stored: ids, times and the fields rollups read. */
export function isKgEvent(x: unknown): x is KgEvent {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Partial<Record<string, unknown>>;
  if (
    typeof e.id !== 'string' ||
    e.id === '' ||
    typeof e.t !== 'number' ||
    !Number.isFinite(e.t) ||
    typeof e.console !== 'string' ||
    typeof e.platform !== 'string' ||
    typeof e.conv !== 'string' ||
    (e.agent !== undefined && typeof e.agent !== 'string') ||
    !EVENT_TYPES.has(e.type as KgEventType)
  )
    return false;
  switch (e.type as KgEventType) {
    case 'message':
      return e.from === 'customer' || e.from === 'agent';
    case 'round-opened':
      return typeof e.graded === 'boolean';
    case 'round-answered':
      return (
        typeof e.start === 'number' &&
        Number.isFinite(e.start) &&
        typeof e.waitMs === 'number' &&
        Number.isFinite(e.waitMs) &&
        typeof e.inTime === 'boolean' &&
        typeof e.graded === 'boolean'
      );
    case 'breach':
      return typeof e.start === 'number' && Number.isFinite(e.start) && typeof e.graded === 'boolean';
    case 'violation':
      return (
        typeof e.category === 'string' &&
        (e.action === 'warned' ||
          e.action === 'blocked' ||
          e.action === 'overridden' ||
          e.action === 'dismissed')
      );
    case 'template-used':
      return typeof e.templateId === 'string';
  }
}
