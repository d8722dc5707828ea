/** Templates: every template in force, searchable; add and edit (kept in the local pack). */
import { useMemo, useState } from 'preact/hooks';
import { newLocalId, removeLocalTemplate, upsertLocalTemplate } from '../../utils/pack-install';
import { type InstalledPack, LOCAL_PACK_ID, usableTemplate } from '../../utils/pack-model';
import type { Language } from '../../utils/settings';
import { GROUPS, type Template, VARIABLES } from '../../utils/templates';
import type { Defaults } from '../defaults';
import { EditorFormEnd, ErrorList } from './EditorFormEnd';
import { RemoveLocal, useLocalEdit } from './local-edit';
import { DEFAULT_SOURCE, sourced } from './sources';
import { type OptionsKey, ot } from './strings';

const LIMIT = 100;
const splitWords = (s: string) =>
  s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

type Draft = {
  id: string;
  title: string;
  body: string;
  group: string;
  tags: string;
  keywords: string;
  shortcut: string;
};
const toDraft = (t: Template): Draft => ({
  id: t.id,
  title: t.title,
  body: t.body,
  group: t.group,
  tags: (t.tags ?? []).join(' '),
  keywords: (t.keywords ?? []).join(' '),
  shortcut: t.shortcut ?? '',
});

export function TemplatesSection({
  lang,
  packs,
  defaults,
}: {
  lang: Language;
  packs: InstalledPack[];
  defaults: Defaults;
}) {
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const { save: saveEdit, errorsAt, clearErrors } = useLocalEdit(lang);
  // what the console uses: a stored template it cannot read is not listed either
  const all = useMemo(
    () => sourced(defaults.templates, packs, (p) => p.templates).filter((s) => usableTemplate(s.item)),
    [defaults, packs],
  );
  const q = query.trim().toLowerCase();
  const shown = q
    ? all.filter(({ item }) =>
        `${item.title}\n${item.body}\n${(item.tags ?? []).join(' ')}\n${item.group}\n${item.shortcut ?? ''}`
          .toLowerCase()
          .includes(q),
      )
    : all;

  const save = async () => {
    if (!draft) return;
    const tpl: Template = {
      id: draft.id,
      title: draft.title.trim(),
      body: draft.body,
      group: draft.group.trim(),
    };
    const tags = splitWords(draft.tags);
    if (tags.length) tpl.tags = tags;
    const keywords = splitWords(draft.keywords);
    if (keywords.length) tpl.keywords = keywords;
    if (draft.shortcut.trim()) tpl.shortcut = draft.shortcut.trim();
    if (await saveEdit((list) => upsertLocalTemplate(list, tpl, Date.now()), tpl.id, 'form')) setDraft(null);
  };

  const startNew = () => {
    const id = newLocalId('my', new Set(all.map((s) => s.item.id)), Date.now());
    setDraft({ id, title: '', body: '', group: GROUPS[0], tags: '', keywords: '', shortcut: '' });
    clearErrors();
  };

  return (
    <section class="section" aria-labelledby="templates-title">
      <h2 id="templates-title">{t('navTemplates')}</h2>
      <p class="intro">{t('templatesIntro')}</p>
      <div class="card">
        <div class="toolbar">
          <input
            class="input grow"
            type="search"
            placeholder={t('search')}
            aria-label={t('search')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button class="btn primary" type="button" data-kg="template-new" onClick={startNew}>
            {t('newTemplate')}
          </button>
        </div>

        {draft && (
          <form
            class="editor"
            data-kg="template-editor"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <h4>{all.some((s) => s.item.id === draft.id) ? t('editTemplate') : t('newTemplate')}</h4>
            <div class="grid-2">
              <label class="field">
                <span class="label">{t('fieldTitle')}</span>
                <input
                  class="input"
                  required
                  maxLength={100}
                  value={draft.title}
                  data-kg="template-title"
                  onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
                />
              </label>
              <label class="field">
                <span class="label">{t('fieldGroup')}</span>
                <input
                  class="input"
                  list="template-groups"
                  maxLength={30}
                  value={draft.group}
                  onInput={(e) => setDraft({ ...draft, group: e.currentTarget.value })}
                />
                <datalist id="template-groups">
                  {GROUPS.map((g) => (
                    <option key={g} value={g} />
                  ))}
                </datalist>
              </label>
            </div>
            <label class="field">
              <span class="label">{t('fieldBody')}</span>
              <textarea
                class="input"
                rows={4}
                required
                maxLength={5000}
                value={draft.body}
                data-kg="template-body"
                onInput={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
              />
              <span class="hint">{t('bodyHint', { vars: VARIABLES.map((v) => `{${v}}`).join(' ') })}</span>
            </label>
            <div class="grid-3">
              <label class="field">
                <span class="label">{t('fieldTags')}</span>
                <input
                  class="input"
                  value={draft.tags}
                  onInput={(e) => setDraft({ ...draft, tags: e.currentTarget.value })}
                />
                <span class="hint">{t('tagsHint')}</span>
              </label>
              <label class="field">
                <span class="label">{t('fieldKeywords')}</span>
                <input
                  class="input"
                  value={draft.keywords}
                  onInput={(e) => setDraft({ ...draft, keywords: e.currentTarget.value })}
                />
              </label>
              <label class="field">
                <span class="label">{t('fieldShortcut')}</span>
                <input
                  class="input mono"
                  placeholder="/fp"
                  value={draft.shortcut}
                  onInput={(e) => setDraft({ ...draft, shortcut: e.currentTarget.value })}
                />
              </label>
            </div>
            <EditorFormEnd
              errors={errorsAt(null)}
              onCancel={() => setDraft(null)}
              cancelLabel={t('cancel')}
              saveLabel={t('save')}
              saveHook="template-save"
            />
          </form>
        )}

        <p class="muted small">{t('shownOf', { n: Math.min(LIMIT, shown.length), total: shown.length })}</p>
        {shown.length === 0 ? (
          <p class="empty">{t('noTemplates')}</p>
        ) : (
          <ul class="item-list">
            {shown.slice(0, LIMIT).map(({ item, from, fromName, overrides }) => (
              <li class="item" key={item.id} data-kg="options-template" data-template-id={item.id}>
                <div class="item-main">
                  <div class="item-head">
                    <strong>{item.title}</strong>
                    {item.group && <span class="chip">{item.group}</span>}
                    <span class={`chip ${from === LOCAL_PACK_ID ? 'chip-mine' : ''}`}>
                      {from === DEFAULT_SOURCE
                        ? t('fromDefault')
                        : from === LOCAL_PACK_ID
                          ? t('fromMine')
                          : fromName}
                    </span>
                    {item.shortcut && <span class="mono small muted">{item.shortcut}</span>}
                  </div>
                  <p class="clamp">{item.body}</p>
                  <ErrorList errors={errorsAt(item.id)} />
                </div>
                <div class="item-actions">
                  <button
                    class="btn small"
                    type="button"
                    onClick={() => {
                      setDraft(toDraft(item));
                      clearErrors();
                    }}
                  >
                    {t('edit')}
                  </button>
                  <RemoveLocal
                    from={from}
                    overrides={overrides !== null}
                    labels={{ remove: t('remove'), revert: t('revert') }}
                    hook="template-remove"
                    onRemove={() =>
                      void saveEdit((list) => removeLocalTemplate(list, item.id, Date.now()), item.id, 'row')
                    }
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
