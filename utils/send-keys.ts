/**
 * Which key sends in a console's reply box (pure). Consoles let agents choose: 千牛 sends with
 * Enter and breaks the line with Ctrl+Enter, or the other way round. The send guard must hold the
 * key that sends, and never a key that only breaks the line (「仍要发送」 would then send a half-written
 * reply). What each key does is learnt from the agent's own presses: a press the guard let through
 * that emptied the box sent; one that added a line break did not.
 */

/** Enter alone, or with Ctrl (⌘ on a Mac). */
export type SendKey = 'enter' | 'mod-enter';

/**
 * A send key as the agent reads it. On a Mac the modifier may be ⌘ or Ctrl (both are read as the
 * same key: which one a console wants is not known), so both are named there.
 */
export const sendKeyName = (key: SendKey, mac: boolean): string =>
  key === 'enter' ? 'Enter' : mac ? '⌘/Ctrl+Enter' : 'Ctrl+Enter';

/** What each key was seen to do in one console: true it sent, false it broke the line. */
export type SendKeys = Partial<Record<SendKey, boolean>>;

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
  keyCode: number;
}

/**
 * The send key a press is, if any. Shift+Enter and Alt+Enter break the line everywhere; an Enter
 * that picks an IME candidate (composing, key code 229) is the IME's.
 */
export function sendKeyOf(e: KeyPress): SendKey | null {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.isComposing || e.keyCode === 229) return null;
  if (e.ctrlKey && e.metaKey) return null;
  return e.ctrlKey || e.metaKey ? 'mod-enter' : 'enter';
}

/**
 * Whether a key sends, as far as seen: Enter until seen otherwise; Ctrl+Enter once seen to, or
 * once Enter was seen to break the line (a console where Enter doesn't send sends with Ctrl+Enter).
 */
export function sends(keys: SendKeys, key: SendKey): boolean {
  return keys[key] ?? (key === 'enter' || keys.enter === false);
}

/**
 * What a press let through did, from the draft before it and after: true it sent (the box was
 * emptied), false it broke the line (the draft and one line break more: nothing else, so that a
 * console's own phrase picker taking the Enter teaches nothing), null when that doesn't tell.
 */
export function pressOutcome(before: string, after: string): boolean | null {
  if (!before.trim()) return null;
  if (!after.trim()) return true;
  return after.length === before.length + 1 && lineBreaks(after) === lineBreaks(before) + 1 ? false : null;
}

const lineBreaks = (text: string) => text.split('\n').length - 1;

/** `keys` with what a press was seen to do (the same object when that was known already). */
export function learnt(keys: SendKeys, key: SendKey, sent: boolean): SendKeys {
  return keys[key] === sent ? keys : { ...keys, [key]: sent };
}

/** What is stored for each console, keeping only what reads as seen (anything else is unseen). */
export function readSendKeys(raw: unknown): Record<string, SendKeys> {
  // no prototype: a stored key named `__proto__` is a console like any other
  const out: Record<string, SendKeys> = Object.create(null);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [consoleId, keys] of Object.entries(raw)) {
    if (!keys || typeof keys !== 'object') continue;
    const seen: SendKeys = {};
    for (const key of ['enter', 'mod-enter'] as const) {
      const v = (keys as Record<string, unknown>)[key];
      if (typeof v === 'boolean') seen[key] = v;
    }
    out[consoleId] = seen;
  }
  return out;
}

/** What was seen in one console (own entries only: a console named `constructor` has seen nothing yet). */
export function keysOf(all: Record<string, SendKeys>, consoleId: string): SendKeys {
  return Object.hasOwn(all, consoleId) ? (all[consoleId] ?? {}) : {};
}

/**
 * What the options page says of a console: the keys the guard takes to send there, and whether
 * that was learnt from the agent's presses (false: nothing seen yet, Enter is assumed).
 */
export function sendKeySummary(keys: SendKeys): { sending: SendKey[]; learnt: boolean } {
  return {
    sending: (['enter', 'mod-enter'] as const).filter((k) => sends(keys, k)),
    learnt: keys.enter !== undefined || keys['mod-enter'] !== undefined,
  };
}

/** `all` without what was seen in one console (it is learnt again from the next presses). */
export function forgetSendKeys(all: Record<string, SendKeys>, consoleId: string): Record<string, SendKeys> {
  const out: Record<string, SendKeys> = Object.create(null);
  for (const [id, keys] of Object.entries(all)) if (id !== consoleId) out[id] = keys;
  return out;
}
