/**
 * The console session's state kept across a reload, in the tab's session storage: first-seen
 * times and rounds (conversation and message ids, times; no message text).
 *
 * Kept by conversation, one storage entry each, beside one console-wide entry: a write rewrites
 * the conversations that changed since the last one, not the whole console's state. On the demo
 * console (100 conversations × 100 messages, ten threads read) the whole was ~173 K characters
 * and 4.6–15 ms per write; a write after one message is now ~0.3 ms (`npm run bench -- snapshot`).
 */

import { type ClockSettings, FirstSeenStore, RoundTracker, TimeResolver } from './clock';

/** What the session keeps (see `ConsoleSession`'s `persist` and `restore`). */
export interface SessionSnapshot {
  /** Console-wide (the rows first seen, the console clock's offsets). */
  global: unknown;
  /**
   * Conversations' parts: when written, those that changed (null: nothing left to keep); when
   * read, every one kept.
   */
  conversations: Map<string, unknown>;
}

/** The storage calls used (the tab's `sessionStorage`). */
export interface SnapshotStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Where the whole snapshot was kept before it was kept by conversation: read when there is nothing
 * newer (a reload after the extension was updated), replaced by the first write.
 */
const OLD_KEY = 'kefu-guard:session';
const GLOBAL_KEY = `${OLD_KEY}:g`;
const CONVERSATION_PREFIX = `${OLD_KEY}:c:`;

export interface SnapshotStore {
  /** Everything kept (null when nothing is: a first load, or storage refused). */
  read(): SessionSnapshot | null;
  /** Writes the console-wide part when it changed, and the conversations given. May throw (storage full). */
  write(snapshot: SessionSnapshot): void;
}

export function snapshotStore(storage: SnapshotStorage): SnapshotStore {
  /** The console-wide entry as last read or written (not written again unchanged). */
  let globalText: string | null = null;
  /** The whole snapshot read from the old entry: written by conversation with the first write. */
  let fromOld: SessionSnapshot | null = null;
  let oldRemoved = false;
  return {
    read() {
      try {
        const text = storage.getItem(GLOBAL_KEY);
        if (text === null) {
          fromOld = fromOldSnapshot(parseJson(storage.getItem(OLD_KEY)));
          return fromOld;
        }
        globalText = text;
        const conversations = new Map<string, unknown>();
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (!key?.startsWith(CONVERSATION_PREFIX)) continue;
          const part = parseJson(storage.getItem(key));
          if (part !== null) conversations.set(key.slice(CONVERSATION_PREFIX.length), part);
        }
        return { global: parseJson(text), conversations };
      } catch {
        // storage blocked (a sandboxed frame): nothing to restore
        return null;
      }
    },
    write({ global, conversations }) {
      // what came from the old entry and has not changed since is written as it was read
      for (const [id, part] of fromOld?.conversations ?? [])
        if (!conversations.has(id)) storage.setItem(CONVERSATION_PREFIX + id, JSON.stringify(part));
      fromOld = null;
      if (!oldRemoved) {
        storage.removeItem(OLD_KEY);
        oldRemoved = true;
      }
      const text = JSON.stringify(global);
      if (text !== globalText) {
        storage.setItem(GLOBAL_KEY, text);
        globalText = text;
      }
      for (const [id, part] of conversations)
        if (part === null || part === undefined) storage.removeItem(CONVERSATION_PREFIX + id);
        else storage.setItem(CONVERSATION_PREFIX + id, JSON.stringify(part));
    },
  };
}

/** JSON text's value (null for none, or for text that is not JSON). */
function parseJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The whole snapshot as kept before it was kept by conversation (its parts as JSON text: first-seen
 * times, rounds, rows), by conversation: a reload after the extension was updated loses nothing.
 */
function fromOldSnapshot(old: unknown): SessionSnapshot | null {
  const o = old as { times?: unknown; rounds?: unknown; rows?: unknown } | null;
  if (typeof o?.times !== 'string' && typeof o?.rounds !== 'string') return null;
  const text = (x: unknown) => (typeof x === 'string' ? x : null);
  const times = TimeResolver.parse(text(o.times));
  const conversations = new Map<string, ConversationPart>();
  for (const id of times.conversations()) conversations.set(id, { t: times.conversationState(id), r: null });
  const rounds = parseJson(text(o.rounds)) as { c?: unknown } | null;
  // a conversation of the rounds saved then reads as one saved now
  for (const c of Array.isArray(rounds?.c) ? rounds.c : []) {
    const id = (c as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') continue;
    conversations.set(id, { t: conversations.get(id)?.t ?? null, r: c });
  }
  const global: GlobalPart = { rows: parseJson(text(o.rows)), skew: times.skewSamples };
  return { global, conversations };
}

/** The console-wide part: the rows first seen, the console clock's offsets, the waits labels gave. */
interface GlobalPart {
  rows: unknown;
  skew: readonly number[];
  /** Conversations opened while waiting whose start their row's wait label gave: [id, since]. */
  labels?: unknown;
}

/** A conversation's part: its messages' times and its rounds. */
interface ConversationPart {
  t: unknown;
  r: unknown;
}

/** The session's state kept across a reload. */
export interface KeptState {
  times: TimeResolver;
  /** Null until a console is recognised (its platform gives the settings). */
  tracker: RoundTracker | null;
  /** Since when each unopened list row has shown unread messages. */
  rows: FirstSeenStore;
  /** Conversations opened while waiting, since when their row's wait label said they waited. */
  labelStarts: Map<string, number>;
}

/** What changed since the last call: the console-wide part, and the conversations whose times or rounds changed. */
export function takeSnapshot({ times, tracker, rows, labelStarts }: KeptState): SessionSnapshot {
  const conversations = new Map<string, ConversationPart | null>();
  for (const id of [...times.takeChanged(), ...(tracker?.takeChanged() ?? [])]) {
    if (conversations.has(id)) continue;
    const t = times.conversationState(id);
    const r = tracker?.conversationState(id) ?? null;
    conversations.set(id, t || r ? { t, r } : null);
  }
  const global: GlobalPart = { rows: rows.toJSON(), skew: times.skewSamples };
  if (labelStarts.size > 0) global.labels = [...labelStarts];
  return { global, conversations };
}

/** The label starts kept (pairs of a conversation id and a time; anything else is left out). */
function readLabels(raw: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(raw)) return out;
  for (const pair of raw)
    if (Array.isArray(pair) && typeof pair[0] === 'string' && Number.isFinite(pair[1]))
      out.set(pair[0], pair[1] as number);
  return out;
}

/** The times, rows and label starts an earlier page kept (fresh ones when it kept none), pruned against `now`. */
export function restoreTimes(
  snapshot: SessionSnapshot | null | undefined,
  now: number,
): Pick<KeptState, 'times' | 'rows' | 'labelStarts'> {
  const global = snapshot?.global as Partial<GlobalPart> | null | undefined;
  return {
    times: TimeResolver.restore(global?.skew, partsOf(snapshot, 't'), now),
    rows: FirstSeenStore.from(global?.rows, now),
    labelStarts: readLabels(global?.labels),
  };
}

/** The rounds an earlier page kept (an empty tracker when it kept none). */
export function restoreTracker(
  snapshot: SessionSnapshot | null | undefined,
  settings: ClockSettings,
): RoundTracker {
  return RoundTracker.restore(partsOf(snapshot, 'r'), settings);
}

function partsOf(snapshot: SessionSnapshot | null | undefined, which: keyof ConversationPart) {
  const out: [string, unknown][] = [];
  for (const [id, part] of snapshot?.conversations ?? [])
    out.push([id, (part as Partial<ConversationPart> | null)?.[which]]);
  return out;
}
