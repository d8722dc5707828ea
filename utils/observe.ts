/**
 * One shared MutationObserver for the whole page, coalesced to one callback per animation frame
 * (or per `fallbackMs` when the tab is hidden and frames don't run). Reading the records in the
 * observer's own callbacks instead cost 2.5 times as much on the 100×100 demo (1.34 against
 * 0.54 ms a message): a console changes one message over several callbacks.
 */
export interface DomChange {
  /** The mutation records since the last callback, as the observer delivered them (none when `overflow`). */
  batches: readonly (readonly MutationRecord[])[];
  /** Too many changes to list: the callee should re-read everything. */
  overflow: boolean;
}

/**
 * What a change touched: the nodes whose children, text or attributes changed (consecutive
 * records of one node count once; `ignore`d nodes are left out), and the records of children
 * added or removed under each of `parents` (the lists followed), in order. Only records of those
 * parents are looked into: a change costs one read per record.
 */
export function readChange(
  change: DomChange,
  parents: readonly (Node | null)[],
  ignore?: (node: Node) => boolean,
): { targets: Node[]; childLists: Map<Node, MutationRecord[]> } {
  const targets: Node[] = [];
  const childLists = new Map<Node, MutationRecord[]>();
  let last: Node | null = null;
  let lastIsParent = false;
  for (const batch of change.batches)
    for (const r of batch) {
      const t = r.target;
      if (t !== last) {
        last = t;
        lastIsParent = parents.includes(t);
        if (!ignore?.(t)) targets.push(t);
      }
      if (lastIsParent && r.type === 'childList') {
        const of = childLists.get(t);
        if (of) of.push(r);
        else childLists.set(t, [r]);
      }
    }
  return { targets, childLists };
}

export interface ObserveOptions {
  /** Mutations of these nodes are ignored (our own overlay host). */
  ignore?: (node: Node) => boolean;
  fallbackMs?: number;
  /** Beyond this many records per frame, report `overflow` instead of listing them. */
  maxRecords?: number;
  /** Schedules the callback for the next frame (default: an animation frame). */
  frame?: (run: () => void) => void;
  /** Receives when each of the observer's own callbacks started, as it ends (benchmarks). */
  measure?: (start: number) => void;
}

const ATTRIBUTES = ['class', 'aria-selected', 'hidden', 'data-time', 'data-id'];

export function observeDom(
  target: Node,
  onChange: (change: DomChange) => void,
  signal: AbortSignal,
  options: ObserveOptions = {},
): () => void {
  const { ignore, fallbackMs = 200, maxRecords = 5000, frame, measure } = options;
  let batches: MutationRecord[][] = [];
  let records = 0;
  let overflow = false;
  let scheduled = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    if (!scheduled) return;
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    const change: DomChange = { batches, overflow };
    batches = [];
    records = 0;
    overflow = false;
    if (!signal.aborted) onChange(change);
  };

  const doc = (target.ownerDocument ?? target) as Document;
  /** Whether the tab is hidden (kept from its events: asked on every change, it would cost a read). */
  let hidden = doc.hidden;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (frame) frame(run);
    else raf = requestAnimationFrame(run);
    // frames don't run in a hidden tab: a timer stands in for them there
    if (hidden) timer = setTimeout(run, fallbackMs);
  };

  // the records are kept as delivered and read once, in the frame (see `readChange`)
  const observer = new MutationObserver((list) => {
    const start = measure ? performance.now() : 0;
    // a lone record of our own node is nothing of the page's
    if (!(list.length === 1 && ignore?.((list[0] as MutationRecord).target))) {
      records += list.length;
      if (records > maxRecords) {
        overflow = true;
        batches = [];
      } else if (!overflow) batches.push(list);
      schedule();
    }
    measure?.(start);
  });
  observer.observe(target, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  // a tab hidden with a change pending: don't wait for a frame that won't come
  const onHidden = () => {
    hidden = doc.hidden;
    if (scheduled && hidden) timer = setTimeout(run, fallbackMs);
  };
  doc.addEventListener('visibilitychange', onHidden, { signal });
  const stop = () => {
    observer.disconnect();
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
  };
  signal.addEventListener('abort', stop, { once: true });
  return stop;
}
