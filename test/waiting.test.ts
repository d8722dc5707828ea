import { describe, expect, test } from 'vitest';
import {
  longestFirst,
  mergeLongestFirst,
  nextToAnswer,
  sameEntries,
  type WaitingCustomer,
} from '../utils/waiting';
import { rng } from './support/stats-events';
import { customer } from './support/waiting';

describe('the waiting list', () => {
  test('longest first; the same start by conversation, whatever the order given', () => {
    const list = [
      customer({ conversation: 'b', since: 2 }),
      customer({ conversation: 'c', since: 1 }),
      customer({ conversation: 'a', since: 2 }),
    ];
    expect([...list].sort(longestFirst).map((c) => c.conversation)).toEqual(['c', 'a', 'b']);
    expect(
      [...list]
        .reverse()
        .sort(longestFirst)
        .map((c) => c.conversation),
    ).toEqual(['c', 'a', 'b']);
  });

  test('two parts merged as one sort of both would order them (open rounds first on the same start)', () => {
    const random = rng(3);
    for (let trial = 0; trial < 300; trial++) {
      const part = (tag: string) =>
        Array.from({ length: Math.floor(random() * 8) }, (_, i) =>
          customer({ conversation: `${tag}${i}`, since: Math.floor(random() * 5) }),
        ).sort(longestFirst);
      const rounds = part('r');
      const rows = part('w');
      const merged = mergeLongestFirst(rounds, rows);
      // a stable sort by start of the rounds followed by the rows
      const expected = [...rounds, ...rows].sort((x, y) => x.since - y.since);
      expect(merged).toEqual(expected);
    }
  });

  test('entries are the same only when every field shown is', () => {
    const a = [customer(), customer({ conversation: 'c2' })];
    expect(
      sameEntries(
        a,
        a.map((c) => ({ ...c })),
      ),
    ).toBe(true);
    const changes: Partial<WaitingCustomer>[] = [
      { conversation: 'x' },
      { nick: 'x' },
      { since: 1 },
      { state: 'warn' },
      { seconds: 1 },
      { label: '0:01' },
      { active: true },
      { estimated: true },
      { row: {} as Element },
    ];
    for (const change of changes)
      expect(sameEntries(a, [a[0] as WaitingCustomer, customer({ conversation: 'c2', ...change })])).toBe(
        false,
      );
    expect(sameEntries(a, a.slice(0, 1))).toBe(false);
  });

  test('next to answer: the longest waiting with a row, other than the open one', () => {
    const row = {} as Element;
    const open = customer({ conversation: 'open', since: 1, active: true, row });
    const rowless = customer({ conversation: 'rowless', since: 2, row: null });
    const next = customer({ conversation: 'next', since: 3, row });
    const later = customer({ conversation: 'later', since: 4, row });
    expect(nextToAnswer([open, rowless, next, later])?.conversation).toBe('next');
    expect(nextToAnswer([open, rowless])).toBeNull();
    expect(nextToAnswer([])).toBeNull();
  });
});
