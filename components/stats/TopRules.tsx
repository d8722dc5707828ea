/**
 * The rules the agents ran into most in the range (rule names only: stats keep no message text),
 * each bar split as the violations chart splits its categories.
 */
import { type Kpis, violationParts } from '../../utils/kpi';
import type { Language } from '../../utils/settings';
import { ACTION_COLOURS, ACTIONS } from './charts';
import { CATEGORY_LABELS, formatCount, s } from './strings';

export function TopRules({
  kpis: k,
  lang,
  ruleName,
  title,
}: {
  kpis: Kpis;
  lang: Language;
  /** The card's title (the agent's own list by default). */
  title?: string;
  /** A rule in a few words, by id (its id when no rule in force has it). */
  ruleName: (id: string) => string;
}) {
  const rows = k.topRules.map((r) => ({ ...r, parts: violationParts(r) }));
  const max = Math.max(1, ...rows.map((r) => r.total));
  const part = k.violationsByRule < k.violations;
  return (
    <section class="card">
      <h2 class="card-title">
        {title ?? s(lang, 'topRules')}
        {part && rows.length > 0 && (
          <span class="card-note" data-kg="top-rules-part">
            {s(lang, 'topRulesPart', {
              n: formatCount(k.violationsByRule, lang),
              total: formatCount(k.violations, lang),
            })}
          </span>
        )}
      </h2>
      {rows.length === 0 ? (
        <p class="chart-empty">{s(lang, 'noRuleCounts')}</p>
      ) : (
        <ol class="top-list rule-list" data-kg="top-rules">
          {rows.map((r) => {
            const name = ruleName(r.ruleId);
            const category = CATEGORY_LABELS[lang][r.category];
            const split = ACTIONS.filter((a) => r.parts[a] > 0)
              .map((a) => `${s(lang, a)} ${formatCount(r.parts[a], lang)}`)
              .join(' · ');
            const dismissed =
              r.dismissed > 0 ? s(lang, 'falseAlarms', { n: formatCount(r.dismissed, lang) }) : '';
            return (
              <li
                key={r.ruleId}
                data-id={r.ruleId}
                data-total={r.total}
                data-overridden={r.overridden}
                data-dismissed={r.dismissed}
                title={`${name} · ${category} · ${r.ruleId}\n${[split, dismissed].filter(Boolean).join(' · ')}`}
              >
                <span class="top-name">
                  {name}
                  <span class="top-sub">
                    {category}
                    {dismissed && <span class="top-dismissed">{` · ${dismissed}`}</span>}
                  </span>
                </span>
                <span class="top-bar top-bar-split" role="img" aria-label={split}>
                  {ACTIONS.map((a) =>
                    r.parts[a] > 0 ? (
                      <span
                        key={a}
                        data-action={a}
                        style={{ width: `${(100 * r.parts[a]) / max}%`, background: ACTION_COLOURS[a] }}
                      />
                    ) : null,
                  )}
                </span>
                <span class="top-count">{formatCount(r.total, lang)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
