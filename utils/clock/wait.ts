/**
 * How long one customer has waited, as the countdown shows it.
 */
import type { ClockSettings } from './settings';

export type WaitLevel = 'ok' | 'warn' | 'breach';

const DAY = 86_400;

export interface WaitState {
  state: WaitLevel;
  /** Whole seconds left before the deadline while ok/warn (rounded up); seconds overdue when breach (rounded down). */
  seconds: number;
  /** Whole seconds waited so far (never negative). */
  waitedSeconds: number;
}

/**
 * The wait of a round open since `openSince`. The deadline defaults to `openSince + breachSeconds`;
 * pass the round's own `deadline` (earlier when the working window closes first). Warn starts when
 * no more than `breachSeconds − warnSeconds` are left, i.e. at `warnSeconds` for a normal deadline.
 * At the deadline itself the state is already `breach`.
 */
export function waitState(
  openSince: number,
  now: number,
  settings: ClockSettings,
  deadline: number = openSince + settings.breachSeconds * 1000,
): WaitState {
  const waitedSeconds = Math.floor(Math.max(0, now - openSince) / 1000);
  if (now >= deadline)
    return { state: 'breach', seconds: Math.floor((now - deadline) / 1000), waitedSeconds };
  const warnAt = deadline - (settings.breachSeconds - settings.warnSeconds) * 1000;
  return { state: now >= warnAt ? 'warn' : 'ok', seconds: Math.ceil((deadline - now) / 1000), waitedSeconds };
}

/**
 * `m:ss`, or `h:mm:ss` from an hour up; from a day up, days and hours (「4天9小时」, `4d 9h`): a wait
 * that long is read in days, and its seconds ticking by tell nothing.
 */
export function formatDuration(seconds: number, lang: 'zh' | 'zh-CN' | 'en' = 'zh-CN'): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s >= DAY) {
    const d = Math.floor(s / DAY);
    const dh = Math.floor((s % DAY) / 3600);
    if (lang === 'en') return dh > 0 ? `${d}d ${dh}h` : `${d}d`;
    return dh > 0 ? `${d}天${dh}小时` : `${d}天`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 「2:35」 while counting down; 「已超时 1:12」 / `overdue 1:12` after the deadline. */
export function formatCountdown(
  w: Pick<WaitState, 'state' | 'seconds'>,
  lang: 'zh' | 'zh-CN' | 'en',
): string {
  const t = formatDuration(w.seconds, lang);
  if (w.state !== 'breach') return t;
  return lang === 'en' ? `overdue ${t}` : `已超时 ${t}`;
}
