/**
 * The waiting list the overlay shows: customers waiting for the agent, longest first. The
 * session makes it from two parts (customers with an open round, and list rows never opened);
 * these helpers order, merge and compare them.
 */
import type { WaitLevel } from './clock';

/** One customer waiting for the agent, as the overlay shows it. */
export interface WaitingCustomer {
  conversation: string;
  nick: string;
  since: number;
  state: WaitLevel;
  /** Seconds left (ok/warn) or overdue (breach). */
  seconds: number;
  /** 「2:35」 / 「已超时 1:12」 */
  label: string;
  /** The start was only estimated (a list row never opened, or no console timestamp). */
  estimated: boolean;
  active: boolean;
  /** The conversation's row in the console's list, when there is one. */
  row: Element | null;
}

/** A wait as shown: 「~3:00」 when its start is only an estimate, else as it is. */
export function marked(text: string, estimated: boolean): string {
  return estimated ? `~${text}` : text;
}

/** Longest waiting first; the same start, by conversation (whatever the list's order). */
export function longestFirst(x: WaitingCustomer, y: WaitingCustomer): number {
  return (
    x.since - y.since || (x.conversation < y.conversation ? -1 : x.conversation > y.conversation ? 1 : 0)
  );
}

/**
 * Who the agent should answer next, from another conversation: the customer waiting longest whose
 * row the console shows, other than the one open (the keyboard shortcut opens them).
 */
export function nextToAnswer(waiting: readonly WaitingCustomer[]): WaitingCustomer | null {
  return waiting.find((c) => c.row !== null && !c.active) ?? null;
}

/** Two lists each longest first, merged (on the same start, `first`'s entry comes first). */
export function mergeLongestFirst(first: WaitingCustomer[], second: WaitingCustomer[]): WaitingCustomer[] {
  const out: WaitingCustomer[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const x = first[i];
    const y = second[j];
    if (x && (!y || x.since <= y.since)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** Whether two lists of entries show the same (field by field). */
export function sameEntries(a: readonly WaitingCustomer[], b: readonly WaitingCustomer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as WaitingCustomer;
    const y = b[i] as WaitingCustomer;
    if (
      x.conversation !== y.conversation ||
      x.nick !== y.nick ||
      x.since !== y.since ||
      x.state !== y.state ||
      x.seconds !== y.seconds ||
      x.label !== y.label ||
      x.active !== y.active ||
      x.estimated !== y.estimated ||
      x.row !== y.row
    )
      return false;
  }
  return true;
}
