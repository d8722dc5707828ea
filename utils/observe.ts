/**
 * One shared MutationObserver for the whole page, coalesced to one callback per animation frame
 * (or per `fallbackMs` when the tab is hidden and frames don't run).
 */
export interface DomChange {
  /** Mutation records since the last callback. */
  records: number;
  /** Nodes whose children, text or attributes changed (empty when `overflow`). */
  targets: Node[];
  /** The records of children added or removed, by the node whose children changed, in order (empty when `overflow`). */
  childLists: Map<Node, MutationRecord[]>;
  /** Too many changes to list: the callee should re-read everything. */
  overflow: boolean;
}

export interface ObserveOptions {
  /** Mutations of these nodes are ignored (our own overlay host). */
  ignore?: (node: Node) => boolean;
  fallbackMs?: number;
  /** Beyond this many changed nodes per frame, report `overflow` instead of listing them. */
  maxTargets?: number;
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
  const { ignore, fallbackMs = 200, maxTargets = 2000, frame, measure } = options;
  let records = 0;
  let targets: Node[] = [];
  let childLists = new Map<Node, MutationRecord[]>();
  let childListCount = 0;
  let overflow = false;
  let scheduled = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    if (!scheduled) return;
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    const change: DomChange = { records, targets, childLists, overflow };
    records = 0;
    targets = [];
    childLists = new Map();
    childListCount = 0;
    overflow = false;
    if (!signal.aborted) onChange(change);
  };

  const doc = (target.ownerDocument ?? target) as Document;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (frame) frame(run);
    else raf = requestAnimationFrame(run);
    // frames don't run in a hidden tab: a timer stands in for them there
    if (doc.hidden) timer = setTimeout(run, fallbackMs);
  };

  const observer = new MutationObserver((list) => {
    const start = measure ? performance.now() : 0;
    collect(list);
    measure?.(start);
  });
  const collect = (list: MutationRecord[]) => {
    let relevant = 0;
    let last: Node | null = null;
    for (const r of list) {
      const t = r.target;
      if (ignore?.(t)) continue;
      relevant++;
      if (overflow) continue;
      if (r.type === 'childList') {
        const of = childLists.get(t);
        if (of) of.push(r);
        else childLists.set(t, [r]);
        childListCount++;
      }
      // consecutive records of one node are one change
      if (t === last) continue;
      last = t;
      targets.push(t);
      if (targets.length > maxTargets || childListCount > maxTargets) {
        overflow = true;
        targets = [];
        childLists = new Map();
        childListCount = 0;
      }
    }
    if (relevant === 0) return;
    records += relevant;
    schedule();
  };
  observer.observe(target, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  // a tab hidden with a change pending: don't wait for a frame that won't come
  const onHidden = () => {
    if (scheduled && doc.hidden) timer = setTimeout(run, fallbackMs);
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
