import { describe, expect, test } from 'vitest';
import {
  forgetSendKeys,
  type KeyPress,
  keysOf,
  learnt,
  pressOutcome,
  readSendKeys,
  type SendKey,
  type SendKeys,
  sendKeyName,
  sendKeyOf,
  sendKeySummary,
  sends,
} from '../utils/send-keys';

const press = (patch: Partial<KeyPress>): KeyPress => ({
  key: 'Enter',
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  isComposing: false,
  keyCode: 13,
  ...patch,
});

describe('sendKeyOf', () => {
  test.each([
    ['Enter', {}, 'enter'],
    ['Ctrl+Enter', { ctrlKey: true }, 'mod-enter'],
    ['⌘+Enter', { metaKey: true }, 'mod-enter'],
    ['Shift+Enter (a line break everywhere)', { shiftKey: true }, null],
    ['Ctrl+Shift+Enter', { ctrlKey: true, shiftKey: true }, null],
    ['Alt+Enter', { altKey: true }, null],
    ['Ctrl+⌘+Enter', { ctrlKey: true, metaKey: true }, null],
    ['an IME candidate taken with Enter (composing)', { isComposing: true }, null],
    ['an IME candidate taken with Enter (key code 229)', { keyCode: 229 }, null],
    ['another key', { key: 'a', keyCode: 65 }, null],
  ] as const)('%s', (_, patch, expected) => {
    expect(sendKeyOf(press(patch))).toBe(expected);
  });
});

describe('sends', () => {
  test('nothing seen: Enter sends, Ctrl+Enter does not', () => {
    expect(sends({}, 'enter')).toBe(true);
    expect(sends({}, 'mod-enter')).toBe(false);
  });
  test('Enter seen to break the line: Ctrl+Enter is taken to send until seen otherwise', () => {
    expect(sends({ enter: false }, 'enter')).toBe(false);
    expect(sends({ enter: false }, 'mod-enter')).toBe(true);
    expect(sends({ enter: false, 'mod-enter': false }, 'mod-enter')).toBe(false);
  });
  test('what was seen wins', () => {
    expect(sends({ enter: true, 'mod-enter': true }, 'mod-enter')).toBe(true);
    expect(sends({ 'mod-enter': true }, 'enter')).toBe(true);
  });
});

describe('pressOutcome', () => {
  test.each([
    ['the box emptied: sent', '请稍等', '', true],
    ['only blanks left: sent', '请稍等', ' \n', true],
    ['a line break at the end', '请稍等', '请稍等\n', false],
    ['a line break in the middle', '请稍等', '请稍\n等', false],
    ['a line break among others', '第一行\n第二行', '第一行\n第二行\n', false],
    ['nothing changed', '请稍等', '请稍等', null],
    ['typed on after the break: does not tell', '请稍等', '请稍等\n好', null],
    ["the console's phrase picker took the Enter", '/fh', '亲，\n已为您发货', null],
    ['an empty box', '', '', null],
    ['an empty box, a line break', '', '\n', null],
  ] as const)('%s', (_, before, after, expected) => {
    expect(pressOutcome(before, after)).toBe(expected);
  });
});

describe('learnt', () => {
  test('the same object when it was known (nothing to store)', () => {
    const keys = { enter: true };
    expect(learnt(keys, 'enter', true)).toBe(keys);
  });
  test('a new object with what was seen', () => {
    const keys = { enter: true };
    expect(learnt(keys, 'enter', false)).toEqual({ enter: false });
    expect(learnt(keys, 'mod-enter', true)).toEqual({ enter: true, 'mod-enter': true });
    expect(keys).toEqual({ enter: true });
  });
});

describe('readSendKeys', () => {
  test('keeps what reads as seen, per console', () => {
    expect(
      readSendKeys({
        qianniu: { enter: false, 'mod-enter': true },
        feige: { enter: 'yes', 'mod-enter': 1, other: true },
        pinduoduo: null,
      }),
    ).toEqual({ qianniu: { enter: false, 'mod-enter': true }, feige: {} });
  });
  test('a console stored as `__proto__` is one more console, not the map’s prototype', () => {
    const read = readSendKeys(JSON.parse('{"__proto__": {"enter": false}, "demo": {"enter": true}}'));
    expect(Object.keys(read).sort()).toEqual(['__proto__', 'demo']);
    expect(read.demo).toEqual({ enter: true });
    expect(Object.getPrototypeOf(read)).toBe(null);
  });
  test.each([null, undefined, 'x', 3, ['enter']])('%j: nothing seen', (raw) => {
    expect(readSendKeys(raw)).toEqual({});
  });
});

describe('keysOf', () => {
  test("a console's own entry; none seen for the others, whatever their name", () => {
    const all = readSendKeys({ qianniu: { enter: false } });
    expect(keysOf(all, 'qianniu')).toEqual({ enter: false });
    expect(keysOf(all, 'feige')).toEqual({});
    expect(keysOf({ qianniu: {} }, 'constructor')).toEqual({});
    expect(keysOf({ qianniu: {} }, 'toString')).toEqual({});
  });
});

describe('sendKeySummary', () => {
  test.each([
    [{}, ['enter'], false],
    [{ enter: true }, ['enter'], true],
    [{ enter: false }, ['mod-enter'], true],
    [{ 'mod-enter': true }, ['enter', 'mod-enter'], true],
    [{ enter: true, 'mod-enter': false }, ['enter'], true],
    [{ enter: false, 'mod-enter': true }, ['mod-enter'], true],
  ] as [SendKeys, SendKey[], boolean][])('%o: sends with %o, learnt %s', (keys, sending, learntSoFar) => {
    expect(sendKeySummary(keys)).toEqual({ sending, learnt: learntSoFar });
  });
});

describe('forgetSendKeys', () => {
  test("drops one console's keys, keeps the others, changes nothing in place", () => {
    const all = readSendKeys({ qianniu: { enter: false }, feige: { enter: true } });
    const after = forgetSendKeys(all, 'qianniu');
    expect({ ...after }).toEqual({ feige: { enter: true } });
    expect(keysOf(after, 'qianniu')).toEqual({});
    expect(keysOf(all, 'qianniu')).toEqual({ enter: false });
    expect({ ...forgetSendKeys(all, 'pinduoduo') }).toEqual({ ...all });
  });
});

describe('sendKeyName', () => {
  test('Enter, and the modifier as the computer calls it (a Mac: ⌘ or Ctrl, both read as one key)', () => {
    expect(sendKeyName('enter', false)).toBe('Enter');
    expect(sendKeyName('enter', true)).toBe('Enter');
    expect(sendKeyName('mod-enter', false)).toBe('Ctrl+Enter');
    expect(sendKeyName('mod-enter', true)).toBe('⌘/Ctrl+Enter');
  });
});
