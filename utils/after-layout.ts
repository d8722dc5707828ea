/**
 * Runs work right after the browser's next layout, when reading element positions costs no
 * extra layout: a ResizeObserver watches a zero-height sentinel of ours, and asking for a run
 * flips the sentinel's width, so the observer reports it once layout is done.
 */
export interface AfterLayout {
  /** Run `work` after the next layout (several requests before it run once, the last one). */
  request(work: () => void): void;
  stop(): void;
}

export function afterLayout(parent: HTMLElement): AfterLayout {
  const sentinel = document.createElement('div');
  sentinel.setAttribute('aria-hidden', 'true');
  sentinel.style.cssText =
    'position:absolute;top:0;left:0;height:0;width:0;visibility:hidden;pointer-events:none';
  parent.append(sentinel);
  let pending: (() => void) | null = null;
  let flip = false;
  const observer = new ResizeObserver(() => {
    const work = pending;
    pending = null;
    work?.();
  });
  observer.observe(sentinel);
  return {
    request(work) {
      const first = pending === null;
      pending = work;
      if (!first) return;
      flip = !flip;
      sentinel.style.width = flip ? '1px' : '0px';
    },
    stop() {
      observer.disconnect();
      sentinel.remove();
      pending = null;
    },
  };
}
