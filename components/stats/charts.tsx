/**
 * The dashboard's charts, drawn by hand in SVG (props in, markup out).
 *
 * Why no chart library: each chart is a few hundred bytes of markup computed from a handful of
 * numbers, with no dependency to audit or update; a library would add tens of kilobytes to a popup
 * that must paint its numbers within 150 ms. And plain SVG elements and attributes are CSP-safe:
 * no `eval`/`new Function`, no injected `<style>`, nothing an extension page's CSP can refuse.
 * They scale with the popup and stay readable in the DOM for the tests.
 */
import type { ComponentChildren } from 'preact';
import { type Action, type CategoryCount, type DayRate, violationParts } from '../../utils/kpi';
import { type HourCounts, WAIT_BUCKETS_MS } from '../../utils/rollups';
import type { Language } from '../../utils/settings';
import { CATEGORY_LABELS, formatAxisDay, formatDay, formatPercent, s } from './strings';

/** Width of every chart's coordinate space: the card's inner width, so 1 unit ≈ 1 CSS pixel. */
const W = 348;

/** A chart's frame: one image to a screen reader (its label), found by the tests by its name. */
function Chart({
  name,
  label,
  height,
  children,
}: {
  name: string;
  label: string;
  height: number;
  children: ComponentChildren;
}) {
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-label={label}
      data-kg="chart"
      data-chart={name}
    >
      {children}
    </svg>
  );
}
const GOOD = '#1f9d6b';
const WARN = '#e39b1b';
const BAD = '#d64545';
const GRID = '#e6eaf0';

export function RateChart({
  points,
  target,
  lang,
  highlight,
}: {
  points: readonly DayRate[];
  target: number;
  lang: Language;
  /** The day to stress (today). */
  highlight?: string;
}) {
  const H = 118;
  const left = 30;
  const right = 4;
  const top = 8;
  const bottom = 18;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const y = (ratio: number) => top + plotH * (1 - ratio);
  const step = plotW / Math.max(1, points.length);
  const barW = Math.max(3, Math.min(22, step * 0.62));
  const labelEvery = points.length > 14 ? 5 : 1;
  return (
    <Chart name="daily-rate" label={s(lang, 'chartRate')} height={H}>
      {[0, 0.5, 1].map((g) => (
        <g key={g}>
          <line x1={left} x2={W - right} y1={y(g)} y2={y(g)} stroke={GRID} stroke-width="1" />
          <text x={left - 5} y={y(g) + 3.5} text-anchor="end" class="chart-axis">
            {g * 100}%
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const cx = left + step * i + step / 2;
        const showLabel = (points.length - 1 - i) % labelEvery === 0;
        const stressed = p.day === highlight;
        return (
          <g key={p.day}>
            {p.rate === null ? (
              <rect x={cx - barW / 2} y={y(0) - 2} width={barW} height={2} rx={1} fill={GRID} />
            ) : (
              <rect
                x={cx - barW / 2}
                y={y(p.rate)}
                width={barW}
                height={Math.max(1.5, y(0) - y(p.rate))}
                rx={Math.min(3, barW / 3)}
                fill={p.rate >= target ? GOOD : BAD}
                opacity={stressed || !highlight ? 1 : 0.78}
              >
                <title>
                  {formatDay(p.day, lang)} {formatPercent(p.rate)} ({p.inTime}/{p.rounds})
                </title>
              </rect>
            )}
            {showLabel && (
              <text
                x={cx}
                y={H - 5}
                text-anchor="middle"
                class={stressed ? 'chart-axis chart-axis--strong' : 'chart-axis'}
              >
                {formatAxisDay(p.day)}
              </text>
            )}
          </g>
        );
      })}
      <line
        x1={left}
        x2={W - right}
        y1={y(target)}
        y2={y(target)}
        stroke="#3b4252"
        stroke-width="1.2"
        stroke-dasharray="4 3"
      />
    </Chart>
  );
}

const BUCKET_LABELS = ['<30', '30–60', '60–100', '100–180', '180–300', '300–600', '600+'];

export function WaitHistogram({ hist, lang }: { hist: readonly number[]; lang: Language }) {
  const H = 112;
  const top = 14;
  const bottom = 28;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...hist);
  const step = W / Math.max(1, hist.length);
  const barW = step * 0.64;
  const colour = (i: number) => {
    const upper = WAIT_BUCKETS_MS[i] ?? Number.POSITIVE_INFINITY;
    return upper <= 100_000 ? GOOD : upper <= 180_000 ? WARN : BAD;
  };
  return (
    <Chart name="wait-histogram" label={s(lang, 'chartWait')} height={H}>
      <line x1={0} x2={W} y1={top + plotH} y2={top + plotH} stroke={GRID} stroke-width="1" />
      {hist.map((n, i) => {
        const h = n === 0 ? 0 : Math.max(2, (plotH * n) / max);
        const cx = step * i + step / 2;
        return (
          <g key={i}>
            <rect x={cx - barW / 2} y={top + plotH - h} width={barW} height={h} rx={3} fill={colour(i)}>
              <title>
                {BUCKET_LABELS[i]} {s(lang, 'seconds')}: {n}
              </title>
            </rect>
            <text x={cx} y={top + plotH - h - 3} text-anchor="middle" class="chart-value">
              {n}
            </text>
            <text x={cx} y={H - 14} text-anchor="middle" class="chart-axis">
              {BUCKET_LABELS[i]}
            </text>
          </g>
        );
      })}
      <text x={W / 2} y={H - 2} text-anchor="middle" class="chart-axis">
        {lang === 'en' ? 'seconds waited' : '等待秒数'}
      </text>
    </Chart>
  );
}

export const ACTION_COLOURS: Readonly<Record<Action, string>> = {
  blocked: BAD,
  overridden: '#8e3b9e',
  warned: WARN,
};
/** The parts of the violations, in the order the chart and the KPI's line show them. */
export const ACTIONS: readonly Action[] = ['blocked', 'overridden', 'warned'];

export function ViolationChart({
  byCategory,
  lang,
}: {
  byCategory: readonly CategoryCount[];
  lang: Language;
}) {
  // the bar's length is the category's violations (warned + blocked), as in the KPI
  const rows = byCategory
    .map((c) => {
      const seg = violationParts(c);
      return { category: c.category, ...seg, total: seg.blocked + seg.overridden + seg.warned };
    })
    .filter((c) => c.total > 0)
    .sort((a, b) => b.total - a.total);
  if (rows.length === 0) return <p class="chart-empty">{s(lang, 'noViolations')}</p>;
  const rowH = 22;
  const legendH = 20;
  const H = legendH + rows.length * rowH;
  const labelW = lang === 'en' ? 132 : 96;
  const countW = 28;
  const barMax = W - labelW - countW;
  const max = Math.max(...rows.map((r) => r.total));
  return (
    <Chart name="violations" label={s(lang, 'chartViolations')} height={H}>
      {ACTIONS.map((a, i) => (
        <g key={a} transform={`translate(${labelW + i * 82}, 4)`}>
          <rect width={10} height={10} rx={2} fill={ACTION_COLOURS[a]} />
          <text x={14} y={9} class="chart-axis">
            {s(lang, a)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const yy = legendH + i * rowH;
        let x = labelW;
        return (
          <g key={r.category} data-category={r.category}>
            <text x={labelW - 8} y={yy + 14} text-anchor="end" class="chart-label">
              {CATEGORY_LABELS[lang][r.category]}
            </text>
            {ACTIONS.map((a) => {
              const w = (barMax * r[a]) / max;
              const seg = (
                <rect key={a} x={x} y={yy + 4} width={w} height={13} fill={ACTION_COLOURS[a]}>
                  <title>
                    {s(lang, a)}: {r[a]}
                  </title>
                </rect>
              );
              x += w;
              return r[a] > 0 ? seg : null;
            })}
            <text x={x + 5} y={yy + 14} class="chart-value">
              {r.total}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * Graded rounds by the hour they started: each bar as high as the hour's rounds, its in-time part
 * green and its late part red (the hours short of hands stand out).
 */
export function HourChart({ byHour, lang }: { byHour: HourCounts; lang: Language }) {
  const H = 110;
  const top = 8;
  const bottom = 28;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...byHour.rounds);
  const step = W / 24;
  const barW = step * 0.7;
  return (
    <Chart name="hours" label={s(lang, 'chartHours')} height={H}>
      <line x1={0} x2={W} y1={top + plotH} y2={top + plotH} stroke={GRID} stroke-width="1" />
      {/* the scale: the busiest hour's rounds (the hours before 08:00 are outside every preset's window) */}
      <line x1={0} x2={W} y1={top} y2={top} stroke={GRID} stroke-width="1" stroke-dasharray="3 3" />
      <text x={2} y={top + 10} class="chart-axis" data-kg="hours-max">
        {s(lang, 'hourMax', { n: max })}
      </text>
      {byHour.rounds.map((n, h) => {
        const inTime = Math.min(n, byHour.inTime[h] ?? 0);
        const x = step * h + (step - barW) / 2;
        const total = n <= 0 ? 0 : Math.max(2, (plotH * n) / max);
        const good = n <= 0 ? 0 : (total * inTime) / n;
        const tip = s(lang, 'hourTip', {
          from: hourLabel(h),
          to: hourLabel(h + 1),
          n,
          k: inTime,
          p: formatPercent(n > 0 ? inTime / n : null),
        });
        return (
          <g key={h} data-hour={h} data-rounds={n} data-in-time={inTime}>
            {n > 0 && (
              <>
                <rect x={x} y={top + plotH - total} width={barW} height={total - good} fill={BAD}>
                  <title>{tip}</title>
                </rect>
                <rect x={x} y={top + plotH - good} width={barW} height={good} fill={GOOD}>
                  <title>{tip}</title>
                </rect>
              </>
            )}
            {h % 3 === 0 && (
              <text x={step * h + step / 2} y={H - 16} text-anchor="middle" class="chart-axis">
                {h}
              </text>
            )}
          </g>
        );
      })}
      <text x={W / 2} y={H - 2} text-anchor="middle" class="chart-axis">
        {s(lang, 'hourAxis')}
      </text>
    </Chart>
  );
}
