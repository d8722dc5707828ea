/**
 * Packs: import (file, URL, pasted text; CSV with a column mapping), the installed list (on/off,
 * update, export, remove). Pack content is rendered as text only.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  type CsvMapping,
  decodeBytes,
  guessMapping,
  packFromTemplates,
  parseCsv,
  subscriptionUrlIssue,
  templatesFromCsv,
  templatesFromLines,
} from '../../utils/pack-import';
import {
  type InstallPlan,
  needsConfirmation,
  packFileName,
  packFileText,
  planInstall,
} from '../../utils/pack-install';
import { type InstalledPack, LOCAL_PACK_ID, type Pack, type PackSource } from '../../utils/pack-model';
import {
  formatIssue,
  makeIssue,
  PACK_LIMITS,
  type PackCheck,
  type PackIssue,
  parsePackText,
  validatePack,
} from '../../utils/pack-schema';
import {
  ALLOW_LOCAL_HTTP,
  deletePack,
  fetchPackFromUrl,
  refreshSubscription,
  savePack,
  setEnabled,
  validateOptions,
} from '../../utils/pack-store';
import type { Language } from '../../utils/settings';
import type { Template } from '../../utils/templates';
import { CsvMapper } from './CsvMapper';
import { downloadText, formatTime } from './state';
import { type OptionsKey, ot } from './strings';

type Result = { status: 'ok' | 'error'; message: string; issues: string[] } | null;
type Pending =
  | { kind: 'confirm'; pack: Pack; source: PackSource; plan: InstallPlan }
  | { kind: 'csv'; fileName: string; encoding: string; rows: string[][]; mapping: CsvMapping; name: string }
  | null;

/** 「3 条话术，1 个工作台」: the sections a pack has. */
function summary(lang: Language, p: Pack): string {
  const parts: [OptionsKey, number][] = [
    ['countTemplates', p.templates?.length ?? 0],
    ['countRules', p.rules?.length ?? 0],
    ['countConsoles', p.consoles?.length ?? 0],
  ];
  const shown = parts.filter(([, n]) => n > 0);
  return (shown.length > 0 ? shown : parts.slice(0, 1))
    .map(([k, n]) => ot(lang, k, { n }))
    .join(lang === 'en' ? ', ' : '，');
}
const baseName = (file: string) => file.replace(/\.[^.]+$/, '');

export function PacksSection({ lang, packs }: { lang: Language; packs: InstalledPack[] }) {
  const [result, setResult] = useState<Result>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [url, setUrl] = useState('');
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const [lastFile, setLastFile] = useState<string | null>(null);
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);

  const showIssues = (issues: readonly PackIssue[], total = issues.length) => {
    const lines = issues.slice(0, 12).map((i) => formatIssue(i, lang));
    if (total > lines.length) lines.push(t('moreIssues', { n: total - lines.length }));
    setResult({ status: 'error', message: t('invalid', { n: total }), issues: lines });
  };

  const install = async (pack: Pack, source: PackSource, confirmed = false) => {
    const plan = planInstall(packs, pack);
    if (needsConfirmation(plan) && !confirmed) {
      setPending({ kind: 'confirm', pack, source, plan });
      setResult(null);
      return;
    }
    await savePack(pack, source, confirmed);
    setPending(null);
    setResult({
      status: 'ok',
      message:
        plan.kind === 'new'
          ? t('imported', { name: pack.name, summary: summary(lang, pack) })
          : t('replaced', { name: pack.name, date: pack.updated, summary: summary(lang, pack) }),
      issues: [],
    });
  };

  const installChecked = async (check: PackCheck, source: PackSource) => {
    if (!check.ok) {
      setPending(null);
      showIssues(check.issues, check.total);
      return;
    }
    await install(check.pack, source);
  };

  /** Templates from a CSV or text file become a pack of their own (removable as one). */
  const importTemplates = (name: string, templates: Template[], source: PackSource) =>
    installChecked(validatePack(packFromTemplates(name, templates, Date.now()), validateOptions()), source);

  const onFile = async (file: File) => {
    setBusy(true);
    setLastFile(file.name);
    try {
      if (file.size > PACK_LIMITS.bytes) {
        const size = `${(file.size / 1024 / 1024).toFixed(1)} MB`;
        showIssues([makeIssue('', 'too-large', { size })]);
        return;
      }
      const { text, encoding } = decodeBytes(new Uint8Array(await file.arrayBuffer()));
      const ext = file.name.toLowerCase().split('.').pop() ?? '';
      if (ext === 'csv' || ext === 'tsv') {
        const rows = parseCsv(text);
        const header = rows[0] ?? [];
        setResult(null);
        setPending({
          kind: 'csv',
          fileName: file.name,
          encoding,
          rows,
          mapping: guessMapping(header),
          name: baseName(file.name),
        });
        return;
      }
      if (ext === 'txt') {
        const name = baseName(file.name);
        await importTemplates(name, templatesFromLines(text), { kind: 'file' });
        return;
      }
      await installChecked(parsePackText(text, validateOptions()), { kind: 'file' });
    } finally {
      setBusy(false);
    }
  };

  const onPaste = async () => {
    const text = pasted.trim();
    if (text === '') return;
    setBusy(true);
    try {
      if (text.startsWith('{'))
        await installChecked(parsePackText(text, validateOptions()), { kind: 'text' });
      else {
        const name = lang === 'en' ? 'Pasted replies' : '粘贴的话术';
        await importTemplates(name, templatesFromLines(text), { kind: 'text' });
      }
    } finally {
      setBusy(false);
    }
  };

  const onSubscribe = async (e: Event) => {
    e.preventDefault();
    const target = url.trim();
    const bad = subscriptionUrlIssue(target, ALLOW_LOCAL_HTTP);
    if (bad) {
      showIssues([bad]);
      return;
    }
    // host access lets the background refresh without the server's CORS headers; the request must
    // come straight from the click. Refused is fine: servers that allow CORS still work.
    const origin = `${new URL(target).origin}/*`;
    await browser.permissions.request({ origins: [origin] }).catch(() => false);
    setBusy(true);
    try {
      const { check, etag } = await fetchPackFromUrl(target);
      await installChecked(check, {
        kind: 'url',
        url: target,
        etag,
        lastChecked: Date.now(),
        lastError: null,
      });
    } finally {
      setBusy(false);
    }
  };

  const onCsvImport = async () => {
    if (pending?.kind !== 'csv') return;
    await importTemplates(pending.name, templatesFromCsv(pending.rows, pending.mapping), { kind: 'file' });
  };

  return (
    <section class="section" aria-labelledby="packs-title">
      <h2 id="packs-title">{t('navPacks')}</h2>
      <p class="intro">{t('packsIntro')}</p>

      <div class="card">
        <h3>{t('importTitle')}</h3>
        <div class="import-grid">
          <div class="import-way">
            <span class="label" id="pack-file-label">
              {t('importFile')}
            </span>
            <p class="hint">{t('importFileHint')}</p>
            <label
              class={`drop ${dragOver ? 'is-over' : ''}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragOver(true);
              }}
              onDragLeave={() => setDragOver(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(false);
                const file = e.dataTransfer?.files[0];
                if (file) void onFile(file);
              }}
            >
              <input
                class="file"
                type="file"
                accept=".json,.csv,.tsv,.txt,application/json,text/csv,text/plain"
                aria-labelledby="pack-file-label"
                data-kg="pack-import"
                disabled={busy}
                onChange={(e) => {
                  const input = e.currentTarget;
                  const file = input.files?.[0];
                  if (file) void onFile(file).finally(() => (input.value = ''));
                }}
              />
              <span class="drop-button" aria-hidden="true">
                {t('chooseFile')}
              </span>
              <span class="drop-text">{lastFile ?? t('dropHint')}</span>
            </label>
          </div>
          <form class="import-way" onSubmit={(e) => void onSubscribe(e)}>
            <label class="label" for="pack-url">
              {t('importUrl')}
            </label>
            <p class="hint">{t('importUrlHint')}</p>
            <div class="row">
              <input
                id="pack-url"
                class="input grow"
                type="url"
                inputMode="url"
                placeholder="https://example.com/team-pack.json"
                value={url}
                data-kg="pack-url"
                onInput={(e) => setUrl(e.currentTarget.value)}
              />
              <button
                class="btn primary"
                type="submit"
                disabled={busy || url.trim() === ''}
                data-kg="pack-subscribe"
              >
                {t('subscribe')}
              </button>
            </div>
          </form>
          <div class="import-way wide">
            <label class="label" for="pack-text">
              {t('importText')}
            </label>
            <p class="hint">{t('importTextHint')}</p>
            <textarea
              id="pack-text"
              class="input mono"
              rows={4}
              value={pasted}
              data-kg="pack-text"
              onInput={(e) => setPasted(e.currentTarget.value)}
            />
            <div class="row end">
              <button
                class="btn"
                type="button"
                disabled={busy || pasted.trim() === ''}
                data-kg="pack-text-import"
                onClick={() => void onPaste()}
              >
                {t('importTextButton')}
              </button>
            </div>
          </div>
        </div>

        {pending?.kind === 'csv' && (
          <CsvMapper
            lang={lang}
            encoding={pending.encoding}
            rows={pending.rows}
            mapping={pending.mapping}
            name={pending.name}
            onMapping={(mapping) => setPending({ ...pending, mapping })}
            onName={(name) => setPending({ ...pending, name })}
            onCancel={() => setPending(null)}
            onImport={() => void onCsvImport()}
          />
        )}

        {pending?.kind === 'confirm' && (
          <div class="notice warn" role="alertdialog" aria-labelledby="confirm-text" data-kg="pack-confirm">
            <p id="confirm-text">
              {pending.plan.kind === 'same'
                ? t('confirmSame', { name: pending.pack.name, date: pending.pack.updated })
                : t('confirmOlder', {
                    name: pending.pack.name,
                    date: pending.pack.updated,
                    old: pending.plan.kind === 'older' ? pending.plan.old.pack.updated : '',
                  })}
            </p>
            <div class="row">
              <button
                class="btn primary"
                type="button"
                data-kg="pack-confirm-replace"
                onClick={() => void install(pending.pack, pending.source, true)}
              >
                {t('replace')}
              </button>
              <button
                class="btn"
                type="button"
                onClick={() => {
                  setPending(null);
                  setResult({ status: 'ok', message: t('notReplaced'), issues: [] });
                }}
              >
                {t('keep')}
              </button>
            </div>
          </div>
        )}

        {result && (
          <div
            class={`notice ${result.status === 'ok' ? 'good' : 'bad'}`}
            role={result.status === 'ok' ? 'status' : 'alert'}
            data-kg="pack-import-result"
            data-status={result.status}
          >
            <p class="notice-title">{result.message}</p>
            {result.issues.length > 0 && (
              <ul class="issues">
                {result.issues.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <div class="card">
        <h3>{t('installed')}</h3>
        {packs.length === 0 ? (
          <p class="empty">{t('noPacks')}</p>
        ) : (
          <ul class="pack-list">
            {packs.map((p) => (
              <PackRow key={p.pack.id} lang={lang} installed={p} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

type RowMessage = { status: 'ok' | 'error' | 'confirm'; text: string } | null;

function PackRow({ lang, installed }: { lang: Language; installed: InstalledPack }) {
  const { pack, source } = installed;
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<RowMessage>(null);
  const [removing, setRemoving] = useState(false);
  const isLocal = pack.id === LOCAL_PACK_ID;
  const sourceLabel: Record<PackSource['kind'], OptionsKey> = {
    file: 'sourceFile',
    text: 'sourceText',
    url: 'sourceUrl',
    local: 'sourceLocal',
  };

  const update = async (force = false) => {
    setBusy(true);
    setMessage(null);
    try {
      const outcome = await refreshSubscription(pack.id, force);
      if (!outcome) return;
      if (outcome.kind === 'updated')
        setMessage({ status: 'ok', text: t('updatedTo', { date: outcome.pack.updated }) });
      else if (outcome.kind === 'unchanged') setMessage({ status: 'ok', text: t('upToDate') });
      else if (outcome.kind === 'not-newer')
        setMessage({
          status: 'confirm',
          text: t('confirmNotNewer', { date: outcome.pack.updated, old: pack.updated }),
        });
      else
        setMessage({
          status: 'error',
          text: t('updateError', { message: lang === 'en' ? outcome.error.en : outcome.error.zh }),
        });
    } finally {
      setBusy(false);
    }
  };

  const lastError = source.lastError ? (lang === 'en' ? source.lastError.en : source.lastError.zh) : null;

  return (
    <li class={`pack ${installed.enabled ? '' : 'is-off'}`} data-kg="pack" data-pack-id={pack.id}>
      <div class="pack-main">
        <div class="pack-head">
          <span class="pack-name" data-kg="pack-name">
            {isLocal ? t('sourceLocal') : pack.name}
          </span>
          <span class="chip">{t(sourceLabel[source.kind])}</span>
          <span class="muted mono small">{pack.id}</span>
        </div>
        <div class="pack-meta">
          <span data-kg="pack-updated" data-value={pack.updated}>
            {t('updatedLabel', { date: pack.updated })}
          </span>
          {pack.author && <span>{t('by', { author: pack.author })}</span>}
          <span data-kg="pack-counts">{summary(lang, pack)}</span>
        </div>
        {source.kind === 'url' && (
          <div class="pack-meta">
            <span class="mono small url">{source.url}</span>
            <span>
              {source.lastChecked
                ? t('lastChecked', { time: formatTime(source.lastChecked, lang) })
                : t('neverChecked')}
            </span>
          </div>
        )}
        {lastError && !message && (
          <p class="inline-error" data-kg="pack-error">
            {t('updateError', { message: lastError })}
          </p>
        )}
        {message && (
          <div
            class={`inline-${message.status === 'ok' ? 'ok' : message.status === 'error' ? 'error' : 'warn'}`}
            data-kg="pack-message"
            data-status={message.status}
          >
            <span>{message.text}</span>
            {message.status === 'confirm' && (
              <span class="row inline">
                <button class="btn small primary" type="button" onClick={() => void update(true)}>
                  {t('replace')}
                </button>
                <button class="btn small" type="button" onClick={() => setMessage(null)}>
                  {t('keep')}
                </button>
              </span>
            )}
          </div>
        )}
      </div>
      <div class="pack-actions">
        <label class="switch">
          <input
            type="checkbox"
            checked={installed.enabled}
            data-kg="pack-enabled"
            onChange={(e) => void setEnabled(pack.id, e.currentTarget.checked)}
          />
          <span>{t('enabled')}</span>
        </label>
        {source.kind === 'url' && (
          <button
            class="btn small"
            type="button"
            disabled={busy}
            data-kg="pack-update"
            onClick={() => void update()}
          >
            {busy ? t('updating') : t('update')}
          </button>
        )}
        <button
          class="btn small"
          type="button"
          data-kg="pack-export"
          onClick={() => downloadText(packFileName(pack), packFileText(pack))}
        >
          {isLocal ? t('exportLocal') : t('export')}
        </button>
        {removing ? (
          <span class="row inline">
            <button
              class="btn small danger"
              type="button"
              data-kg="pack-remove-confirm"
              onClick={() => void deletePack(pack.id)}
            >
              {t('remove')}
            </button>
            <button class="btn small" type="button" onClick={() => setRemoving(false)}>
              {t('cancel')}
            </button>
          </span>
        ) : (
          <button
            class="btn small subtle-danger"
            type="button"
            data-kg="pack-remove"
            title={t('removeConfirm', { name: pack.name })}
            onClick={() => setRemoving(true)}
          >
            {t('remove')}
          </button>
        )}
      </div>
    </li>
  );
}
