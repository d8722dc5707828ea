/**
 * Runs work right after the browser's next layout, when reading element positions costs no
 * extra layout: a ResizeObserver watches a sentinel of ours, and asking for a run observes it
 * anew, which makes the observer report it once layout is done (an observation starts with no
 * size known). Nothing is written to the page for it: a style write would cost the frame a style
 * invalidation. The console's changes are read there too (see `observeDom`'s `frame`), and the
 * overlay drawn in the same callback: one callback per frame for all our work.
 */
export interface AfterLayout {
  /**
   * Run `work` after the next layout. The same function asked for twice runs once; work asked
   * for while the queue runs (a change that wants a paint) runs in the same callback, even when
   * it ran earlier in it. `first`: before the work asked for earlier that has not run yet (the
   * page's changes are read before a paint asked for earlier in the frame, which then draws them).
   */
  request(work: () => void, first?: boolean): void;
  stop(): void;
}

export function afterLayout(parent: HTMLElement): AfterLayout {
  const sentinel = document.createElement('div');
  sentinel.setAttribute('aria-hidden', 'true');
  sentinel.style.cssText =
    'position:absolute;top:0;left:0;height:1px;width:1px;visibility:hidden;pointer-events:none';
  parent.append(sentinel);
  let queue: (() => void)[] = [];
  let running = false;
  /** The place in the queue of the work running now (-1: none runs). */
  let at = -1;
  const observer = new ResizeObserver(() => {
    running = true;
    try {
      for (at = 0; at < queue.length; at++) queue[at]?.();
    } finally {
      queue = [];
      running = false;
      at = -1;
    }
  });
  observer.observe(sentinel);
  return {
    request(work, first = false) {
      // still to run, or running now (work that asks for itself again runs once)
      if (queue.indexOf(work, Math.max(0, at)) >= 0) return;
      if (first) queue.splice(at + 1, 0, work);
      else queue.push(work);
      if (running || queue.length > 1) return;
      observer.unobserve(sentinel);
      observer.observe(sentinel);
    },
    stop() {
      observer.disconnect();
      sentinel.remove();
      queue = [];
    },
  };
}
