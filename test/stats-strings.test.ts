import { describe, expect, test } from 'vitest';
import { formatDuration, formatPercent } from '../components/stats/strings';

describe("the popup's durations", () => {
  test.each([
    [45_000, 'zh-CN', '45秒'],
    [65_000, 'zh-CN', '1分05秒'],
    [2 * 3600_000 + 3 * 60_000, 'zh-CN', '2小时03分'],
    [86_399_000, 'zh-CN', '23小时59分'],
    [86_400_000, 'zh-CN', '1天'],
    // 98 h 50 min: a longest wait of days reads in days and hours, as its countdown did
    [(98 * 3600 + 50 * 60) * 1000, 'zh-CN', '4天2小时'],
    [45_000, 'en', '45s'],
    [65_000, 'en', '1m 05s'],
    [(98 * 3600 + 50 * 60) * 1000, 'en', '4d 2h'],
    [86_400_000, 'en', '1d'],
  ] as const)('%d ms in %s → %s', (ms, lang, text) => {
    expect(formatDuration(ms, lang)).toBe(text);
  });

  test('nothing, and nonsense, read as a dash; nothing is negative', () => {
    expect(formatDuration(null, 'zh-CN')).toBe('—');
    expect(formatDuration(Number.NaN, 'en')).toBe('—');
    expect(formatDuration(-3000, 'zh-CN')).toBe('0秒');
  });

  test('percentages keep one decimal but for 0 and 100', () => {
    expect(formatPercent(0.864)).toBe('86.4%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });
});
