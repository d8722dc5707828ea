/**
 * The response clock (pure): rounds (对话轮次, 首问首答), their grading against the platform's
 * limit and working window, the per-customer countdown, and a tracker that turns successive reads
 * of the console into events. No DOM, no `browser`, no timers: callers pass `now`.
 *
 * Typical use in the content script:
 *   const times = TimeResolver.parse(sessionStorage.getItem(KEY), Date.now());
 *   const clock = RoundTracker.parse(sessionStorage.getItem(KEY2), presetFor(def.platform));
 *   on each read:  events = clock.update(conv, times.resolve(conv, adapter.messages(doc), now), now);
 *   every second:  events = clock.tick(now); render(clock.waiting(now));
 *   on pagehide:   sessionStorage.setItem(KEY, times.serialize()); sessionStorage.setItem(KEY2, clock.serialize());
 * (The content script keeps them by conversation instead, writing only what changed: see
 * utils/session-snapshot.ts.)
 */
export {
  DEFAULT_MAX_SKEW_MS,
  FirstSeenStore,
  resolveTime,
  type TimedMessage,
  TimeResolver,
} from './clock/first-seen';
export {
  answerRound,
  type ClockMessage,
  computeRounds,
  openRound,
  type ResponseRate,
  type Round,
  roundDeadline,
  settleRound,
  threeMinuteRate,
} from './clock/rounds';
export {
  CLOCK_PRESETS,
  type ClockSettings,
  type ClockSettingsError,
  type ClockSettingsErrorCode,
  parseHHMM,
  presetFor,
  validateClockSettings,
} from './clock/settings';
export { type ClockEvent, RoundTracker, type Waiting } from './clock/tracker';
export {
  formatCountdown,
  formatDuration,
  parseWaitLabel,
  type WaitLevel,
  type WaitState,
  waitState,
} from './clock/wait';
export { isInWindow, localDayBounds, windowClose } from './clock/window';
