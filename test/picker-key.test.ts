/** The picker's key: which keys may open it, how a press is read and matched, how it is named. */
import { describe, expect, test } from 'vitest';
import {
  asKeyCombo,
  DEFAULT_PICKER_KEY,
  type KeyCombo,
  type KeyPressed,
  keyComboLabel,
  keyComboOf,
  keyComboProblem,
  pressesCombo,
  readKeyCombo,
  sameCombo,
} from '../utils/picker-key';

const combo = (code: string, mods: Partial<KeyCombo> = {}): KeyCombo => ({
  code,
  ctrl: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
});
const press = (code: string, key: string, mods: Partial<KeyPressed> = {}): KeyPressed => ({
  code,
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  isComposing: false,
  ...mods,
});

describe('keyComboProblem', () => {
  test.each([
    ['Ctrl+Space (the default)', combo('Space', { ctrl: true }), null],
    ['Alt+K', combo('KeyK', { alt: true }), null],
    ['Ctrl+Shift+1', combo('Digit1', { ctrl: true, shift: true }), null],
    ['⌘/', combo('Slash', { meta: true }), null],
    ['F2 alone (types nothing)', combo('F2'), null],
    ['Ctrl+;', combo('Semicolon', { ctrl: true }), null],
    ['Alt+C (not an editing key without Ctrl or ⌘)', combo('KeyC', { alt: true }), null],
    ['K alone (typed while writing)', combo('KeyK'), 'needs-modifier'],
    ['Shift+K (a capital K)', combo('KeyK', { shift: true }), 'needs-modifier'],
    ['Space alone', combo('Space'), 'needs-modifier'],
    ['Ctrl+C (copy)', combo('KeyC', { ctrl: true }), 'editing-key'],
    ['⌘V (paste)', combo('KeyV', { meta: true }), 'editing-key'],
    ['Ctrl+Shift+Z (redo)', combo('KeyZ', { ctrl: true, shift: true }), 'editing-key'],
    ['Ctrl+A (select all)', combo('KeyA', { ctrl: true }), 'editing-key'],
    ['Ctrl+Enter (a send key)', combo('Enter', { ctrl: true }), 'not-a-key'],
    ['Ctrl+Tab', combo('Tab', { ctrl: true }), 'not-a-key'],
    ['Alt+ArrowUp', combo('ArrowUp', { alt: true }), 'not-a-key'],
    ['Ctrl+Escape', combo('Escape', { ctrl: true }), 'not-a-key'],
    ['F13 (no such key on most keyboards)', combo('F13'), 'not-a-key'],
    ['a numpad key', combo('Numpad1', { ctrl: true }), 'not-a-key'],
  ] as const)('%s', (_, c, expected) => {
    expect(keyComboProblem(c)).toBe(expected);
  });
});

describe('keyComboOf (recording)', () => {
  test('modifiers alone: not yet a combination', () => {
    for (const key of ['Control', 'Alt', 'Shift', 'Meta'])
      expect(keyComboOf(press(`${key}Left`, key, { ctrlKey: key === 'Control' }))).toBeNull();
  });
  test('the physical key with what is held', () => {
    expect(keyComboOf(press('KeyK', 'k', { altKey: true, shiftKey: true }))).toEqual(
      combo('KeyK', { alt: true, shift: true }),
    );
  });
  test('the key is the physical one: Alt+K on a Mac types ˚, the code is still KeyK', () => {
    expect(keyComboOf(press('KeyK', '˚', { altKey: true }))).toEqual(combo('KeyK', { alt: true }));
  });
  test('an input method composing: nothing', () => {
    expect(keyComboOf(press('Space', ' ', { ctrlKey: true, isComposing: true }))).toBeNull();
  });
});

describe('pressesCombo', () => {
  const altK = combo('KeyK', { alt: true });
  test('the same key with the same modifiers', () => {
    expect(pressesCombo(press('KeyK', 'k', { altKey: true }), altK)).toBe(true);
    expect(pressesCombo(press('Space', ' ', { ctrlKey: true }), DEFAULT_PICKER_KEY)).toBe(true);
  });
  test.each([
    ['another key', press('KeyJ', 'j', { altKey: true })],
    ['a modifier more', press('KeyK', 'K', { altKey: true, shiftKey: true })],
    ['a modifier fewer', press('KeyK', 'k')],
    ['another modifier', press('KeyK', 'k', { ctrlKey: true })],
    ['while an input method composes', press('KeyK', 'k', { altKey: true, isComposing: true })],
  ])('not %s', (_, e) => {
    expect(pressesCombo(e, altK)).toBe(false);
  });
});

describe('stored keys', () => {
  test('a good one is read back as it is', () => {
    const altK = combo('KeyK', { alt: true });
    expect(readKeyCombo(altK)).toEqual(altK);
    expect(readKeyCombo({ ...altK, extra: 1 })).toEqual(altK);
  });
  test.each([
    ['missing', undefined],
    ['null', null],
    ['a string', 'Ctrl+K'],
    ['no code', { ctrl: true, alt: false, shift: false, meta: false }],
    ['a flag not a boolean', { code: 'KeyK', ctrl: 'yes', alt: false, shift: false, meta: false }],
    ['a key that cannot open it', combo('KeyV', { ctrl: true })],
  ])('%s: the default', (_, value) => {
    expect(readKeyCombo(value)).toEqual(DEFAULT_PICKER_KEY);
  });
  test('asKeyCombo checks the shape only', () => {
    expect(asKeyCombo(combo('KeyV', { ctrl: true }))).toEqual(combo('KeyV', { ctrl: true }));
    expect(asKeyCombo({ code: 1 })).toBeNull();
  });
  test('sameCombo compares every part', () => {
    expect(sameCombo(combo('Space', { ctrl: true }), DEFAULT_PICKER_KEY)).toBe(true);
    expect(sameCombo(combo('Space', { ctrl: true, shift: true }), DEFAULT_PICKER_KEY)).toBe(false);
    expect(sameCombo(combo('KeyK', { ctrl: true }), DEFAULT_PICKER_KEY)).toBe(false);
  });
});

describe('keyComboLabel', () => {
  test.each([
    [DEFAULT_PICKER_KEY, 'zh-CN', false, 'Ctrl+空格'],
    [DEFAULT_PICKER_KEY, 'en', false, 'Ctrl+Space'],
    [combo('KeyK', { ctrl: true, alt: true, shift: true }), 'en', false, 'Ctrl+Alt+Shift+K'],
    [combo('Digit1', { alt: true }), 'zh-CN', false, 'Alt+1'],
    [combo('Slash', { ctrl: true }), 'en', false, 'Ctrl+/'],
    [combo('Semicolon', { meta: true }), 'en', false, 'Win+;'],
    [combo('F2'), 'en', false, 'F2'],
    [DEFAULT_PICKER_KEY, 'zh-CN', true, '⌃空格'],
    [combo('KeyK', { meta: true, shift: true, alt: true, ctrl: true }), 'en', true, '⌃⌥⇧⌘K'],
    [combo('Period', { meta: true }), 'en', true, '⌘.'],
  ] as const)('%j in %s (Mac %s): %s', (c, lang, mac, expected) => {
    expect(keyComboLabel(c, lang, mac)).toBe(expected);
  });
});
