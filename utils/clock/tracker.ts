/**
 * Follows the rounds of every conversation of one console and says what changed.
 *
 * Feed it each read of the open thread (`update`) and a tick every second (`tick`); it returns
 * events once each: a round opened, answered, or past its deadline while still open. It is
 * idempotent (the same messages again, a re-render, or a reload with the state from `serialize`
 * give no new events) and cheap: when a thread only grew at the end, only the new messages are
 * read; any other change (a conversation re-rendered, older history loaded above) is recomputed
 * and matched to what is known by the id of each round's first message. Pure: no timers, no DOM.
 */

import { pairs } from './first-seen';
import { answerRound, type ClockMessage, openRound, type Round, roundDeadline } from './rounds';
import type { ClockSettings } from './settings';
import { type WaitState, waitState } from './wait';
import { localDayBounds } from './window';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ClockEvent =
  | {
      type: 'round-opened';
      conversation: string;
      startId: string;
      start: number;
      deadline: number;
      graded: boolean;
    }
  | {
      type: 'round-answered';
      conversation: string;
      startId: string;
      start: number;
      answerId: string;
      end: number;
      waitMs: number;
      inTime: boolean;
      graded: boolean;
    }
  | {
      type: 'breach';
      conversation: string;
      startId: string;
      start: number;
      /** When it failed: `start + breachSeconds`, or the window's close (`reason: 'window-closed'`). */
      deadline: number;
      graded: boolean;
      reason: 'threshold' | 'window-closed';
    };

export interface Waiting extends WaitState {
  conversation: string;
  startId: string;
  since: number;
  deadline: number;
  graded: boolean;
  /** Its start is only estimated (see `Round.estimated`). */
  estimated: boolean;
}

interface Tracked {
  round: Round;
  /** The breach event was emitted. */
  breached: boolean;
}

interface Conv {
  firstId: string | null;
  lastId: string | null;
  count: number;
  /** Every round known, by its first message's id. */
  rounds: Map<string, Tracked>;
  open: Tracked | null;
  touched: number;
}

export class RoundTracker {
  private readonly convs = new Map<string, Conv>();
  private lastPrune = Number.NEGATIVE_INFINITY;
  private lastNow = Number.NEGATIVE_INFINITY;
  /**
   * Bumped whenever what the breach count reads may have changed: a round opened, answered,
   * recomputed, breached, re-graded or forgotten (not a customer asking again in an open round,
   * nor a second passing: a deadline passing is kept apart, as `until`). The kept count is then
   * counted again.
   */
  private version = 0;
  private breached: { version: number; at: number; until: number; count: number } | null = null;
  /** The local day last asked about (its bounds take several local-time conversions). */
  private day = { from: Number.POSITIVE_INFINITY, to: Number.NEGATIVE_INFINITY };
  /** Conversations whose saved part (`conversationState`) changed since `takeChanged`. */
  private readonly changed = new Set<string>();

  constructor(private settings: ClockSettings) {}

  /**
   * A read of `conversation`'s thread (page order, resolved times) at `now`. Returns what is new:
   * rounds opened, rounds answered (also history from the last 24 h: a round first seen already
   * answered, or opened and answered within one read, has no `round-opened`) and breaches. An
   * empty list is taken as "not rendered yet" and changes nothing.
   */
  update(conversation: string, messages: readonly ClockMessage[], now: number): ClockEvent[] {
    this.lastNow = now;
    const events: ClockEvent[] = [];
    const n = messages.length;
    let c = this.convs.get(conversation);
    if (!c) {
      c = { firstId: null, lastId: null, count: 0, rounds: new Map(), open: null, touched: now };
      this.convs.set(conversation, c);
    }
    c.touched = now;
    this.changed.add(conversation);
    if (n > 0) {
      const grew =
        c.count > 0 &&
        n >= c.count &&
        messages[0]?.id === c.firstId &&
        messages[c.count - 1]?.id === c.lastId;
      if (grew) {
        for (let i = c.count; i < n; i++) this.step(conversation, c, messages[i], now, events);
        dropOpenedAndAnswered(events);
      } else this.recompute(conversation, c, messages, now, events);
      c.firstId = messages[0]?.id ?? null;
      c.lastId = messages[n - 1]?.id ?? null;
      c.count = n;
    }
    if (c.open) this.checkBreach(conversation, c.open, now, events);
    return events;
  }

  /** Breaches of open rounds whose deadline has come (call once a second). */
  tick(now: number): ClockEvent[] {
    this.lastNow = now;
    const events: ClockEvent[] = [];
    for (const [id, c] of this.convs) if (c.open) this.checkBreach(id, c.open, now, events);
    if (now - this.lastPrune >= 60_000) this.prune(now);
    return events;
  }

  /**
   * Open rounds, longest waiting first, as they stand at `now`. A round opened after `now` (and
   * no later than `upTo`: the countdowns may show an earlier second than the present) shows as
   * just opened; one that opens later still (a console clock ahead) shows its time to the deadline.
   */
  waiting(now: number, upTo = now): Waiting[] {
    const out: Waiting[] = [];
    for (const [conversation, c] of this.convs) {
      const r = c.open?.round;
      if (!r) continue;
      out.push({
        conversation,
        startId: r.startId,
        since: r.start,
        deadline: r.deadline,
        graded: r.graded,
        estimated: r.estimated,
        ...waitState(r.start, r.start > now ? Math.min(r.start, upTo) : now, this.settings, r.deadline),
      });
    }
    return out.sort((a, b) => a.since - b.since || (a.conversation < b.conversation ? -1 : 1));
  }

  /** Graded rounds that failed today (local day of `now`): answered late, or still unanswered past their deadline. */
  breachedToday(now: number): number {
    // the count changes only when rounds change, a deadline passes or the day ends: kept till then
    const known = this.breached;
    if (known && known.version === this.version && now >= known.at && now < known.until) return known.count;
    if (now < this.day.from || now >= this.day.to) this.day = localDayBounds(now);
    const { from, to } = this.day;
    let count = 0;
    let until = to;
    for (const c of this.convs.values())
      for (const { round: r } of c.rounds.values()) {
        if (!r.graded || r.deadline < from || r.deadline >= to) continue;
        if (r.deadline > now) {
          until = Math.min(until, r.deadline);
          continue;
        }
        if (r.end === null ? c.open?.round === r : r.inTime === false) count++;
      }
    this.breached = { version: this.version, at: now, until, count };
    return count;
  }

  /** Every known round of `conversation`, oldest first. */
  rounds(conversation: string): Round[] {
    const c = this.convs.get(conversation);
    return c ? [...c.rounds.values()].map((t) => ({ ...t.round })).sort((a, b) => a.start - b.start) : [];
  }

  /** All known rounds (for the response rate). */
  allRounds(): Round[] {
    return [...this.convs.keys()].flatMap((id) => this.rounds(id));
  }

  /** New settings: open rounds not yet breached are re-graded; decided rounds keep their grade. */
  setSettings(settings: ClockSettings): void {
    this.version++;
    this.settings = settings;
    for (const [id, c] of this.convs) {
      const t = c.open;
      if (!t || t.breached) continue;
      this.changed.add(id);
      t.round = { ...t.round, ...roundDeadline(t.round.start, settings, t.round.estimated) };
    }
  }

  /** Forgets answered rounds that started more than 24 h ago and conversations idle as long. */
  prune(now: number): void {
    this.lastPrune = now;
    const horizon = now - DAY_MS;
    for (const [id, c] of this.convs) {
      for (const [key, t] of c.rounds)
        if (t.round.end !== null && t.round.start < horizon) {
          c.rounds.delete(key);
          this.version++;
          this.changed.add(id);
        }
      if (c.rounds.size === 0 && c.touched < horizon) {
        this.convs.delete(id);
        this.changed.add(id);
      }
    }
  }

  private step(
    conversation: string,
    c: Conv,
    m: ClockMessage | undefined,
    now: number,
    events: ClockEvent[],
  ): void {
    if (!m) return;
    if (m.from === 'customer') {
      if (c.open) c.open.round.asked++;
      else {
        this.version++;
        c.open = this.ingest(conversation, c, openRound(m, this.settings), now, events);
      }
    } else if (m.from === 'agent' && c.open) {
      this.version++;
      this.ingest(conversation, c, answerRound(c.open.round, m), now, events);
      c.open = null;
    }
  }

  private recompute(
    conversation: string,
    c: Conv,
    messages: readonly ClockMessage[],
    now: number,
    events: ClockEvent[],
  ): void {
    this.version++;
    c.open = null;
    let open: Round | null = null;
    for (const m of messages) {
      if (m.from === 'customer') {
        if (open) open.asked++;
        else open = openRound(m, this.settings);
      } else if (m.from === 'agent' && open) {
        this.ingest(conversation, c, answerRound(open, m), now, events);
        open = null;
      }
    }
    if (open) c.open = this.ingest(conversation, c, open, now, events);
  }

  /**
   * Records a round as computed now and emits what is new about it. Returns the tracked round if
   * it is still open, else null. Known rounds keep their first start and deadline; answered ones
   * never reopen.
   */
  private ingest(conversation: string, c: Conv, r: Round, now: number, events: ClockEvent[]): Tracked | null {
    const known = c.rounds.get(r.startId);
    if (!known) {
      if (r.end !== null && r.start < now - DAY_MS) return null;
      const t: Tracked = { round: r, breached: false };
      c.rounds.set(r.startId, t);
      if (r.end === null) {
        events.push({
          type: 'round-opened',
          conversation,
          startId: r.startId,
          start: r.start,
          deadline: r.deadline,
          graded: r.graded,
        });
        return t;
      }
      events.push(answered(conversation, r));
      return null;
    }
    const k = known.round;
    if (k.end !== null) return null;
    if (r.end === null) {
      if (r.asked > k.asked) known.round = { ...k, asked: r.asked };
      return known;
    }
    // Answered now: measured from the start we already had (the countdown the agent saw).
    const end = Math.max(r.end, k.start);
    known.round = {
      ...k,
      asked: Math.max(k.asked, r.asked),
      end,
      answerId: r.answerId,
      waitMs: end - k.start,
      inTime: end < k.deadline,
    };
    events.push(answered(conversation, known.round));
    return null;
  }

  private checkBreach(conversation: string, t: Tracked, now: number, events: ClockEvent[]): void {
    const r = t.round;
    if (r.end !== null || t.breached || now < r.deadline) return;
    this.version++;
    this.changed.add(conversation);
    t.breached = true;
    t.round = { ...r, inTime: false };
    events.push({
      type: 'breach',
      conversation,
      startId: r.startId,
      start: r.start,
      deadline: r.deadline,
      graded: r.graded,
      reason: r.deadline < r.start + this.settings.breachSeconds * 1000 ? 'window-closed' : 'threshold',
    });
  }

  /** The conversations whose saved part (`conversationState`) changed since the last call. */
  takeChanged(): string[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  /**
   * What is kept of one conversation across a reload (`restore` reads it back): where its thread
   * stood and its rounds, each as an array; null when it is not known (never seen, or forgotten).
   */
  conversationState(conversation: string): TrackerPart | null {
    const c = this.convs.get(conversation);
    if (!c) return null;
    const rounds: SavedRound[] = [];
    for (const { round, breached } of c.rounds.values())
      rounds.push(roundFields({ ...round, b: breached }) as SavedRound);
    return {
      f: c.firstId,
      l: c.lastId,
      n: c.count,
      t: c.touched,
      o: c.open?.round.startId ?? null,
      r: rounds,
    };
  }

  /** The tracker's state as JSON (answered rounds older than 24 h left out), for sessionStorage. */
  serialize(): string {
    if (Number.isFinite(this.lastNow)) this.prune(this.lastNow);
    return JSON.stringify({ v: 2, c: [...this.convs.keys()].map((id) => [id, this.conversationState(id)]) });
  }

  /** A tracker restored from `serialize`; anything unreadable gives an empty tracker. */
  static parse(text: string | null | undefined, settings: ClockSettings): RoundTracker {
    try {
      const data = JSON.parse(text ?? '') as { v?: unknown; c?: unknown };
      if (data?.v !== 2 || !Array.isArray(data.c)) return new RoundTracker(settings);
      return RoundTracker.restore(pairs(data.c), settings);
    } catch {
      return new RoundTracker(settings);
    }
  }

  /**
   * A tracker from conversations' saved parts (`conversationState`; a conversation as saved before
   * the snapshot was kept by conversation reads the same); unreadable parts are left out.
   */
  static restore(parts: Iterable<[string, unknown]>, settings: ClockSettings): RoundTracker {
    const tracker = new RoundTracker(settings);
    for (const [id, part] of parts) {
      const raw = part as Partial<TrackerPart> | null;
      if (!raw || !Array.isArray(raw.r)) continue;
      const c: Conv = {
        firstId: typeof raw.f === 'string' ? raw.f : null,
        lastId: typeof raw.l === 'string' ? raw.l : null,
        count: typeof raw.n === 'number' && Number.isInteger(raw.n) && raw.n > 0 ? raw.n : 0,
        rounds: new Map(),
        open: null,
        touched: typeof raw.t === 'number' ? raw.t : 0,
      };
      for (const saved of raw.r) {
        const round = savedRound(saved);
        if (!round) continue;
        const t: Tracked = { round, breached: roundFields(saved)?.[10] === 1 };
        c.rounds.set(round.startId, t);
        if (round.startId === raw.o && round.end === null) c.open = t;
      }
      if (c.count === 0) c.firstId = c.lastId = null;
      tracker.convs.set(id, c);
    }
    return tracker;
  }
}

/** A round saved: startId, start, asked, end, answerId, waitMs, graded, estimated, deadline, inTime, breached. */
type SavedRound = [
  string,
  number,
  number,
  number | null,
  string | null,
  number | null,
  0 | 1,
  0 | 1,
  number,
  0 | 1 | null,
  0 | 1,
];

/** One conversation as saved: its thread's first and last ids and length, when last read, its open round and rounds. */
export interface TrackerPart {
  f: string | null;
  l: string | null;
  n: number;
  t: number;
  o: string | null;
  r: SavedRound[];
}

function savedRound(saved: unknown): Round | null {
  const fields = roundFields(saved);
  if (!fields) return null;
  const [startId, start, asked, end, answerId, waitMs, graded, estimated, deadline, inTime] = fields;
  if (typeof startId !== 'string') return null;
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const numOrNull = (x: unknown): x is number | null => x === null || num(x);
  if (!num(start) || !num(deadline) || !numOrNull(end) || !numOrNull(waitMs)) return null;
  return {
    startId,
    start,
    asked: num(asked) ? asked : 1,
    end,
    answerId: typeof answerId === 'string' ? answerId : null,
    waitMs,
    graded: graded === 1,
    estimated: estimated === 1,
    deadline,
    inTime: inTime === 1 ? true : inTime === 0 ? false : null,
  };
}

/**
 * A round's fields in `SavedRound`'s order: an array as saved, or an object (a round with `b` for
 * breached: as kept in memory, and as saved before the snapshot was kept by conversation).
 */
function roundFields(saved: unknown): readonly unknown[] | null {
  if (Array.isArray(saved)) return saved;
  if (typeof saved !== 'object' || saved === null) return null;
  const r = saved as Partial<Record<keyof Round | 'b', unknown>>;
  const flag = (x: unknown) => (x === true ? 1 : x === false ? 0 : x);
  return [
    r.startId,
    r.start,
    r.asked,
    r.end,
    r.answerId,
    r.waitMs,
    flag(r.graded),
    flag(r.estimated),
    r.deadline,
    r.inTime === undefined ? null : flag(r.inTime),
    flag(r.b),
  ];
}

/** A round opened and answered within one read is reported as answered only (like history). */
function dropOpenedAndAnswered(events: ClockEvent[]): void {
  const answeredIds = new Set(events.filter((e) => e.type === 'round-answered').map((e) => e.startId));
  if (answeredIds.size === 0) return;
  const kept = events.filter((e) => e.type !== 'round-opened' || !answeredIds.has(e.startId));
  events.splice(0, events.length, ...kept);
}

function answered(conversation: string, r: Round): ClockEvent {
  return {
    type: 'round-answered',
    conversation,
    startId: r.startId,
    start: r.start,
    answerId: r.answerId ?? '',
    end: r.end ?? r.start,
    waitMs: r.waitMs ?? 0,
    inTime: r.inTime === true,
    graded: r.graded,
  };
}
