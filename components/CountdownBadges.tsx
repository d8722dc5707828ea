import type { OverlayState, WaitingCustomer } from '../utils/console-session';

/** The nearest ancestor that scrolls (cached per parent: a list's rows share one). */
const scrollers = new WeakMap<Element, Element | null>();
function scrollerOf(el: Element): Element | null {
  const parent = el.parentElement;
  if (!parent) return null;
  const known = scrollers.get(parent);
  if (known !== undefined) return known;
  let found: Element | null = null;
  for (let p: Element | null = parent; p && p !== document.documentElement; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') {
      found = p;
      break;
    }
  }
  scrollers.set(parent, found);
  return found;
}

interface Placed {
  customer: WaitingCustomer;
  top: number;
  left: number;
  where: 'row' | 'header';
}

/** Where a badge goes: over the row's right side, vertically centred; hidden when scrolled away. */
function placeOnRow(c: WaitingCustomer, row: Element): Placed | null {
  const r = row.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  const clip = scrollerOf(row)?.getBoundingClientRect();
  const midY = r.top + r.height / 2;
  if (clip && (midY < clip.top || midY > clip.bottom)) return null;
  if (midY < 0 || midY > window.innerHeight) return null;
  // right-aligned, clear of the time / unread column most consoles keep at the row's right edge
  return { customer: c, top: midY - 10, left: r.right - 46, where: 'row' };
}

function placeOnHeader(c: WaitingCustomer, header: Element): Placed | null {
  const r = header.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { customer: c, top: r.top + r.height / 2 - 10, left: r.right + 8, where: 'header' };
}

/** One badge per waiting customer on its row, and one beside the open thread's header. */
export function CountdownBadges({ state }: { state: OverlayState }) {
  const placed: Placed[] = [];
  for (const c of state.waiting) {
    const onRow = c.row ? placeOnRow(c, c.row) : null;
    if (onRow) placed.push(onRow);
    if (c.active && state.threadHeader) {
      const onHeader = placeOnHeader(c, state.threadHeader);
      if (onHeader) placed.push(onHeader);
    }
  }
  return (
    <>
      {placed.map((p) => (
        <div
          key={`${p.where}:${p.customer.conversation}`}
          class={`kg-badge kg-badge--${p.customer.state} kg-badge--${p.where}`}
          style={{ top: `${p.top}px`, left: `${p.left}px` }}
          data-kg="countdown"
          data-where={p.where}
          data-conversation={p.customer.conversation}
          data-state={p.customer.state}
          data-seconds={p.customer.seconds}
          data-estimated={p.customer.estimated ? 'true' : 'false'}
        >
          <span class="kg-badge-dot" aria-hidden="true" />
          {p.customer.estimated ? `~${p.customer.label}` : p.customer.label}
        </div>
      ))}
    </>
  );
}
