/**
 * Groups writes into batches, one `write` call (one IndexedDB transaction) per batch, as a
 * group commit: what arrives while the writer is idle goes out at the end of the current task;
 * what arrives while a batch is being written waits for it and goes out together right after.
 * So a burst costs few transactions and no event waits for a timer (never longer than the write
 * before it). `add` resolves only once the batch holding its items is committed, so a sender that
 * waits for it can treat the resolution as the acknowledgement.
 */
export interface BatchWriterOptions {
  /** Most items in one write (a bigger backlog is written in several batches, in order). */
  maxBatch?: number;
}

interface Pending<T> {
  items: readonly T[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class BatchWriter<T> {
  private queue: Pending<T>[] = [];
  private queued = 0;
  private busy: Promise<void> | null = null;
  private scheduled = false;
  private readonly maxBatch: number;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    options: BatchWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 2000;
  }

  get pending(): number {
    return this.queued;
  }

  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queued += items.length;
    });
    if (!this.busy && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
    return done;
  }

  /** Writes everything waiting (after the batch in flight, if any); resolves when all is written. */
  async flush(): Promise<void> {
    while (this.busy) await this.busy.catch(() => undefined);
    while (this.queue.length > 0) {
      const take: Pending<T>[] = [];
      let n = 0;
      while (
        this.queue.length > 0 &&
        (take.length === 0 || n + (this.queue[0]?.items.length ?? 0) <= this.maxBatch)
      ) {
        const p = this.queue.shift() as Pending<T>;
        take.push(p);
        n += p.items.length;
      }
      this.queued -= n;
      const batch = take.flatMap((p) => p.items);
      this.busy = this.write(batch);
      try {
        await this.busy;
        for (const p of take) p.resolve();
      } catch (e) {
        for (const p of take) p.reject(e);
      } finally {
        this.busy = null;
      }
    }
  }
}
