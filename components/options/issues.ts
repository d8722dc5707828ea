/** Problems of an edit in the agent's own pack, said about the form being edited. */
import type { CsvField } from '../../utils/pack-import';
import type { PackIssue } from '../../utils/pack-schema';
import type { Language } from '../../utils/settings';
import { type OptionsKey, ot } from './strings';

/** A template's fields, as the forms and the CSV mapping label them. */
export const TEMPLATE_FIELD_LABEL: Record<CsvField, OptionsKey> = {
  title: 'fieldTitle',
  body: 'fieldBody',
  group: 'fieldGroup',
  tags: 'fieldTags',
  keywords: 'fieldKeywords',
  shortcut: 'fieldShortcut',
  id: 'fieldId',
};

const FIELD_LABELS: Record<string, OptionsKey> = {
  ...TEMPLATE_FIELD_LABEL,
  phrases: 'phrases',
  reason: 'reason',
  alternative: 'alternative',
  category: 'category',
  severity: 'severity',
};

/** The agent's pack as it was checked, and the item the edit was about (by id). */
export interface EditContext {
  pack:
    | { rules?: readonly { id: string }[]; templates?: readonly { id: string; title?: string }[] }
    | undefined;
  item: string;
}

/**
 * `内容：未知变量 {x}` rather than `templates[12].body：…`: the form or row shows one item, so the
 * field's label says where. A problem of another item of the pack (one the checks refuse now, as
 * an older version let it through) names that item: 「我的问候」的内容：…, so the agent looks in the
 * right place. Issues elsewhere in the pack keep their path.
 */
export function editorIssue(issue: PackIssue, lang: Language, edit?: EditContext): string {
  const message = lang === 'en' ? issue.en : issue.zh;
  const sep = lang === 'en' ? ': ' : '：';
  const m = /^(templates|rules)\[(\d+)\]\.([A-Za-z]+)/.exec(issue.path);
  const label = m?.[3] ? FIELD_LABELS[m[3]] : undefined;
  if (!m || !label) return issue.path ? `${issue.path}${sep}${message}` : message;
  const field = ot(lang, label);
  const items: readonly { id: string; title?: string }[] | undefined =
    m[1] === 'templates' ? edit?.pack?.templates : edit?.pack?.rules;
  const item = items?.[Number(m[2])];
  if (!item || item.id === edit?.item) return `${field}${sep}${message}`;
  return `${ot(lang, 'ofItem', { item: item.title || item.id, field })}${sep}${message}`;
}
