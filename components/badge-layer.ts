/**
 * The countdown badges, drawn by hand rather than through Preact: they are the overlay's hot
 * path (redrawn every second and on every change of the conversation list), so each badge element
 * is kept and only what changed (text, state, position) is written. Positions are read from the
 * console's rows and header after layout (see utils/after-layout.ts), so no extra layout is forced,
 * and only for rows in view (an IntersectionObserver says which, without reading layout).
 */
import type { OverlayState, WaitingCustomer } from '../utils/console-session';

interface Spot {
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

export class BadgeLayer {
  private readonly drawn = new Map<string, Drawn>();
  /** Rows in view, kept by an IntersectionObserver (clipping by scrolled lists included). */
  private readonly visible = new WeakSet<Element>();
  private readonly watched = new Set<Element>();
  private readonly io: IntersectionObserver;

  /** `onVisibility` is called when rows scroll in or out of view (then update again). */
  constructor(
    private readonly parent: HTMLElement,
    onVisibility: () => void,
  ) {
    this.io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.visible.add(e.target);
        else this.visible.delete(e.target);
      }
      onVisibility();
    });
  }

  stop(): void {
    this.io.disconnect();
  }

  /** Where badges go: rows in view (rects read only for them) and the open thread's header. */
  private spots(state: OverlayState): Spot[] {
    const spots: Spot[] = [];
    const rows = new Set<Element>();
    for (const c of state.waiting) {
      if (c.row) {
        rows.add(c.row);
        if (!this.watched.has(c.row)) {
          this.watched.add(c.row);
          this.io.observe(c.row);
        }
        const onRow = this.visible.has(c.row) ? rowSpot(c, c.row) : null;
        if (onRow) spots.push(onRow);
      }
      if (c.active && state.threadHeader) {
        const onHeader = headerSpot(c, state.threadHeader);
        if (onHeader) spots.push(onHeader);
      }
    }
    for (const row of this.watched) {
      if (rows.has(row)) continue;
      this.io.unobserve(row);
      this.watched.delete(row);
    }
    return spots;
  }

  update(state: OverlayState | null): void {
    const spots = state && state.status === 'recognised' ? this.spots(state) : [];
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
