/**
 * The time zone the real-browser tests run in. The platforms grade only rounds that start inside
 * working hours (Taobao 08:00–23:00 local, Kuaishou 08:00–24:00), and a round still open when the
 * window closes is failed at the close. So a test asserting "amber at 185 s" or "graded, in time"
 * would depend on the hour it runs at: a Kuaishou round started at 23:58 is already red at 00:01.
 * The e2e project (vitest.config.ts) therefore sets `TZ` to a whole-hour `Etc/GMT±N` zone in which
 * it is now about 13:00; the tests' own `Date` and the Chromium they start (it inherits the
 * environment) share it.
 */

/** A whole-hour zone in which it is now 13:xx (Etc/GMT names carry the sign inverted). */
export function afternoonZone(now = Date.now()): string {
  const offset = ((13 - new Date(now).getUTCHours() + 35) % 24) - 11; // −11 … +12 hours
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
