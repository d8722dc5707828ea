/** The response clock per platform: the preset, or the agent's own thresholds and window. */
import { useState } from 'preact/hooks';
import { type ClockSettings, presetFor } from '../../utils/clock';
import type { Platform } from '../../utils/consoles/types';
import { PLATFORMS } from '../../utils/consoles/types';
import type { Settings } from '../../utils/settings';
import type { SettingsIssue } from '../../utils/settings-schema';
import { saveSettings } from './state';
import { type OptionsKey, ot } from './strings';

type Draft = Record<keyof ClockSettings, string>;
const toDraft = (c: ClockSettings): Draft => ({
  warnSeconds: String(c.warnSeconds),
  breachSeconds: String(c.breachSeconds),
  windowStart: c.windowStart,
  windowEnd: c.windowEnd,
  target: String(Math.round(c.target * 1000) / 10),
});
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
const fromDraft = (d: Draft) =>
  ({
    warnSeconds: num(d.warnSeconds),
    breachSeconds: num(d.breachSeconds),
    windowStart: d.windowStart.trim(),
    windowEnd: d.windowEnd.trim(),
    target: num(d.target) === undefined ? undefined : (num(d.target) as number) / 100,
  }) as ClockSettings;

export function ClockSection({ lang, settings }: { lang: Settings['language']; settings: Settings }) {
  const t = (k: OptionsKey) => ot(lang, k);
  return (
    <section class="section" aria-labelledby="clock-title">
      <h2 id="clock-title">{t('navClock')}</h2>
      <p class="intro">{t('clockIntro')}</p>
      <div class="clock-grid">
        {PLATFORMS.map((p) => (
          <PlatformClock key={p} lang={lang} settings={settings} platform={p} />
        ))}
      </div>
    </section>
  );
}

const FIELDS: { key: keyof ClockSettings; label: OptionsKey; type: 'number' | 'time'; step?: string }[] = [
  { key: 'warnSeconds', label: 'warnSeconds', type: 'number', step: '1' },
  { key: 'breachSeconds', label: 'breachSeconds', type: 'number', step: '1' },
  { key: 'windowStart', label: 'windowStart', type: 'time' },
  { key: 'windowEnd', label: 'windowEnd', type: 'time' },
  { key: 'target', label: 'target', type: 'number', step: '0.1' },
];

function PlatformClock({
  lang,
  settings,
  platform,
}: {
  lang: Settings['language'];
  settings: Settings;
  platform: Platform;
}) {
  const t = (k: OptionsKey) => ot(lang, k);
  const custom = settings.clock[platform];
  const [draft, setDraft] = useState<Draft>(toDraft(custom ?? presetFor(platform)));
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const prefix = `clock.${platform}.`;

  const save = async (next: ClockSettings | null) => {
    const clock = { ...settings.clock };
    if (next) clock[platform] = next;
    else delete clock[platform];
    const found = await saveSettings({ ...settings, clock });
    setIssues(found);
    setSaved(found.length === 0);
    if (!next && found.length === 0) setDraft(toDraft(presetFor(platform)));
  };

  const errorOf = (key: string) => {
    const i = issues.find((x) => x.field === `${prefix}${key}`);
    return i ? (lang === 'en' ? i.en : i.zh) : null;
  };

  return (
    <form
      noValidate
      class="card clock-card"
      data-kg="clock-platform"
      data-platform={platform}
      onSubmit={(e) => {
        e.preventDefault();
        void save(fromDraft(draft));
      }}
    >
      <div class="clock-head">
        <h3>{t(`platform.${platform}` as OptionsKey)}</h3>
        <span class={`chip ${custom ? 'chip-mine' : ''}`}>{custom ? t('customised') : t('preset')}</span>
      </div>
      <div class="clock-fields">
        {FIELDS.map((f) => {
          const id = `clock-${platform}-${f.key}`;
          const error = errorOf(f.key);
          return (
            <div class="field" key={f.key}>
              <label class="label" for={id}>
                {t(f.label)}
              </label>
              <input
                id={id}
                class={`input ${error ? 'has-error' : ''}`}
                type={f.type === 'time' ? 'text' : 'number'}
                inputMode={f.type === 'time' ? 'numeric' : 'decimal'}
                placeholder={f.type === 'time' ? 'HH:MM' : undefined}
                step={f.step}
                value={draft[f.key]}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                data-field={f.key}
                onInput={(e) => {
                  setDraft({ ...draft, [f.key]: e.currentTarget.value });
                  setSaved(false);
                }}
              />
              {error && (
                <span
                  class="field-error"
                  id={`${id}-error`}
                  data-kg="field-error"
                  data-field={`${prefix}${f.key}`}
                >
                  {error}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div class="row end">
        {saved && (
          <span class="saved" role="status">
            {t('saved')}
          </span>
        )}
        {custom && (
          <button class="btn small" type="button" onClick={() => void save(null)}>
            {t('usePreset')}
          </button>
        )}
        <button class="btn small primary" type="submit" data-kg="clock-save">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
