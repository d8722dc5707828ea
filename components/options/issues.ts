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

/**
 * `内容：未知变量 {x}` rather than `templates[12].body：…`: the form shows one item, so the field's
 * label says where. Issues elsewhere in the pack keep their path.
 */
export function editorIssue(issue: PackIssue, lang: Language, section: 'templates' | 'rules'): string {
  const message = lang === 'en' ? issue.en : issue.zh;
  const m = new RegExp(`^${section}\\[\\d+\\]\\.([A-Za-z]+)`).exec(issue.path);
  const label = m?.[1] ? FIELD_LABELS[m[1]] : undefined;
  if (label) return `${ot(lang, label)}${lang === 'en' ? ': ' : '：'}${message}`;
  return issue.path ? `${issue.path}${lang === 'en' ? ': ' : '：'}${message}` : message;
}
