/**
 * Keeps the session's snapshot (first-seen times, open rounds) where a reload finds it, at a cost
 * that does not follow the message rate. What a write costs follows what changed since the last
 * one (see utils/session-snapshot.ts: conversations are kept apart), but a write is still a
 * storage call, so it is not made per message: it is made when the page is left, hidden or frozen
 * (always before a reload, a navigation or a discard: nothing is lost then), and otherwise at most
 * once every `everyMs`, in idle time, only for a crash: a crashed tab loses at most that much.
 */
export interface SnapshotWriterOptions<T> {
  /** Stores the snapshot (session storage); may throw (full, blocked). */
  store: (snapshot: T) => void;
  /** The longest a change waits to be written while the page stays open. */
  everyMs?: number;
  /** Runs `fn` after `ms`, when the page is idle (the content script's context's timers). */
  later: (fn: () => void, ms: number) => void;
  /** Benchmarks: how long a write took. */
  measure?: (start: number) => void;
}

export interface SnapshotWriter<T> {
  /** The snapshot changed: `read` gives it when it is written. */
  note(read: () => T): void;
  /** Writes what changed now (the page is being left). */
  flush(): void;
}

export const SNAPSHOT_EVERY_MS = 30_000;

export function snapshotWriter<T>(options: SnapshotWriterOptions<T>): SnapshotWriter<T> {
  const { store, everyMs = SNAPSHOT_EVERY_MS, later, measure } = options;
  let pending: (() => T) | null = null;
  let scheduled = false;
  const flush = () => {
    if (!pending) return;
    const read = pending;
    pending = null;
    const start = performance.now();
    try {
      store(read());
    } catch {
      /* storage full or blocked: the state still holds for this page */
    }
    measure?.(start);
  };
  return {
    note(read) {
      pending = read;
      if (scheduled) return;
      scheduled = true;
      later(() => {
        scheduled = false;
        flush();
      }, everyMs);
    },
    flush,
  };
}
