/** A happy-dom page for the session's unit tests, with its globals installed as a content script sees them. */
import { Window } from 'happy-dom';

export function pageWindow(html: string, url: string): Window {
  const win = new Window({ url });
  const g = globalThis as Record<string, unknown>;
  // the session uses the page's globals, as a content script does
  g.MutationObserver = win.MutationObserver;
  g.requestAnimationFrame = win.requestAnimationFrame.bind(win);
  g.cancelAnimationFrame = win.cancelAnimationFrame.bind(win);
  win.document.write(html);
  return win;
}
