import { useEffect, useState } from 'preact/hooks';
import { countEventsOnDay, openKgDb } from '../utils/db';
import { localDay } from '../utils/events';
import { t } from '../utils/i18n';
import { DEFAULT_SETTINGS, type Language, settingsItem } from '../utils/settings';

type Load = { kind: 'loading' } | { kind: 'ok'; eventsToday: number } | { kind: 'error'; message: string };

/** The supervisor's popup: today's numbers, read straight from IndexedDB. */
export function PopupApp() {
  const [lang, setLang] = useState<Language>(DEFAULT_SETTINGS.language);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    void settingsItem.getValue().then((s) => setLang(s.language));
    let closed = false;
    openKgDb()
      .then(async (db) => {
        const eventsToday = await countEventsOnDay(db, localDay(Date.now()));
        db.close();
        if (!closed) setLoad({ kind: 'ok', eventsToday });
      })
      .catch((e: unknown) => {
        if (!closed) setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      closed = true;
    };
  }, []);

  return (
    <main class="popup" lang={lang}>
      <header class="popup-head">
        <span class="popup-logo" aria-hidden="true">
          守
        </span>
        <h1>{t(lang, 'popupTitle')}</h1>
      </header>
      <section class="kpis">
        <div class="kpi">
          <span class="kpi-label">{t(lang, 'eventsToday')}</span>
          {load.kind === 'ok' ? (
            <span class="kpi-value" data-kg="kpi" data-name="events-today" data-value={load.eventsToday}>
              {load.eventsToday.toLocaleString(lang)}
            </span>
          ) : load.kind === 'error' ? (
            <span class="kpi-error" role="alert">
              {t(lang, 'dbError')}：{load.message}
            </span>
          ) : (
            <span class="kpi-value kpi-value--loading">…</span>
          )}
        </div>
      </section>
      <footer class="popup-foot">{t(lang, 'privacy')}</footer>
    </main>
  );
}
