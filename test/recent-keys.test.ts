import { describe, expect, test } from 'vitest';
import { RecentKeys } from '../utils/recent-keys';

describe('RecentKeys', () => {
  test('a key is new once, then known', () => {
    const keys = new RecentKeys(3);
    expect(keys.add('a')).toBe(true);
    expect(keys.add('a')).toBe(false);
    expect(keys.add('b')).toBe(true);
    expect(keys.size).toBe(2);
  });

  test('beyond the cap the key met longest ago is forgotten (and is new again)', () => {
    const keys = new RecentKeys(3);
    for (const k of ['a', 'b', 'c', 'd']) keys.add(k);
    expect(keys.size).toBe(3);
    // 'a' was dropped for 'd': met again, it is new (and 'b' goes for it)
    expect(keys.add('a')).toBe(true);
    expect(keys.add('c')).toBe(false);
    expect(keys.add('d')).toBe(false);
    expect(keys.add('b')).toBe(true);
  });

  test('a key met again is kept longest: the one met longest ago goes first', () => {
    const keys = new RecentKeys(3);
    for (const k of ['a', 'b', 'c']) keys.add(k);
    expect(keys.add('a')).toBe(false); // 'a' met again: now 'b' is the oldest
    keys.add('d');
    expect(keys.add('a')).toBe(false);
    expect(keys.add('c')).toBe(false);
    expect(keys.add('b')).toBe(true);
  });

  test('holds at most its cap over a long run', () => {
    const keys = new RecentKeys(1000);
    const key = (i: number) => `demo|c${i % 300}|m${i}`;
    for (let i = 0; i < 50_000; i++) keys.add(key(i));
    expect(keys.size).toBe(1000);
    // the last thousand are known, the one before them is not
    expect(keys.add(key(49_000))).toBe(false);
    expect(keys.add(key(48_999))).toBe(true);
    expect(keys.add(key(0))).toBe(true);
  });
});
