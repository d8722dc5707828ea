/** Regular expressions from packs: valid, and never able to freeze the page. */
import { describe, expect, test } from 'vitest';
import { checkRegex } from '../../utils/regex-safety';

describe('safe patterns pass', () => {
  test.each([
    '订单号[:：]?\\d{6,}',
    '1[3-9]\\d{9}',
    '(?:v|w)x?[:：]\\w{6,20}',
    '(?:\\d|-)+',
    '(ab|cd)+',
    '加(?:我|微)',
    '[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}',
    '^(?:退|换)货$',
    '(?<=不)退款',
    'a{2,}b',
  ])('%s', (pattern) => {
    expect(checkRegex(pattern)).toBeNull();
  });
});

describe('dangerous patterns are refused', () => {
  test.each([
    ['(a+)+', 'nested-quantifier'],
    ['(a*)*b', 'nested-quantifier'],
    ['(.*)*', 'nested-quantifier'],
    ['(x+x+)+y', 'nested-quantifier'],
    ['(\\w+\\s?)+$', 'nested-quantifier'],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'nested-quantifier'],
    ['(?:a+){2,}', 'nested-quantifier'],
    ['(a|a)*', 'overlapping-alternation'],
    ['(a|ab)+c', 'overlapping-alternation'],
    ['(a|)*', 'overlapping-alternation'],
    ['(\\d|[0-5])+x', 'overlapping-alternation'],
    ['(.|\\s)*=', 'overlapping-alternation'],
  ])('%s → %s', (pattern, code) => {
    expect(checkRegex(pattern)?.code).toBe(code);
  });

  test('what the shape check cannot see, the time check does (polynomial backtracking)', () => {
    const problem = checkRegex('.*.*.*.*=.*');
    expect(problem?.code).toBe('slow');
  });

  test('the time check stops at the first slow run: a bad pattern costs little', () => {
    const t0 = performance.now();
    checkRegex('.*.*.*.*.*=');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test.each([
    ['[', 'invalid'],
    ['(?<n>a)\\k<m>', 'invalid'],
    ['a'.repeat(501), 'too-long'],
  ])('%s → %s', (pattern, code) => {
    expect(checkRegex(pattern)?.code).toBe(code);
  });
});
