/** The options page: a side navigation and one section at a time (the URL hash names it). */
import { useEffect, useState } from 'preact/hooks';
import { useDefaults } from '../defaults';
import { ClockSection } from './ClockSection';
import { ConsolesSection } from './ConsolesSection';
import { GeneralSection } from './GeneralSection';
import { PacksSection } from './PacksSection';
import { RulesSection } from './RulesSection';
import { saveSettings, usePacks, useSettings } from './state';
import { type OptionsKey, ot, settingsFieldLabel } from './strings';
import { TemplatesSection } from './TemplatesSection';

const SECTIONS = ['packs', 'templates', 'rules', 'consoles', 'clock', 'general'] as const;
type SectionId = (typeof SECTIONS)[number];
const NAV: Record<SectionId, OptionsKey> = {
  packs: 'navPacks',
  templates: 'navTemplates',
  rules: 'navRules',
  consoles: 'navConsoles',
  clock: 'navClock',
  general: 'navGeneral',
};
/** Stroke icons (24×24 paths): no emoji font needed. */
const ICONS: Record<SectionId, string> = {
  packs: 'M3 7l9-4 9 4-9 4-9-4zm0 0v10l9 4 9-4V7M12 11v10',
  templates: 'M4 5h16v11H9l-5 4V5zm4 4h8m-8 3h5',
  rules: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6l8-3zm-3 9h6',
  consoles: 'M3 5h18v11H3V5zm6 15h6m-3-4v4',
  clock: 'M12 21a8 8 0 100-16 8 8 0 000 16zm0-12v4l3 2M9 2h6',
  general: 'M4 7h10m4 0h2M4 17h4m4 0h8M14 4v6m-6 4v6',
};

const fromHash = (): SectionId => {
  const h = location.hash.slice(1) as SectionId;
  return SECTIONS.includes(h) ? h : 'packs';
};

export function OptionsApp() {
  const read = useSettings();
  const settings = read?.settings ?? null;
  const packs = usePacks();
  const defaults = useDefaults();
  const [section, setSection] = useState<SectionId>(fromHash);
  useEffect(() => {
    const onHash = () => setSection(fromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const lang = settings?.language ?? 'zh-CN';
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = ot(lang, 'title');
  }, [lang]);

  return (
    <div class="layout">
      <aside class="side">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            守
          </span>
          <div>
            <div class="brand-name">{lang === 'en' ? 'KefuGuard' : '客服守卫'}</div>
            <div class="brand-sub">{lang === 'en' ? 'Settings' : '设置'}</div>
          </div>
        </div>
        <nav aria-label={ot(lang, 'title')}>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <a
                  href={`#${id}`}
                  class={section === id ? 'is-current' : ''}
                  aria-current={section === id ? 'page' : undefined}
                  data-kg="options-nav"
                  data-section={id}
                >
                  <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d={ICONS[id]} />
                  </svg>
                  {ot(lang, NAV[id])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="side-foot">{ot(lang, 'subtitle')}</p>
      </aside>
      <main class="content" data-kg="options" data-section={section}>
        {read && read.repaired.length > 0 && (
          <div class="notice warn repaired" role="status" data-kg="settings-repaired">
            <p>
              {read.repaired.includes('')
                ? ot(lang, 'settingsRepairedAll')
                : ot(lang, 'settingsRepaired', {
                    fields: read.repaired
                      .map((f) => settingsFieldLabel(lang, f))
                      .join(lang === 'en' ? '; ' : '；'),
                  })}
            </p>
            <div>
              <button
                class="btn small"
                type="button"
                data-kg="settings-repair-save"
                onClick={() => void saveSettings(read.settings)}
              >
                {ot(lang, 'settingsRepairSave')}
              </button>
            </div>
          </div>
        )}
        {settings === null || packs === null || defaults === null ? (
          <p class="muted">…</p>
        ) : section === 'packs' ? (
          <PacksSection lang={lang} packs={packs} />
        ) : section === 'templates' ? (
          <TemplatesSection lang={lang} packs={packs} defaults={defaults} />
        ) : section === 'rules' ? (
          <RulesSection lang={lang} packs={packs} defaults={defaults} />
        ) : section === 'consoles' ? (
          <ConsolesSection lang={lang} packs={packs} settings={settings} />
        ) : section === 'clock' ? (
          <ClockSection lang={lang} settings={settings} />
        ) : (
          <GeneralSection lang={lang} settings={settings} />
        )}
      </main>
    </div>
  );
}
