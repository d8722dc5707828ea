import type { Platform } from '../../utils/consoles/types';
import { inDays, kpisBy, kpisFromRollups, strictestTarget } from '../../utils/kpi';
import type { Rollup } from '../../utils/rollups';
import type { Language } from '../../utils/settings';
import { HoursCard } from './HoursCard';
import { GroupTable, UnassessedNotes } from './StatsDashboard';
import { s } from './strings';
import { TopRules } from './TopRules';

export interface TeamViewProps {
  lang: Language;
  /** The days of the range shown (oldest first). */
  days: readonly string[];
  /** The imported rollups of (at least) the last 30 days. */
  rollups: readonly Rollup[];
  now: number;
  /** The platform's target for the 3-minute rate (from the clock settings). */
  targetOf: (platform: Platform) => number;
  result: { status: 'ok' | 'error'; message: string } | null;
  /** A rule in a few words, by id. */
  ruleName: (id: string) => string;
  onImport: (files: File[]) => void;
  onClear: () => void;
}

/**
 * The supervisor's side-by-side view of agents' imported exports, for the range shown, with the
 * team's total: the shop's figures, which the platform grades.
 */
export function TeamView(p: TeamViewProps) {
  const { lang, days, rollups, now, targetOf, result, onImport, onClear } = p;
  const shown = inDays(rollups, days[0] ?? '', days[days.length - 1] ?? '');
  const rows = kpisBy(shown, 'agent', (list) => strictestTarget(list, targetOf));
  const team = rows.length > 0 ? kpisFromRollups(shown, strictestTarget(shown, targetOf)) : undefined;
  const total = rows.length > 1 ? team : undefined;
  return (
    <>
      <section class="card" data-kg="team">
        <h2 class="card-title">{s(lang, 'team')}</h2>
        <p class="muted">{s(lang, 'teamHint')}</p>
        <div class="team-actions">
          <label class="btn">
            {s(lang, 'teamImport')}
            <input
              type="file"
              accept=".ndjson,.jsonl,application/x-ndjson"
              multiple
              data-kg="team-import"
              class="visually-hidden"
              onChange={(e) => {
                const input = e.currentTarget;
                onImport(Array.from(input.files ?? []));
                input.value = '';
              }}
            />
          </label>
          {rollups.length > 0 ? (
            <button
              type="button"
              class="btn btn--quiet"
              data-kg="team-clear"
              onClick={(e) => e.isTrusted && onClear()}
            >
              {s(lang, 'teamClear')}
            </button>
          ) : null}
        </div>
        {result ? (
          <p
            class={result.status === 'ok' ? 'note-ok' : 'alert'}
            data-kg="team-import-result"
            data-status={result.status}
          >
            {result.message}
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p class="chart-empty">{s(lang, 'teamEmpty')}</p>
        ) : (
          <GroupTable title="" rows={rows} lang={lang} kind="team" name={(id) => id} total={total} />
        )}
        {rows.length > 0 ? (
          <p class="team-facts">
            <UnassessedNotes rollups={rollups} now={now} lang={lang} />
          </p>
        ) : null}
      </section>
      {/* the team's hours short of hands and the rules its agents run into (staffing and training) */}
      {team && (
        <div data-kg="team-details">
          <HoursCard kpis={team} lang={lang} title={s(lang, 'teamHours')} />
          {(team.violations > 0 || team.topRules.length > 0) && (
            <TopRules kpis={team} lang={lang} ruleName={p.ruleName} title={s(lang, 'teamRules')} />
          )}
        </div>
      )}
    </>
  );
}
