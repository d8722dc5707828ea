/**
 * Where message times come from.
 *
 * - A console timestamp is used when there is one, but never later than when we first saw the
 *   message: a message cannot have been sent after it appeared, so a timestamp in the future
 *   (the console's clock runs ahead) is clamped and no wait is ever negative.
 * - Without a timestamp, the time is when the message was first seen. `FirstSeenStore` keeps those
 *   times so the content script can save them in sessionStorage: a reload does not restart a
 *   countdown.
 * - A timestamp older than first seen is trusted: history, and threads the agent opens late, are
 *   really that old, and underestimating a wait is the costly mistake. What we cannot tell from one
 *   message is a console clock that runs behind ours, so `TimeResolver` measures the offset on
 *   messages it sees arrive live (appended to the open thread, at most 3 at once, one sample per
 *   read). When the median of the last 5 samples (at least 3) is more than 5 minutes either way,
 *   the console's clock is not trusted and every message of that console is timed by first seen.
 * - A time that is only "first seen" for a message that did not arrive while we watched (history,
 *   or a thread opened after its messages came) is marked `estimated`: the round it starts is
 *   shown, counting from when we saw it, but not graded, since we cannot measure it.
 */
import type { Sender } from '../consoles/types';
import type { ClockMessage } from './rounds';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

/**
 * When each message (by key) was first seen, epoch ms. Oldest first; entries older than 24 h are
 * dropped as new ones come in, and the store keeps at most `maxEntries` (the oldest go first).
 */
export class FirstSeenStore {
  static readonly MAX_AGE_MS = DAY_MS;
  private readonly seen = new Map<string, number>();
  /** Before this time no entry is too old (the first kept entry's expiry): `see` need not prune. */
  private freshUntil = Number.NEGATIVE_INFINITY;
  private changes = 0;
  /** Told of each entry dropped as too old or beyond the cap (not of `forget`). */
  onDrop: ((key: string) => void) | null = null;

  constructor(readonly maxEntries = 5000) {}

  get size(): number {
    return this.seen.size;
  }

  /** Bumped by every entry added or dropped (what is saved has changed since a lower number). */
  get version(): number {
    return this.changes;
  }

  /** Every entry, oldest first. */
  entries(): IterableIterator<[string, number]> {
    return this.seen.entries();
  }

  /** Drops a key (its wait ended); seeing it again starts anew. */
  forget(key: string): void {
    if (this.seen.delete(key)) this.changes++;
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  get(key: string): number | undefined {
    return this.seen.get(key);
  }

  /** When `key` was first seen, recording `now` if it is new. */
  see(key: string, now: number): number {
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    this.seen.set(key, now);
    this.changes++;
    if (now >= this.freshUntil || this.seen.size > this.maxEntries) this.prune(now);
    return now;
  }

  /** Drops entries first seen more than 24 h before `now`, then the oldest beyond the cap. */
  prune(now: number): void {
    this.freshUntil = Number.NEGATIVE_INFINITY;
    for (const [key, t] of this.seen) {
      if (t >= now - FirstSeenStore.MAX_AGE_MS && this.seen.size <= this.maxEntries) {
        this.freshUntil = t + FirstSeenStore.MAX_AGE_MS;
        break;
      }
      this.seen.delete(key);
      this.changes++;
      this.onDrop?.(key);
    }
  }

  /** The store as JSON data (for sessionStorage; `from` reads it back). */
  toJSON(): { v: 1; e: [string, number][] } {
    return { v: 1, e: [...this.seen] };
  }

  /** Compact JSON for sessionStorage. */
  serialize(): string {
    return JSON.stringify(this.toJSON());
  }

  /** The store saved by `serialize` (pruned against `now` when given); anything unreadable gives an empty store. */
  static parse(text: string | null | undefined, now?: number, maxEntries?: number): FirstSeenStore {
    try {
      return FirstSeenStore.from(JSON.parse(text ?? ''), now, maxEntries);
    } catch {
      return new FirstSeenStore(maxEntries);
    }
  }

  /** The store `toJSON` gave (see `parse`). */
  static from(data: unknown, now?: number, maxEntries?: number): FirstSeenStore {
    const entries = (data as { v?: unknown; e?: unknown } | null)?.e;
    if ((data as { v?: unknown } | null)?.v !== 1 || !Array.isArray(entries))
      return new FirstSeenStore(maxEntries);
    return FirstSeenStore.fromEntries(entries, now, maxEntries);
  }

  /**
   * A store of `[key, time]` pairs in any order (the valid ones; pruned against `now` when given,
   * then to `maxEntries`, oldest first).
   */
  static fromEntries(entries: Iterable<unknown>, now?: number, maxEntries?: number): FirstSeenStore {
    const store = new FirstSeenStore(maxEntries);
    const valid: [string, number][] = [];
    for (const e of entries)
      if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number' && Number.isFinite(e[1]))
        valid.push([e[0], e[1]]);
    valid.sort((a, b) => a[1] - b[1]);
    for (const [k, t] of valid) store.seen.set(k, t);
    store.prune(now ?? Number.NEGATIVE_INFINITY);
    return store;
  }
}

/**
 * A message's time: the console's timestamp (clamped to first seen) when it has one and the
 * console's clock is trusted, else when it was first seen.
 */
export function resolveTime(consoleTime: number | null, firstSeen: number, consoleTrusted = true): number {
  if (!usable(consoleTime) || !consoleTrusted) return firstSeen;
  return Math.min(consoleTime, firstSeen);
}

/** A message as an adapter reads it: the console's time, if any. */
export interface TimedMessage {
  id: string;
  from: Sender;
  time: number | null;
}

const MAX_SAMPLES = 5;
const MIN_SAMPLES = 3;
const MAX_LIVE_BATCH = 3;

/**
 * Resolves the times of one console's messages (see the module comment). Keeps when each message
 * was first seen, which ones arrived while we watched (appended to the open thread, at most 3 in
 * one read), and the console clock's offset measured on those.
 */
export class TimeResolver {
  private lastConversation: string | null = null;
  private samples: number[] = [];
  /** Store keys of the last conversation's messages, by message id. */
  private readonly keys = new Map<string, string>();
  /** The last thread resolved, and what it resolved to. */
  private last: { messages: readonly TimedMessage[]; result: ClockMessage[]; trusted: boolean } | null = null;
  /** Conversations whose saved part changed since `takeChanged`. */
  private readonly changed = new Set<string>();

  constructor(
    readonly store: FirstSeenStore = new FirstSeenStore(),
    readonly maxSkewMs: number = DEFAULT_MAX_SKEW_MS,
    /** Keys of messages seen arriving live (time = when they arrived). */
    private readonly live: FirstSeenStore = new FirstSeenStore(store.maxEntries),
  ) {
    // a conversation whose old entries were dropped has changed too; a message no longer known
    // is no longer known to have arrived live
    const dropped = (key: string) => this.changed.add(key.slice(0, key.indexOf('|')));
    store.onDrop = (key) => {
      live.forget(key);
      dropped(key);
    };
    live.onDrop = dropped;
  }

  /** Median of (first seen − console time) over live messages, once there are enough; null before. */
  get skewMs(): number | null {
    if (this.samples.length < MIN_SAMPLES) return null;
    const s = [...this.samples].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  }

  /** False when the console's clock disagrees with ours by more than `maxSkewMs`. */
  get consoleTrusted(): boolean {
    const skew = this.skewMs;
    return skew === null || Math.abs(skew) <= this.maxSkewMs;
  }

  /**
   * The open thread of `conversation`, read at `now`, with resolved times. A message timed by
   * first seen that did not arrive while we watched is marked `estimated`.
   *
   * `thereBy`: the conversation's list row showed the customer waiting since then (it was just
   * opened). On the first read of its thread, or the first that shows any of its messages, those
   * not seen before that the console gives no time are taken as there by then, not first seen at
   * `now` (and estimated: we did not see them arrive): opening a waiting customer does not
   * restart the countdown.
   */
  resolve(
    conversation: string,
    messages: readonly TimedMessage[],
    now: number,
    thereBy?: number,
  ): ClockMessage[] {
    const sameThread = this.lastConversation === conversation;
    this.lastConversation = conversation;
    // the thread's keys are made once (each read of a long thread would otherwise make them all)
    if (!sameThread) this.keys.clear();
    const keys = this.keys;
    const key = (id: string) => {
      let k = keys.get(id);
      if (k === undefined) {
        k = `${conversation}|${id}`;
        keys.set(id, k);
      }
      return k;
    };
    const version = this.store.version + this.live.version;
    let lastKnown = -1;
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m && this.store.has(key(m.id))) {
        lastKnown = i;
        break;
      }
    }
    // the start of the thread resolved last time (the same message objects) is not resolved again
    const prev = sameThread ? this.last : null;
    let kept = 0;
    if (prev) {
      const n = Math.min(prev.messages.length, messages.length);
      while (kept < n && messages[kept] === prev.messages[kept]) kept++;
    }
    const seen: number[] = new Array(messages.length);
    const before = (!sameThread || lastKnown < 0) && thereBy !== undefined && thereBy < now ? thereBy : null;
    /** Messages first seen in this read that are taken as there by `before` (none arrived live). */
    let early: Set<string> | null = null;
    for (let i = kept; i < messages.length; i++) {
      const m = messages[i] as TimedMessage;
      const k = key(m.id);
      if (before !== null && !usable(m.time) && !this.store.has(k)) {
        seen[i] = this.store.see(k, before);
        early ??= new Set();
        early.add(k);
      } else seen[i] = this.store.see(k, now);
    }
    const appended = messages.length - 1 - lastKnown;
    if (sameThread && appended > 0 && appended <= MAX_LIVE_BATCH) {
      let sampled = false;
      for (let i = messages.length - 1; i > lastKnown; i--) {
        const m = messages[i];
        if (!m || early?.has(key(m.id))) continue;
        this.live.see(key(m.id), now);
        if (!sampled && usable(m.time)) {
          this.samples.push(now - m.time);
          if (this.samples.length > MAX_SAMPLES) this.samples.shift();
          sampled = true;
        }
      }
    }
    const trusted = this.consoleTrusted;
    // the console's clock trusted or not since: every time changes
    if (prev && prev.trusted !== trusted) kept = 0;
    const out: ClockMessage[] = prev && kept > 0 ? prev.result.slice(0, kept) : [];
    for (let i = kept; i < messages.length; i++) {
      const m = messages[i] as TimedMessage;
      const first = seen[i] ?? this.store.see(key(m.id), now);
      const time = resolveTime(m.time, first, trusted);
      const byConsole = trusted && usable(m.time);
      out.push(
        byConsole || this.live.has(key(m.id))
          ? { id: m.id, from: m.from, time }
          : { id: m.id, from: m.from, time, estimated: true },
      );
    }
    this.last = { messages, result: out, trusted };
    if (this.store.version + this.live.version !== version) this.changed.add(conversation);
    return out;
  }

  /** The console clock's last offsets measured (kept for the whole console). */
  get skewSamples(): readonly number[] {
    return this.samples;
  }

  /** The conversations whose saved part (`conversationState`) changed since the last call. */
  takeChanged(): string[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  /**
   * What is kept of one conversation across a reload: when its messages were first seen, and
   * which arrived live, as runs of one time (`[time, id, id…]`: a thread read at once shares one);
   * null when nothing is known of it.
   */
  conversationState(conversation: string): ResolverPart | null {
    const seen = runsOf(this.store, `${conversation}|`);
    const live = runsOf(this.live, `${conversation}|`);
    return seen.length === 0 && live.length === 0 ? null : { s: seen, l: live };
  }

  /** Everything, as JSON (one console's times). */
  serialize(): string {
    return JSON.stringify({
      v: 2,
      skew: this.samples,
      c: this.conversations().map((id) => [id, this.conversationState(id)]),
    });
  }

  /** The conversations it knows times of (a conversation id holding `|` may show as its start). */
  conversations(): string[] {
    const convs = new Set<string>();
    for (const [key] of this.store.entries()) convs.add(key.slice(0, key.indexOf('|')));
    for (const [key] of this.live.entries()) convs.add(key.slice(0, key.indexOf('|')));
    return [...convs];
  }

  /**
   * The resolver `serialize` saved (or, before the snapshot was kept by conversation, v1: the
   * stores as JSON text); anything unreadable gives a fresh resolver.
   */
  static parse(text: string | null | undefined, now?: number, maxSkewMs?: number): TimeResolver {
    let data: { v?: unknown; c?: unknown; skew?: unknown; seen?: unknown; live?: unknown } | null = null;
    try {
      data = JSON.parse(text ?? '');
    } catch {
      data = null;
    }
    if (data?.v === 1) {
      const store = (x: unknown) => FirstSeenStore.parse(typeof x === 'string' ? x : null, now);
      const resolver = new TimeResolver(store(data.seen), maxSkewMs, store(data.live));
      resolver.samples = skewOf(data.skew);
      return resolver;
    }
    if (data?.v !== 2 || !Array.isArray(data.c)) return new TimeResolver(undefined, maxSkewMs);
    return TimeResolver.restore(data.skew, pairs(data.c), now, maxSkewMs);
  }

  /** A resolver from the console-wide `skew` and conversations' parts (`conversationState`), as saved. */
  static restore(
    skew: unknown,
    parts: Iterable<[string, unknown]>,
    now?: number,
    maxSkewMs?: number,
  ): TimeResolver {
    const seen: [string, number][] = [];
    const live: [string, number][] = [];
    for (const [conversation, part] of parts) {
      const p = part as { s?: unknown; l?: unknown } | null;
      readRuns(p?.s, `${conversation}|`, seen);
      readRuns(p?.l, `${conversation}|`, live);
    }
    const store = FirstSeenStore.fromEntries(seen, now);
    const resolver = new TimeResolver(
      store,
      maxSkewMs,
      FirstSeenStore.fromEntries(live, now, store.maxEntries),
    );
    resolver.samples = skewOf(skew);
    return resolver;
  }
}

/** The console clock's offsets as saved (the valid ones, the last few). */
function skewOf(saved: unknown): number[] {
  return Array.isArray(saved)
    ? saved.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).slice(-MAX_SAMPLES)
    : [];
}

/** One conversation's first-seen times: runs of message ids seen at one time. */
export interface ResolverPart {
  s: (number | string)[][];
  l: (number | string)[][];
}

/** The entries of `store` whose keys start with `prefix`, oldest first, as `[time, id…]` runs. */
function runsOf(store: FirstSeenStore, prefix: string): (number | string)[][] {
  const runs: (number | string)[][] = [];
  let run: (number | string)[] | null = null;
  for (const [key, t] of store.entries()) {
    if (!key.startsWith(prefix)) continue;
    if (run?.[0] !== t) {
      run = [t];
      runs.push(run);
    }
    run.push(key.slice(prefix.length));
  }
  return runs;
}

/** Adds the valid `[key, time]` entries of saved runs to `out`. */
function readRuns(runs: unknown, prefix: string, out: [string, number][]): void {
  if (!Array.isArray(runs)) return;
  for (const run of runs) {
    if (!Array.isArray(run) || typeof run[0] !== 'number' || !Number.isFinite(run[0])) continue;
    for (let i = 1; i < run.length; i++) if (typeof run[i] === 'string') out.push([prefix + run[i], run[0]]);
  }
}

/** The `[string, value]` pairs of a saved list (others left out). */
export function pairs(list: readonly unknown[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const e of list) if (Array.isArray(e) && typeof e[0] === 'string') out.push([e[0], e[1]]);
  return out;
}

function usable(t: number | null | undefined): t is number {
  return typeof t === 'number' && Number.isFinite(t) && t > 0;
}
