/**
 * Reading the agent's draft and putting text into the console's reply box so that the console
 * (and the framework behind it) sees it as typing. The one insertion path for templates and for
 * phrase alternatives. Never writes markup: only text, through the editor's own input handling.
 *
 * - textarea / input: the native value setter (frameworks that track `value` see the change) and
 *   an `input` event;
 * - contenteditable: the selection is put on the span and a cancelable `beforeinput` is
 *   dispatched: editors that keep their own state (Lexical, Slate…) take the text from it and
 *   cancel it. Otherwise the browser types it (`execCommand('insertText')`: a real edit with a
 *   trusted `input`); last, the text node is inserted with the DOM and an `input` event fired.
 * Each step is confirmed by reading the draft back.
 */

export type InsertMethod = 'value-setter' | 'insert-text' | 'beforeinput' | 'dom';

export type InsertResult = { ok: true; method: InsertMethod } | { ok: false; reason: string };

export function isTextControl(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

/** The draft as text (a contenteditable's text nodes, in order). */
export function readDraft(box: HTMLElement): string {
  return isTextControl(box) ? box.value : (box.textContent ?? '');
}

/** The selection inside the box as text offsets, or null when the caret is elsewhere. */
export function draftSelection(box: HTMLElement): { start: number; end: number } | null {
  if (isTextControl(box)) {
    return { start: box.selectionStart ?? box.value.length, end: box.selectionEnd ?? box.value.length };
  }
  const sel = box.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const r = sel.getRangeAt(0);
  if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) return null;
  return {
    start: offsetOf(box, r.startContainer, r.startOffset),
    end: offsetOf(box, r.endContainer, r.endOffset),
  };
}

function textNodes(box: HTMLElement): Text[] {
  const out: Text[] = [];
  const walker = box.ownerDocument.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

function offsetOf(box: HTMLElement, node: Node, offset: number): number {
  if (node.nodeType !== Node.TEXT_NODE) {
    // an element boundary: count the text before its offset-th child
    const range = box.ownerDocument.createRange();
    range.selectNodeContents(box);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  let total = 0;
  for (const t of textNodes(box)) {
    if (t === node) return total + offset;
    total += t.data.length;
  }
  return total;
}

/** A DOM position for a text offset inside a contenteditable. */
function positionAt(box: HTMLElement, offset: number): { node: Node; offset: number } {
  let rest = offset;
  const nodes = textNodes(box);
  for (const t of nodes) {
    if (rest <= t.data.length) return { node: t, offset: rest };
    rest -= t.data.length;
  }
  const last = nodes.at(-1);
  return last ? { node: last, offset: last.data.length } : { node: box, offset: box.childNodes.length };
}

function selectRange(box: HTMLElement, start: number, end: number): void {
  const doc = box.ownerDocument;
  const range = doc.createRange();
  const a = positionAt(box, start);
  const b = positionAt(box, end);
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const sel = doc.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

const valueSetter = (el: HTMLTextAreaElement | HTMLInputElement) =>
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;

/**
 * Replaces the draft's text between `start` and `end` (default: the selection, else the end)
 * with `text`, and leaves the caret after it, or at `caret` (an offset into `text`).
 */
export async function insertText(
  box: HTMLElement,
  text: string,
  range?: { start: number; end: number },
  caret?: number,
): Promise<InsertResult> {
  const before = readDraft(box);
  const at = range ?? draftSelection(box) ?? { start: before.length, end: before.length };
  const start = Math.max(0, Math.min(at.start, before.length));
  const end = Math.max(start, Math.min(at.end, before.length));
  const expected = before.slice(0, start) + text + before.slice(end);
  const caretAt = start + (caret ?? text.length);
  box.focus();

  if (isTextControl(box)) {
    const set = valueSetter(box);
    if (set) set.call(box, expected);
    else box.value = expected;
    box.setSelectionRange(caretAt, caretAt);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return readDraft(box) === expected
      ? { ok: true, method: 'value-setter' }
      : { ok: false, reason: 'the reply box did not keep the text' };
  }

  // editors that keep their own state render after the event: give them a frame to show it
  const arrived = async () => {
    if (readDraft(box) === expected) return true;
    await settle();
    return readDraft(box) === expected;
  };
  const placeCaret = () => {
    if (box.ownerDocument.activeElement === box) selectRange(box, caretAt, caretAt);
  };
  // editors that keep their own state (Lexical, Slate…) take text from `beforeinput` and cancel it
  selectRange(box, start, end);
  const event = new InputEvent('beforeinput', {
    bubbles: true,
    cancelable: true,
    inputType: 'insertText',
    data: text,
  });
  box.dispatchEvent(event);
  if (event.defaultPrevented) {
    if (await arrived()) {
      placeCaret();
      return { ok: true, method: 'beforeinput' };
    }
    return { ok: false, reason: 'the editor took the text but did not show it' };
  }
  // otherwise the browser types it (execCommand: a real edit with a trusted input event)
  const typed = box.ownerDocument.execCommand('insertText', false, text);
  if (typed && (await arrived())) {
    placeCaret();
    return { ok: true, method: 'insert-text' };
  }
  if (readDraft(box) !== before) return { ok: false, reason: 'the editor changed the text differently' };
  selectRange(box, start, end);
  if (!event.defaultPrevented && readDraft(box) === before) {
    const sel = box.ownerDocument.getSelection();
    const r = sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : null;
    if (r) {
      r.deleteContents();
      r.insertNode(box.ownerDocument.createTextNode(text));
      box.normalize();
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      if (await arrived()) {
        placeCaret();
        return { ok: true, method: 'dom' };
      }
    }
  }
  return { ok: false, reason: 'the editor did not accept the text' };
}

/** A microtask, then the next frame (or 50 ms when frames don't run). */
function settle(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, 50);
    queueMicrotask(() => requestAnimationFrame(done));
  });
}

/** Selects a span of the draft (a gap the agent must fill). */
export function selectDraft(box: HTMLElement, start: number, end: number): void {
  box.focus();
  if (isTextControl(box)) box.setSelectionRange(start, end);
  else selectRange(box, start, end);
}
