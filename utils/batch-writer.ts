/**
 * Groups writes into batches: one `write` call (one IndexedDB transaction) per batch, flushed at
 * most `maxDelayMs` after the first item arrived or as soon as `maxBatch` items wait.
 * `add` resolves only once the batch holding its items is committed, so a sender that waits
 * for it can treat the resolution as the acknowledgement.
 */
export interface BatchWriterOptions {
  maxDelayMs?: number;
  maxBatch?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class BatchWriter<T> {
  private items: T[] = [];
  private waiters: Waiter[] = [];
  private timer: unknown = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    options: BatchWriterOptions = {},
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 250;
    this.maxBatch = options.maxBatch ?? 2000;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get pending(): number {
    return this.items.length;
  }

  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return this.writing;
    const done = new Promise<void>((resolve, reject) => {
      this.items.push(...items);
      this.waiters.push({ resolve, reject });
    });
    if (this.items.length >= this.maxBatch) void this.flush();
    else if (this.timer === null) this.timer = this.setTimer(() => void this.flush(), this.maxDelayMs);
    return done;
  }

  /** Writes everything waiting now (batches are written one after another, in order). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.items.length === 0) return this.writing;
    const batch = this.items;
    const waiters = this.waiters;
    this.items = [];
    this.waiters = [];
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => this.write(batch))
      .then(
        () => {
          for (const w of waiters) w.resolve();
        },
        (e: unknown) => {
          for (const w of waiters) w.reject(e);
        },
      );
    return this.writing;
  }
}
