/**
 * Where the suggestion row goes on the console's toolbar line. The strip sits just above the reply
 * box, which is where consoles put their own toolbar (表情, 图片, 快捷短语…, 聊天记录): the row takes the
 * widest stretch of that line no console control is on, and when no stretch is wide enough for
 * the picker's chip, the whole strip goes above the toolbar. Pure: the controls' extents are
 * found in the page by `components/toolbar-probe.ts`.
 */

/** A horizontal extent on screen (px). */
export interface Span {
  left: number;
  right: number;
}

/** What the strip's line holds: the console's controls on it, and the top of the highest one. */
export interface ToolbarLine {
  controls: readonly Span[];
  top: number;
}

/** Between the strip and the reply box, and the height of the suggestion row (px; see style.css). */
export const STRIP_GAP = 6;
export const ROW_HEIGHT = 26;

/** The middle of the suggestion row drawn above a reply box whose top is `boxTop`. */
export const rowMiddle = (boxTop: number): number => boxTop - STRIP_GAP - ROW_HEIGHT / 2;

/** What a line shows, to the pixel (the same key: the same place for the row). */
export function lineKey(line: ToolbarLine): string {
  const controls = line.controls.map((c) => `${Math.round(c.left)}-${Math.round(c.right)}`).join(',');
  return `${Math.round(line.top)}|${controls}`;
}

/** The narrowest row worth drawing: the picker's chip alone. */
export const MIN_ROW_WIDTH = 130;
/** Space kept clear on each side of a console control. */
const MARGIN = 6;

/**
 * The widest part of `strip` that no control covers (the rightmost of equally wide ones), or
 * null when none is `minWidth` wide. Controls outside the strip don't count.
 */
export function freeSpan(strip: Span, controls: readonly Span[], minWidth = MIN_ROW_WIDTH): Span | null {
  const taken = controls
    .filter((c) => c.right > c.left && c.right + MARGIN > strip.left && c.left - MARGIN < strip.right)
    .map((c) => ({ left: c.left - MARGIN, right: c.right + MARGIN }))
    .sort((a, b) => a.left - b.left);
  let best: Span | null = null;
  let from = strip.left;
  const consider = (left: number, right: number) => {
    if (right - left >= minWidth && (!best || right - left >= best.right - best.left)) best = { left, right };
  };
  for (const c of taken) {
    if (c.left > from) consider(from, Math.min(c.left, strip.right));
    from = Math.max(from, c.right);
    if (from >= strip.right) break;
  }
  if (from < strip.right) consider(from, strip.right);
  return best;
}

/** Where the suggestion row goes: a stretch of the toolbar line, or above the toolbar. */
export type RowPlace = { on: 'line'; span: Span } | { on: 'above'; top: number };

export function placeRow(strip: Span, line: ToolbarLine | null): RowPlace {
  if (!line || line.controls.length === 0) return { on: 'line', span: strip };
  const span = freeSpan(strip, line.controls);
  return span ? { on: 'line', span } : { on: 'above', top: line.top };
}
