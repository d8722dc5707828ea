import { formatDuration } from '../utils/clock';
import type { OverlayState, WaitingCustomer } from '../utils/console-session';
import { t } from '../utils/i18n';
import { type Corner, cornerStyle, nearestCorner, nextCorner } from '../utils/panel-corner';
import type { Language } from '../utils/settings';

export interface OverlayProps {
  state: OverlayState;
  lang: Language;
  onDismiss: () => void;
  /** Open a waiting customer's conversation (a trusted click on the waiting bar). */
  onJump: (customer: WaitingCustomer) => void;
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
export function Overlay({ state, lang, onDismiss, onJump, corner, onMove }: OverlayProps) {
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
      <span class="kg-console" title={t(lang, 'recognised')}>
        <span class="kg-dot" aria-hidden="true" />
        {state.consoleName}
      </span>
      <span class="kg-sep" aria-hidden="true" />
      <WaitingBar state={state} lang={lang} onJump={onJump} />
    </div>
  );
}

function WaitingBar({ state, lang, onJump }: Pick<OverlayProps, 'state' | 'lang' | 'onJump'>) {
  const longest = state.waiting[0];
  const level = longest?.state ?? 'none';
  const canJump = longest !== undefined && longest.row !== null && !longest.active;
  return (
    <button
      type="button"
      class={`kg-waiting kg-waiting--${level}`}
      data-kg="waiting-bar"
      data-longest={longest?.conversation ?? ''}
      disabled={!canJump}
      title={canJump ? `${t(lang, 'jumpToLongest')}：${longest.nick}` : undefined}
      onClick={(e) => {
        if (e.isTrusted && longest && canJump) onJump(longest);
      }}
    >
      <span>
        {t(lang, 'waiting')}
        <b data-kg="waiting-count" data-value={state.waiting.length}>
          {state.waiting.length}
        </b>
        {t(lang, 'waitingUnit')}
      </span>
      {longest ? (
        <span class="kg-longest" data-kg="longest-wait" data-seconds={waited(state, longest)}>
          {t(lang, 'longest')} {formatDuration(waited(state, longest))}
        </span>
      ) : null}
      <span class="kg-breached" data-kg="breached-today" data-value={state.breachedToday}>
        {t(lang, 'breachedToday')} {state.breachedToday}
      </span>
    </button>
  );
}

const waited = (state: OverlayState, c: WaitingCustomer) =>
  Math.max(0, Math.floor((state.now - c.since) / 1000));

/**
 * Whether the panel would draw the same for both states (then it is not drawn again: most
 * changes of the console touch only the badges).
 */
export function samePanel(a: OverlayState, b: OverlayState): boolean {
  if (a === b) return true;
  if (
    a.status !== b.status ||
    a.consoleId !== b.consoleId ||
    a.consoleName !== b.consoleName ||
    a.breachedToday !== b.breachedToday ||
    a.waiting.length !== b.waiting.length
  )
    return false;
  const x = a.waiting[0];
  const y = b.waiting[0];
  if (!x || !y) return x === y;
  return (
    x.conversation === y.conversation &&
    x.nick === y.nick &&
    x.state === y.state &&
    x.row === y.row &&
    x.active === y.active &&
    waited(a, x) === waited(b, y)
  );
}
