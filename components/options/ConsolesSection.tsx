/**
 * Consoles: built-in ones on or off (settings.disabledConsoles), and the consoles of packs, each
 * enabled by an explicit grant of its hosts, with a live test of its selectors on an open page.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BUILTIN_CONSOLES, consoleLabel } from '../../utils/consoles';
import type { SelectorList } from '../../utils/consoles/types';
import {
  type CustomConsole,
  customConsoles,
  disableCustomConsole,
  enabledCustomConsolesItem,
  grantCustomConsole,
  originsGranted,
  registeredConsoleKeys,
} from '../../utils/custom-consoles';
import type { InstalledPack } from '../../utils/pack-model';
import { REQUIRED_SELECTORS, SELECTOR_KEYS, type SelectorKey } from '../../utils/pack-schema';
import { runsOnMac } from '../../utils/platform';
import { type ProbeResult, probeOpenTab } from '../../utils/selector-probe';
import { forgetSendKeys, keysOf, type SendKeys, sendKeyName, sendKeySummary } from '../../utils/send-keys';
import { type Settings, sendKeysItem } from '../../utils/settings';
import { saveSettings, useSendKeys } from './state';
import { type OptionsKey, ot, SELECTOR_LABELS } from './strings';

interface Status {
  enabled: boolean;
  granted: boolean;
  registered: boolean;
}

/** Enabled choices, grants and registrations of every custom console, kept current. */
function useStatuses(list: readonly CustomConsole[]): Record<string, Status> {
  const [statuses, setStatuses] = useState<Record<string, Status>>({});
  const keys = list.map((c) => c.key).join('|');
  useEffect(() => {
    let live = true;
    const read = async () => {
      const [enabled, registered] = await Promise.all([
        enabledCustomConsolesItem.getValue(),
        registeredConsoleKeys(),
      ]);
      const next: Record<string, Status> = {};
      for (const c of list)
        next[c.key] = {
          enabled: (enabled ?? []).includes(c.key),
          granted: await originsGranted(c.definition.matches),
          registered: registered.has(c.key),
        };
      if (live) setStatuses(next);
    };
    void read();
    // the background registers a little after a grant: look again for a few seconds
    const timer = setInterval(() => void read(), 1000);
    const unwatch = enabledCustomConsolesItem.watch(() => void read());
    const onPermissions = () => void read();
    browser.permissions.onAdded.addListener(onPermissions);
    browser.permissions.onRemoved.addListener(onPermissions);
    return () => {
      live = false;
      clearInterval(timer);
      unwatch();
      browser.permissions.onAdded.removeListener(onPermissions);
      browser.permissions.onRemoved.removeListener(onPermissions);
    };
  }, [keys]);
  return statuses;
}

/** Before storage is read: nothing seen. */
const NONE_SEEN: Record<string, SendKeys> = {};

/** The key the send guard takes to send in a console, and a way to have it learnt again. */
function SendKeyLine({
  lang,
  consoleId,
  all,
}: {
  lang: Settings['language'];
  consoleId: string;
  all: Record<string, SendKeys>;
}) {
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const { sending, learnt } = sendKeySummary(keysOf(all, consoleId));
  const mac = runsOnMac(navigator);
  const keys = sending.map((k) => sendKeyName(k, mac)).join(t('sendKeyOr'));
  return (
    <p class="small send-key" data-kg="send-key" data-console-id={consoleId} data-learnt={String(learnt)}>
      <span>
        <strong data-kg="send-key-keys">{t('sendKeyLine', { keys })}</strong>
        <span class="muted">{t(learnt ? 'sendKeyLearnt' : 'sendKeyAssumed')}</span>
      </span>
      {learnt && (
        <button
          class="btn small"
          type="button"
          data-kg="relearn-send-key"
          title={t('relearnSendKeyHint')}
          onClick={() => void sendKeysItem.setValue(forgetSendKeys(all, consoleId))}
        >
          {t('relearnSendKey')}
        </button>
      )}
    </p>
  );
}

export function ConsolesSection({
  lang,
  packs,
  settings,
}: {
  lang: Settings['language'];
  packs: InstalledPack[];
  settings: Settings;
}) {
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const custom = customConsoles(packs);
  const statuses = useStatuses(custom);
  const sendKeys = useSendKeys() ?? NONE_SEEN;

  const toggleBuiltin = (id: string, on: boolean) => {
    const disabled = new Set(settings.disabledConsoles);
    if (on) disabled.delete(id);
    else disabled.add(id);
    void saveSettings({ ...settings, disabledConsoles: [...disabled] });
  };

  return (
    <section class="section" aria-labelledby="consoles-title">
      <h2 id="consoles-title">{t('navConsoles')}</h2>
      <div class="card">
        <h3>{t('builtinConsoles')}</h3>
        <p class="hint">{t('builtinHint')}</p>
        <ul class="item-list">
          {BUILTIN_CONSOLES.map((c) => (
            <li class="item" key={c.id} data-kg="builtin-console" data-console-id={c.id}>
              <div class="item-main">
                <div class="item-head">
                  <strong>{consoleLabel(c, lang)}</strong>
                  <span class="chip">{t(`platform.${c.platform}` as OptionsKey)}</span>
                </div>
                <p class="mono small muted">{c.matches.join('  ')}</p>
                <SendKeyLine lang={lang} consoleId={c.id} all={sendKeys} />
              </div>
              <div class="item-actions">
                <label class="switch">
                  <input
                    type="checkbox"
                    checked={!settings.disabledConsoles.includes(c.id)}
                    onChange={(e) => toggleBuiltin(c.id, e.currentTarget.checked)}
                  />
                  <span>{t('enabled')}</span>
                </label>
              </div>
            </li>
          ))}
        </ul>
      </div>

      <div class="card">
        <h3>{t('customConsoles')}</h3>
        <p class="hint">{t('customHint')}</p>
        {custom.length === 0 ? (
          <p class="empty">{t('noCustom')}</p>
        ) : (
          <ul class="item-list">
            {custom.map((c) => (
              <CustomConsoleRow
                key={c.key}
                lang={lang}
                console={c}
                all={custom}
                status={statuses[c.key] ?? { enabled: false, granted: false, registered: false }}
                sendKeys={sendKeys}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function CustomConsoleRow({
  lang,
  console: c,
  all,
  status,
  sendKeys,
}: {
  lang: Settings['language'];
  console: CustomConsole;
  all: readonly CustomConsole[];
  status: Status;
  sendKeys: Record<string, SendKeys>;
}) {
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const [denied, setDenied] = useState(false);
  const [probe, setProbe] = useState<ProbeResult | 'running' | null>(null);
  const active = status.enabled && status.granted;
  const state = !c.packEnabled ? 'pack-off' : active ? (status.registered ? 'active' : 'starting') : 'off';

  return (
    <li
      class="item console"
      data-kg="custom-console"
      data-console-key={c.key}
      data-console-id={c.definition.id}
      data-state={state}
    >
      <div class="item-main">
        <div class="item-head">
          <strong>{consoleLabel(c.definition, lang)}</strong>
          <span class="chip">{t(`platform.${c.definition.platform}` as OptionsKey)}</span>
          <span class="muted small">{c.packName}</span>
          <span class={`status-dot ${active ? 'on' : ''}`} data-kg="console-grant-status">
            {!c.packEnabled ? t('packDisabled') : active ? t('granted') : t('notGranted')}
          </span>
        </div>
        <p class="mono small muted">{c.definition.matches.join('  ')}</p>
        <SendKeyLine lang={lang} consoleId={c.definition.id} all={sendKeys} />
        {denied && <p class="inline-error">{t('denied')}</p>}
        {probe && probe !== 'running' && <ProbeTable lang={lang} console={c} result={probe} />}
      </div>
      <div class="item-actions">
        {active ? (
          <button class="btn small" type="button" onClick={() => void disableCustomConsole(c, all)}>
            {t('disable')}
          </button>
        ) : (
          <button
            class="btn small primary"
            type="button"
            data-kg="grant-console"
            data-console-key={c.key}
            disabled={!c.packEnabled}
            onClick={() => {
              setDenied(false);
              // straight from the click: the browser asks only inside the user's gesture
              void grantCustomConsole(c).then((ok) => setDenied(!ok));
            }}
          >
            {t('grant')}
          </button>
        )}
        <button
          class="btn small"
          type="button"
          data-kg="probe-console"
          disabled={probe === 'running'}
          onClick={() => {
            setProbe('running');
            void probeOpenTab(c.definition.matches, c.definition.selectors).then(setProbe);
          }}
        >
          {probe === 'running' ? t('probing') : t('probe')}
        </button>
      </div>
    </li>
  );
}

function ProbeTable({
  lang,
  console: c,
  result,
}: {
  lang: Settings['language'];
  console: CustomConsole;
  result: ProbeResult;
}) {
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  if (result.kind === 'no-tab')
    return (
      <p class="inline-warn" data-kg="probe-result" data-status="no-tab">
        {t('probeNoTab')}
      </p>
    );
  if (result.kind === 'error')
    return (
      <p class="inline-error" data-kg="probe-result" data-status="error">
        {t('probeError', { message: result.message })}
      </p>
    );
  const selectors = c.definition.selectors as unknown as Record<string, SelectorList | undefined>;
  const entries = SELECTOR_KEYS.flatMap((k): [SelectorKey, SelectorList][] => {
    const v = selectors[k];
    return v === undefined ? [] : [[k, v]];
  });
  /** A required field none of whose selectors found anything. */
  const missing = (field: SelectorKey) =>
    REQUIRED_SELECTORS.has(field) && !(result.frame.counts[field] ?? []).some((x) => x > 0);
  const missed = entries.filter(([field]) => missing(field)).map(([field]) => SELECTOR_LABELS[lang][field]);
  return (
    <div class="probe" data-kg="probe-result" data-status="ok">
      <p class="small">{t('probeIn', { title: result.tabTitle })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('probeField')}</th>
            <th scope="col">{t('probeSelector')}</th>
            <th scope="col">{t('probeCount')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.flatMap(([field, list]) => {
            const sels = typeof list === 'string' ? [list] : [...list];
            const counts = result.frame.counts[field] ?? [];
            return sels.map((sel, i) => {
              const n = counts[i] ?? 0;
              return (
                <tr
                  key={`${field}-${sel}`}
                  class={n === 0 && missing(field) ? 'miss' : n > 0 ? 'hit' : ''}
                  data-field={field}
                  data-count={n}
                >
                  <td>
                    {i === 0 && (
                      <>
                        <span data-kg="probe-field-label">{SELECTOR_LABELS[lang][field]}</span>
                        <span class="mono small muted"> {field}</span>
                        {REQUIRED_SELECTORS.has(field) && (
                          <span class="muted small"> · {t('probeRequired')}</span>
                        )}
                      </>
                    )}
                  </td>
                  <td class="mono small">{sel}</td>
                  <td class="num">{n < 0 ? t('probeInvalid') : n}</td>
                </tr>
              );
            });
          })}
        </tbody>
      </table>
      {missed.length > 0 && (
        <p class="inline-warn small" data-kg="probe-missing">
          {t('probeMissing', { fields: missed.join(lang === 'en' ? ', ' : '、') })}
        </p>
      )}
    </div>
  );
}
