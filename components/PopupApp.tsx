/**
 * The supervisor's popup: reads the last 30 days of rollups straight from IndexedDB (never the raw
 * events, so it paints at once whatever the volume), shows the dashboard for the range picked, and
 * exports that range. Follows `settings.language`; shows the worker's last write failure.
 */
import { useEffect, useState } from 'preact/hooks';
import { ALL_CONSOLES, consoleLabel } from '../utils/consoles';
import type { Platform } from '../utils/consoles/types';
import {
  clearTeamRollups,
  forEachEventDay,
  openKgDb,
  putTeamRollups,
  readRecentRollups,
  readRollups,
  readTeamRollups,
} from '../utils/db';
import type { StoredEvent } from '../utils/events';
import { eventsCsv, exportFileName, ndjsonRecords, rollupsCsv, toNdjson } from '../utils/export';
import { labelled } from '../utils/i18n';
import { lastDays } from '../utils/kpi';
import { activeTemplates, inForce, packsItem } from '../utils/packs';
import type { Rollup } from '../utils/rollups';
import type { Rule } from '../utils/rules/types';
import {
  clockSettingsFor,
  DEFAULT_SETTINGS,
  type Language,
  type Settings,
  settingsItem,
  withDefaults,
} from '../utils/settings';
import { type StatsWriteError, statsWriteErrorItem } from '../utils/stats-status';
import { agentFromFileName, readTeamExport } from '../utils/team-stats';
import { readDefaults } from './defaults';
import { download } from './download';
import { ruleName } from './rule-name';
import { type ExportKind, RANGE_DAYS, type Range, StatsDashboard } from './stats/StatsDashboard';
import { s } from './stats/strings';
import { TeamView } from './stats/TeamView';

type Load =
  | { kind: 'loading' }
  | { kind: 'ok'; rollups: Rollup[]; names: Names }
  | { kind: 'error'; message: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function readTeam(now: number): Promise<Rollup[]> {
  const days = lastDays(now, 30);
  const db = await openKgDb();
  try {
    return await readTeamRollups(db, days[0] ?? '', days[days.length - 1] ?? '');
  } finally {
    db.close();
  }
}

/** Imports agents' NDJSON exports into the team view; one result line for all the files. */
async function importTeam(
  files: File[],
  lang: Language,
): Promise<{ status: 'ok' | 'error'; message: string }> {
  let total = 0;
  const db = await openKgDb();
  try {
    for (const file of files) {
      try {
        const { rollups } = readTeamExport(await file.text(), agentFromFileName(file.name));
        await putTeamRollups(db, rollups);
        total += rollups.length;
      } catch (e) {
        return { status: 'error', message: s(lang, 'teamError', { file: file.name, message: message(e) }) };
      }
    }
  } finally {
    db.close();
  }
  return { status: 'ok', message: s(lang, 'teamResult', { files: files.length, rollups: total }) };
}

async function exportRange(kind: ExportKind, from: string, to: string, lang: Language): Promise<void> {
  const db = await openKgDb();
  try {
    const rollups = await readRollups(db, from, to);
    if (kind === 'summary-csv') {
      download(
        [rollupsCsv(rollups, lang)],
        'text/csv;charset=utf-8',
        exportFileName('stats', from, to, 'csv'),
      );
      return;
    }
    const events: StoredEvent[] = [];
    await forEachEventDay(db, from, to, (list) => {
      for (const e of list) events.push(e);
    });
    if (kind === 'events-csv')
      download(
        [eventsCsv(events, lang)],
        'text/csv;charset=utf-8',
        exportFileName('events', from, to, 'csv'),
      );
    else
      download(
        [toNdjson(ndjsonRecords(rollups, events))],
        'application/x-ndjson',
        exportFileName('stats', from, to, 'ndjson'),
      );
  } finally {
    db.close();
  }
}

const consoleById = new Map(ALL_CONSOLES.map((c) => [c.id, c]));

/** What the stats name by id: templates by title, and every rule a violation may name (switched off since or not). */
interface Names {
  templates: ReadonlyMap<string, string>;
  rules: ReadonlyMap<string, Rule>;
}

/** The shipped packs with the installed ones; none when they cannot be read (the numbers show ids then). */
async function readNames(): Promise<Names> {
  try {
    const [defaults, packs] = await Promise.all([readDefaults(), packsItem.getValue()]);
    return {
      templates: new Map(activeTemplates(defaults.templates, packs).map((t) => [t.id, t.title])),
      rules: new Map(inForce(defaults.rules, packs, (p) => p.rules).map((x) => [x.item.id, x.item])),
    };
  } catch {
    return { templates: new Map(), rules: new Map() };
  }
}

export function PopupApp() {
  const [now] = useState(() => Date.now());
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [range, setRange] = useState<Range>('today');
  const [writeError, setWriteError] = useState<StatsWriteError | null>(null);
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [team, setTeam] = useState<Rollup[]>([]);
  const [teamResult, setTeamResult] = useState<{ status: 'ok' | 'error'; message: string } | null>(null);
  useEffect(() => {
    void readTeam(now).then(setTeam, () => setTeam([]));
  }, [now]);
  const lang = settings.language;
  const targetOf = (platform: Platform) => clockSettingsFor(settings, platform).target;

  // the reads start with the first render, not after its paint (when effects run)
  const [reads] = useState(() => {
    const settingsRead = settingsItem
      .getValue()
      .then(withDefaults)
      .catch(() => DEFAULT_SETTINGS);
    // the packs' names are read beside the stats: the numbers are drawn with them, at once
    const all = Promise.all([
      settingsRead,
      readRecentRollups(now, 30),
      statsWriteErrorItem.getValue().catch(() => null),
      readNames(),
    ]);
    all.catch(() => undefined); // handled in the effect
    return { settingsRead, all };
  });

  useEffect(() => {
    let closed = false;
    reads.all
      .then(([st, rollups, err, names]) => {
        if (closed) return;
        setSettings(st);
        setWriteError(err);
        setLoad({ kind: 'ok', rollups, names });
      })
      .catch(async (e: unknown) => {
        const st = await reads.settingsRead;
        if (closed) return;
        setSettings(st);
        setLoad({ kind: 'error', message: message(e) });
      });
    const unwatch = statsWriteErrorItem.watch((v) => setWriteError(v));
    return () => {
      closed = true;
      unwatch();
    };
  }, [reads]);

  // for the benchmark: the moment the numbers were first painted (after this frame)
  useEffect(() => {
    if (load.kind !== 'ok') return;
    requestAnimationFrame(() => setTimeout(() => performance.mark('kg:popup-painted'), 0));
  }, [load.kind]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s(lang, 'title');
  }, [lang]);

  const names = load.kind === 'ok' ? load.names : null;
  const nameRule = (id: string) => {
    const rule = names?.rules.get(id);
    return rule ? ruleName(rule, lang) : id;
  };

  const onExport = (kind: ExportKind) => {
    const days = lastDays(now, RANGE_DAYS[range]);
    setExporting(kind);
    setExportError(null);
    exportRange(kind, days[0] ?? '', days[days.length - 1] ?? '', lang)
      .catch((e: unknown) => setExportError(message(e)))
      .finally(() => setExporting(null));
  };

  return (
    <main class="popup" lang={lang}>
      <header class="popup-head">
        <span class="popup-logo" aria-hidden="true">
          守
        </span>
        <h1>{s(lang, 'title')}</h1>
      </header>
      {load.kind === 'ok' ? (
        <>
          {load.rollups.length === 0 && <p class="empty-hint">{s(lang, 'empty')}</p>}
          <StatsDashboard
            lang={lang}
            range={range}
            onRange={setRange}
            rollups={load.rollups}
            now={now}
            targetOf={targetOf}
            consoleName={(id) => {
              const c = consoleById.get(id);
              return c ? consoleLabel(c, lang) : id;
            }}
            templateName={(id) => load.names.templates.get(id) ?? id}
            ruleName={nameRule}
            writeError={writeError}
            onExport={onExport}
            exporting={exporting}
            exportError={exportError}
          />
          <TeamView
            lang={lang}
            ruleName={nameRule}
            days={lastDays(now, RANGE_DAYS[range])}
            rollups={team}
            now={now}
            targetOf={targetOf}
            result={teamResult}
            onImport={(files) =>
              void importTeam(files, lang).then(async (r) => {
                setTeamResult(r);
                setTeam(await readTeam(now));
              })
            }
            onClear={() =>
              void openKgDb().then(async (db) => {
                await clearTeamRollups(db);
                db.close();
                setTeam([]);
                setTeamResult(null);
              })
            }
          />
        </>
      ) : load.kind === 'error' ? (
        <p class="alert" role="alert" data-kg="db-error">
          {labelled(lang, s(lang, 'dbError'), load.message)}
        </p>
      ) : (
        <p class="loading">{s(lang, 'loading')}</p>
      )}
      <footer class="popup-foot">{s(lang, 'privacy')}</footer>
    </main>
  );
}
