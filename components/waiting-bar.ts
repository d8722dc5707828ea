/**
 * The waiting bar in the status panel, drawn by hand like the badges: it changes whenever a
 * customer starts or stops waiting and every second (the longest wait), and a Preact render of
 * the panel for that cost ~0.2 ms each time on a busy console. The element is made once; `show`
 * writes only what changed. Its text is set as text, never as markup.
 */
import type { WaitingCustomer } from '../utils/console-session';
import type { WaitingBarView } from '../utils/waiting-bar';

function span(className: string | null): HTMLSpanElement {
  const el = document.createElement('span');
  if (className) el.className = className;
  return el;
}

/** How long a note stays (ms): long enough to read a short line. */
export const NOTE_MS = 3000;

export class WaitingBar {
  readonly el: HTMLButtonElement;
  private readonly waiting = document.createTextNode('');
  private readonly count = document.createElement('b');
  private readonly unit = document.createTextNode('');
  private readonly longest = span('kg-longest');
  /** The longest wait's text, written in place every second (not a new text node each time). */
  private readonly longestText = document.createTextNode('');
  private readonly breached = span('kg-breached');
  /** What is written now (null: nothing yet). */
  private shown: WaitingBarView | null = null;
  /** The customer a click opens (null: a click does nothing). */
  private jumpTo: WaitingCustomer | null = null;
  /** A short note after the figures (the shortcut found nobody else waiting), gone after a while. */
  private readonly noteEl = span('kg-bar-note');
  private noteTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(onJump: (customer: WaitingCustomer) => void) {
    const el = document.createElement('button');
    el.type = 'button';
    el.setAttribute('data-kg', 'waiting-bar');
    this.count.setAttribute('data-kg', 'waiting-count');
    this.breached.setAttribute('data-kg', 'breached-today');
    const figures = span(null);
    figures.append(this.waiting, this.count, this.unit);
    this.longest.append(this.longestText);
    this.noteEl.hidden = true;
    el.append(figures, this.longest, this.breached, this.noteEl);
    // the agent asked for it (a trusted click): the conversation opens through the console's row
    el.addEventListener('click', (e) => {
      if (e.isTrusted && this.jumpTo) onJump(this.jumpTo);
    });
    this.el = el;
  }

  /** Shows `text` after the figures for `ms` (a note shown again starts its time anew). */
  note(text: string, ms = NOTE_MS): void {
    this.noteEl.textContent = text;
    this.noteEl.hidden = false;
    this.noteEl.setAttribute('data-kg', 'bar-note');
    if (this.noteTimer !== null) clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => {
      this.noteTimer = null;
      this.noteEl.hidden = true;
      this.noteEl.removeAttribute('data-kg');
      this.noteEl.textContent = '';
    }, ms);
  }

  show(view: WaitingBarView): void {
    const was = this.shown;
    this.shown = view;
    this.jumpTo = view.canJump ? view.longest : null;
    const el = this.el;
    if (was?.level !== view.level) el.className = `kg-waiting kg-waiting--${view.level}`;
    const longestId = view.longest?.conversation ?? '';
    if (!was || (was.longest?.conversation ?? '') !== longestId) el.setAttribute('data-longest', longestId);
    if (was?.canJump !== view.canJump) el.disabled = !view.canJump;
    if (was?.title !== view.title) {
      if (view.title === null) el.removeAttribute('title');
      else el.title = view.title;
    }
    if (was?.waitingText !== view.waitingText) this.waiting.data = view.waitingText;
    if (was?.unitText !== view.unitText) this.unit.data = view.unitText;
    if (was?.count !== view.count) {
      this.count.setAttribute('data-value', String(view.count));
      this.count.textContent = String(view.count);
    }
    if (was?.longestSeconds !== view.longestSeconds) {
      // shown or hidden only when someone starts or stops waiting; the seconds every second
      const none = view.longestSeconds === null;
      if (!was || (was.longestSeconds === null) !== none) {
        if (none) this.longest.removeAttribute('data-kg');
        else this.longest.setAttribute('data-kg', 'longest-wait');
        this.longest.hidden = none;
      }
      if (!none) this.longest.setAttribute('data-seconds', String(view.longestSeconds));
    }
    if (was?.longestText !== view.longestText) this.longestText.data = view.longestText;
    if (was?.breached !== view.breached) this.breached.setAttribute('data-value', String(view.breached));
    if (was?.breachedText !== view.breachedText) this.breached.textContent = view.breachedText;
  }
}
