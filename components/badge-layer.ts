/**
 * The countdown badges, drawn by hand rather than through Preact: they are the overlay's hot
 * path (redrawn every second and on every change of the conversation list), so each badge element
 * is kept and only what changed (text, state, position) is written. Positions are read from the
 * console's rows and header after layout (see utils/after-layout.ts), so no extra layout is forced.
 * Only rows that may be in view are measured: an IntersectionObserver tells which waiting rows
 * are scrolled out of sight (the browser works that out during its own rendering), so a list of
 * a hundred waiting customers costs a dozen reads, not a hundred.
 */
import type { OverlayState, WaitingCustomer } from '../utils/console-session';
import { marked } from '../utils/waiting';

export interface Spot {
  customer: WaitingCustomer;
  where: 'row' | 'header';
  /** The element it is drawn beside. */
  anchor: Element;
  /** Where it goes: a row badge's right edge, a header badge's left edge; its top. */
  x: number;
  y: number;
  /**
   * A row badge's leftmost edge (the row's): a badge wider than the room left of `x` starts there.
   * A header badge's (the nick's): it moves left no further, when it has to make room (`limit`).
   */
  left?: number;
  /** A header badge's rightmost edge (before the console's next control on the line): a badge wider than the room moves left. */
  limit?: number;
}

/** A badge's leftmost edge as written (whole pixels). */
const leftEdge = (s: Spot): number => Math.round(s.left ?? s.x);

/** Where a row's nick line ends, from the row's top, and its height (px). */
export interface NickLine {
  bottom: number;
  height: number;
}

/** A line below the nick's this tall at least takes the badge (px). */
const MIN_LINE = 14;

/**
 * The middle of a row's badge, from the row's top: on the line below the nick's (a message
 * preview: the end of an already shortened preview is what a badge can cover; centred on the row
 * it covered the end of long nicks), as tall as the nick's line at most; centred on the row when
 * there is no such line or the nick is not known.
 */
export function rowBadgeMiddle(rowHeight: number, nick: NickLine | null): number {
  const below = nick ? rowHeight - nick.bottom : 0;
  if (!nick || below < MIN_LINE) return rowHeight / 2;
  return nick.bottom + Math.min(below, nick.height) / 2;
}

/** The nick's line within a row whose box is `r` (null when it shows none). */
function nickLine(nick: Element | null, r: DOMRect): NickLine | null {
  const n = nick?.getBoundingClientRect();
  return n && n.height > 0 && n.bottom > r.top ? { bottom: n.bottom - r.top, height: n.height } : null;
}

/** Over the row's right side (clear of the time / unread column), below the nick's line. */
function rowSpot(c: WaitingCustomer, row: Element, r: DOMRect, nick: NickLine | null): Spot {
  return {
    customer: c,
    where: 'row',
    anchor: row,
    x: r.right - 46,
    y: r.top + rowBadgeMiddle(r.height, nick) - 10,
    left: r.left,
  };
}

/**
 * How far a header badge may reach when the console's next control follows the nick's line:
 * where it must end (before the control) and start at the furthest (the nick's start).
 */
interface HeaderRoom {
  limit: number;
  left: number;
}

/** The room after the line ending at `end` (null: nothing follows on the line). */
function headerRoom(nick: Element, end: Element): HeaderRoom | null {
  const next = nextOnLine(end)?.getBoundingClientRect();
  return next ? { limit: next.left - 8, left: nick.getBoundingClientRect().left } : null;
}

/** Beside the end of the nick's line (`lineEnd`), vertically centred. */
function headerSpot(c: WaitingCustomer, header: Element, end: Element): Spot | null {
  const r = end.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return { customer: c, where: 'header', anchor: header, x: r.right + 8, y: r.top + r.height / 2 - 10 };
}

/**
 * A header badge where the console's next control on the line leaves too little room for the
 * widest badge: moved left over the end of the line's text (where the customer came from) rather
 * than over the control. Elsewhere the plain position, as without buttons.
 */
function fitBefore(spot: Spot, room: HeaderRoom | null): Spot {
  if (room && room.limit - spot.x < WIDEST_BADGE) {
    spot.limit = room.limit;
    spot.left = room.left;
  }
  return spot;
}

/** Wider than any badge (「已超时 999:59:59」; px): with this much room after the line, no badge needs to move left. */
const WIDEST_BADGE = 150;

/** How often the room after the header's line is found again while it stays where it was (ms). */
const ROOM_EVERY_MS = 10_000;

/** How many levels up from the line's end the next thing on the line is looked for. */
const NEXT_LEVELS = 3;

/**
 * The first element after the line's `end` on the same line (the header's buttons): among its
 * following siblings, then its parents' (a few levels up). Null when nothing follows on the line.
 */
export function nextOnLine(end: Element): Element | null {
  const e = end.getBoundingClientRect();
  const mid = e.top + e.height / 2;
  let el: Element | null = end;
  for (let up = 0; el && up < NEXT_LEVELS; up++, el = el.parentElement) {
    for (let s = el.nextElementSibling; s; s = s.nextElementSibling) {
      const r = s.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.top > mid || r.bottom < mid || r.left < e.right) continue;
      return s;
    }
  }
  return null;
}

/** Elements this close after the one before them still belong to its line of text (px). */
const SAME_LINE_GAP = 24;

/**
 * The end of the header's line: the nick and what follows it on the same line without a gap
 * (a level tag, where the customer came from), so the badge after it covers none of them. Empty
 * or hidden elements are passed over; another line, or a gap (the header's buttons), ends it.
 */
export function lineEnd(nick: Element): Element {
  let end = nick;
  let r = nick.getBoundingClientRect();
  const mid = r.top + r.height / 2;
  for (let el = nick.nextElementSibling; el; el = el.nextElementSibling) {
    const s = el.getBoundingClientRect();
    if (s.width === 0 || s.height === 0) continue;
    if (s.top > mid || s.bottom < mid || s.left > r.right + SAME_LINE_GAP) break;
    end = el;
    r = s;
  }
  return end;
}

interface Drawn {
  el: HTMLElement;
  text: Text;
  /** What is written now: only changed parts are written again. */
  state: WaitingCustomer['state'] | null;
  estimated: boolean;
  /** The position written (a row badge's within the rows layer), and a row badge's leftmost edge. */
  x: number;
  y: number;
  left: number;
  seconds: number;
  hidden: boolean;
  /** The row or header it is drawn beside. */
  anchor: Element | null;
  /** The countdown shown (`~` before it when estimated). */
  label: string;
  /** A header badge's rightmost edge as written (null: none). */
  limit: number | null;
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
    {
      round: number;
      visible: boolean | undefined;
      clipper?: Element | null;
      /** Where its nick's line is (found once while it waits: a row's lines stay where they are). */
      nick?: NickLine | null;
    }
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
  /**
   * Row badges sit in one layer that moves as a whole: when the list shifts (a row jumps to the
   * top, the list scrolls) one write moves every badge that shifted alike, not one write each.
   */
  private readonly rows: HTMLElement;
  /** The rows layer's vertical offset (px); row badges' own positions are relative to it. */
  private rowsY = 0;

  /**
   * `onReveal`: a watched row came into view (draw again: its badge is missing). `measure` receives
   * when each of the visibility observer's callbacks started, as it ends (benchmarks).
   */
  constructor(
    private readonly parent: HTMLElement,
    onReveal: () => void,
    /** The element showing a row's nick (the console's). */
    private readonly nickOf: (row: Element) => Element | null,
    measure?: (start: number) => void,
  ) {
    this.rows = document.createElement('div');
    this.rows.className = 'kg-badge-rows';
    parent.append(this.rows);
    this.visibility = new IntersectionObserver((entries) => {
      const start = measure ? performance.now() : 0;
      let revealed = false;
      for (const e of entries) {
        const w = this.watched.get(e.target);
        if (!w) continue;
        if (e.isIntersecting && w.visible === false) revealed = true;
        w.visible = e.isIntersecting;
        if (e.isIntersecting) this.inView.add(e.target);
        else this.inView.delete(e.target);
      }
      if (revealed) onReveal();
      measure?.(start);
    });
  }

  /** The window was resized. */
  resized(): void {
    this.viewHeight = window.innerHeight;
    // the room after the header's line is found again
    this.room = null;
    // a narrower list may wrap a nick: its line is found again
    for (const w of this.watched.values()) w.nick = undefined;
  }

  stop(): void {
    this.visibility.disconnect();
    this.watched.clear();
    this.inView.clear();
    this.mapped = null;
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
    /** The row's spot when it is in view (clipped by its scrolling list), else null. */
    const inSight = (row: Element): Spot | null => {
      const c = byRow.get(row);
      if (!c) return null;
      const r = row.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return null;
      // the nick's line and the list that clips a row, found once while it waits
      const w = this.watched.get(row);
      let nick = w?.nick;
      if (nick === undefined) {
        nick = nickLine(this.nickOf(row), r);
        if (w) w.nick = nick;
      }
      const spot = rowSpot(c, row, r, nick);
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
      return midY >= 0 && midY <= viewHeight && (!clip || (midY >= clip.top && midY <= clip.bottom))
        ? spot
        : null;
    };
    // a row known to be out of sight is not measured
    for (const row of this.inView) {
      const spot = inSight(row);
      if (spot) spots.push(spot);
    }
    // unless the change moved it (a message takes its row to the top): found in view, it gets its
    // badge in this frame, not in the next one once the visibility observer reported it
    for (const row of state.rowsMoved ?? []) {
      const w = this.watched.get(row);
      if (w?.visible !== false) continue;
      const spot = inSight(row);
      if (!spot) continue;
      spots.push(spot);
      w.visible = true;
      this.inView.add(row);
    }
    if (active && state.threadHeader) {
      const header = state.threadHeader;
      const end = this.headerLineEnd(header, state);
      const onHeader = headerSpot(active, header, end);
      if (onHeader) spots.push(fitBefore(onHeader, this.roomAfter(header, end, onHeader.x, state)));
    }
    return spots;
  }

  /** The end of the header's line, found again for another header or conversation, or a second later. */
  private headerEnd: { header: Element; conversation: string | null; second: number; end: Element } | null =
    null;

  private headerLineEnd(header: Element, state: OverlayState): Element {
    const second = Math.floor(state.now / 1000);
    const known = this.headerEnd;
    if (
      known?.header === header &&
      known.conversation === state.activeConversation &&
      known.second === second &&
      known.end.isConnected
    )
      return known.end;
    const end = lineEnd(header);
    this.headerEnd = { header, conversation: state.activeConversation, second, end };
    return end;
  }

  /**
   * The room after the header's line, kept while the line ends at the same element and place
   * (the console's buttons rarely move): found again after a resize, or every ROOM_EVERY_MS.
   */
  private room: { end: Element; x: number; at: number; room: HeaderRoom | null } | null = null;

  private roomAfter(header: Element, end: Element, x: number, state: OverlayState): HeaderRoom | null {
    const known = this.room;
    const at = Math.round(x);
    if (known?.end === end && known.x === at && state.now - known.at < ROOM_EVERY_MS) return known.room;
    const room = headerRoom(header, end);
    this.room = { end, x: at, at: state.now, room };
    return room;
  }

  /**
   * The parents of the rows and headers badges have been drawn beside (a list's rows share one):
   * scrolling an element moves a badge when it holds one of them. Noted when a badge takes a new
   * row or header, not read on every draw.
   */
  private readonly anchorParents = new Set<Node>();
  /** Scrolled elements known to hold such a parent or not (a console scrolls the same few). */
  private scrolled = new WeakMap<Node, boolean>();

  /**
   * Whether scrolling `target` may move a badge on screen (rows coming into view are reported
   * apart). An element that once held a badge's row may hold none now: that costs a redraw only.
   */
  movedBy(target: Node): boolean {
    let moves = this.scrolled.get(target);
    if (moves === undefined) {
      moves = false;
      for (const p of this.anchorParents) if (target.contains(p)) moves = true;
      this.scrolled.set(target, moves);
    }
    return moves;
  }

  /** A badge is drawn beside `anchor` from now on. */
  private anchored(anchor: Element): void {
    const parent = anchor.parentNode;
    if (!parent || this.anchorParents.has(parent)) return;
    // a list or header that left the page is no longer followed
    for (const p of this.anchorParents) if (!p.isConnected) this.anchorParents.delete(p);
    this.anchorParents.add(parent);
    this.scrolled = new WeakMap();
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
    const rowsY = this.rowsOffset(spots);
    if (rowsY !== this.rowsY) {
      this.rowsY = rowsY;
      this.rows.style.transform = `translateY(${rowsY}px)`;
    }
    const shown = new Set<Drawn>();
    for (const s of spots) {
      let d = this.drawn[s.where].get(s.customer.conversation);
      if (!d) d = this.create(s);
      shown.add(d);
      if (d.anchor !== s.anchor) {
        d.anchor = s.anchor;
        this.anchored(s.anchor);
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
        d.el.className = `kg-badge kg-badge--${c.state} kg-badge--${s.where}`;
        d.el.setAttribute('data-state', c.state);
        d.el.setAttribute('data-estimated', c.estimated ? 'true' : 'false');
      }
      // one write of a property the browser restyles the badge alone for (custom properties are
      // inherited: each move restyled its dot and text too) and needs no layout for
      const x = Math.round(s.x);
      const y = Math.round(s.y) - (s.where === 'row' ? rowsY : 0);
      const left = leftEdge(s);
      const limit = s.limit === undefined ? null : Math.round(s.limit);
      if (d.x !== x || d.y !== y || d.left !== left || d.limit !== limit) {
        d.x = x;
        d.y = y;
        d.left = left;
        d.limit = limit;
        // a row badge ends at x, or starts at the row's left edge when it is wider than the room
        // before x (a narrow list); a header badge starts at x, or ends at its limit when wider
        // than the room after x (not past the nick's start): the browser knows its width, we
        // need not read it
        d.el.style.transform =
          s.where === 'row'
            ? `translate(${x}px, ${y}px) translateX(max(-100%, ${left - x}px))`
            : limit === null
              ? `translate(${x}px, ${y}px)`
              : `translate(${x}px, ${y}px) translateX(max(${left - x}px, min(0px, calc(${limit - x}px - 100%))))`;
      }
      if (d.seconds !== c.seconds) {
        d.seconds = c.seconds;
        d.el.setAttribute('data-seconds', String(c.seconds));
      }
      if (d.label !== c.label) {
        d.label = c.label;
        d.text.data = marked(c.label, c.estimated);
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
   * Where the rows layer goes: where it is, or where most row badges on screen shifted to, when
   * that spares more writes than the layer's own (rows usually shift together).
   */
  private rowsOffset(spots: readonly Spot[]): number {
    const current = this.rowsY;
    const votes = new Map<number, number>();
    let stay = 0;
    for (const s of spots) {
      if (s.where !== 'row') continue;
      const d = this.drawn.row.get(s.customer.conversation);
      if (!d || d.hidden || d.x !== Math.round(s.x) || d.left !== leftEdge(s)) continue;
      // the layer offset at which this badge needs no write
      const offset = Math.round(s.y) - d.y;
      if (offset === current) stay++;
      else votes.set(offset, (votes.get(offset) ?? 0) + 1);
    }
    let best = current;
    let spared = stay;
    for (const [offset, n] of votes)
      if (n > spared + 1) {
        best = offset;
        spared = n;
      }
    return best;
  }

  private create(s: Spot): Drawn {
    const el = document.createElement('div');
    el.setAttribute('data-kg', 'countdown');
    el.setAttribute('data-where', s.where);
    el.setAttribute('data-conversation', s.customer.conversation);
    const dot = document.createElement('span');
    dot.className = 'kg-badge-dot';
    dot.setAttribute('aria-hidden', 'true');
    const text = document.createTextNode('');
    el.append(dot, text);
    (s.where === 'row' ? this.rows : this.parent).append(el);
    const d: Drawn = {
      el,
      text,
      state: null,
      estimated: false,
      x: Number.NaN,
      y: Number.NaN,
      left: Number.NaN,
      seconds: Number.NaN,
      hidden: false,
      anchor: null,
      label: '',
      limit: null,
    };
    this.drawn[s.where].set(s.customer.conversation, d);
    return d;
  }
}
