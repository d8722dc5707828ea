/** Graded rounds by the hour they started, in a card (the agent's own, or the team's). */
import type { Kpis } from '../../utils/kpi';
import type { Language } from '../../utils/settings';
import { HourChart } from './charts';
import { formatCount, s } from './strings';

export function HoursCard({ kpis: k, lang, title }: { kpis: Kpis; lang: Language; title?: string }) {
  return (
    <section class="card">
      <h2 class="card-title">
        {title ?? s(lang, 'chartHours')}
        <span class="card-note" data-kg="hours-note">
          {k.roundsByHour < k.rounds && k.roundsByHour > 0
            ? s(lang, 'chartHoursPart', {
                n: formatCount(k.roundsByHour, lang),
                total: formatCount(k.rounds, lang),
              })
            : s(lang, 'chartHoursNote')}
        </span>
      </h2>
      {k.roundsByHour > 0 ? (
        <HourChart byHour={k.byHour} lang={lang} />
      ) : (
        <p class="chart-empty">{s(lang, k.rounds > 0 ? 'noHourCounts' : 'noRounds')}</p>
      )}
    </section>
  );
}
