/**
 * A list of the console's elements that share one parent (the conversation rows, the open
 * thread's messages), kept up to date from the shared observer's mutation records instead of
 * queried on every change: a message appended or a row moved to the top is patched in from the
 * records (only new elements are matched against the selector), a change elsewhere in the page
 * costs the list nothing, and anything it cannot follow (the list replaced or moved, elements
 * nested differently, a container added beside it, a fallback selector in use) queries the page
 * again, as a first read does. `test/live-list.test.ts` holds it to full reads under random edits.
 */

/** What a query found: the elements, and the selector that found them (null: none). */
export interface ElementQuery {
  elements: Element[];
  selector: string | null;
  /** The selector is the console's first choice (not a fallback, which any change re-queries). */
  primary?: boolean;
}

/** How the list must be read next: as it was, its parent's children patched or rescanned, or queried anew. */
const KEEP = 0;
const CHILDREN = 1;
const QUERY = 2;
type Read = typeof KEEP | typeof CHILDREN | typeof QUERY;

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** Whether an element of the list is nested inside `el` (a large subtree is assumed to hold one). */
function holds(el: Element, selector: string): boolean {
  const inside = el.getElementsByTagName('*');
  if (inside.length > 200) return true;
  for (let i = 0; i < inside.length; i++) if (matches(inside[i] as Element, selector)) return true;
  return false;
}

/** Whether two lists hold the same elements, in any order (lists of one parent: no repeats). */
function sameMembers(a: readonly Element[], b: readonly Element[]): boolean {
  if (a.length !== b.length) return false;
  // most changes move an element or two: compare the ends that differ
  let from = 0;
  while (from < a.length && a[from] === b[from]) from++;
  let to = a.length;
  while (to > from && a[to - 1] === b[to - 1]) to--;
  if (to - from > 64) {
    const inB = new Set(b.slice(from, to));
    for (let i = from; i < to; i++) if (!inB.has(a[i] as Element)) return false;
    return true;
  }
  for (let i = from; i < to; i++) {
    const j = b.indexOf(a[i] as Element, from);
    if (j < 0 || j >= to) return false;
  }
  return true;
}

export class LiveList {
  private els: Element[] = [];
  /** The elements' common parent (null when they have none: then every read queries). */
  private parent: Element | null = null;
  /** The parent's parent: a child added or removed there (a list beside it) may hold elements. */
  private scope: Element | null = null;
  private selector: string | null = null;
  /** Elements seen in the list (a rescan recognises them without matching the selector again). */
  private readonly members = new WeakSet<Element>();
  private next: Read = QUERY;
  /** Elements of the list that changed since the last read. */
  private rematch: Element[] = [];
  private appended = -1;
  /** Whether the last read added or removed elements (not only moved or changed them). */
  private joinedOrLeft = false;
  /** The elements the last read inserted or matched again (null: it read the whole list). */
  private lastTouched: Element[] | null = null;
  /** The first index the last patch removed or inserted at. */
  private firstTouched = 0;
  /** Whether the last patch added or removed elements (null: the list was rescanned, not patched). */
  private patchedMembers: boolean | null = null;

  /** `query(root)`: the full read (the first selector that finds anything, as the adapter reads). */
  constructor(private readonly query: (root: ParentNode) => ElementQuery) {}

  get elements(): readonly Element[] {
    return this.els;
  }

  /** The parent all the elements share (null when they do not share one). */
  get container(): Element | null {
    return this.parent;
  }

  /** The parent's parent: changes outside it are not the list's unless they hold the list. */
  get scopeNode(): Element | null {
    return this.scope;
  }

  /**
   * After a read that changed the list: the length of the list before it when the change only
   * appended elements (the earlier ones the same and unchanged), else -1.
   */
  get appendedFrom(): number {
    return this.appended;
  }

  /**
   * After a read: whether elements joined or left the list (false when they were only moved,
   * changed in place, or nothing changed).
   */
  get membersChanged(): boolean {
    return this.joinedOrLeft;
  }

  /**
   * After a read: the elements of the list it inserted (new or moved) or matched again (changed),
   * in no particular order; null when it read the whole list (any element may be new or changed).
   * The others are the same elements as before, unchanged.
   */
  get touched(): readonly Element[] | null {
    return this.lastTouched;
  }

  /** Forget everything: the next read queries. */
  reset(): void {
    this.next = QUERY;
  }

  /**
   * Walking up from a mutation `target`, the walk reached `node` (not an element of the list):
   * 'parent' or 'scope' when that is the list's parent or the parent's parent, else null.
   */
  reached(node: Node, target: Node): 'parent' | 'scope' | null {
    if (node === this.parent) {
      // the parent's own children or attributes changed: rescan; deeper, outside any element
      // of the list (a header, a group inside the list): query
      this.raise(node === target ? CHILDREN : QUERY);
      return 'parent';
    }
    if (node === this.scope) {
      // a container added or removed beside the list; deeper changes there (a counter in the
      // list's header) are not the list's
      if (node === target) this.raise(QUERY);
      return 'scope';
    }
    return null;
  }

  /**
   * The parent's ancestors as of the last read: a change to one of them may have moved or removed
   * the list (made when first needed after a read that queried; a patched list keeps its place).
   */
  private holders: Set<Node> | null = null;

  /** A target whose walk met none of the list's nodes: it changed the list if it holds it. */
  outside(target: Node): void {
    if (this.next === QUERY) return;
    const parent = this.parent;
    if (!parent) {
      this.raise(QUERY);
      return;
    }
    if (!this.holders) {
      this.holders = new Set();
      for (let n = parent.parentNode; n; n = n.parentNode) this.holders.add(n);
    }
    if (this.holders.has(target)) this.raise(QUERY);
  }

  /** An element of the list changed (its attributes or content): match it again on the next read. */
  changed(el: Element): void {
    this.members.delete(el);
    this.rematch.push(el);
    this.raise(CHILDREN);
  }

  private raise(read: Read): void {
    if (read > this.next) this.next = read;
  }

  /**
   * The list now: patched from `childLists` (the records of children added and removed since the
   * last read, by the node whose children changed) when only the parent's children changed, else
   * rescanned or queried from `root`.
   * Returns null when it is the same elements in the same order as after the last read.
   */
  read(
    root: ParentNode,
    childLists: ReadonlyMap<Node, readonly MutationRecord[]> = new Map(),
  ): readonly Element[] | null {
    const how = this.next;
    const rematch = this.rematch;
    this.next = KEEP;
    this.rematch = [];
    this.appended = -1;
    this.joinedOrLeft = false;
    this.lastTouched = [];
    if (how === KEEP && this.parent?.isConnected) return null;
    this.lastTouched = null;
    if (how === CHILDREN && this.parent?.isConnected && this.selector) {
      // the patch says which elements it touched, and whether any joined or left; a rescan does not
      this.patchedMembers = null;
      const patched =
        this.patch(this.parent, this.selector, childLists.get(this.parent) ?? [], rematch) ??
        this.rescan(this.parent, this.selector);
      // none left: a fallback selector may find some now (as a full read would)
      if (patched && patched.length > 0) {
        const prev = this.els;
        const changed = this.adopt(patched, this.parent, this.selector, true);
        if (changed && this.isAppend(prev, patched, rematch)) this.appended = prev.length;
        if (changed) this.joinedOrLeft = this.patchedMembers ?? !sameMembers(prev, patched);
        return changed;
      }
      this.lastTouched = null;
    }
    this.holders = null;
    const found = this.query(root);
    const first = found.elements[0];
    const parent = first?.parentElement ?? null;
    const shared = parent !== null && found.elements.every((e) => e.parentElement === parent);
    for (const e of found.elements) this.members.add(e);
    const prev = this.els;
    const changed = this.adopt(
      found.elements,
      shared ? parent : null,
      found.selector,
      found.primary === true,
    );
    if (changed) this.joinedOrLeft = !sameMembers(prev, found.elements);
    return changed;
  }

  /**
   * The list after the parent's children were added and removed as its records say, and the
   * changed elements matched again; null when the records cannot tell (then rescan).
   */
  private patch(
    parent: Element,
    selector: string,
    records: readonly MutationRecord[],
    rematch: readonly Element[],
  ): Element[] | null {
    const added: Element[] = [];
    const removed: Node[] = [];
    for (const r of records) {
      for (let i = 0; i < r.removedNodes.length; i++) removed.push(r.removedNodes[i] as Node);
      for (let i = 0; i < r.addedNodes.length; i++) {
        const n = r.addedNodes[i] as Node;
        if (n.nodeType === 1) added.push(n as Element);
      }
    }
    // the parent changed but none of its children did: its attributes (which selectors may read)
    if (added.length === 0 && removed.length === 0 && rematch.length === 0) return null;
    if (added.length + removed.length > 50) return null;
    const out = this.els.slice();
    let touched = out.length;
    const inserted: Element[] = [];
    /** Elements taken out of the list: those added back were moved, the others left. */
    const taken: Element[] = [];
    let joinedOrLeft = false;
    for (const n of removed) {
      const i = out.indexOf(n as Element);
      if (i >= 0) {
        out.splice(i, 1);
        taken.push(n as Element);
        touched = Math.min(touched, i);
      }
    }
    for (const el of rematch) {
      const i = out.indexOf(el);
      if (i < 0) continue;
      if (matches(el, selector)) inserted.push(el);
      else {
        out.splice(i, 1);
        joinedOrLeft = true;
      }
    }
    for (const el of added) {
      // an element already in the list was removed before it was added again (its removal is in
      // the records too), unless this change added it twice: only elements met before are looked for
      const met = this.members.has(el);
      if (el.parentElement !== parent || (met && out.includes(el))) continue;
      if (!met && !matches(el, selector)) {
        // elements nested inside a new child: the list no longer sits under one parent
        if (holds(el, selector)) return null;
        continue;
      }
      this.members.add(el);
      // right after the nearest earlier element of the list (the others keep their order)
      let at = 0;
      for (let p = el.previousElementSibling; p; p = p.previousElementSibling) {
        const i = out.lastIndexOf(p);
        if (i >= 0) {
          at = i + 1;
          break;
        }
      }
      out.splice(at, 0, el);
      inserted.push(el);
      touched = Math.min(touched, at);
      const back = taken.indexOf(el);
      if (back >= 0) taken.splice(back, 1);
      else joinedOrLeft = true;
    }
    this.firstTouched = touched;
    this.patchedMembers = joinedOrLeft || taken.length > 0;
    this.lastTouched = inserted;
    return out;
  }

  /** The parent's children that are elements of the list, or null if that is not enough. */
  private rescan(parent: Element, selector: string): Element[] | null {
    this.lastTouched = null;
    const out: Element[] = [];
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
      if (this.members.has(c)) out.push(c);
      else if (matches(c, selector)) {
        this.members.add(c);
        out.push(c);
      }
      // elements nested inside a new child: the list no longer sits under one parent
      else if (holds(c, selector)) return null;
    }
    return out;
  }

  private adopt(
    els: Element[],
    parent: Element | null,
    selector: string | null,
    primary: boolean,
  ): Element[] | null {
    const prev = this.els;
    this.els = els;
    if (parent !== this.parent || selector !== this.selector) {
      this.parent = parent;
      this.scope = parent?.parentElement ?? null;
      this.selector = selector;
    }
    // without a common parent nothing can be followed, and a fallback selector gives way to the
    // first choice as soon as that finds anything: query on every change
    if (parent === null || !primary) this.next = QUERY;
    let same = prev.length === els.length;
    for (let i = 0; same && i < els.length; i++) same = prev[i] === els[i];
    return same ? null : els;
  }

  /** Whether the last patch only appended elements to `prev` (nothing removed, changed or inserted before its end). */
  private isAppend(prev: readonly Element[], els: readonly Element[], rematch: readonly Element[]): boolean {
    return rematch.length === 0 && els.length > prev.length && this.firstTouched >= prev.length;
  }
}
