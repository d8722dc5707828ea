/**
 * Which waiting customers deserve a "about to be late" alert now: once per wait, when 20 s or
 * less are left before the breach; and where a click on the alert goes (the tab and frame it came
 * from, and that customer's conversation). Pure; the caller decides whether the tab is hidden.
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

  /**
   * In how many ms the next customer not alerted about yet comes within `ALERT_BEFORE_S` of their
   * breach, from their countdowns now (0: now); null when no wait will (none, or all breached).
   */
  nextIn(waiting: readonly WaitingCustomer[]): number | null {
    let next: number | null = null;
    for (const w of waiting) {
      if (w.state === 'breach' || this.alerted.has(`${w.conversation}|${w.since}`)) continue;
      const ms = Math.max(0, w.seconds - ALERT_BEFORE_S) * 1000;
      if (next === null || ms < next) next = ms;
    }
    return next;
  }
}

export interface WakeDeps {
  /** Runs `fn` as a task of its own, not nested in any timer's (a message posted to ourselves). */
  post(fn: () => void): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** What the wake-up does (a tick of the session: the alert is sent from there). */
  wake(): void;
}

/**
 * The wake-up for the next alert while the tab is hidden. After a few minutes hidden the browser
 * runs a tab's repeating timers (the ticker) once a minute, too late for an alert 20 s before a
 * breach; a one-shot timer set from a task of its own is not nested in the ticker's timers, and
 * keeps its time to the second. `plan(ms)`: wake in `ms` (null: no wake-up, the tab shows or
 * nobody will be due). A plan made again replaces the one before; nothing is posted while no
 * wake-up is planned and none is asked for (a visible tab pays nothing).
 */
export function alertWaker(deps: WakeDeps): { plan(ms: number | null): void; stop(): void } {
  let timer: unknown;
  let wakeIn: number | null = null;
  let stopped = false;
  const arm = () => {
    deps.clearTimer(timer);
    timer = wakeIn === null || stopped ? undefined : deps.setTimer(deps.wake, wakeIn);
  };
  return {
    plan(ms) {
      if ((ms === null && wakeIn === null) || stopped) return;
      wakeIn = ms;
      deps.post(arm);
    },
    stop() {
      stopped = true;
      deps.clearTimer(timer);
    },
  };
}

/** The notifications' icon, in the extension (its URL is `browser.runtime.getURL`'s). */
export const ALERT_ICON = '/icon/128.png';

/**
 * A breach-soon notification as the browser shows it (the options' test notification shows the
 * same): our icon (`iconUrl`: `ALERT_ICON`'s URL), its title and text, kept on screen with priority.
 */
export function alertNotification(iconUrl: string, title: string, message: string) {
  return { type: 'basic' as const, iconUrl, title, message, priority: 2 };
}

/** Where a breach-soon notification came from: the tab, its frame, the customer's conversation. */
export interface AlertTarget {
  tabId: number;
  frameId: number;
  conversation: string;
}

const ALERT_PREFIX = 'kg-breach:';

/**
 * The notification's id, which says where it came from: a click read after the worker was
 * stopped and started again still knows (no state kept beside it). `at` makes each id new.
 */
export function alertId(target: AlertTarget, at: number): string {
  const { tabId, frameId, conversation } = target;
  return `${ALERT_PREFIX}${tabId}:${frameId}:${Math.trunc(at)}:${encodeURIComponent(conversation)}`;
}

/** Where a notification of ours came from (null: not one with a target). */
export function alertTarget(id: string): AlertTarget | null {
  if (!id.startsWith(ALERT_PREFIX)) return null;
  const m = /^(\d+):(\d+):\d+:(.+)$/.exec(id.slice(ALERT_PREFIX.length));
  if (!m) return null;
  try {
    return { tabId: Number(m[1]), frameId: Number(m[2]), conversation: decodeURIComponent(m[3] ?? '') };
  } catch {
    return null;
  }
}

export interface AlertClickDeps {
  /** Brings the tab to the front of its window and the window to the front (rejects when the tab is gone). */
  focus(tabId: number): Promise<void>;
  /** Sends to one frame of a tab. */
  send(
    tabId: number,
    frameId: number,
    message: { type: 'conversation:open'; conversation: string },
  ): Promise<unknown>;
  clear(id: string): Promise<unknown>;
}

/**
 * A click on a breach-soon notification: it goes, its tab comes to the front, and the frame it
 * came from opens that customer (through their row, if they still wait). False when it is not
 * one of ours or its tab is gone.
 */
export async function openAlert(id: string, deps: AlertClickDeps): Promise<boolean> {
  const target = alertTarget(id);
  if (!target) return false;
  await deps.clear(id).catch(() => undefined);
  try {
    await deps.focus(target.tabId);
  } catch {
    return false;
  }
  await deps
    .send(target.tabId, target.frameId, { type: 'conversation:open', conversation: target.conversation })
    .catch(() => undefined);
  return true;
}
