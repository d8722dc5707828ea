/** Agent name, shop name, stats retention, language, notifications; the keyboard shortcut. */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { beep } from '../../utils/alert-sound';
import { ALERT_ICON, alertNotification } from '../../utils/breach-alerts';
import { JUMP_COMMAND } from '../../utils/commands';
import {
  DEFAULT_PICKER_KEY,
  type KeyCombo,
  keyComboLabel,
  keyComboOf,
  readKeyCombo,
  sameCombo,
} from '../../utils/picker-key';
import { runsOnMac } from '../../utils/platform';
import type { Language, Settings } from '../../utils/settings';
import { pickerKeyIssue, RETENTION_DAYS, type SettingsIssue } from '../../utils/settings-schema';
import { saveSettings } from './state';
import { type OptionsKey, ot } from './strings';

type Draft = Pick<Settings, 'agentName' | 'shopName' | 'language' | 'notifyBeforeBreach' | 'sound'> & {
  retentionDays: string;
};

export function GeneralSection({ lang, settings }: { lang: Language; settings: Settings }) {
  const t = (k: OptionsKey) => ot(lang, k);
  const [draft, setDraft] = useState<Draft>({
    agentName: settings.agentName,
    shopName: settings.shopName,
    language: settings.language,
    notifyBeforeBreach: settings.notifyBeforeBreach,
    sound: settings.sound,
    retentionDays: String(settings.retentionDays),
  });
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const errorOf = (field: string) => {
    const i = issues.find((x) => x.field === field);
    return i ? (lang === 'en' ? i.en : i.zh) : null;
  };
  const fieldError = (field: string) => {
    const e = errorOf(field);
    return e ? (
      <span class="field-error" id={`${field}-error`} data-kg="field-error" data-field={field}>
        {e}
      </span>
    ) : null;
  };
  const invalid = (field: string) =>
    errorOf(field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${field}-error` } : {};

  const save = async () => {
    const days = draft.retentionDays.trim() === '' ? Number.NaN : Number(draft.retentionDays);
    const found = await saveSettings({ ...settings, ...draft, retentionDays: days });
    setIssues(found);
    setSaved(found.length === 0);
  };

  return (
    <section class="section" aria-labelledby="general-title">
      <h2 id="general-title">{t('navGeneral')}</h2>
      <form
        noValidate
        class="card form"
        data-kg="general-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div class="grid-2">
          <div class="field">
            <label class="label" for="agentName">
              {t('agentName')}
            </label>
            <input
              id="agentName"
              class={`input ${errorOf('agentName') ? 'has-error' : ''}`}
              value={draft.agentName}
              data-field="agentName"
              {...invalid('agentName')}
              onInput={(e) => set({ agentName: e.currentTarget.value })}
            />
            <span class="hint">{t('agentNameHint')}</span>
            {fieldError('agentName')}
          </div>
          <div class="field">
            <label class="label" for="shopName">
              {t('shopName')}
            </label>
            <input
              id="shopName"
              class={`input ${errorOf('shopName') ? 'has-error' : ''}`}
              value={draft.shopName}
              data-field="shopName"
              {...invalid('shopName')}
              onInput={(e) => set({ shopName: e.currentTarget.value })}
            />
            <span class="hint">{t('shopNameHint')}</span>
            {fieldError('shopName')}
          </div>
          <div class="field">
            <label class="label" for="retentionDays">
              {t('retentionDays')}
            </label>
            <input
              id="retentionDays"
              class={`input narrow ${errorOf('retentionDays') ? 'has-error' : ''}`}
              type="number"
              min={RETENTION_DAYS.min}
              max={RETENTION_DAYS.max}
              step="1"
              value={draft.retentionDays}
              data-field="retentionDays"
              {...invalid('retentionDays')}
              onInput={(e) => set({ retentionDays: e.currentTarget.value })}
            />
            <span class="hint">{t('retentionHint')}</span>
            {fieldError('retentionDays')}
          </div>
          <div class="field">
            <label class="label" for="language">
              {t('language')}
            </label>
            <select
              id="language"
              class="input narrow"
              value={draft.language}
              data-field="language"
              onChange={(e) => set({ language: e.currentTarget.value as Language })}
            >
              <option value="zh-CN">简体中文</option>
              <option value="en">English</option>
            </select>
            {fieldError('language')}
          </div>
        </div>
        <fieldset class="checks">
          <legend class="label">{t('notifications')}</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={draft.notifyBeforeBreach}
              onChange={(e) => set({ notifyBeforeBreach: e.currentTarget.checked })}
            />
            <span>{t('notifyBeforeBreach')}</span>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={draft.sound}
              onChange={(e) => set({ sound: e.currentTarget.checked })}
            />
            <span>{t('sound')}</span>
          </label>
          <TestNotification lang={lang} sound={draft.sound} />
        </fieldset>
        {issues.length > 0 && (
          <p class="inline-error" role="alert">
            {ot(lang, 'fixErrors', { n: issues.length })}
          </p>
        )}
        <div class="row end">
          {saved && (
            <span class="saved" role="status">
              {t('saved')}
            </span>
          )}
          <button class="btn primary" type="submit" data-kg="general-save">
            {t('save')}
          </button>
        </div>
        <p class="muted small">{t('teamStats')}</p>
      </form>
      <Shortcuts lang={lang} settings={settings} />
    </section>
  );
}

/**
 * A notification now, as a breach-soon one would show (with its sound when that box is ticked):
 * the system often keeps the browser's notifications away (Windows' notification settings, macOS's,
 * Do Not Disturb), and the agent finds out here rather than by a customer waiting too long.
 */
function TestNotification({ lang, sound }: { lang: Language; sound: boolean }) {
  const t = (k: OptionsKey) => ot(lang, k);
  const [status, setStatus] = useState<'sent' | 'denied' | 'failed' | null>(null);
  const send = async () => {
    const api = browser.notifications as
      | (typeof browser.notifications & { getPermissionLevel?: () => Promise<string> })
      | undefined;
    try {
      if (!api || (await api.getPermissionLevel?.()) === 'denied') {
        setStatus('denied');
        return;
      }
      await api.create(
        `kg-test-${Date.now()}`,
        alertNotification(browser.runtime.getURL(ALERT_ICON), t('notifyTestTitle'), t('notifyTestBody')),
      );
      if (sound) beep();
      setStatus('sent');
    } catch {
      setStatus('failed');
    }
  };
  const text = { sent: 'notifyTestSent', denied: 'notifyTestDenied', failed: 'notifyTestFailed' } as const;
  return (
    <div class="row notify-test">
      <button class="btn small" type="button" data-kg="notify-test" onClick={() => void send()}>
        {t('notifyTest')}
      </button>
      <span
        class={status === 'sent' ? 'hint' : 'inline-error'}
        role="status"
        data-kg="notify-test-status"
        data-status={status ?? ''}
      >
        {status ? t(text[status]) : ''}
      </span>
    </div>
  );
}

/**
 * The keyboard shortcuts: the browser's one, as the browser has it now (the agent may have changed
 * it there), and the picker's key in the reply box, ours to record.
 */
function Shortcuts({ lang, settings }: { lang: Language; settings: Settings }) {
  const t = (k: OptionsKey) => ot(lang, k);
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void browser.commands
      ?.getAll()
      .then((all) => live && setShortcut(all.find((c) => c.name === JUMP_COMMAND)?.shortcut ?? ''));
    return () => {
      live = false;
    };
  }, []);
  const change = () => {
    // Firefox opens its own page; Chromium's is an internal address only a tab can open
    const commands = browser.commands as { openShortcutSettings?: () => Promise<void> } | undefined;
    if (commands?.openShortcutSettings) void commands.openShortcutSettings();
    else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
  };
  return (
    <div class="card">
      <h3>{t('shortcuts')}</h3>
      <div class="row shortcut" data-kg="shortcut" data-command={JUMP_COMMAND}>
        <span>{t('shortcutJump')}</span>
        <kbd data-kg="shortcut-key">{shortcut === null ? '…' : shortcut || t('shortcutUnset')}</kbd>
        <button class="btn small" type="button" data-kg="shortcut-change" onClick={change}>
          {t('shortcutChange')}
        </button>
      </div>
      <p class="hint">{t('shortcutHint')}</p>
      <PickerKey lang={lang} settings={settings} />
    </div>
  );
}

/**
 * The key that opens the template picker: the agent presses the keys to use, and they are saved at
 * once when they can be (the settings' own check says why not, naming the keys pressed).
 */
function PickerKey({ lang, settings }: { lang: Language; settings: Settings }) {
  const t = (k: OptionsKey) => ot(lang, k);
  const mac = runsOnMac(navigator);
  const current = readKeyCombo(settings.pickerKey);
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const recorder = useRef<HTMLInputElement>(null);
  const change = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (recording) recorder.current?.focus();
  }, [recording]);
  const stop = () => {
    setRecording(false);
    setProblem(null);
  };
  const save = async (combo: KeyCombo) => {
    const found = await saveSettings({ ...settings, pickerKey: combo });
    if (found.length > 0) {
      const own = found.find((i) => i.field === 'pickerKey');
      setProblem(own ? (lang === 'en' ? own.en : own.zh) : ot(lang, 'fixErrors', { n: found.length }));
      return;
    }
    stop();
    setSaved(true);
    // the keyboard's focus goes back where recording started (the field is gone)
    change.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Tab leaves the recorder as it leaves any field; Esc alone stops recording
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return;
    e.preventDefault();
    if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
      stop();
      change.current?.focus();
      return;
    }
    const combo = keyComboOf(e);
    if (!combo) return;
    const issue = pickerKeyIssue(combo);
    if (issue) {
      const keys = keyComboLabel(combo, lang, mac);
      setProblem(lang === 'en' ? `${keys}: ${issue.en}` : `${keys}：${issue.zh}`);
      return;
    }
    void save(combo);
  };
  return (
    <>
      <div class="row shortcut" data-kg="picker-key-row">
        <span id="picker-key-what">{t('pickerKey')}</span>
        {recording ? (
          <input
            ref={recorder}
            class="input key-recorder"
            readOnly
            value=""
            placeholder={t('pickerKeyPress')}
            aria-labelledby="picker-key-what"
            aria-describedby={problem ? 'picker-key-problem' : undefined}
            data-kg="picker-key-recorder"
            onKeyDown={onKeyDown}
            onBlur={stop}
          />
        ) : (
          <kbd data-kg="picker-key">{keyComboLabel(current, lang, mac)}</kbd>
        )}
        <button
          ref={change}
          class="btn small"
          type="button"
          data-kg="picker-key-change"
          onClick={() => {
            setSaved(false);
            setRecording(true);
          }}
        >
          {t('pickerKeyChange')}
        </button>
        {sameCombo(current, DEFAULT_PICKER_KEY) ? null : (
          <button
            class="btn small"
            type="button"
            data-kg="picker-key-reset"
            onClick={() => void save(DEFAULT_PICKER_KEY)}
          >
            {t('pickerKeyReset')}
          </button>
        )}
        {saved && (
          <span class="saved" role="status">
            {t('saved')}
          </span>
        )}
      </div>
      {problem && (
        <p class="inline-error" role="alert" id="picker-key-problem" data-kg="picker-key-problem">
          {problem}
        </p>
      )}
      <p class="hint">{t('pickerKeyHint')}</p>
    </>
  );
}
