import { describe, expect, test } from 'vitest';
import { buildAutomaton, RawHits, runAutomaton } from '../../utils/rules/automaton';
import { normalise, normaliseWithMap } from '../../utils/rules/normalise';

/** All occurrences as "key@start-end", sorted. */
function occurrences(keys: string[], text: string): string[] {
  const automaton = buildAutomaton(keys);
  const raw = new RawHits(2);
  runAutomaton(automaton, text, raw);
  const out: string[] = [];
  for (let i = 0; i < raw.count; i++) out.push(`${keys[raw.key[i] as number]}@${raw.start[i]}-${raw.end[i]}`);
  return out.sort();
}

function naive(keys: string[], text: string): string[] {
  const out: string[] = [];
  keys.forEach((key) => {
    for (let i = text.indexOf(key); i !== -1; i = text.indexOf(key, i + 1))
      out.push(`${key}@${i}-${i + key.length}`);
  });
  return out.sort();
}

/** A tiny seeded generator, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('Aho–Corasick automaton', () => {
  test('finds overlapping and nested keys (he/she/his/hers)', () => {
    const keys = ['he', 'she', 'his', 'hers'];
    expect(occurrences(keys, 'ushers')).toEqual(['he@2-4', 'hers@2-6', 'she@1-4']);
  });

  test('reports suffix outputs through dictionary links', () => {
    expect(occurrences(['最低价', '低价', '价'], '全网最低价')).toEqual(['价@4-5', '低价@3-5', '最低价@2-5']);
  });

  test('reports every key of a repeated text, and duplicate keys separately', () => {
    expect(occurrences(['哈哈', '哈哈'], '哈哈哈')).toEqual(['哈哈@0-2', '哈哈@0-2', '哈哈@1-3', '哈哈@1-3']);
  });

  test('agrees with a naive search on random texts', () => {
    const next = random(42);
    const alphabet = '微信加我好评返现最低价第一abc1';
    const pick = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const keys = [
        ...new Set(
          Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(1 + Math.floor(next() * 4))),
        ),
      ];
      const text = pick(Math.floor(next() * 60));
      expect(occurrences(keys, text), `${JSON.stringify(keys)} in ${text}`).toEqual(naive(keys, text));
    }
  });

  test('counts digits and Chinese numerals, and notes URL hints', () => {
    const automaton = buildAutomaton(['微信']);
    const raw = new RawHits();
    runAutomaton(automaton, '138一二三 abc', raw);
    expect(raw.digits).toBe(6);
    expect(raw.urlHint).toBe(false);
    runAutomaton(automaton, 'see www.abc.com', raw);
    expect(raw.urlHint).toBe(true);
    runAutomaton(automaton, '价格 13.8 元', raw);
    expect(raw.urlHint).toBe(false);
  });

  test('rejects keys that are not normalised', () => {
    expect(() => buildAutomaton([''])).toThrow(/empty/);
    expect(() => buildAutomaton(['a\uffffb'])).toThrow(/not normalised/);
  });

  test('maps offsets like the normalised text does, through separators, emoji and pairs', () => {
    const next = random(7);
    const pieces = [
      '微',
      '信',
      '加',
      '我',
      'ｖ',
      'Ｘ',
      'x',
      '𝐯',
      ' ',
      '-',
      '❤',
      '😀',
      '👍🏻',
      '\u200b',
      '，',
      '好',
      '評',
      '评',
      '1',
      '①',
      '\ud83d',
      '\ude00',
      '🅥',
    ];
    const keys = ['微信', 'vx', '加我微信', '好评', '信加', 'x', '1v', '评1'].map(normalise);
    for (let round = 0; round < 300; round++) {
      const text = Array.from(
        { length: Math.floor(next() * 30) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      const { text: normal, starts, ends } = normaliseWithMap(text);
      const expected: string[] = [];
      keys.forEach((key) => {
        for (let i = normal.indexOf(key); i !== -1; i = normal.indexOf(key, i + 1)) {
          expected.push(`${key}@${starts[i]}-${ends[i + key.length - 1]}`);
        }
      });
      expect(occurrences(keys, text), JSON.stringify(text)).toEqual(expected.sort());
    }
  });
});
