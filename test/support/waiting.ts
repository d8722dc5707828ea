import type { WaitingCustomer } from '../../utils/waiting';

/** A waiting customer for tests (a customer waiting 30 s on the 3-minute clock). */
export const customer = (over: Partial<WaitingCustomer> = {}): WaitingCustomer => ({
  conversation: 'c1',
  nick: '买家甲',
  since: 1_000_000,
  state: 'ok',
  seconds: 150,
  label: '2:30',
  estimated: false,
  active: false,
  row: null,
  ...over,
});
