/**
 * What the waiting bar in the status panel shows: how many customers wait, the longest wait and
 * today's breaches, as text and test hooks. Pure: `components/waiting-bar.ts` writes it to the page
 * by hand (it changes with the waiting list and every second, like the badges).
 */
import { formatDuration } from './clock';
import type { OverlayState, WaitingCustomer } from './console-session';
import { aside, labelled, t } from './i18n';
import type { Language } from './settings';
import { marked } from './waiting';

export interface WaitingBarView {
  /** The longest wait's colour: `none` when nobody waits. */
  level: WaitingCustomer['state'] | 'none';
  count: number;
  /** The customer waiting longest (the bar opens that conversation when clicked, if it can). */
  longest: WaitingCustomer | null;
  /** Whether a click can open that conversation (it has a row and is not the open one). */
  canJump: boolean;
  /** The bar's tooltip (null: none). */
  title: string | null;
  /** 「等待回复」 and 「位」 around the count. */
  waitingText: string;
  unitText: string;
  /** Seconds the longest-waiting customer has waited (null: nobody waits), and its text. */
  longestSeconds: number | null;
  longestText: string;
  breached: number;
  breachedText: string;
}

/** `shortcut`: the key of the browser's shortcut that opens the longest wait too (null: none set). */
export function waitingBarView(
  state: OverlayState,
  lang: Language,
  shortcut: string | null = null,
): WaitingBarView {
  const longest = state.waiting[0] ?? null;
  const canJump = longest !== null && longest.row !== null && !longest.active;
  const seconds = longest ? Math.max(0, Math.floor((state.now - longest.since) / 1000)) : null;
  return {
    level: longest?.state ?? 'none',
    count: state.waiting.length,
    longest,
    canJump,
    title: canJump ? withKey(lang, labelled(lang, t(lang, 'jumpToLongest'), longest.nick), shortcut) : null,
    waitingText: t(lang, 'waiting'),
    unitText: t(lang, 'waitingUnit'),
    longestSeconds: seconds,
    // an estimated start reads as one here too, as on its badge (「~3:00」)
    longestText:
      seconds === null
        ? ''
        : `${t(lang, 'longest')} ${marked(formatDuration(seconds, lang), longest?.estimated === true)}`,
    breached: state.breachedToday,
    breachedText: `${t(lang, 'breachedToday')} ${state.breachedToday}`,
  };
}

const withKey = (lang: Language, text: string, key: string | null) => (key ? aside(lang, text, key) : text);
