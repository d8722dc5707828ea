import { describe, expect, test } from 'vitest';
import { BreachAlerts } from '../utils/breach-alerts';
import type { WaitingCustomer } from '../utils/console-session';

const w = (
  conversation: string,
  state: WaitingCustomer['state'],
  seconds: number,
  since = 1,
): WaitingCustomer => ({
  conversation,
  nick: conversation,
  since,
  state,
  seconds,
  label: '',
  estimated: false,
  active: false,
  row: null,
});

describe('BreachAlerts', () => {
  test('alerts once per wait, from 20 s before the breach, never after it', () => {
    const a = new BreachAlerts();
    expect(a.due([w('a', 'warn', 21)])).toEqual([]);
    expect(a.due([w('a', 'warn', 20)]).map((x) => x.conversation)).toEqual(['a']);
    expect(a.due([w('a', 'warn', 12)])).toEqual([]);
    expect(a.due([w('b', 'breach', 5)])).toEqual([]);
  });

  test('a new wait of the same customer alerts again', () => {
    const a = new BreachAlerts();
    expect(a.due([w('a', 'warn', 10, 1)])).toHaveLength(1);
    expect(a.due([])).toEqual([]);
    expect(a.due([w('a', 'warn', 10, 500)])).toHaveLength(1);
  });
});
