/**
 * Where the open thread's badge goes: after the nick's line of text (the nick, a level tag, where
 * the customer came from), never over any of it, and not out among the header's buttons. A list
 * row's badge goes on the line below the nick's.
 */
import { Window } from 'happy-dom';
import { afterEach, describe, expect, test } from 'vitest';
import { lineEnd, nextOnLine, rowBadgeMiddle } from '../components/badge-layer';

let win: Window;
afterEach(async () => {
  await win?.happyDOM.close();
});

/** A header whose children have these boxes ([left, top, width, height]; null: not laid out). */
function header(boxes: ([number, number, number, number] | null)[]): Element[] {
  win = new Window();
  const doc = win.document;
  const head = doc.createElement('header');
  const els = boxes.map((b, i) => {
    const el = doc.createElement('span');
    el.id = `e${i}`;
    const [left, top, width, height] = b ?? [0, 0, 0, 0];
    el.getBoundingClientRect = () =>
      ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as never;
    head.append(el);
    return el;
  });
  doc.body.append(head);
  return els as unknown as Element[];
}

describe('lineEnd', () => {
  test('the nick, its tag and the source on one line: the badge goes after the source', () => {
    const [nick, , source] = header([
      [300, 70, 80, 22],
      [388, 72, 44, 18],
      [440, 71, 100, 20],
    ]);
    expect(lineEnd(nick as Element)).toBe(source);
  });

  test('an empty tag is passed over', () => {
    const [nick, , source] = header([[300, 70, 80, 22], null, [388, 71, 100, 20]]);
    expect(lineEnd(nick as Element)).toBe(source);
  });

  test("a gap ends the line (the header's buttons far to the right)", () => {
    const [nick, tag] = header([
      [300, 70, 80, 22],
      [388, 72, 44, 18],
      [700, 68, 60, 26],
    ]);
    expect(lineEnd(nick as Element)).toBe(tag);
  });

  test('an element on the next line ends it', () => {
    const [nick] = header([
      [300, 70, 80, 22],
      [300, 96, 120, 18],
    ]);
    expect(lineEnd(nick as Element)).toBe(nick);
  });

  test('a nick with nothing after it is its own end', () => {
    const [nick] = header([[300, 70, 80, 22]]);
    expect(lineEnd(nick as Element)).toBe(nick);
  });
});

describe('nextOnLine: what the badge after the line must leave room for', () => {
  test("the header's buttons after a gap, beside the nick", () => {
    const [nick, tag, button] = header([
      [300, 70, 80, 22],
      [388, 72, 44, 18],
      [700, 68, 60, 26],
    ]);
    expect(lineEnd(nick as Element)).toBe(tag);
    expect(nextOnLine(tag as Element)).toBe(button);
  });

  test("the buttons in the title's parent (the demo's and most consoles' header)", () => {
    const [title, actions] = header([
      [300, 60, 420, 40],
      [730, 66, 200, 28],
    ]);
    const doc = (title as Element).ownerDocument;
    const box = (el: Element, left: number, top: number, width: number, height: number) => {
      el.getBoundingClientRect = () =>
        ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as never;
      return el;
    };
    const nick = box(doc.createElement('span'), 300, 70, 300, 22);
    const source = box(doc.createElement('span'), 608, 71, 110, 20);
    (title as Element).append(nick, source);
    expect(lineEnd(nick)).toBe(source);
    expect(nextOnLine(source)).toBe(actions);
  });

  test('nothing after the line, or only on the next line: null', () => {
    const [nick] = header([[300, 70, 80, 22]]);
    expect(nextOnLine(nick as Element)).toBeNull();
    const [nick2] = header([
      [300, 70, 80, 22],
      [300, 96, 120, 18],
    ]);
    expect(nextOnLine(nick2 as Element)).toBeNull();
  });
});

describe("a row's badge: on the line below the nick's", () => {
  const BADGE = 20;
  test('a two-line row (nick, then preview): on the preview line, clear of the nick', () => {
    // the demo's row: 64 px, nick line 12–32, preview line 33–51
    const mid = rowBadgeMiddle(64, { bottom: 32, height: 20 });
    expect(mid).toBe(42);
    expect(mid - BADGE / 2).toBeGreaterThanOrEqual(32);
    expect(mid + BADGE / 2).toBeLessThanOrEqual(64);
  });

  test('a tall row: as far below the nick as its line is tall, not in the middle of what is left', () => {
    expect(rowBadgeMiddle(100, { bottom: 30, height: 18 })).toBe(39);
  });

  test('little room below the nick: half of it', () => {
    expect(rowBadgeMiddle(48, { bottom: 32, height: 20 })).toBe(40);
  });

  test('no line below the nick, or no nick known: centred on the row', () => {
    expect(rowBadgeMiddle(40, { bottom: 30, height: 20 })).toBe(20);
    expect(rowBadgeMiddle(64, null)).toBe(32);
  });
});
