import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { labelled, type MessageKey, quoted, t } from '../utils/i18n';
import type { AssistView } from '../utils/reply-assist';
import type { Finding } from '../utils/rules';
import type { Language } from '../utils/settings';
import { placeRow, STRIP_GAP, type ToolbarLine } from '../utils/strip-fit';
import type { Template } from '../utils/templates';

export interface AssistActions {
  applyAlternative(f: Finding): void;
  /** The agent marks a warning as no violation (a false alarm). */
  dismissFinding(f: Finding): void;
  fixDraft(): void;
  sendAnyway(): void;
  useSuggestion(id: string): void;
  /** What a template would insert now (its hover text). */
  preview(id: string): string;
  openPicker(): void;
  closePicker(): void;
  setQuery(q: string): void;
  move(delta: number): void;
  choose(id: string): void;
  /** Enter in the search box: what is selected for the query typed so far (not what was painted). */
  chooseSelected(): void;
  dismissNotice(): void;
}

interface Props {
  view: AssistView;
  lang: Language;
  actions: AssistActions;
  /** The reply box's rectangle (read by the caller before any write). */
  boxRect: DOMRect;
  /** The console's controls on the line above the reply box (null: not known). */
  line: ToolbarLine | null;
  /** The key that opens the picker, as the agent reads it (`Ctrl+空格`). */
  pickerKey: string;
}

/** Our controls act on trusted (real user) events only: a page script can't drive them. */
const trusted =
  (fn: () => void) =>
  (e: Event): void => {
    if (e.isTrusted) fn();
  };

/**
 * Where the strip goes: just above the reply box, as wide as it, its suggestion row on the
 * stretch of that line the console's own controls leave free — or, when they leave too little,
 * the whole strip above them.
 */
function placeAbove(
  r: DOMRect,
  line: ToolbarLine | null,
): { strip: JSX.CSSProperties; row: JSX.CSSProperties } | null {
  if (r.width === 0 && r.height === 0) return null;
  const left = Math.max(8, r.left);
  const width = Math.max(320, Math.min(r.width, window.innerWidth - 16));
  const row = placeRow({ left, right: left + width }, line);
  const above = row.on === 'above' ? row.top : r.top;
  return {
    strip: {
      left: `${left}px`,
      bottom: `${Math.max(8, window.innerHeight - above + STRIP_GAP)}px`,
      width: `${width}px`,
    },
    row:
      row.on === 'line'
        ? { marginLeft: `${row.span.left - left}px`, width: `${row.span.right - row.span.left}px` }
        : {},
  };
}

/** The strip beside the reply box: held sends, warnings, a risky ask answered, suggestions. */
export function ReplyAssist({ view, lang, actions, boxRect, line, pickerKey }: Props) {
  if (!view.box) return null;
  const place = placeAbove(boxRect, line);
  if (!place) return null;
  // the picker takes the strip's place while it is open
  if (view.picker) return <TemplatePicker view={view} lang={lang} actions={actions} place={place.strip} />;
  // while a send is held, the guard says it all: the warning list steps back
  const warnings = view.guard ? [] : view.findings.filter((f) => f.severity !== 'info');
  const nothing =
    !view.guard &&
    warnings.length === 0 &&
    !view.customerAsk &&
    view.suggestions.length === 0 &&
    !view.notice;
  return (
    <section class="kg-assist" style={place.strip} aria-label={t(lang, 'assistRegion')} data-kg="assist">
      {view.guard ? <SendGuard guard={view.guard} lang={lang} actions={actions} /> : null}
      <div class="kg-warnings" aria-live="polite" role="log">
        {warnings.map((f) => (
          <Warning key={`${f.ruleId}:${f.start}`} f={f} lang={lang} actions={actions} />
        ))}
      </div>
      {view.notice ? (
        <div class={`kg-notice kg-notice--${view.notice.kind}`} role="status" data-kg="notice">
          {view.notice.text}
          <button
            type="button"
            class="kg-x"
            aria-label={t(lang, 'close')}
            onClick={trusted(actions.dismissNotice)}
          >
            ×
          </button>
        </div>
      ) : null}
      {view.customerAsk ? (
        <div class="kg-ask" data-kg="customer-ask" data-category={view.customerAsk.finding.category}>
          <span class="kg-sev kg-sev--info">{t(lang, 'sev.info')}</span>
          <span class="kg-ask-text">
            {labelled(lang, t(lang, 'customerAsks'), quoted(lang, view.customerAsk.finding.text))}
          </span>
          {view.customerAsk.template ? (
            <button
              type="button"
              class="kg-chip kg-chip--primary"
              data-kg="ask-answer"
              data-template-id={view.customerAsk.template.id}
              onClick={trusted(
                () => view.customerAsk?.template && actions.useSuggestion(view.customerAsk.template.id),
              )}
            >
              {t(lang, 'useAnswer')}
            </button>
          ) : null}
        </div>
      ) : null}
      {/* one line, drawn from the right: the picker's chip, then the suggestions best first, then
          the label; what the free stretch has no room for is left out, the label first */}
      <fieldset
        class={nothing ? 'kg-row kg-row--line kg-row--quiet' : 'kg-row kg-row--line'}
        style={place.row}
        aria-label={t(lang, 'suggested')}
        data-kg="suggestion-row"
      >
        <button
          type="button"
          class="kg-chip kg-chip--ghost"
          data-kg="open-picker"
          onClick={trusted(actions.openPicker)}
        >
          {t(lang, 'openPicker').replace('{key}', pickerKey)}
        </button>
        {view.suggestions.map((s) => (
          <Suggestion key={s.id} template={s} onUse={actions.useSuggestion} preview={actions.preview} />
        ))}
        {view.suggestions.length > 0 ? (
          <span class="kg-label" aria-hidden="true">
            {t(lang, 'suggested')}
          </span>
        ) : null}
      </fieldset>
    </section>
  );
}

function Suggestion({
  template,
  onUse,
  preview,
}: {
  template: Template;
  onUse: (id: string) => void;
  preview: (id: string) => string;
}) {
  // the hover text is what a click would insert, filled in when the pointer (or the keyboard's
  // focus) comes (the nick and the order number are the open customer's then), not a body with
  // {买家昵称} in it
  const describe = (e: { currentTarget: HTMLElement }) => {
    e.currentTarget.title = preview(template.id) || template.body;
  };
  return (
    <button
      type="button"
      class="kg-chip"
      data-kg="suggestion"
      data-template-id={template.id}
      onPointerEnter={describe}
      onFocus={describe}
      onClick={trusted(() => onUse(template.id))}
    >
      {template.title}
    </button>
  );
}

function Warning({ f, lang, actions }: { f: Finding; lang: Language; actions: AssistActions }) {
  const reason = lang === 'en' ? f.reasonEn || f.reason : f.reason;
  // the chip shows the words it puts in the reply box (the customer reads Chinese); in English its
  // tooltip adds what they mean
  const meaning = lang === 'en' && f.alternativeEn ? f.alternativeEn : null;
  return (
    <div
      class="kg-warning"
      data-kg="warning"
      data-rule={f.ruleId}
      data-category={f.category}
      data-severity={f.severity}
    >
      <span class={`kg-sev kg-sev--${f.severity}`}>{t(lang, `sev.${f.severity}` as MessageKey)}</span>
      <span class="kg-warning-body">
        <b class="kg-match">{quoted(lang, f.text)}</b>
        <span class="kg-cat">{t(lang, `cat.${f.category}` as MessageKey)}</span>
        <span class="kg-reason">{reason}</span>
      </span>
      {/* its actions keep together: beside the reason, or on a line of their own at its right */}
      <span class="kg-warning-actions">
        {f.alternative ? (
          <button
            type="button"
            class="kg-chip kg-chip--fix"
            data-kg="alternative"
            title={meaning ? `${f.alternative}\n${meaning}` : f.alternative}
            onClick={trusted(() => actions.applyAlternative(f))}
          >
            {labelled(lang, t(lang, 'replaceWith'), f.alternative)}
          </button>
        ) : null}
        {f.severity !== 'block' && (
          <button
            type="button"
            class="kg-dismiss"
            data-kg="false-alarm"
            title={t(lang, 'falseAlarmHint')}
            onClick={trusted(() => actions.dismissFinding(f))}
          >
            {t(lang, 'falseAlarm')}
          </button>
        )}
      </span>
    </div>
  );
}

function SendGuard({ guard, lang, actions }: { guard: Finding[]; lang: Language; actions: AssistActions }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div class="kg-guard" role="alertdialog" aria-label={t(lang, 'guardTitle')} data-kg="send-guard">
      <strong>{t(lang, 'guardTitle')}</strong>
      <span>{t(lang, 'guardHint')}</span>
      <ul>
        {guard.map((f) => (
          <li key={`${f.ruleId}:${f.start}`}>
            {quoted(lang, f.text)} {lang === 'en' ? f.reasonEn || f.reason : f.reason}
          </li>
        ))}
      </ul>
      <div class="kg-guard-actions">
        <button
          ref={first}
          type="button"
          class="kg-btn"
          data-kg="guard-fix"
          onClick={trusted(actions.fixDraft)}
        >
          {t(lang, 'fixDraft')}
        </button>
        <button
          type="button"
          class="kg-btn kg-btn--danger"
          data-kg="guard-send-anyway"
          onClick={trusted(actions.sendAnyway)}
        >
          {t(lang, 'sendAnyway')}
        </button>
      </div>
    </div>
  );
}

function TemplatePicker({
  view,
  lang,
  actions,
  place,
}: Pick<Props, 'view' | 'lang' | 'actions'> & { place: JSX.CSSProperties }) {
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const picker = view.picker;
  // focus at once (not after paint): the agent's next keystrokes must land in the search box
  useLayoutEffect(() => input.current?.focus(), []);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  });
  if (!picker) return null;
  const selected = picker.hits[picker.selected];
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.isTrusted || e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      actions.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      actions.chooseSelected();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      actions.closePicker();
    }
  };
  return (
    <div
      class="kg-picker"
      style={place}
      role="dialog"
      aria-label={t(lang, 'pickerTitle')}
      data-kg="template-picker"
    >
      <div class="kg-picker-head">
        <strong>{t(lang, 'pickerTitle')}</strong>
        <span class="kg-hint">{t(lang, 'pickerHint')}</span>
        <button
          type="button"
          class="kg-x"
          aria-label={t(lang, 'close')}
          onClick={trusted(actions.closePicker)}
        >
          ×
        </button>
      </div>
      <input
        ref={input}
        class="kg-picker-input"
        type="search"
        value={picker.query}
        placeholder={t(lang, 'pickerSearch')}
        aria-controls="kg-picker-list"
        aria-activedescendant={selected ? `kg-t-${selected.template.id}` : undefined}
        onInput={(e) => e.isTrusted && actions.setQuery((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
      />
      <div class="kg-picker-list" id="kg-picker-list" role="listbox" ref={list}>
        {picker.hits.length === 0 ? <div class="kg-empty">{t(lang, 'pickerEmpty')}</div> : null}
        {picker.hits.map((h, i) => (
          <div
            key={h.template.id}
            id={`kg-t-${h.template.id}`}
            role="option"
            aria-selected={i === picker.selected}
            class={`kg-template${i === picker.selected ? ' is-selected' : ''}${h.risky.length ? ' is-risky' : ''}`}
            data-kg="template"
            data-template-id={h.template.id}
            data-risky={h.risky.length > 0 ? 'true' : 'false'}
            tabIndex={-1}
            onMouseDown={(e) => e.preventDefault()}
            onClick={trusted(() => actions.choose(h.template.id))}
            onKeyDown={(e) => e.isTrusted && e.key === 'Enter' && actions.choose(h.template.id)}
          >
            <div class="kg-template-top">
              <span class="kg-template-title">{h.template.title}</span>
              <span class="kg-template-group">{h.template.group}</span>
              {h.template.shortcut ? <code>{h.template.shortcut}</code> : null}
            </div>
            <div class="kg-template-body" data-kg="template-preview">
              {h.preview}
            </div>
            {h.risky.length > 0 ? (
              <div
                class="kg-template-risk"
                data-confirm={picker.confirm === h.template.id ? 'true' : 'false'}
              >
                ⚠{' '}
                {labelled(
                  lang,
                  t(lang, 'risky'),
                  h.risky.map((f) => quoted(lang, f.text)).join(lang === 'en' ? ' ' : ''),
                )}
              </div>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
