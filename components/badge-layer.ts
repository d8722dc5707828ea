/**
 * The countdown badges, drawn by hand rather than through Preact: they are the overlay's hot
 * path (redrawn every second and on every change of the conversation list), so each badge element
 * is kept and only what changed (text, state, position) is written. Positions are read from the
 * console's rows and header after layout (see utils/after-layout.ts), so no extra layout is forced.
 * Only rows that may be in view are measured: an IntersectionObserver tells which waiting rows
 * are scrolled out of sight (the browser works that out during its own rendering), so a list of
 * a hundred waiting customers costs a dozen reads, not a hundred.
 *
 * Where the browser positions elements against others (CSS anchor positioning: Chromium 125,
 * Firefox 147, Safari 26), nothing is measured at all: each badge names its row or header as its
 * anchor and the browser keeps it there through every move, scroll and resize, in its own layout
 * (see `Anchors`). Badges are then written only when what they show changes, not when a row
 * moves, which on a busy console is on every message.
 */
import type { OverlayState, WaitingCustomer } from '../utils/console-session';

export interface Spot {
  customer: WaitingCustomer;
  where: 'row' | 'header';
  /** The element it is drawn beside. */
  anchor: Element;
  x: number;
  y: number;
}

/** Over the row's right side (clear of the time / unread column), vertically centred. */
function rowSpot(c: WaitingCustomer, row: Element): Spot | null {
  const r = row.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  return { customer: c, where: 'row', anchor: row, x: r.right - 46, y: r.top + r.height / 2 - 10 };
}

function headerSpot(c: WaitingCustomer, header: Element): Spot | null {
  const r = header.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { customer: c, where: 'header', anchor: header, x: r.right + 8, y: r.top + r.height / 2 - 10 };
}

interface Drawn {
  el: HTMLElement;
  text: Text;
  /** What is written now: only changed parts are written again. */
  state: WaitingCustomer['state'] | null;
  estimated: boolean;
  x: number;
  y: number;
  seconds: number;
  hidden: boolean;
  /** The row or header it is drawn beside. */
  anchor: Element | null;
  /** The countdown shown (`~` before it when estimated). */
  label: string;
  /** The anchor name it is positioned against (positioned by the browser). */
  anchorName: string;
}

/** The part name of badges the browser positions (the document's rule for it names their anchor). */
const ANCHORED_PART = 'kg-anchored';

const NAME_PREFIX = '--kg-anchor-';

/** An `anchor-name` value without our names in it ('' for none). */
function notOurs(value: string): string {
  return value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && n !== 'none' && !n.startsWith(NAME_PREFIX))
    .join(', ');
}

/**
 * Anchor names on the console's rows and header, for badges the browser positions (CSS anchor
 * positioning). The only thing written to the page: an `anchor-name` on each element a badge is
 * drawn beside (added to any the element has, taken off when no badge needs it, and all of them
 * when the overlay goes), and one document-level rule that lets our badges, inside our shadow
 * root, refer to those names (`position-anchor` named in the shadow root would look for them in
 * the shadow root only; through `::part` it is the document's).
 */
class Anchors {
  private readonly names = new Map<Element, { name: string; before: string }>();
  private next = 0;
  private readonly sheet: CSSStyleSheet;

  constructor(hostTag: string) {
    this.sheet = new CSSStyleSheet();
    this.sheet.replaceSync(`${hostTag}::part(${ANCHORED_PART}){position-anchor:var(--kg-anchor)}`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  /** The element's anchor name (given now if it has none of ours). */
  name(el: Element): string {
    let named = this.names.get(el);
    if (!named) {
      const style = (el as HTMLElement).style;
      // the console's own anchor names (from its stylesheets or inline) are kept beside ours
      // (names of ours it has are copies: the console cloned an element we named)
      const own = notOurs(getComputedStyle(el).getPropertyValue('anchor-name'));
      const name = `${NAME_PREFIX}${++this.next}`;
      named = { name, before: notOurs(style?.getPropertyValue('anchor-name') ?? '') };
      style?.setProperty('anchor-name', own ? `${own}, ${name}` : name);
      this.names.set(el, named);
    }
    return named.name;
  }

  /** Takes our name off an element no badge is drawn beside any more. */
  release(el: Element): void {
    const named = this.names.get(el);
    if (!named) return;
    this.names.delete(el);
    const style = (el as HTMLElement).style;
    if (named.before) style?.setProperty('anchor-name', named.before);
    else style?.removeProperty('anchor-name');
  }

  /** Whether `el` carries one of our names. */
  has(el: Element): boolean {
    return this.names.has(el);
  }

  stop(): void {
    for (const el of [...this.names.keys()]) this.release(el);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}

/** Whether this browser can position our badges against the console's elements. */
export function anchorsSupported(): boolean {
  return (
    typeof CSS !== 'undefined' &&
    CSS.supports('anchor-name', '--kg') &&
    CSS.supports('position-anchor', 'var(--kg)') &&
    CSS.supports('position-visibility', 'anchors-visible') &&
    'adoptedStyleSheets' in Document.prototype
  );
}

/** Badges kept hidden (rows scrolled out of view) beyond this many are removed. */
const MAX_HIDDEN = 100;

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
  /** Badges by conversation: on list rows, and on the open thread's header. */
  private readonly drawn = { row: new Map<string, Drawn>(), header: new Map<string, Drawn>() };
  /** The badges on screen after the last `apply`. */
  private shown = new Set<Drawn>();
  /** Waiting rows watched for visibility: whether each intersects the viewport (undefined: not known yet). */
  private readonly watched = new Map<
    Element,
    { round: number; visible: boolean | undefined; clipper?: Element | null }
  >();
  /** The window's height (kept from its resizes: read on every draw, it would cost a call). */
  private viewHeight = window.innerHeight;
  /** The watched rows that may be in view (reported in view, or not reported yet). */
  private readonly inView = new Set<Element>();
  /** The waiting list last mapped: its customers by row, and the open conversation's. */
  private mapped: {
    waiting: readonly WaitingCustomer[];
    byRow: Map<Element, WaitingCustomer>;
    active: WaitingCustomer | null;
  } | null = null;
  private round = 0;
  private readonly visibility: IntersectionObserver;
  /** Set when the browser positions the badges against their rows and header (nothing measured). */
  private anchors: Anchors | null = null;
  /** Whether the first anchored badge was seen to take its anchor (the page's styles may stop it). */
  private anchorsVerified = false;
  private readonly onVisibility: () => void;
  /** The header the header badge was last drawn beside (its anchor name goes when it changes). */
  private headerAnchor: Element | null = null;

  /**
   * `onVisibility`: a watched row came into view or left it (draw again: its badge is missing, or
   * goes). `anchored`: let the browser position badges (default: where it can).
   */
  constructor(
    private readonly parent: HTMLElement,
    onVisibility: () => void,
    options: { anchored?: boolean; measure?: (start: number) => void } = {},
  ) {
    this.onVisibility = onVisibility;
    const host = (parent.getRootNode() as Partial<ShadowRoot>).host;
    if ((options.anchored ?? anchorsSupported()) && host) {
      try {
        this.anchors = new Anchors(host.localName);
      } catch {
        // the document took no stylesheet of ours: badges are measured
      }
    }
    const measure = options.measure;
    // a row counts as in view when half of it shows (its badge sits on its middle)
    this.visibility = new IntersectionObserver(
      (entries) => {
        const start = measure ? performance.now() : 0;
        let changed = false;
        for (const e of entries) {
          const w = this.watched.get(e.target);
          if (!w) continue;
          const visible = e.isIntersecting && e.intersectionRatio >= 0.5;
          // a row not reported before was measured; drawn again should the report differ
          if (w.visible !== visible && (w.visible !== undefined || visible)) changed = true;
          w.visible = visible;
          if (visible) this.inView.add(e.target);
          else this.inView.delete(e.target);
        }
        if (changed) onVisibility();
        measure?.(start);
      },
      { threshold: 0.5 },
    );
  }

  /** Whether the browser positions the badges (anchor positioning) rather than we measuring rows. */
  get anchored(): boolean {
    return this.anchors !== null;
  }

  /** The window was resized. */
  resized(): void {
    this.viewHeight = window.innerHeight;
  }

  stop(): void {
    this.visibility.disconnect();
    this.watched.clear();
    this.inView.clear();
    this.mapped = null;
    this.anchors?.stop();
  }

  /**
   * The waiting customers by row (made again when the list changes, not on every draw); rows that
   * wait are watched for visibility while they wait (one the observer has not reported yet may
   * be in view).
   */
  private map(waiting: readonly WaitingCustomer[]) {
    if (this.mapped?.waiting === waiting) return this.mapped;
    const round = ++this.round;
    const byRow = new Map<Element, WaitingCustomer>();
    let active: WaitingCustomer | null = null;
    for (const c of waiting) {
      if (c.active && !active) active = c;
      if (!c.row || byRow.has(c.row)) continue;
      byRow.set(c.row, c);
      const w = this.watched.get(c.row);
      if (w) w.round = round;
      else {
        this.watched.set(c.row, { round, visible: undefined });
        this.inView.add(c.row);
        this.visibility.observe(c.row);
      }
    }
    // rows that no longer wait
    if (this.watched.size > byRow.size)
      for (const [row, w] of this.watched)
        if (w.round !== round) {
          this.visibility.unobserve(row);
          this.watched.delete(row);
          this.inView.delete(row);
          this.anchors?.release(row);
        }
    this.mapped = { waiting, byRow, active };
    return this.mapped;
  }

  /** Where badges go: rows in view (clipped by their scrolling list) and the open thread's header. */
  private spots(state: OverlayState): Spot[] {
    const spots: Spot[] = [];
    const clips = new Map<Element, DOMRect>();
    const viewHeight = this.viewHeight;
    const { byRow, active } = this.map(state.waiting);
    const anchored = this.anchors !== null;
    // a row known to be out of sight is not measured
    for (const row of this.inView) {
      const c = byRow.get(row);
      if (!c) continue;
      const w = this.watched.get(row);
      // the browser places it: a row reported in view is all there is to know (one not reported
      // yet, new on the list, is measured once so that its badge is there in this frame)
      if (anchored && w?.visible) {
        spots.push({ customer: c, where: 'row', anchor: row, x: 0, y: 0 });
        continue;
      }
      const spot = rowSpot(c, row);
      if (!spot) continue;
      // the list that clips a row, found once while it waits
      let clipper = w?.clipper;
      if (clipper === undefined) {
        clipper = clipperOf(row);
        if (w) w.clipper = clipper;
      }
      let clip = clipper ? clips.get(clipper) : undefined;
      if (clipper && !clip) {
        clip = clipper.getBoundingClientRect();
        clips.set(clipper, clip);
      }
      const midY = spot.y + 10;
      if (midY >= 0 && midY <= viewHeight && (!clip || (midY >= clip.top && midY <= clip.bottom)))
        spots.push(spot);
    }
    if (active && state.threadHeader) {
      const onHeader = anchored
        ? { customer: active, where: 'header' as const, anchor: state.threadHeader, x: 0, y: 0 }
        : headerSpot(active, state.threadHeader);
      if (onHeader) spots.push(onHeader);
    }
    return spots;
  }

  /** Scrolled elements known to hold a badge's row or header or not (a console scrolls the same few). */
  private scrolled = new WeakMap<Node, boolean>();

  /** Whether scrolling `target` moves a badge on screen (rows coming into view are reported apart). */
  movedBy(target: Node): boolean {
    // badges the browser positions move with their rows by themselves
    if (this.anchors) return false;
    let moves = this.scrolled.get(target);
    if (moves === undefined) {
      moves = false;
      for (const d of this.shown) if (d.anchor && target.contains(d.anchor)) moves = true;
      this.scrolled.set(target, moves);
    }
    return moves;
  }

  /** Reads where the badges go (layout reads only: call before any write of this frame). */
  measure(state: OverlayState | null): Spot[] {
    return state && state.status === 'recognised' ? this.spots(state) : [];
  }

  /**
   * Writes the badges (no layout reads). A badge whose row scrolled out of view is hidden, not
   * removed (its customer usually comes back into view; a hidden badge has no `data-kg`).
   */
  apply(spots: readonly Spot[]): void {
    const shown = new Set<Drawn>();
    let anchorsChanged = false;
    const anchors = this.anchors;
    let header: Element | null = null;
    for (const s of spots) {
      let d = this.drawn[s.where].get(s.customer.conversation);
      if (!d) d = this.create(s);
      shown.add(d);
      if (d.anchor !== s.anchor || d.hidden) {
        d.anchor = s.anchor;
        anchorsChanged = true;
      }
      if (d.hidden) {
        d.hidden = false;
        d.el.hidden = false;
        d.el.setAttribute('data-kg', 'countdown');
      }
      const c = s.customer;
      if (d.state !== c.state || d.estimated !== c.estimated) {
        if (d.estimated !== c.estimated) d.label = '';
        d.state = c.state;
        d.estimated = c.estimated;
        d.el.className = `kg-badge kg-badge--${c.state} kg-badge--${s.where}${anchors ? ' kg-badge--anchored' : ''}`;
        d.el.setAttribute('data-state', c.state);
        d.el.setAttribute('data-estimated', c.estimated ? 'true' : 'false');
      }
      if (anchors) {
        // the browser keeps it beside its anchor: written only when the anchor is another
        const name = anchors.name(s.anchor);
        if (d.anchorName !== name) {
          d.anchorName = name;
          d.el.style.setProperty('--kg-anchor', name);
          if (!this.anchorsVerified && !this.verifyAnchor(d.el, name)) return;
        }
        if (s.where === 'header') header = s.anchor;
      } else {
        const x = Math.round(s.x);
        const y = Math.round(s.y);
        if (d.x !== x) {
          d.x = x;
          d.el.style.setProperty('--kg-x', `${x}px`);
        }
        if (d.y !== y) {
          d.y = y;
          d.el.style.setProperty('--kg-y', `${y}px`);
        }
      }
      if (d.seconds !== c.seconds) {
        d.seconds = c.seconds;
        d.el.setAttribute('data-seconds', String(c.seconds));
      }
      if (d.label !== c.label) {
        d.label = c.label;
        d.text.data = c.estimated ? `~${c.label}` : c.label;
      }
    }
    // badges shown last time and not now are hidden (kept for customers likely to come back into
    // view); beyond a limit the oldest hidden ones go
    for (const d of this.shown)
      if (!shown.has(d) && !d.hidden) {
        d.hidden = true;
        d.el.hidden = true;
        d.el.removeAttribute('data-kg');
      }
    // a header no badge is drawn beside keeps no name of ours
    if (anchors && this.headerAnchor !== header) {
      if (this.headerAnchor && !this.watched.has(this.headerAnchor)) anchors.release(this.headerAnchor);
      this.headerAnchor = header;
    }
    // what scrolls the badges changes with the rows and headers they are drawn beside
    if (anchorsChanged || shown.size !== this.shown.size) this.scrolled = new WeakMap();
    this.shown = shown;
    if (this.drawn.row.size + this.drawn.header.size - shown.size <= MAX_HIDDEN) return;
    for (const drawn of [this.drawn.row, this.drawn.header]) {
      let excess = drawn.size - shown.size - MAX_HIDDEN;
      if (excess <= 0) continue;
      for (const [key, d] of drawn) {
        if (excess <= 0) break;
        if (shown.has(d)) continue;
        excess--;
        d.el.remove();
        drawn.delete(key);
      }
    }
  }

  /**
   * Whether a badge took the anchor it was given: checked once (a style read), as the page's own
   * styles could override the rule that gives it. If not, badges are measured from then on.
   */
  private verifyAnchor(el: HTMLElement, name: string): boolean {
    this.anchorsVerified = true;
    if (getComputedStyle(el).getPropertyValue('position-anchor').trim() === name) return true;
    this.anchors?.stop();
    this.anchors = null;
    for (const drawn of [this.drawn.row, this.drawn.header]) {
      for (const d of drawn.values()) d.el.remove();
      drawn.clear();
    }
    this.shown = new Set();
    this.headerAnchor = null;
    this.scrolled = new WeakMap();
    this.onVisibility();
    return false;
  }

  private create(s: Spot): Drawn {
    const el = document.createElement('div');
    el.setAttribute('data-kg', 'countdown');
    el.setAttribute('data-where', s.where);
    el.setAttribute('data-conversation', s.customer.conversation);
    // the document's rule gives it its anchor (see `Anchors`)
    if (this.anchors) el.setAttribute('part', ANCHORED_PART);
    const dot = document.createElement('span');
    dot.className = 'kg-badge-dot';
    dot.setAttribute('aria-hidden', 'true');
    const text = document.createTextNode('');
    el.append(dot, text);
    this.parent.append(el);
    const d: Drawn = {
      el,
      text,
      state: null,
      estimated: false,
      x: Number.NaN,
      y: Number.NaN,
      seconds: Number.NaN,
      hidden: false,
      anchor: null,
      label: '',
      anchorName: '',
    };
    this.drawn[s.where].set(s.customer.conversation, d);
    return d;
  }
}
