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
  if (s >= DAY) return formatDays(s, lang);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A day or more, in days and hours: 「4天9小时」, 「1天」 / `4d 9h`, `1d` (whole seconds). */
export function formatDays(seconds: number, lang: 'zh' | 'zh-CN' | 'en'): string {
  const d = Math.floor(seconds / DAY);
  const h = Math.floor((seconds % DAY) / 3600);
  if (lang === 'en') return h > 0 ? `${d}d ${h}h` : `${d}d`;
  return h > 0 ? `${d}天${h}小时` : `${d}天`;
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

/** Words that make a time in a row's wait label something else than the wait so far. */
const NOT_WAITED = /超时|剩|还有|之后|后回复|left|overdue|remaining/i;
const CLOCK = /^\D*?(\d{1,3}):(\d{2})(?::(\d{2}))?$/;
const UNITS =
  /^\D*?(?:(\d+)\s*(?:天|d)\s*)?(?:(\d+)\s*(?:小时|时|h)\s*)?(?:(\d+)\s*(?:分钟|分|min|m)\s*)?(?:(\d+)\s*(?:秒钟|秒|s))?\s*$/i;

/**
 * How long a customer has waited, read from the console's own label in a list row: 「2:16」,
 * 「等待 1:02:03」, 「等待 2分40秒」, 「已等 3分钟」, `1m 5s` (seconds; null when the text is no wait,
 * a countdown (「剩余 3:12」) or an overdue time (「已超时 6:15」, measured from the console's own
 * limit), or more than a day).
 */
export function parseWaitLabel(text: string): number | null {
  const s = text.trim();
  if (!s || NOT_WAITED.test(s)) return null;
  let seconds: number | null = null;
  const clock = CLOCK.exec(s);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? null : Number(clock[3])];
    if (b >= 60 || (c !== null && c >= 60)) return null;
    seconds = c === null ? a * 60 + b : a * 3600 + b * 60 + c;
  } else {
    const units = UNITS.exec(s);
    if (units && (units[1] ?? units[2] ?? units[3] ?? units[4]) !== undefined) {
      const [d, h, m, sec] = [units[1], units[2], units[3], units[4]].map((x) => Number(x ?? 0)) as [
        number,
        number,
        number,
        number,
      ];
      seconds = d * DAY + h * 3600 + m * 60 + sec;
    }
  }
  return seconds !== null && seconds <= DAY ? seconds : null;
}
