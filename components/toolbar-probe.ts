/**
 * The console's own controls on the line just above its reply box (where consoles put their
 * toolbar: 表情, 图片, 快捷短语…, 聊天记录), found by asking the browser what a click at points along
 * that line would reach (hit testing), so that our strip can stay off them (see
 * `utils/strip-fit.ts`). Layout reads only: called after layout, and only when the reply box
 * moved or another conversation opened (a few dozen hit tests).
 */
import { rowMiddle, type Span, type ToolbarLine } from '../utils/strip-fit';

/** Elements that take clicks by what they are. */
const CONTROL =
  'button, a[href], input, select, textarea, label, [role="button"], [role="tab"], [role="menuitem"], [onclick]';
/** Between two hit tests along the line (px): narrower than any usable control. */
const STEP = 12;

/**
 * The controls on the line of our suggestion row (its middle), between the reply box's left and
 * right edges; `isOurs` tells our own overlay apart.
 */
export function toolbarLine(box: Element, r: DOMRect, isOurs: (el: Element) => boolean): ToolbarLine {
  const y = rowMiddle(r.top);
  const controls: Span[] = [];
  let top = Number.POSITIVE_INFINITY;
  if (y <= 0) return { controls, top: r.top };
  const maxWidth = r.width / 2;
  for (let x = r.left + STEP / 2; x < r.right; x += STEP) {
    // what is on top there; under our own chips, the console's element beneath them
    let hit = document.elementFromPoint(x, y);
    if (hit && isOurs(hit)) {
      hit = null;
      for (const el of document.elementsFromPoint(x, y))
        if (!isOurs(el)) {
          hit = el;
          break;
        }
    }
    // the reply box itself, or what holds it (the composer's background): nothing to keep off
    if (!hit || hit === box || hit.contains(box) || box.contains(hit)) continue;
    const c = controlAt(hit, maxWidth);
    if (!c) continue;
    controls.push({ left: c.left, right: c.right });
    top = Math.min(top, c.top);
    // on past it
    while (x + STEP < c.right) x += STEP;
  }
  return { controls, top: Number.isFinite(top) ? top : r.top };
}

/**
 * Where the control `hit` is part of is, if any: an element that takes clicks by what it is, or
 * the outermost of the elements showing a pointer cursor (consoles draw toolbar items as plain
 * elements with a click handler) — either narrower than `maxWidth` (wider is a container).
 */
function controlAt(hit: Element, maxWidth: number): DOMRect | null {
  const own = hit.closest(CONTROL);
  const rect = own?.getBoundingClientRect();
  if (rect && rect.width <= maxWidth) return rect;
  let found: DOMRect | null = null;
  for (let n: Element | null = hit; n; n = n.parentElement) {
    if (getComputedStyle(n).cursor !== 'pointer') break;
    const r = n.getBoundingClientRect();
    if (r.width > maxWidth) break;
    found = r;
  }
  return found;
}
