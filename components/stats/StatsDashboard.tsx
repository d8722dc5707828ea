/**
 * The supervisor's dashboard (props in, callbacks out): the platform's numbers for today or the
 * last 7 or 30 days, computed from per-day rollups, with charts, per-agent and per-console tables
 * and the export buttons. Every KPI carries `data-kg="kpi"` with `data-name` and `data-value`
 * (see `kpiHookValues`); an empty `data-value` means there is nothing to average yet.
 */
import { Fragment } from 'preact';
import type { Platform } from '../../utils/consoles/types';
import { labelled } from '../../utils/i18n';
import {
  dailyRates,
  inDays,
  type Kpis,
  kpiHookValues,
  kpisBy,
  kpisFromRollups,
  lastDays,
  strictestTarget,
  unassessed,
  violationParts,
} from '../../utils/kpi';
import type { Rollup } from '../../utils/rollups';
import type { Language } from '../../utils/settings';
import type { StatsWriteError } from '../../utils/stats-status';
import { ACTIONS, RateChart, ViolationChart, WaitHistogram } from './charts';
import { HoursCard } from './HoursCard';
import { formatCount, formatDay, formatDuration, formatPercent, PLATFORM_LABELS, s } from './strings';
import { TopRules } from './TopRules';

export type Range = 'today' | '7d' | '30d';
export const RANGE_DAYS: Record<Range, number> = { today: 1, '7d': 7, '30d': 30 };
export type ExportKind = 'summary-csv' | 'events-csv' | 'ndjson';

export interface StatsDashboardProps {
  lang: Language;
  range: Range;
  onRange: (range: Range) => void;
  /** Rollups of (at least) the last 30 days. */
  rollups: readonly Rollup[];
  now: number;
  /** The platform's target for the 3-minute rate (from the clock settings). */
  targetOf: (platform: Platform) => number;
  /** A template's title, by id (stats keep ids only). */
  templateName?: (id: string) => string;
  /** A rule in a few words, by id. */
  ruleName?: (id: string) => string;
  consoleName: (id: string) => string;
  writeError: StatsWriteError | null;
  onExport: (kind: ExportKind) => void;
  exporting: ExportKind | null;
  exportError: string | null;
}

function Kpi({
  name,
  value,
  label,
  shown,
  sub,
  tone,
}: {
  name: string;
  value: number | null;
  label: string;
  shown: string;
  /** Parts of the line under the value: it wraps between parts, never inside one or out of sight. */
  sub?: readonly string[] | undefined;
  tone?: 'good' | 'bad' | undefined;
}) {
  return (
    <div class={`kpi${tone ? ` kpi--${tone}` : ''}`}>
      <span class="kpi-label">{label}</span>
      <span class="kpi-value" data-kg="kpi" data-name={name} data-value={value === null ? '' : String(value)}>
        {shown}
      </span>
      {sub && sub.length > 0 && (
        <span class="kpi-sub">
          {sub.map((part, i) => (
            <Fragment key={part}>
              {i > 0 && ' '}
              <span class="kpi-part">{i < sub.length - 1 ? `${part} ·` : part}</span>
            </Fragment>
          ))}
        </span>
      )}
    </div>
  );
}

/** The violations' parts that occurred, in the chart's words and order (they add up to the KPI). */
function violationsLine(k: Kpis, lang: Language): string[] {
  const parts = violationParts(k.violationsByAction);
  return ACTIONS.filter((a) => parts[a] > 0).map((a) =>
    s(lang, 'violationPart', { label: s(lang, a), n: parts[a] }),
  );
}

/** A group's figures as a table row's cells (its name first). */
function GroupCells({ label, k, lang, muted }: { label: string; k: Kpis; lang: Language; muted?: boolean }) {
  return (
    <>
      <td class={muted ? 'muted' : ''} title={label}>
        {label}
      </td>
      <td>{formatCount(k.rounds, lang)}</td>
      <td class={k.meetsTarget === false ? 'bad' : k.meetsTarget ? 'good' : ''}>{formatPercent(k.rate)}</td>
      <td>{formatDuration(k.avgResponseMs, lang)}</td>
      <td>{formatCount(k.breaches, lang)}</td>
      <td>
        {formatCount(k.violations, lang)}
        {k.falseAlarms > 0 && (
          <span
            class="cell-sub"
            data-kg="false-alarms"
            data-value={k.falseAlarms}
            title={s(lang, 'falseAlarmsTitle', { n: formatCount(k.falseAlarms, lang) })}
          >
            {s(lang, 'falseAlarmsShort', { n: formatCount(k.falseAlarms, lang) })}
          </span>
        )}
      </td>
    </>
  );
}

export function GroupTable({
  title,
  rows,
  lang,
  name,
  kind,
  total,
}: {
  title: string;
  rows: { id: string; kpis: Kpis }[];
  lang: Language;
  name: (id: string) => string;
  kind: 'agent' | 'console' | 'team';
  /** The groups together (the shop, for a team), as a last row. */
  total?: Kpis | undefined;
}) {
  if (rows.length === 0) return null;
  return (
    <section class="card">
      <h2 class="card-title">{title}</h2>
      <table class="group-table" data-kg="group-table" data-group={kind}>
        <thead>
          <tr>
            <th>{s(lang, 'colName')}</th>
            <th>{s(lang, 'colRounds')}</th>
            <th>{s(lang, 'colRate')}</th>
            <th>{s(lang, 'colAvg')}</th>
            <th>{s(lang, 'colBreaches')}</th>
            <th>{s(lang, 'colViolations')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ id, kpis }) => (
            <tr key={id} data-id={id}>
              <GroupCells label={name(id)} k={kpis} lang={lang} muted={id === ''} />
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr data-kg="group-total">
              <GroupCells label={s(lang, 'total')} k={total} lang={lang} />
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}

/**
 * The platforms whose floor of graded rounds (Taobao/Tmall: 100 in 30 days) the last 30 days of
 * `rollups` do not reach yet, one line each: the rate shown is not yet one the platform assesses.
 */
export function UnassessedNotes({
  rollups,
  now,
  lang,
}: {
  rollups: readonly Rollup[];
  now: number;
  lang: Language;
}) {
  return (
    <>
      {unassessed(rollups, now).map((u) => (
        <span
          key={u.platform}
          class="muted"
          data-kg="unassessed"
          data-platform={u.platform}
          data-value={u.rounds}
        >
          {s(lang, 'notAssessed', {
            n: formatCount(u.rounds, lang),
            from: formatCount(u.from, lang),
            platform: PLATFORM_LABELS[lang][u.platform],
          })}
        </span>
      ))}
    </>
  );
}

export function StatsDashboard(p: StatsDashboardProps) {
  const { lang } = p;
  const days = lastDays(p.now, RANGE_DAYS[p.range]);
  const from = days[0] ?? '';
  const to = days[days.length - 1] ?? '';
  const rollups = inDays(p.rollups, from, to);
  const target = strictestTarget(rollups, p.targetOf);
  const k = kpisFromRollups(rollups, target);
  const hook = kpiHookValues(k);
  const today = to;
  const eventsToday = kpisFromRollups(inDays(p.rollups, today, today)).events;
  // a single day is no trend: "today" charts the last 7 days, today stressed
  const chartDays = p.range === 'today' ? lastDays(p.now, 7) : days;
  const rates = dailyRates(inDays(p.rollups, chartDays[0] ?? '', today), chartDays);
  const targetOfGroup = (list: Rollup[]) => strictestTarget(list, p.targetOf);
  const agents = kpisBy(rollups, 'agent', targetOfGroup);
  const consoles = kpisBy(rollups, 'console', targetOfGroup);
  const topMax = Math.max(1, ...k.topTemplates.map((t) => t.uses));
  const ranges: Range[] = ['today', '7d', '30d'];
  const rangeLabel = { today: s(lang, 'today'), '7d': s(lang, 'last7'), '30d': s(lang, 'last30') };

  return (
    <>
      <div class="range-row">
        <div class="segmented" role="tablist" aria-label={s(lang, 'rangeLabel')}>
          {ranges.map((r) => (
            <button
              key={r}
              type="button"
              role="tab"
              aria-selected={p.range === r}
              class={p.range === r ? 'is-on' : ''}
              data-kg="range"
              data-range={r}
              onClick={() => p.onRange(r)}
            >
              {rangeLabel[r]}
            </button>
          ))}
        </div>
        <span class="range-dates">
          {from === to ? formatDay(to, lang) : `${formatDay(from, lang)} – ${formatDay(to, lang)}`}
        </span>
      </div>

      {p.writeError && (
        <div class="alert" role="alert" data-kg="write-error" data-kind={p.writeError.kind}>
          <strong>{s(lang, p.writeError.kind === 'quota' ? 'writeQuota' : 'writeOther')}</strong>
          <span>{s(lang, 'writeHint')}</span>
          <code>{p.writeError.message}</code>
        </div>
      )}

      <section class={`hero ${k.meetsTarget === false ? 'hero--bad' : k.meetsTarget ? 'hero--good' : ''}`}>
        <div class="hero-top">
          <span class="hero-label">{s(lang, 'rate')}</span>
          {k.meetsTarget !== null && (
            <span class={`pill ${k.meetsTarget ? 'pill--good' : 'pill--bad'}`}>
              {s(lang, k.meetsTarget ? 'meets' : 'misses')}
            </span>
          )}
        </div>
        <div class="hero-main">
          <span
            class="hero-value"
            data-kg="kpi"
            data-name="three-minute-rate"
            data-value={hook['three-minute-rate'] ?? ''}
          >
            {formatPercent(k.rate)}
          </span>
          <span class="hero-target">{s(lang, 'target', { p: formatPercent(target) })}</span>
        </div>
        <div class="meter" aria-hidden="true">
          <div class="meter-fill" style={{ width: `${Math.round((k.rate ?? 0) * 1000) / 10}%` }} />
          <div class="meter-target" style={{ left: `${target * 100}%` }} />
        </div>
        <div class="hero-facts">
          <span>
            {s(lang, 'rounds')}{' '}
            <b data-kg="kpi" data-name="rounds" data-value={k.rounds}>
              {formatCount(k.rounds, lang)}
            </b>
          </span>
          <span>
            {s(lang, 'inTime')} <b>{formatCount(k.inTime, lang)}</b>
          </span>
          {k.rounds === 0 ? <span class="muted">{s(lang, 'noRounds')}</span> : null}
          {/* the platform's floor is over its last 30 days, whatever range is shown */}
          <UnassessedNotes rollups={p.rollups} now={p.now} lang={lang} />
          {k.ungradedRounds > 0 ? (
            <span class="muted" data-kg="ungraded-rounds" data-value={k.ungradedRounds}>
              {s(lang, 'ungraded', { n: k.ungradedRounds })}
            </span>
          ) : null}
        </div>
      </section>

      <section class="kpis">
        <Kpi
          name="avg-first-response-s"
          value={hook['avg-first-response-s'] ?? null}
          label={s(lang, 'avgFirst')}
          shown={formatDuration(k.avgFirstResponseMs, lang)}
        />
        <Kpi
          name="avg-response-s"
          value={hook['avg-response-s'] ?? null}
          label={s(lang, 'avgResponse')}
          shown={formatDuration(k.avgResponseMs, lang)}
        />
        <Kpi
          name="breaches"
          value={k.breaches}
          label={s(lang, 'breaches')}
          shown={formatCount(k.breaches, lang)}
          sub={
            k.breaches > 0
              ? [s(lang, 'answeredLate', { n: k.answeredLate }), s(lang, 'unanswered', { n: k.unanswered })]
              : undefined
          }
          tone={k.breaches > 0 ? 'bad' : undefined}
        />
        <Kpi
          name="longest-wait-s"
          value={hook['longest-wait-s'] ?? null}
          label={s(lang, 'longest')}
          shown={formatDuration(k.longestWaitMs, lang)}
        />
        <Kpi
          name="violations"
          value={k.violations}
          label={s(lang, 'violations')}
          shown={formatCount(k.violations, lang)}
          sub={k.violations > 0 ? violationsLine(k, lang) : undefined}
          tone={k.violationsByAction.overridden > 0 ? 'bad' : undefined}
        />
        <Kpi
          name="templates-used"
          value={k.templatesUsed}
          label={s(lang, 'templatesUsed')}
          shown={formatCount(k.templatesUsed, lang)}
          sub={k.templatesUsed > 0 ? [s(lang, 'templatesSub', { n: k.distinctTemplates })] : undefined}
        />
      </section>

      <section class="card">
        <h2 class="card-title">
          {s(lang, 'chartRate')}
          <span class="card-note">{s(lang, 'chartRateNote', { p: formatPercent(target) })}</span>
        </h2>
        <RateChart
          points={rates}
          target={target}
          lang={lang}
          highlight={p.range === 'today' ? today : undefined}
        />
      </section>

      <HoursCard kpis={k} lang={lang} />

      <section class="card">
        <h2 class="card-title">
          {s(lang, 'chartWait')}
          <span class="card-note">{s(lang, 'chartWaitNote')}</span>
        </h2>
        <WaitHistogram hist={k.waitHist} lang={lang} />
      </section>

      <section class="card">
        <h2 class="card-title">{s(lang, 'chartViolations')}</h2>
        <ViolationChart byCategory={k.violationsByCategory} lang={lang} />
      </section>

      {(k.violations > 0 || k.topRules.length > 0) && (
        <TopRules kpis={k} lang={lang} ruleName={p.ruleName ?? ((id) => id)} />
      )}

      <section class="card">
        <h2 class="card-title">{s(lang, 'topTemplates')}</h2>
        {k.topTemplates.length === 0 ? (
          <p class="chart-empty">{s(lang, 'noTemplates')}</p>
        ) : (
          <ol class="top-list" data-kg="top-templates">
            {k.topTemplates.map((t) => {
              const name = p.templateName?.(t.id) ?? t.id;
              return (
                <li key={t.id} data-id={t.id}>
                  {/* a long name is cut: the whole of it, and its pack id, on hover */}
                  <span class="top-name" title={name === t.id ? name : `${name} · ${t.id}`}>
                    {name}
                  </span>
                  <span class="top-bar">
                    <span style={{ width: `${(100 * t.uses) / topMax}%` }} />
                  </span>
                  <span class="top-count">{formatCount(t.uses, lang)}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <GroupTable
        title={s(lang, 'byAgent')}
        rows={agents}
        lang={lang}
        kind="agent"
        name={(id) => (id === '' ? s(lang, 'noAgent') : id)}
      />
      <GroupTable
        title={s(lang, 'byConsole')}
        rows={consoles}
        lang={lang}
        kind="console"
        name={p.consoleName}
      />

      <section class="card export">
        <h2 class="card-title">{s(lang, 'exportTitle')}</h2>
        <div class="export-buttons">
          {(
            [
              ['summary-csv', 'exportSummary', 'export-csv'],
              ['events-csv', 'exportEvents', 'export-events-csv'],
              ['ndjson', 'exportNdjson', 'export-ndjson'],
            ] as const
          ).map(([kind, label, hookName]) => (
            <button
              key={kind}
              type="button"
              class="btn"
              data-kg={hookName}
              disabled={p.exporting !== null}
              onClick={() => p.onExport(kind)}
            >
              {p.exporting === kind ? s(lang, 'exporting') : s(lang, label)}
            </button>
          ))}
        </div>
        {p.exportError && (
          <p class="alert" role="alert">
            {labelled(lang, s(lang, 'exportFailed'), p.exportError)}
          </p>
        )}
      </section>

      <p class="events-today">
        {s(lang, 'eventsToday')}{' '}
        <span data-kg="kpi" data-name="events-today" data-value={eventsToday}>
          {formatCount(eventsToday, lang)}
        </span>
      </p>
    </>
  );
}
