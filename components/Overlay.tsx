import type { OverlayState } from '../utils/console-session';
import { t } from '../utils/i18n';
import type { Language } from '../utils/settings';

export interface OverlayProps {
  state: OverlayState;
  lang: Language;
  onDismiss: () => void;
}

/** The floating status panel: which console, how many customers wait, or why we stand aside. */
export function Overlay({ state, lang, onDismiss }: OverlayProps) {
  if (state.status === 'elsewhere' || state.status === 'detecting') return null;
  if (state.status === 'unrecognised') {
    return (
      <div class="kg-panel kg-panel--warn" role="status" data-kg="console-status" data-status="unrecognised">
        <span class="kg-logo" aria-hidden="true">
          守
        </span>
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
    >
      <span class="kg-logo" aria-hidden="true">
        守
      </span>
      <span class="kg-brand">{t(lang, 'brand')}</span>
      <span class="kg-sep" aria-hidden="true" />
      <span class="kg-console" title={t(lang, 'recognised')}>
        <span class="kg-dot" aria-hidden="true" />
        {state.consoleName}
      </span>
      <span class="kg-sep" aria-hidden="true" />
      <span class={state.waiting > 0 ? 'kg-waiting kg-waiting--on' : 'kg-waiting'}>
        {t(lang, 'waiting')}
        <b data-kg="waiting-count" data-value={state.waiting}>
          {state.waiting}
        </b>
        {t(lang, 'waitingUnit')}
      </span>
    </div>
  );
}
