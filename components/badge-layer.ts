/**
 * The countdown badges, drawn by hand rather than through Preact: they are the overlay's hot
 * path (redrawn every second and on every change of the conversation list), so each badge element
 * is kept and only what changed (text, state, position) is written. Positions are read from the
 * console's rows and header after layout (see utils/after-layout.ts), so no extra layout is forced.
 */
import type { OverlayState, WaitingCustomer } from '../utils/console-session';

export interface Spot {
  customer: WaitingCustomer;
  where: 'row' | 'header';
  x: number;
  y: number;
}

/** Over the row's right side (clear of the time / unread column), vertically centred. */
function rowSpot(c: WaitingCustomer, row: Element): Spot | null {
  const r = row.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  return { customer: c, where: 'row', x: r.right - 46, y: r.top + r.height / 2 - 10 };
}

function headerSpot(c: WaitingCustomer, header: Element): Spot | null {
  const r = header.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { customer: c, where: 'header', x: r.right + 8, y: r.top + r.height / 2 - 10 };
}

interface Drawn {
  el: HTMLElement;
  text: Text;
  /** What is written now: only changed parts are written again. */
  look: string;
  at: string;
  seconds: number;
}

/** The nearest ancestor that clips a row (cached per parent: a list's rows share one). */
const clippers = new WeakMap<Element, Element | null>();
function clipperOf(el: Element): Element | null {
  const parent = el.parentElement;
  if (!parent) return null;
  const known = clippers.get(parent);
  if (known !== undefined) return known;
  let found: Element | null = null;
  for (let p: Element | null = parent; p && p !== document.documentElement; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') {
      found = p;
      break;
    }
  }
  clippers.set(parent, found);
  return found;
}

export class BadgeLayer {
  private readonly drawn = new Map<string, Drawn>();

  constructor(private readonly parent: HTMLElement) {}

  /** Where badges go: rows in view (clipped by their scrolling list) and the open thread's header. */
  private spots(state: OverlayState): Spot[] {
    const spots: Spot[] = [];
    const clips = new Map<Element, DOMRect>();
    const viewHeight = window.innerHeight;
    for (const c of state.waiting) {
      if (c.row) {
        const spot = rowSpot(c, c.row);
        const clipper = spot ? clipperOf(c.row) : null;
        let clip = clipper ? clips.get(clipper) : undefined;
        if (clipper && !clip) {
          clip = clipper.getBoundingClientRect();
          clips.set(clipper, clip);
        }
        const midY = spot ? spot.y + 10 : 0;
        if (spot && midY >= 0 && midY <= viewHeight && (!clip || (midY >= clip.top && midY <= clip.bottom)))
          spots.push(spot);
      }
      if (c.active && state.threadHeader) {
        const onHeader = headerSpot(c, state.threadHeader);
        if (onHeader) spots.push(onHeader);
      }
    }
    return spots;
  }

  /** Reads where the badges go (layout reads only: call before any write of this frame). */
  measure(state: OverlayState | null): Spot[] {
    return state && state.status === 'recognised' ? this.spots(state) : [];
  }

  /** Writes the badges (no layout reads). */
  apply(spots: readonly Spot[]): void {
    const keep = new Set<string>();
    for (const s of spots) {
      const key = `${s.where}:${s.customer.conversation}`;
      keep.add(key);
      let d = this.drawn.get(key);
      if (!d) {
        const el = document.createElement('div');
        el.setAttribute('data-kg', 'countdown');
        el.setAttribute('data-where', s.where);
        el.setAttribute('data-conversation', s.customer.conversation);
        const dot = document.createElement('span');
        dot.className = 'kg-badge-dot';
        dot.setAttribute('aria-hidden', 'true');
        const text = document.createTextNode('');
        el.append(dot, text);
        this.parent.append(el);
        d = { el, text, look: '', at: '', seconds: Number.NaN };
        this.drawn.set(key, d);
      }
      const c = s.customer;
      const look = `${c.state}|${c.estimated}`;
      if (d.look !== look) {
        d.look = look;
        d.el.className = `kg-badge kg-badge--${c.state} kg-badge--${s.where}`;
        d.el.setAttribute('data-state', c.state);
        d.el.setAttribute('data-estimated', c.estimated ? 'true' : 'false');
      }
      const at = `translate(${Math.round(s.x)}px, ${Math.round(s.y)}px)${s.where === 'row' ? ' translateX(-100%)' : ''}`;
      if (d.at !== at) {
        d.at = at;
        d.el.style.transform = at;
      }
      if (d.seconds !== c.seconds) {
        d.seconds = c.seconds;
        d.el.setAttribute('data-seconds', String(c.seconds));
      }
      const label = c.estimated ? `~${c.label}` : c.label;
      if (d.text.data !== label) d.text.data = label;
    }
    for (const [key, d] of this.drawn) {
      if (keep.has(key)) continue;
      d.el.remove();
      this.drawn.delete(key);
    }
  }
}
