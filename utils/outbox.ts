/**
 * The content script's outbox: events wait here until the background acknowledges them.
 * A send that fails (the MV3 worker was stopped, the extension is reloading) keeps them for the
 * next attempt, so nothing is lost; the background's writes are idempotent by event id, so a
 * resend after a lost acknowledgement stores nothing twice.
 */
/**
 * How long the content script's first event of a quiet stretch waits for others: a send costs the
 * page ~0.2–0.4 ms whatever it carries, and the popup's figures are never more behind than this.
 */
export const EVENT_BATCH_MS = 2000;

export interface OutboxOptions {
  /** Delay before a batch goes out (collects bursts into one message). */
  delayMs?: number;
  /** Upper bound of the retry back-off. */
  maxBackoffMs?: number;
  maxBatch?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export class Outbox<T extends { id: string }> {
  private readonly queue = new Map<string, T>();
  private inFlight = false;
  private timer = false;
  private failures = 0;
  private readonly delayMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxBatch: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private closed = false;

  constructor(
    private readonly send: (items: T[]) => Promise<readonly string[]>,
    options: OutboxOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.maxBatch = options.maxBatch ?? 500;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  get pending(): number {
    return this.queue.size;
  }

  push(item: T): void {
    if (this.closed) return;
    this.queue.set(item.id, item);
    this.schedule(this.delayMs);
  }

  /** Stops scheduling (the content script's context was invalidated). */
  close(): void {
    this.closed = true;
  }

  /** Closes, giving up what waits (a batch in flight too: it may not be acknowledged now). */
  drain(): T[] {
    this.closed = true;
    const left = Array.from(this.queue.values());
    this.queue.clear();
    return left;
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return;
    this.timer = true;
    this.setTimer(() => {
      this.timer = false;
      void this.flush();
    }, ms);
  }

  /** Sends one batch of what waits; resolves when it was acknowledged or failed. */
  async flush(): Promise<void> {
    if (this.inFlight || this.queue.size === 0 || this.closed) return;
    this.inFlight = true;
    const batch = Array.from(this.queue.values()).slice(0, this.maxBatch);
    try {
      const acked = await this.send(batch);
      for (const id of acked) this.queue.delete(id);
      this.failures = 0;
    } catch {
      this.failures++;
    } finally {
      this.inFlight = false;
    }
    if (this.queue.size > 0) {
      const backoff = this.failures === 0 ? 0 : Math.min(this.maxBackoffMs, 100 * 2 ** this.failures);
      this.schedule(backoff);
    }
  }
}

/**
 * What a copy of the content script cut off by an update had not sent, left in the tab's session
 * storage for the copy that replaces it (ids and times, no text, as the session snapshot): events
 * the background never acknowledged are sent by the next copy, and ids it had stored count nothing
 * twice. Read once: taken, the entry is removed.
 */
const HANDOVER_KEY = 'kefu-guard:outbox';

export function handOver(storage: Pick<Storage, 'setItem'>, items: readonly unknown[]): void {
  if (items.length === 0) return;
  try {
    storage.setItem(HANDOVER_KEY, JSON.stringify(items));
  } catch {
    /* storage full or blocked: nothing more to do for them */
  }
}

export function takeOver<T>(
  storage: Pick<Storage, 'getItem' | 'removeItem'>,
  isItem: (x: unknown) => x is T,
): T[] {
  try {
    const text = storage.getItem(HANDOVER_KEY);
    if (text === null) return [];
    storage.removeItem(HANDOVER_KEY);
    const items: unknown = JSON.parse(text);
    return Array.isArray(items) ? items.filter(isItem) : [];
  } catch {
    return [];
  }
}
