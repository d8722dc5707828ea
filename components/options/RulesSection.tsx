/**
 * Phrase rules: every rule in force (and those switched off), filterable; change a severity,
 * switch a rule off or on, add a rule. Changes are kept in the local pack.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { readRecentRollups } from '../../utils/db';
import { t as tt } from '../../utils/i18n';
import {
  countsByRule,
  RULE_ORDERS,
  type RuleCount,
  type RuleOrder,
  sortRules,
  sumRollups,
} from '../../utils/kpi';
import { newLocalId, removeLocalRule, upsertLocalRule } from '../../utils/pack-install';
import { activeRules, type InstalledPack, LOCAL_PACK_ID } from '../../utils/pack-model';
import {
  builtinName,
  isDetectorName,
  RULE_CATEGORIES,
  type Rule,
  type RuleCategory,
  SEVERITIES,
  type Severity,
  usableScanner,
} from '../../utils/rules';
import type { Language } from '../../utils/settings';
import type { Defaults } from '../defaults';
import { DETECTOR_LABELS } from '../rule-name';
import { EditorFormEnd, ErrorList } from './EditorFormEnd';
import { RemoveLocal, useLocalEdit } from './local-edit';
import { DEFAULT_SOURCE, sourced } from './sources';
import { type OptionsKey, ot } from './strings';

const LIMIT = 120;
const catLabel = (lang: Language, c: RuleCategory) => tt(lang, `cat.${c}`);
const sevLabel = (lang: Language, s: Severity) => tt(lang, `sev.${s}`);

/** A rule's pattern: a built-in detector said in words (its name beside, as packs write it), or the regular expression. */
function PatternLabel({ pattern, lang, after }: { pattern: string; lang: Language; after: boolean }) {
  const name = builtinName(pattern);
  return (
    <>
      {name !== null && isDetectorName(name) && (
        <span data-kg="rule-detector" data-detector={name}>
          {(after ? '；' : '') + ot(lang, 'detects', { what: DETECTOR_LABELS[lang][name] })}
        </span>
      )}
      <span class="mono small muted"> {pattern}</span>
    </>
  );
}

/** Each rule's violations and false alarms of the last 30 days (this browser's stats), by id. */
function useRuleCounts(): ReadonlyMap<string, RuleCount> | null {
  const [counts, setCounts] = useState<ReadonlyMap<string, RuleCount> | null>(null);
  useEffect(() => {
    void readRecentRollups(Date.now(), RULE_STATS_DAYS).then(
      (rollups) =>
        setCounts(new Map(countsByRule(sumRollups(rollups).rules ?? {}).map((c) => [c.ruleId, c]))),
      () => setCounts(new Map()),
    );
  }, []);
  return counts;
}

const RULE_STATS_DAYS = 30;

/** How often the agents ran into a rule, and marked it a false alarm: where it is tuned. */
function RuleStats({ count, lang }: { count: RuleCount | undefined; lang: Language }) {
  if (!count) return null;
  const parts = [
    count.total > 0 ? ot(lang, 'ruleViolations', { n: count.total }) : '',
    count.dismissed > 0 ? ot(lang, 'ruleFalseAlarms', { n: count.dismissed }) : '',
  ].filter(Boolean);
  return (
    <p
      class={`small rule-stats${count.dismissed > count.total ? ' is-misfiring' : ''}`}
      data-kg="rule-stats"
      data-total={count.total}
      data-dismissed={count.dismissed}
    >
      {ot(lang, 'ruleStats', { days: RULE_STATS_DAYS, parts: parts.join(' · ') })}
    </p>
  );
}

type Draft = {
  category: RuleCategory;
  severity: Severity;
  phrases: string;
  reason: string;
  alternative: string;
};

export function RulesSection({
  lang,
  packs,
  defaults,
}: {
  lang: Language;
  packs: InstalledPack[];
  defaults: Defaults;
}) {
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const [category, setCategory] = useState<RuleCategory | ''>('');
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const { save, errorsAt, clearErrors } = useLocalEdit(lang);
  const all = useMemo(() => sourced(defaults.rules, packs, (p) => p.rules), [defaults, packs]);
  // rules the console leaves out (stored under other checks): said on their rows
  const unusable = useMemo(
    () => new Map(usableScanner(activeRules(defaults.rules, packs)).leftOut.map((r) => [r.id, r])),
    [defaults, packs],
  );
  const counts = useRuleCounts();
  const [order, setOrder] = useState<RuleOrder>('default');
  const q = query.trim().toLowerCase();
  const shown = sortRules(
    all.filter(
      ({ item }) =>
        (category === '' || item.category === category) &&
        (q === '' ||
          `${item.id}\n${(item.phrases ?? []).join(' ')}\n${item.reason}`.toLowerCase().includes(q)),
    ),
    order,
    counts,
  );

  /** A change made on the rule's row (its problems shown there). */
  const change = (rule: Rule) => save((list) => upsertLocalRule(list, rule, Date.now()), rule.id, 'row');

  const addRule = async () => {
    if (!draft) return;
    const rule: Rule = {
      id: newLocalId('my-rule', new Set(all.map((s) => s.item.id)), Date.now()),
      category: draft.category,
      severity: draft.severity,
      phrases: draft.phrases
        .split(/[\n,，、]+/)
        .map((p) => p.trim())
        .filter(Boolean),
      reason: draft.reason.trim(),
      reasonEn: '',
      alternative: draft.alternative.trim() || null,
    };
    if (await save((list) => upsertLocalRule(list, rule, Date.now()), rule.id, 'form')) setDraft(null);
  };

  return (
    <section class="section" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('navRules')}</h2>
      <p class="intro">{t('rulesIntro')}</p>
      <div class="card">
        <div class="toolbar">
          <select
            class="input"
            aria-label={t('category')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as RuleCategory | '')}
          >
            <option value="">{t('allCategories')}</option>
            {RULE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {catLabel(lang, c)}
              </option>
            ))}
          </select>
          <select
            class="input"
            aria-label={t('ruleOrder')}
            data-kg="rule-order"
            value={order}
            onChange={(e) => setOrder(e.currentTarget.value as RuleOrder)}
          >
            {RULE_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`ruleOrder.${o}`)}
              </option>
            ))}
          </select>
          <input
            class="input grow"
            type="search"
            placeholder={t('search')}
            aria-label={t('search')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button
            class="btn primary"
            type="button"
            data-kg="rule-new"
            onClick={() => {
              setDraft({ category: 'attitude', severity: 'warn', phrases: '', reason: '', alternative: '' });
              clearErrors();
            }}
          >
            {t('newRule')}
          </button>
        </div>

        {draft && (
          <form
            class="editor"
            data-kg="rule-editor"
            onSubmit={(e) => {
              e.preventDefault();
              void addRule();
            }}
          >
            <h4>{t('newRule')}</h4>
            <div class="grid-2">
              <label class="field">
                <span class="label">{t('category')}</span>
                <select
                  class="input"
                  value={draft.category}
                  onChange={(e) => setDraft({ ...draft, category: e.currentTarget.value as RuleCategory })}
                >
                  {RULE_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {catLabel(lang, c)}
                    </option>
                  ))}
                </select>
              </label>
              <label class="field">
                <span class="label">{t('severity')}</span>
                <select
                  class="input"
                  value={draft.severity}
                  onChange={(e) => setDraft({ ...draft, severity: e.currentTarget.value as Severity })}
                >
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {sevLabel(lang, s)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label class="field">
              <span class="label">{t('phrases')}</span>
              <textarea
                class="input"
                rows={3}
                value={draft.phrases}
                data-kg="rule-phrases"
                onInput={(e) => setDraft({ ...draft, phrases: e.currentTarget.value })}
              />
              <span class="hint">{t('phrasesHint')}</span>
            </label>
            <label class="field">
              <span class="label">{t('reason')}</span>
              <input
                class="input"
                value={draft.reason}
                data-kg="rule-reason"
                onInput={(e) => setDraft({ ...draft, reason: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="label">{t('alternative')}</span>
              <input
                class="input"
                value={draft.alternative}
                onInput={(e) => setDraft({ ...draft, alternative: e.currentTarget.value })}
              />
            </label>
            <EditorFormEnd
              errors={errorsAt(null)}
              onCancel={() => setDraft(null)}
              cancelLabel={t('cancel')}
              saveLabel={t('save')}
              saveHook="rule-save"
            />
          </form>
        )}

        <p class="muted small">{t('shownOf', { n: Math.min(LIMIT, shown.length), total: shown.length })}</p>
        <ul class="item-list">
          {shown.slice(0, LIMIT).map(({ item, from, fromName, overrides }) => {
            const on = !item.disabled;
            const phrases = Array.isArray(item.phrases) ? item.phrases : [];
            const left = unusable.get(item.id);
            return (
              <li
                class={`item rule ${on ? '' : 'is-off'}`}
                key={item.id}
                data-kg="options-rule"
                data-rule-id={item.id}
                data-enabled={String(on)}
                data-severity={item.severity}
              >
                <div class="item-main">
                  <div class="item-head">
                    <span class={`sev sev-${item.severity}`}>{sevLabel(lang, item.severity)}</span>
                    <strong>{catLabel(lang, item.category)}</strong>
                    <span class="mono small muted">{item.id}</span>
                    {from === LOCAL_PACK_ID ? (
                      <span class="chip chip-mine">{overrides ? t('changed') : t('fromMine')}</span>
                    ) : (
                      from !== DEFAULT_SOURCE && <span class="chip">{fromName}</span>
                    )}
                  </div>
                  <p class="phrases">
                    {phrases.slice(0, 10).join('、')}
                    {phrases.length > 10 ? ` … (+${phrases.length - 10})` : ''}
                    {item.pattern && (
                      <PatternLabel pattern={item.pattern} lang={lang} after={phrases.length > 0} />
                    )}
                  </p>
                  <p class="reason">{lang === 'en' && item.reasonEn ? item.reasonEn : item.reason}</p>
                  <RuleStats count={counts?.get(item.id)} lang={lang} />
                  {left && (
                    <p class="field-error" data-kg="rule-unusable">
                      {t('ruleUnusable', { field: left.field, detail: left.detail })}
                    </p>
                  )}
                  <ErrorList errors={errorsAt(item.id)} />
                </div>
                <div class="item-actions">
                  <select
                    class="input small"
                    aria-label={`${t('severity')} ${item.id}`}
                    value={item.severity}
                    data-kg="rule-severity"
                    onChange={(e) => void change({ ...item, severity: e.currentTarget.value as Severity })}
                  >
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {sevLabel(lang, s)}
                      </option>
                    ))}
                  </select>
                  <label class="switch">
                    <input
                      type="checkbox"
                      checked={on}
                      data-kg="rule-enabled"
                      onChange={(e) => {
                        const { disabled: _, ...rest } = item;
                        void change(e.currentTarget.checked ? rest : { ...rest, disabled: true });
                      }}
                    />
                    <span>{t('ruleOn')}</span>
                  </label>
                  <RemoveLocal
                    from={from}
                    overrides={overrides !== null}
                    labels={{ remove: t('remove'), revert: t('revert') }}
                    hook="rule-remove"
                    onRemove={() =>
                      void save((list) => removeLocalRule(list, item.id, Date.now()), item.id, 'row')
                    }
                  />
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
