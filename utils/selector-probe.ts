/**
 * "Test selectors on the open tab": the options page runs `probeSelectors` in every frame of a tab
 * showing the console (`scripting.executeScript`) and shows what each selector finds there.
 * `probeSelectors` is serialised into the page: it must use nothing from outside its own body.
 */
import { browser } from 'wxt/browser';
import type { ConsoleSelectors } from './consoles/types';

/** Per selector field, per fallback, how many elements it finds (-1 = the selector is invalid). */
export interface ProbeFrame {
  url: string;
  counts: Record<string, number[]>;
}

export function probeSelectors(selectors: Record<string, string | readonly string[]>): ProbeFrame {
  const counts: Record<string, number[]> = {};
  const byText = (text: string) =>
    Array.from(document.querySelectorAll('button, [role="button"], a')).filter(
      (el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() === text,
    ).length;
  for (const [field, value] of Object.entries(selectors)) {
    const list = typeof value === 'string' ? [value] : [...value];
    counts[field] = list.map((sel) => {
      if (sel.startsWith('text=')) return byText(sel.slice(5));
      if (sel.startsWith('attr:')) return document.querySelectorAll(`[${CSS.escape(sel.slice(5))}]`).length;
      try {
        return document.querySelectorAll(sel).length;
      } catch {
        return -1;
      }
    });
  }
  return { url: location.href, counts };
}

export type ProbeResult =
  | { kind: 'ok'; tabTitle: string; frame: ProbeFrame }
  | { kind: 'no-tab' }
  | { kind: 'error'; message: string };

const total = (f: ProbeFrame) =>
  Object.values(f.counts).reduce((n, c) => n + c.filter((x) => x > 0).length, 0);

/** Runs the probe in the first open tab that matches `matches`; reports the frame that found most. */
export async function probeOpenTab(
  matches: readonly string[],
  selectors: ConsoleSelectors,
): Promise<ProbeResult> {
  try {
    const tabs = await browser.tabs.query({ url: [...matches] });
    const tab = tabs.find((t) => t.active) ?? tabs[0];
    if (!tab?.id) return { kind: 'no-tab' };
    const results = await browser.scripting.executeScript({
      target: { tabId: tab.id, allFrames: true },
      func: probeSelectors,
      args: [selectors as unknown as Record<string, string | readonly string[]>],
    });
    const frames = results.map((r) => r.result).filter((f): f is ProbeFrame => !!f);
    const best = frames.sort((a, b) => total(b) - total(a))[0];
    return best ? { kind: 'ok', tabTitle: tab.title ?? tab.url ?? '', frame: best } : { kind: 'no-tab' };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
