/** A `Storage` in memory (sessionStorage's calls), for the snapshot's tests. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  /** Every setItem and removeItem, in order (`set key` / `remove key`). */
  readonly calls: string[] = [];

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.calls.push(`set ${key}`);
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.calls.push(`remove ${key}`);
    this.items.delete(key);
  }
}
