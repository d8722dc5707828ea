/**
 * The key that opens the template picker (pure). Ctrl+Space by default, but that is the system's
 * input-source switch on a Mac and the Chinese/English toggle of some Chinese input methods on
 * Windows: there the page never sees it, so the agent picks another in the options by pressing it.
 * A key is kept as the physical key (`KeyboardEvent.code`: the same key on any layout) and the
 * modifiers held with it.
 */

export interface KeyCombo {
  /** `KeyboardEvent.code`: `KeyK`, `Digit1`, `Space`, `Slash`, `F2`… */
  code: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

/** What a keyboard event says of the key pressed (a `KeyboardEvent` is one). */
export interface KeyPressed {
  code: string;
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
}

export const DEFAULT_PICKER_KEY: KeyCombo = {
  code: 'Space',
  ctrl: true,
  alt: false,
  shift: false,
  meta: false,
};

/** Keys that may open the picker: letters, digits, punctuation, Space and F1–F12. */
const PUNCTUATION: Record<string, string> = {
  Slash: '/',
  Period: '.',
  Comma: ',',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Backquote: '`',
  Minus: '-',
  Equal: '=',
};
const LETTER_OR_DIGIT = /^(?:Key([A-Z])|Digit([0-9]))$/;
const FUNCTION_KEY = /^F(?:[1-9]|1[0-2])$/;

/** Editing keys every agent needs (select all, copy, cut, paste, undo, redo) are not taken. */
const EDITING = new Set(['KeyA', 'KeyC', 'KeyV', 'KeyX', 'KeyY', 'KeyZ']);

export type KeyComboProblem = 'not-a-key' | 'needs-modifier' | 'editing-key';

const usableCode = (code: string) =>
  LETTER_OR_DIGIT.test(code) || FUNCTION_KEY.test(code) || code === 'Space' || code in PUNCTUATION;

/** Why `combo` cannot open the picker, or null when it can. */
export function keyComboProblem(combo: KeyCombo): KeyComboProblem | null {
  if (!usableCode(combo.code)) return 'not-a-key';
  // a function key alone types nothing; anything else needs Ctrl, Alt or ⌘ (Shift alone types)
  if (!combo.ctrl && !combo.alt && !combo.meta && !FUNCTION_KEY.test(combo.code)) return 'needs-modifier';
  if ((combo.ctrl || combo.meta) && EDITING.has(combo.code)) return 'editing-key';
  return null;
}

/**
 * The combination a key press makes, while it is being recorded: `null` while only modifiers are
 * held (the agent has not got to the key yet).
 */
export function keyComboOf(e: KeyPressed): KeyCombo | null {
  if (e.key === 'Control' || e.key === 'Alt' || e.key === 'Shift' || e.key === 'Meta' || e.key === 'OS')
    return null;
  if (e.isComposing) return null;
  return { code: e.code, ctrl: e.ctrlKey, alt: e.altKey, shift: e.shiftKey, meta: e.metaKey };
}

/** Whether a key press is `combo` (exactly its modifiers; not while an input method composes). */
export function pressesCombo(e: KeyPressed, combo: KeyCombo): boolean {
  return (
    e.code === combo.code &&
    e.ctrlKey === combo.ctrl &&
    e.altKey === combo.alt &&
    e.shiftKey === combo.shift &&
    e.metaKey === combo.meta &&
    !e.isComposing
  );
}

export const sameCombo = (a: KeyCombo, b: KeyCombo): boolean =>
  a.code === b.code && a.ctrl === b.ctrl && a.alt === b.alt && a.shift === b.shift && a.meta === b.meta;

/** `value` as a combination when it has the shape of one (whether it can open the picker aside). */
export function asKeyCombo(value: unknown): KeyCombo | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const { code, ctrl, alt, shift, meta } = v;
  if (typeof code !== 'string') return null;
  if (typeof ctrl !== 'boolean' || typeof alt !== 'boolean') return null;
  if (typeof shift !== 'boolean' || typeof meta !== 'boolean') return null;
  return { code, ctrl, alt, shift, meta };
}

/**
 * A stored combination read back: the default when it is missing or cannot open the picker (an
 * older or hand-edited setting never leaves the agent without a key).
 */
export function readKeyCombo(value: unknown): KeyCombo {
  const combo = asKeyCombo(value);
  return combo && !keyComboProblem(combo) ? combo : DEFAULT_PICKER_KEY;
}

/** The key's name as printed on it: `K`, `1`, `/`, `F2`, 「空格」 / `Space`. */
function keyName(code: string, lang: string): string {
  const m = LETTER_OR_DIGIT.exec(code);
  if (m) return m[1] ?? m[2] ?? code;
  if (code === 'Space') return lang === 'en' ? 'Space' : '空格';
  return PUNCTUATION[code] ?? code;
}

/**
 * How the combination is written for the agent: `Ctrl+Shift+K` (`Ctrl+空格` in Chinese); on a Mac
 * with its symbols, `⌃⌥⇧⌘K`, in the order its menus use.
 */
export function keyComboLabel(combo: KeyCombo, lang: string, mac: boolean): string {
  const key = keyName(combo.code, lang);
  if (mac)
    return (
      (combo.ctrl ? '⌃' : '') +
      (combo.alt ? '⌥' : '') +
      (combo.shift ? '⇧' : '') +
      (combo.meta ? '⌘' : '') +
      key
    );
  const parts = [combo.ctrl && 'Ctrl', combo.alt && 'Alt', combo.shift && 'Shift', combo.meta && 'Win', key];
  return parts.filter(Boolean).join('+');
}
