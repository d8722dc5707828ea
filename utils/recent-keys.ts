/**
 * Keys met lately, at most `max` of them: noting one more forgets the one met longest ago. For
 * "done already" checks that may forget what is old because what they guard is idempotent (a
 * message logged twice is stored once: the background's writes go by event id), so that a
 * console left open for days holds a bounded set, not every message it ever showed.
 */
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.keys.size;
  }

  /** Notes `key` as met now; false when it was noted before (and not forgotten since). */
  add(key: string): boolean {
    const known = this.keys.delete(key);
    this.keys.add(key);
    if (!known && this.keys.size > this.max)
      for (const oldest of this.keys) {
        this.keys.delete(oldest);
        break;
      }
    return !known;
  }
}
