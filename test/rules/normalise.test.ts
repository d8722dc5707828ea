import { describe, expect, test } from 'vitest';
import { expandEvasions } from '../../utils/rules/evasions';
import {
  astralUnit,
  DOT,
  foldWidth,
  HIGH_SURROGATE,
  NORM,
  normalise,
  normaliseWithMap,
  PHONE_DIGIT,
  SKIP,
} from '../../utils/rules/normalise';

describe('normalise', () => {
  test.each([
    ['ＶＸ', 'vx'],
    ['WeChat', 'wechat'],
    ['Ｑ Ｑ', 'qq'],
    ['微 信', '微信'],
    ['微-信', '微信'],
    ['微_信', '微信'],
    ['微.信', '微信'],
    ['微*信', '微信'],
    ['微~信', '微信'],
    ['微·信', '微信'],
    ['微\u200b信', '微信'],
    ['微❤信', '微信'],
    ['微❤️信', '微信'],
    ['微😀信', '微信'],
    ['微👍🏻信', '微信'],
    ['「最」好', '最好'],
    ['【微】【信】', '微信'],
    ['發票', '发票'],
    ['退換貨', '退换货'],
    ['國家級', '国家级'],
    ['開發票', '开发票'],
    ['①③⑧', '138'],
    ['❶❸❽', '138'],
    ['１３８', '138'],
    ['𝐯𝐱', 'vx'],
    ['🅥🅧', 'vx'],
    ['Ѵх', 'vx'],
    ['+V', '加v'],
    ['１００％', '100%'],
    ['café', 'cafe'],
    ['你好，在吗？', '你好,在吗?'],
    ['一三八', '一三八'],
    ['第一', '第一'],
  ])('%s → %s', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  test('the table is idempotent', () => {
    for (let c = 0; c < 0x10000; c++) {
      const n = NORM[c] as number;
      if (n === SKIP || n === DOT || n === HIGH_SURROGATE) continue;
      expect(NORM[n], `U+${c.toString(16)}`).toBe(n);
    }
  });

  test('high surrogates ask for decoding, lone low surrogates are skipped', () => {
    expect(NORM[0xd83d]).toBe(HIGH_SURROGATE);
    expect(NORM[0xde00]).toBe(SKIP);
    expect(normalise('微\ude00信')).toBe('微信');
    expect(normalise('微\ud83d信')).toBe('微信');
  });

  test('astral units: emoji skipped, maths letters folded, other characters opaque', () => {
    expect(astralUnit(0x1f600)).toBe(-1);
    expect(astralUnit(0x1d42f)).toBe(0x76); // 𝐯
    expect(astralUnit(0x1d7cf)).toBe(0x31); // 𝟏
    expect(astralUnit(0x20000)).toBe(0); // 𠀀 (CJK extension B)
  });

  test('maps every normalised unit back to the original', () => {
    const text = 'Ａ微 😀信B';
    const { text: normal, starts, ends } = normaliseWithMap(text);
    expect(normal).toBe('a微信b');
    expect(Array.from(starts)).toEqual([0, 1, 5, 6]);
    expect(Array.from(ends)).toEqual([1, 2, 6, 7]);
  });

  test('phone digits: ASCII, full-width, circled and Chinese numerals', () => {
    const digits = (s: string) => Array.from(s, (ch) => PHONE_DIGIT[ch.charCodeAt(0)]);
    expect(digits('1８③一幺〇零贰陸')).toEqual([1, 8, 3, 1, 1, 0, 0, 2, 6]);
    expect(PHONE_DIGIT['a'.charCodeAt(0)]).toBe(-1);
    expect(PHONE_DIGIT['十'.charCodeAt(0)]).toBe(-1);
  });

  test('foldWidth keeps offsets', () => {
    expect(foldWidth('ｗｗｗ．ａｂｃ．ｃｏｍ')).toBe('www.abc.com');
    expect(foldWidth('微信')).toBe('微信');
  });
});

describe('evasive spellings', () => {
  test('expand a phrase with its homophones', () => {
    const spellings = expandEvasions('加微信');
    expect(spellings).toEqual(
      expect.arrayContaining(['加微信', '加薇信', '加威信', '加徽信', '加危信', '加v信']),
    );
  });

  test('a short key alone is not expanded unless marked', () => {
    expect(expandEvasions('qq')).toEqual(['qq']);
    expect(expandEvasions('qq号')).toContain('扣扣号');
    expect(expandEvasions('微信')).toContain('薇信');
  });

  test('spellings stay bounded', () => {
    expect(expandEvasions('微信微信微信支付宝手机好评返现红包').length).toBeLessThanOrEqual(64);
  });
});
