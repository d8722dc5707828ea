import { describe, expect, test } from 'vitest';
import { hashString, pseudonym } from '../utils/hash';

describe('hash', () => {
  test('stable, seed- and salt-dependent, not the input', () => {
    expect(hashString('tb_小鱼儿88')).toBe(hashString('tb_小鱼儿88'));
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(hashString('a', 1)).not.toBe(hashString('a', 2));
    expect(pseudonym('tb_小鱼儿88', 's1')).not.toBe(pseudonym('tb_小鱼儿88', 's2'));
    expect(pseudonym('tb_小鱼儿88', 's1')).not.toContain('小鱼儿');
  });

  test('few collisions over 100k similar ids', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(hashString(`demo|c${i % 50}|m${i}`));
    expect(seen.size).toBe(100_000);
  });
});
