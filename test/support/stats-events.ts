/**
 * Stats events for the unit tests: the rounds a scripted thread produces through the real
 * response clock (mapped to events exactly as `ConsoleSession.emit` does), and seeded random
 * streams with every shape of round the content script sends.
 */
import { type ClockMessage, type ClockSettings, presetFor, RoundTracker } from '../../utils/clock';
import type { Platform } from '../../utils/consoles/types';
import type { KgEvent } from '../../utils/events';
import { hashString } from '../../utils/hash';
import type { RuleCategory } from '../../utils/rules/types';

/** Local epoch ms of a wall-clock time (tests stay right in any time zone). */
export const at = (y: number, mo: number, d: number, h: number, mi = 0, s = 0): number =>
  new Date(y, mo - 1, d, h, mi, s).getTime();

export interface Step {
  /** Epoch ms of the step. */
  time: number;
  /** A message appears in the thread (its console time is `time`). */
  from?: 'customer' | 'agent';
  /** The thread is read at this moment (after the message, if any). Default true. */
  read?: boolean;
}

export interface ScriptOptions {
  conv?: string;
  console?: string;
  platform?: Platform;
  agent?: string;
  settings?: ClockSettings;
  /** Tick the clock every second between steps (as the content script does while open). */
  ticks?: boolean;
}

/**
 * Runs a thread through the real `RoundTracker`, reading it at each step and ticking every second
 * in between (until `until`), and returns the events the content script would log for it.
 */
export function eventsFromScript(steps: readonly Step[], until: number, o: ScriptOptions = {}): KgEvent[] {
  const conv = o.conv ?? 'conv-1';
  const settings = o.settings ?? presetFor(o.platform ?? 'taobao');
  const tracker = new RoundTracker(settings);
  const messages: ClockMessage[] = [];
  const out: KgEvent[] = [];
  const base = (key: string) => ({
    id: hashString(`${o.console ?? 'demo'}|${conv}|${key}`),
    console: o.console ?? 'demo',
    platform: o.platform ?? 'taobao',
    conv: hashString(conv),
    ...(o.agent ? { agent: o.agent } : {}),
  });
  const emit = (events: ReturnType<RoundTracker['tick']>) => {
    for (const e of events) {
      const b = base(`${e.type}|${e.startId}`);
      if (e.type === 'round-opened') out.push({ ...b, type: e.type, t: e.start, graded: e.graded });
      else if (e.type === 'round-answered')
        out.push({
          ...b,
          type: e.type,
          t: e.end,
          start: e.start,
          waitMs: e.waitMs,
          inTime: e.inTime,
          graded: e.graded,
        });
      else
        out.push({ ...b, type: e.type, t: e.deadline, start: e.start, graded: e.graded, reason: e.reason });
    }
  };
  let now = steps[0]?.time ?? until;
  const tickTo = (to: number) => {
    if (o.ticks === false) return;
    for (let t = now + 1000; t < to; t += 1000) emit(tracker.tick(t));
  };
  steps.forEach((s, i) => {
    tickTo(s.time);
    now = s.time;
    if (s.from) {
      const id = `m${i}`;
      messages.push({ id, from: s.from, time: s.time });
      out.push({ ...base(`msg|${id}`), type: 'message', t: s.time, from: s.from });
    }
    if (s.read !== false) emit(tracker.update(conv, messages, s.time));
  });
  tickTo(until);
  return out;
}

/** A seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: RuleCategory[] = ['off-platform', 'attitude', 'ad-absolute', 'medical'];

/**
 * A random stream over `days` days from `day0` (local midnight, epoch ms): several agents,
 * consoles and conversations; rounds answered in time, answered late with and without a breach
 * first, breached and never answered, only opened, only answered (history), outside working
 * hours; messages, violations and templates. No duplicates (callers add them).
 */
export function randomEvents(seed: number, day0: number, days = 3, n = 400): KgEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: KgEvent[] = [];
  let seq = 0;
  const id = () => `e${seed}-${seq++}`;
  const who = [
    { console: 'demo', platform: 'taobao' as const },
    { console: 'feige', platform: 'douyin' as const },
  ];
  for (let i = 0; i < n; i++) {
    const where = pick(who);
    const agent = pick(['小王', '小李', undefined]);
    const conv = `c${Math.floor(r() * 12)}`;
    const base = { console: where.console, platform: where.platform, conv, ...(agent ? { agent } : {}) };
    const start = day0 + Math.floor(r() * days) * 86_400_000 + Math.floor(r() * 86_400_000);
    const graded = r() < 0.8;
    const wait = Math.floor(r() * 400_000);
    const inTime = wait < 180_000;
    const shape = r();
    if (shape < 0.5) {
      // one round, in one of the shapes the clock produces
      const kind = pick(['live', 'history', 'breach-answer', 'breach-only', 'opened-only', 'late-no-breach']);
      if (kind !== 'history')
        out.push({ ...base, id: id(), type: 'round-opened', t: start, graded } as KgEvent);
      if (kind === 'breach-answer' || kind === 'breach-only')
        out.push({
          ...base,
          id: id(),
          type: 'breach',
          t: start + 180_000,
          start,
          graded,
          reason: 'threshold',
        });
      if (kind === 'live' || kind === 'history' || kind === 'breach-answer' || kind === 'late-no-breach') {
        const w = kind === 'breach-answer' || kind === 'late-no-breach' ? 180_000 + wait : wait;
        out.push({
          ...base,
          id: id(),
          type: 'round-answered',
          t: start + w,
          start,
          waitMs: w,
          inTime: kind === 'live' || kind === 'history' ? inTime : false,
          graded,
        });
      }
    } else if (shape < 0.8) {
      out.push({ ...base, id: id(), type: 'message', t: start, from: pick(['customer', 'agent'] as const) });
    } else if (shape < 0.9) {
      const action = pick(['warned', 'blocked', 'overridden', 'dismissed'] as const);
      const finding = {
        ruleId: `r${Math.floor(r() * 5)}`,
        category: pick(CATEGORIES),
        severity: 'warn',
      } as const;
      // a send pushed through was held first (the guard logs both)
      if (action === 'overridden')
        out.push({ ...base, id: id(), type: 'violation', t: start, action: 'blocked', ...finding });
      out.push({ ...base, id: id(), type: 'violation', t: start, action, ...finding });
    } else {
      out.push({
        ...base,
        id: id(),
        type: 'template-used',
        t: start,
        templateId: `tpl-${Math.floor(r() * 14)}`,
        via: 'searched',
        msToInsert: 1200,
      });
    }
  }
  return out;
}

/** A seeded shuffle (a new array). */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}
