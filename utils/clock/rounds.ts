/**
 * Rounds (对话轮次) and their grading, from a thread's messages with resolved times.
 *
 * A round starts at the customer's first unanswered message and ends at the agent's first message
 * after it (首问首答): more customer messages while it is open do not restart it; system messages
 * neither open nor close one; an agent message with no open round (a greeting, a follow-up) is
 * not a round. Agent messages include the shop's bots and text KefuGuard filled in once sent.
 *
 * Grading (DOMAIN.md §1):
 * - a round is graded when its start lies inside the working window (local time, start inclusive,
 *   end exclusive) and its start time is measured, not estimated; rounds outside the window, and
 *   rounds whose start is only "when we first saw it" (no console time, not seen arriving: history
 *   or a background thread on a console without timestamps) are still tracked and shown, but not
 *   counted;
 * - its deadline is `start + breachSeconds`; for a graded round, the window's close if that comes
 *   first: a round still unanswered when the window closes is failed at the close (a later answer,
 *   even a quick one, does not rescue it), while a round already late before the close failed at
 *   its own deadline. This is how "ten questions within 3 minutes and no answer before the window
 *   closes → 0/1" is reproduced: the round does not wait through the night for the morning's
 *   answer, and the clock never pauses outside working hours;
 * - in time means answered strictly before the deadline: an answer at exactly 180 s is late, like
 *   the countdown, which shows 「已超时 0:00」 at that moment (we would rather undercount than
 *   promise a rate the platform won't show).
 */
import type { Sender } from '../consoles/types';
import type { ClockSettings } from './settings';
import { isInWindow, windowClose } from './window';

/** A message as the clock sees it: `time` already resolved (console time or first seen), epoch ms. */
export interface ClockMessage {
  id: string;
  from: Sender;
  time: number;
  /**
   * The time is only when we first saw the message (no console time, and it did not arrive while
   * we watched): a round it starts is shown but not graded. `TimeResolver` sets it.
   */
  estimated?: boolean;
}

export interface Round {
  /** Id of the customer message that opened the round (the round's identity in its conversation). */
  startId: string;
  start: number;
  /** Customer messages in the round so far (a burst counts once). */
  asked: number;
  /** Time of the answer, null while open. */
  end: number | null;
  answerId: string | null;
  /** `end − start`, never negative; null while open. */
  waitMs: number | null;
  /** Counted towards the response rate (started inside the working window, start time measured). */
  graded: boolean;
  /** The start time is an estimate (see `ClockMessage.estimated`). */
  estimated: boolean;
  /** When the round fails if still unanswered. */
  deadline: number;
  /** Answered before the deadline; false once the deadline passed unanswered; null while still undecided. */
  inTime: boolean | null;
}

/** Whether a round starting at `start` is graded, and its deadline (see the module comment). */
export function roundDeadline(
  start: number,
  settings: ClockSettings,
  estimated = false,
): { graded: boolean; deadline: number } {
  const byThreshold = start + settings.breachSeconds * 1000;
  const graded = !estimated && isInWindow(start, settings);
  if (!graded) return { graded, deadline: byThreshold };
  const close = windowClose(start, settings);
  return { graded, deadline: close === null ? byThreshold : Math.min(byThreshold, close) };
}

/** A new open round started by customer message `m`. */
export function openRound(m: ClockMessage, settings: ClockSettings): Round {
  const estimated = m.estimated === true;
  const { graded, deadline } = roundDeadline(m.time, settings, estimated);
  return {
    startId: m.id,
    start: m.time,
    asked: 1,
    end: null,
    answerId: null,
    waitMs: null,
    graded,
    estimated,
    deadline,
    inTime: null,
  };
}

/** `r` answered by agent message `m` (a new object). */
export function answerRound(r: Round, m: ClockMessage): Round {
  const end = Math.max(m.time, r.start);
  return { ...r, end, answerId: m.id, waitMs: end - r.start, inTime: end < r.deadline };
}

/** Settles an open round at `now`: late once its deadline has passed (a new object). */
export function settleRound(r: Round, now: number): Round {
  return r.end === null && r.inTime === null && now >= r.deadline ? { ...r, inTime: false } : r;
}

/**
 * The rounds of one thread, in order. Messages are taken in the order given (page order); times
 * only measure. With `now`, an open round whose deadline has passed is settled as late.
 */
export function computeRounds(
  messages: readonly ClockMessage[],
  settings: ClockSettings,
  now?: number,
): Round[] {
  const rounds: Round[] = [];
  let open: Round | null = null;
  for (const m of messages) {
    if (m.from === 'customer') {
      if (open) open.asked++;
      else {
        open = openRound(m, settings);
        rounds.push(open);
      }
    } else if (m.from === 'agent' && open) {
      rounds[rounds.length - 1] = answerRound(open, m);
      open = null;
    }
  }
  if (open && now !== undefined) rounds[rounds.length - 1] = settleRound(open, now);
  return rounds;
}

export interface ResponseRate {
  /** Graded rounds already decided (answered, or past their deadline). */
  graded: number;
  /** Of those, answered in time. */
  inTime: number;
  /** Graded rounds still open before their deadline (in neither count). */
  pending: number;
  /** `inTime / graded`, or null when nothing is graded yet. */
  rate: number | null;
}

/** The 3-minute (or the platform's) response rate over graded rounds. */
export function threeMinuteRate(rounds: readonly Round[]): ResponseRate {
  let graded = 0;
  let inTime = 0;
  let pending = 0;
  for (const r of rounds) {
    if (!r.graded) continue;
    if (r.inTime === null) pending++;
    else {
      graded++;
      if (r.inTime) inTime++;
    }
  }
  return { graded, inTime, pending, rate: graded === 0 ? null : inTime / graded };
}
