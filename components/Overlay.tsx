import { Component, createRef } from 'preact';
import type { OverlayState } from '../utils/console-session';
import { labelled, t } from '../utils/i18n';
import { type Corner, cornerStyle, nearestCorner, nextCorner } from '../utils/panel-corner';
import type { Language } from '../utils/settings';

export interface OverlayProps {
  state: OverlayState;
  lang: Language;
  onDismiss: () => void;
  /** The waiting bar's element (drawn by hand: see components/waiting-bar.ts). */
  waitingBar: Element;
  /** The window corner the panel sits in, and moving it to another (the agent dragged it there). */
  corner: Corner;
  onMove: (corner: Corner) => void;
}

/**
 * The 守 mark, which also moves the panel: drag it towards another corner, or press Enter / Space
 * on it to go round the corners (the panel must never sit on something the agent needs).
 */
function Handle({ lang, corner, onMove }: Pick<OverlayProps, 'lang' | 'corner' | 'onMove'>) {
  return (
    <button
      type="button"
      class="kg-logo"
      data-kg="panel-handle"
      data-corner={corner}
      aria-label={t(lang, 'movePanel')}
      title={t(lang, 'movePanel')}
      onPointerDown={(e) => {
        if (!e.isTrusted || e.button !== 0) return;
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
      }}
      onPointerUp={(e) => {
        const el = e.currentTarget as HTMLElement;
        if (!e.isTrusted || !el.hasPointerCapture(e.pointerId)) return;
        el.releasePointerCapture(e.pointerId);
        const to = nearestCorner(e.clientX, e.clientY, window.innerWidth, window.innerHeight);
        if (to !== corner) onMove(to);
      }}
      onKeyDown={(e) => {
        if (!e.isTrusted || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        onMove(nextCorner(corner));
      }}
    >
      守
    </button>
  );
}

/** The status panel over the console (the badges and the reply-box strip are drawn beside it). */
export function Overlay({ state, lang, onDismiss, waitingBar, corner, onMove }: OverlayProps) {
  if (state.status === 'elsewhere' || state.status === 'detecting') return null;
  if (state.status === 'unrecognised') {
    return (
      <div
        class="kg-panel kg-panel--warn"
        role="status"
        data-kg="console-status"
        data-status="unrecognised"
        style={cornerStyle(corner)}
      >
        <Handle lang={lang} corner={corner} onMove={onMove} />
        <div class="kg-text">
          <strong>
            {t(lang, 'notRecognised')}
            {state.consoleName ? ` · ${state.consoleName}` : ''}
          </strong>
          <span class="kg-hint">{t(lang, 'notRecognisedHint')}</span>
        </div>
        <button type="button" class="kg-close" aria-label={t(lang, 'close')} onClick={onDismiss}>
          ×
        </button>
      </div>
    );
  }
  return (
    <div
      class="kg-panel"
      role="status"
      data-kg="console-status"
      data-status="recognised"
      data-console={state.consoleId ?? ''}
      style={cornerStyle(corner)}
    >
      <Handle lang={lang} corner={corner} onMove={onMove} />
      <span class="kg-brand">{t(lang, 'brand')}</span>
      <span class="kg-sep" aria-hidden="true" />
      <span
        class="kg-console"
        title={
          state.consoleName ? labelled(lang, t(lang, 'recognised'), state.consoleName) : t(lang, 'recognised')
        }
      >
        <span class="kg-dot" aria-hidden="true" />
        <span class="kg-console-name">{state.consoleName}</span>
      </span>
      <span class="kg-sep" aria-hidden="true" />
      <Mount node={waitingBar} />
    </div>
  );
}

/**
 * Puts the hand-drawn waiting bar (components/waiting-bar.ts) in the panel. Preact never diffs
 * inside it: the bar writes its own changes.
 */
class Mount extends Component<{ node: Element }> {
  private readonly slot = createRef<HTMLSpanElement>();
  override shouldComponentUpdate(next: { node: Element }): boolean {
    return next.node !== this.props.node;
  }
  override componentDidMount(): void {
    this.slot.current?.replaceChildren(this.props.node);
  }
  override componentDidUpdate(): void {
    this.slot.current?.replaceChildren(this.props.node);
  }
  override render() {
    return <span class="kg-mount" ref={this.slot} />;
  }
}

/**
 * Whether the panel would draw the same for both states (then it is not drawn again: the waiting
 * bar inside it and the badges are written apart, as their figures change).
 */
export function samePanel(a: OverlayState, b: OverlayState): boolean {
  return a.status === b.status && a.consoleId === b.consoleId && a.consoleName === b.consoleName;
}
