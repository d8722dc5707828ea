/**
 * Turning what agents have into packs (pure): bytes in any of the encodings their tools write,
 * CSV exports of other template tools (columns mapped on screen), plain text with one reply per
 * line, and the URL of a subscription.
 */

import { localDate } from './pack-install';
import type { Pack } from './pack-model';
import { makeIssue, type PackIssue } from './pack-schema';
import type { Template } from './templates';

// ————— bytes → text —————

export type TextEncodingName = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

/**
 * Decodes a file: a UTF-8 or UTF-16 byte-order mark decides; else valid UTF-8 is UTF-8; else
 * GBK (what Excel and WPS write for CSV on Chinese Windows; decoded as GB18030, its superset).
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

// ————— CSV —————

/** The delimiter of a CSV text: the one of `,` tab `;` found most often in its first line. */
export function sniffDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = first.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** RFC 4180 CSV: quoted fields may hold delimiters, quotes (`""`) and line breaks. */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || (row[0] ?? '') !== '') rows.push(row);
    row = [];
  };
  while (i < s.length) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Template fields a CSV column can fill. */
export const CSV_FIELDS = ['title', 'body', 'group', 'tags', 'keywords', 'shortcut', 'id'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
/** Which column (index) fills each field; -1 = none. */
export type CsvMapping = Record<CsvField, number>;

const HEADER_NAMES: Record<CsvField, readonly string[]> = {
  title: ['title', 'name', '标题', '名称', '话术标题', '问题', '场景'],
  body: ['body', 'text', 'content', 'reply', '内容', '正文', '话术', '回复', '话术内容', '回复内容', '答案'],
  group: ['group', 'category', '分组', '分类', '类别', '组'],
  tags: ['tags', 'tag', '标签'],
  keywords: ['keywords', 'keyword', '关键词', '关键字', '触发词'],
  shortcut: ['shortcut', 'code', '快捷', '快捷码', '快捷键', '短语'],
  id: ['id', '编号'],
};

/** A first guess at the mapping from the header row's names; the agent corrects it on screen. */
export function guessMapping(header: readonly string[]): CsvMapping {
  const norm = header.map((h) => h.trim().toLowerCase());
  const mapping = Object.fromEntries(CSV_FIELDS.map((f) => [f, -1])) as CsvMapping;
  const used = new Set<number>();
  for (const field of CSV_FIELDS) {
    const i = norm.findIndex((h, idx) => !used.has(idx) && HEADER_NAMES[field].includes(h));
    if (i >= 0) {
      mapping[field] = i;
      used.add(i);
    }
  }
  // no recognisable header: the longest column is the body
  if (mapping.body < 0 && header.length > 0) {
    const free = header.map((_, i) => i).filter((i) => !used.has(i));
    if (free.length > 0) mapping.body = free[free.length - 1] as number;
  }
  return mapping;
}

const splitList = (s: string): string[] =>
  s
    .split(/[,，、;；|/\s]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** A short title from a reply's first words (for sources with no title). */
export function titleFrom(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= 16 ? line : `${chars.slice(0, 15).join('')}…`;
}

/** A stable id from what a template says (same text → same id across imports). */
function contentId(prefix: string, text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${prefix}-${h.toString(36)}`;
}

function uniqueIds(templates: Template[]): Template[] {
  const seen = new Map<string, number>();
  return templates.map((t) => {
    const n = seen.get(t.id) ?? 0;
    seen.set(t.id, n + 1);
    return n === 0 ? t : { ...t, id: `${t.id}-${n + 1}` };
  });
}

/** Templates from CSV rows (the first row is the header). Rows with an empty body are skipped. */
export function templatesFromCsv(
  rows: readonly string[][],
  mapping: CsvMapping,
  idPrefix = 'csv',
): Template[] {
  const out: Template[] = [];
  const cell = (row: readonly string[], f: CsvField) =>
    mapping[f] >= 0 ? (row[mapping[f]] ?? '').trim() : '';
  for (const row of rows.slice(1)) {
    const body = cell(row, 'body').replace(/\r\n?/g, '\n');
    if (body === '') continue;
    const t: Template = {
      id: cell(row, 'id') || contentId(idPrefix, body),
      title: cell(row, 'title') || titleFrom(body),
      body,
      group: cell(row, 'group'),
    };
    const tags = splitList(cell(row, 'tags'));
    if (tags.length > 0) t.tags = tags;
    const keywords = splitList(cell(row, 'keywords'));
    if (keywords.length > 0) t.keywords = keywords;
    const shortcut = cell(row, 'shortcut');
    if (shortcut) t.shortcut = shortcut.startsWith('/') ? shortcut : `/${shortcut}`;
    out.push(t);
  }
  return uniqueIds(out);
}

/** Templates from plain text: one reply per line; blank lines and repeats are skipped. */
export function templatesFromLines(text: string, idPrefix = 'txt'): Template[] {
  const seen = new Set<string>();
  const out: Template[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const body = raw.trim();
    if (body === '' || seen.has(body)) continue;
    seen.add(body);
    out.push({ id: contentId(idPrefix, body), title: titleFrom(body), body, group: '' });
  }
  return uniqueIds(out);
}

/** A pack id from a name: ASCII letters and digits kept, anything else hashed. */
export function packIdFrom(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return ascii.length >= 3 ? `import-${ascii}` : contentId('import', name);
}

/** A pack holding imported templates (validated like any other before it is installed). */
export function packFromTemplates(
  name: string,
  templates: Template[],
  now: number,
  id = packIdFrom(name),
): Pack {
  return {
    format: 'kefu-guard-pack',
    version: 1,
    id,
    name: name.trim() || id,
    updated: localDate(now),
    templates,
  };
}

// ————— subscription URLs —————

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * Null when packs may be fetched from `url`: https anywhere; plain http only from 127.0.0.1 or
 * localhost and only when `allowLocalHttp` (the e2e build).
 */
export function subscriptionUrlIssue(url: string, allowLocalHttp: boolean): PackIssue | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return makeIssue('', 'url-invalid');
  }
  if (u.username || u.password) return makeIssue('', 'url-invalid');
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && allowLocalHttp && LOCAL_HOSTS.has(u.hostname)) return null;
  return makeIssue('', 'url-https');
}
