/**
 * The graded working window in local time. `[windowStart, windowEnd)`: the start is inside, the
 * end is not. An end before the start runs past midnight (22:00–06:00); `24:00` is midnight at the
 * end of the day; 00:00–24:00 is the whole day and never closes.
 */
import { type ClockSettings, parseHHMM } from './settings';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

interface WindowSpec {
  start: number;
  end: number;
}

/** Parsed window in minutes after midnight; throws on settings `validateClockSettings` rejects. */
function windowOf(settings: ClockSettings): WindowSpec {
  const start = parseHHMM(settings.windowStart);
  const end = parseHHMM(settings.windowEnd, true);
  if (start === null || end === null || start === end)
    throw new RangeError(`bad clock window ${settings.windowStart}–${settings.windowEnd}`);
  return { start, end };
}

/** Milliseconds since local midnight. */
function timeOfDay(d: Date): number {
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

/** True when `time` (epoch ms) falls inside the working window, local time. */
export function isInWindow(time: number, settings: ClockSettings): boolean {
  const { start, end } = windowOf(settings);
  const tod = timeOfDay(new Date(time));
  const s = start * MINUTE;
  const e = end * MINUTE;
  return start < end ? tod >= s && tod < e : tod >= s || tod < e;
}

/** Local wall-clock time `minutes` after midnight of the day `dayOffset` days after `d`. */
function at(d: Date, dayOffset: number, minutes: number): number {
  return new Date(
    d.getFullYear(),
    d.getMonth(),
    d.getDate() + dayOffset,
    Math.floor(minutes / 60),
    minutes % 60,
  ).getTime();
}

/**
 * When the window that contains `time` closes (epoch ms), or null when `time` is outside the
 * window or the window is the whole day (00:00–24:00 never closes).
 */
export function windowClose(time: number, settings: ClockSettings): number | null {
  const { start, end } = windowOf(settings);
  if (start === 0 && end === DAY_MINUTES) return null;
  if (!isInWindow(time, settings)) return null;
  const d = new Date(time);
  if (start < end) return at(d, 0, end);
  // Past midnight: before the end we are in the window that opened yesterday.
  return timeOfDay(d) >= start * MINUTE ? at(d, 1, end) : at(d, 0, end);
}

/** Local midnight that starts the day of `time`, and the next one. */
export function localDayBounds(time: number): { from: number; to: number } {
  const d = new Date(time);
  return { from: at(d, 0, 0), to: at(d, 1, 0) };
}
