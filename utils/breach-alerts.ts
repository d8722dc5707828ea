/**
 * Which waiting customers deserve a "about to be late" alert now: once per wait, when 20 s or
 * less are left before the breach. Pure; the caller decides whether the tab is hidden.
 */
import type { WaitingCustomer } from './console-session';

export const ALERT_BEFORE_S = 20;

export class BreachAlerts {
  private readonly alerted = new Set<string>();

  /** Customers to alert about now (each wait at most once). */
  due(waiting: readonly WaitingCustomer[]): WaitingCustomer[] {
    const out: WaitingCustomer[] = [];
    const live = new Set<string>();
    for (const w of waiting) {
      const key = `${w.conversation}|${w.since}`;
      live.add(key);
      if (w.state === 'breach' || w.seconds > ALERT_BEFORE_S || this.alerted.has(key)) continue;
      this.alerted.add(key);
      out.push(w);
    }
    // forget waits that ended, so the set stays small
    for (const key of this.alerted) if (!live.has(key)) this.alerted.delete(key);
    return out;
  }
}
