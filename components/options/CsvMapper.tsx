/** The column mapping of a CSV import: which column fills which template field, with a preview. */
import { CSV_FIELDS, type CsvMapping, templatesFromCsv } from '../../utils/pack-import';
import type { Language } from '../../utils/settings';
import { TEMPLATE_FIELD_LABEL } from './issues';
import { type OptionsKey, ot } from './strings';

export function CsvMapper(props: {
  lang: Language;
  encoding: string;
  rows: string[][];
  mapping: CsvMapping;
  name: string;
  onMapping(m: CsvMapping): void;
  onName(name: string): void;
  onCancel(): void;
  onImport(): void;
}) {
  const { lang, rows, mapping } = props;
  const t = (k: OptionsKey, p?: Record<string, string | number>) => ot(lang, k, p);
  const header = rows[0] ?? [];
  const templates = mapping.body >= 0 ? templatesFromCsv(rows, mapping) : [];

  return (
    <div class="csv" data-kg="csv-mapper">
      <h4>{t('csvTitle')}</h4>
      <p class="hint">
        {t('csvHint', { encoding: props.encoding.toUpperCase(), rows: Math.max(0, rows.length - 1) })}
      </p>
      <div class="csv-grid">
        <label class="field">
          <span class="label">{t('csvPackName')}</span>
          <input
            class="input"
            value={props.name}
            data-kg="csv-name"
            onInput={(e) => props.onName(e.currentTarget.value)}
          />
        </label>
        {CSV_FIELDS.map((field) => (
          <label class="field" key={field}>
            <span class="label">{t(TEMPLATE_FIELD_LABEL[field])}</span>
            <select
              class="input"
              value={String(mapping[field])}
              data-kg="csv-column"
              data-field={field}
              onChange={(e) => props.onMapping({ ...mapping, [field]: Number(e.currentTarget.value) })}
            >
              <option value="-1">{t('csvNone')}</option>
              {header.map((h, i) => (
                <option key={i} value={String(i)}>
                  {h || `#${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {templates.length > 0 ? (
        <div class="csv-preview">
          <span class="label">{t('csvPreview')}</span>
          <ul class="csv-list">
            {templates.slice(0, 3).map((tpl) => (
              <li key={tpl.id}>
                <strong>{tpl.title}</strong>
                {tpl.group && <span class="chip">{tpl.group}</span>}
                <span class="clamp csv-body">{tpl.body}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="inline-error">{t('csvNoBody')}</p>
      )}
      <div class="row end">
        <button class="btn" type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
        <button
          class="btn primary"
          type="button"
          disabled={templates.length === 0}
          data-kg="csv-import"
          onClick={props.onImport}
        >
          {t('csvImport', { n: templates.length })}
        </button>
      </div>
    </div>
  );
}
