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

  test('a stalled run is run again: a pattern is slow only when every run over the string is', () => {
    /** A clock that moves 0.01 ms per reading, and `stalls` ms more at the given readings. */
    const clock = (stalls: (reading: number) => number) => {
      let t = 0;
      let reading = 0;
      return () => {
        t += 0.01 + stalls(reading++);
        return t;
      };
    };
    // readings go in pairs (start, end): one run's end stalls (a garbage collection, another process)
    expect(
      checkRegex(
        '1[3-9]\\d{9}',
        30,
        clock((n) => (n === 41 ? 100 : 0)),
      ),
    ).toBeNull();
    // two runs of the same string stall, the third does not: the fastest counts
    expect(
      checkRegex(
        '1[3-9]\\d{9}',
        30,
        clock((n) => (n === 41 || n === 43 ? 100 : 0)),
      ),
    ).toBeNull();
    // every run of every string is slow: refused at the first string, after three runs of it
    let readings = 0;
    const slow = checkRegex(
      '1[3-9]\\d{9}',
      30,
      clock((n) => {
        readings = n + 1;
        return n % 2 === 1 ? 100 : 0;
      }),
    );
    expect(slow).toEqual({ code: 'slow', ms: 100, sample: 9 });
    expect(readings).toBe(6);
  });

  test('the time check stops at the first slow string: a bad pattern costs little', () => {
    // O(n⁵): slow on a string of 64 characters here; the ladder goes on to 2,048
    const problem = checkRegex('.*.*.*.*.*=');
    expect(problem?.code).toBe('slow');
    expect(problem?.code === 'slow' && problem.sample).toBeLessThanOrEqual(257);
  });

  test.each([
    ['[', 'invalid'],
    ['(?<n>a)\\k<m>', 'invalid'],
    ['a'.repeat(501), 'too-long'],
  ])('%s → %s', (pattern, code) => {
    expect(checkRegex(pattern)?.code).toBe(code);
  });
});
