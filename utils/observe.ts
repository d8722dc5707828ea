/**
 * One shared MutationObserver for the whole page, coalesced to one callback per animation frame
 * (or per `fallbackMs` when the tab is hidden and frames don't run).
 */
export interface DomChange {
  /** Mutation records since the last callback. */
  records: number;
  /** Elements added since the last callback (empty when `overflow`). */
  added: Element[];
  /** Too many changes to list: the callee should rescan everything. */
  overflow: boolean;
}

export interface ObserveOptions {
  /** Mutations inside these nodes are ignored (our own overlay host). */
  ignore?: (node: Node) => boolean;
  fallbackMs?: number;
  /** Beyond this many added elements per frame, report `overflow` instead of listing them. */
  maxAdded?: number;
}

const ATTRIBUTES = ['class', 'aria-selected', 'hidden', 'data-time', 'data-id'];

export function observeDom(
  target: Node,
  onChange: (change: DomChange) => void,
  signal: AbortSignal,
  options: ObserveOptions = {},
): () => void {
  const { ignore, fallbackMs = 200, maxAdded = 2000 } = options;
  let records = 0;
  let added: Element[] = [];
  let overflow = false;
  let scheduled = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    if (!scheduled) return;
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    const change: DomChange = { records, added, overflow };
    records = 0;
    added = [];
    overflow = false;
    if (!signal.aborted) onChange(change);
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    raf = requestAnimationFrame(run);
    timer = setTimeout(run, fallbackMs);
  };

  const observer = new MutationObserver((list) => {
    let relevant = 0;
    for (const r of list) {
      if (ignore?.(r.target)) continue;
      relevant++;
      if (overflow) continue;
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType !== 1 || ignore?.(n)) continue;
        added.push(n as Element);
      }
      if (added.length > maxAdded) {
        overflow = true;
        added = [];
      }
    }
    if (relevant === 0) return;
    records += relevant;
    schedule();
  });
  observer.observe(target, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  const stop = () => {
    observer.disconnect();
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
  };
  signal.addEventListener('abort', stop, { once: true });
  return stop;
}
