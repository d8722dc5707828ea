/**
 * Exports of the stats (pure): CSV that Excel and WPS open with Chinese intact (UTF-8 with a byte
 * order mark, CRLF line ends, RFC 4180 quoting) and NDJSON (one JSON record a line) of rollups and
 * raw events. Column headers follow the UI language; values are plain numbers (rates in percent,
 * durations in seconds) so a spreadsheet can compute with them.
 */

import type { StoredEvent } from './events';
import { violationParts, violationsByAction } from './kpi';
import type { Rollup } from './rollups';
import type { Language } from './settings';

export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

/**
 * One CSV field. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
 * the start) gets a leading `'`, so an agent name can never become a formula.
 */
export function csvCell(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: BOM, then one CRLF-terminated line per row. */
export function toCsv(rows: Iterable<readonly Cell[]>): string {
  let out = BOM;
  for (const row of rows) out += `${row.map(csvCell).join(',')}\r\n`;
  return out;
}

/** Parses CSV (RFC 4180; a leading BOM is skipped; CRLF or LF). Every field comes back as text. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(BOM) ? 1 : 0;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}

/** NDJSON: one JSON value per line, LF-terminated. */
export function toNdjson(records: Iterable<unknown>): string {
  let out = '';
  for (const r of records) out += `${JSON.stringify(r)}\n`;
  return out;
}

export function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export interface Column<T> {
  id: string;
  zh: string;
  en: string;
  value: (r: T) => Cell;
}

const one = (x: number) => Math.round(x * 10) / 10;
const seconds = (sumMs: number, n: number): Cell => (n === 0 ? null : one(sumMs / n / 1000));

export const ROLLUP_COLUMNS: readonly Column<Rollup>[] = [
  { id: 'day', zh: '日期', en: 'Day', value: (r) => r.day },
  { id: 'agent', zh: '客服', en: 'Agent', value: (r) => r.agent },
  { id: 'console', zh: '工作台', en: 'Console', value: (r) => r.console },
  { id: 'platform', zh: '平台', en: 'Platform', value: (r) => r.platform },
  { id: 'rounds', zh: '考核轮次', en: 'Rounds', value: (r) => r.rounds },
  { id: 'inTime', zh: '3分钟内回复', en: 'In time', value: (r) => r.inTime },
  {
    id: 'rate',
    zh: '3分钟回复率(%)',
    en: '3-minute rate (%)',
    value: (r) => (r.rounds === 0 ? null : one((r.inTime / r.rounds) * 100)),
  },
  { id: 'answeredLate', zh: '超时回复', en: 'Answered late', value: (r) => r.answeredLate },
  { id: 'unanswered', zh: '超时未回复', en: 'Unanswered', value: (r) => r.unanswered },
  { id: 'ungraded', zh: '非考核轮次', en: 'Ungraded rounds', value: (r) => r.ungraded },
  {
    id: 'avgFirstResponseS',
    zh: '平均首响(秒)',
    en: 'Avg first response (s)',
    value: (r) => seconds(r.firstSumMs, r.firstCount),
  },
  {
    id: 'avgResponseS',
    zh: '平均响应(秒)',
    en: 'Avg response (s)',
    value: (r) => seconds(r.waitSumMs, r.answered),
  },
  {
    id: 'longestWaitS',
    zh: '最长等待(秒)',
    en: 'Longest wait (s)',
    value: (r) => (r.answered === 0 ? null : one(r.waitMaxMs / 1000)),
  },
  // the popup's three parts, which add up to its violations: a send held and then pushed through
  // counts once, as sent anyway
  {
    id: 'blocked',
    zh: '违规-拦截未发',
    en: 'Violations stopped',
    value: (r) => violationsOf(r).blocked,
  },
  {
    id: 'overridden',
    zh: '违规-坚持发送',
    en: 'Violations sent anyway',
    value: (r) => violationsOf(r).overridden,
  },
  {
    id: 'warned',
    zh: '违规-提醒',
    en: 'Violations warned',
    value: (r) => violationsOf(r).warned,
  },
  { id: 'templateUses', zh: '话术使用', en: 'Templates used', value: (r) => r.templateUses },
  { id: 'events', zh: '事件数', en: 'Events', value: (r) => r.events },
  { id: 'customerMessages', zh: '顾客消息', en: 'Customer messages', value: (r) => r.customerMessages },
  { id: 'agentMessages', zh: '客服消息', en: 'Agent messages', value: (r) => r.agentMessages },
  // sums, so that ranges can be re-aggregated exactly in a spreadsheet
  { id: 'answered', zh: '已回复轮次', en: 'Answered rounds', value: (r) => r.answered },
  { id: 'waitSumMs', zh: '响应时长合计(毫秒)', en: 'Wait sum (ms)', value: (r) => r.waitSumMs },
  { id: 'firstCount', zh: '首响会话数', en: 'First responses', value: (r) => r.firstCount },
  { id: 'firstSumMs', zh: '首响时长合计(毫秒)', en: 'First response sum (ms)', value: (r) => r.firstSumMs },
];

/** A rollup's violations by action, split as the popup shows them. */
const violationsOf = (r: Rollup) => violationParts(violationsByAction(r.violations));

const pad = (n: number) => String(n).padStart(2, '0');
/** Local `YYYY-MM-DD HH:MM:SS` (what spreadsheets read as a date-time). */
export function localDateTime(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const field =
  (name: string) =>
  (e: StoredEvent): Cell => {
    const v = (e as unknown as Record<string, unknown>)[name];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  };

export const EVENT_COLUMNS: readonly Column<StoredEvent>[] = [
  { id: 'time', zh: '时间', en: 'Time', value: (e) => localDateTime(e.t) },
  { id: 'day', zh: '日期', en: 'Day', value: (e) => e.day },
  { id: 'type', zh: '类型', en: 'Type', value: (e) => e.type },
  { id: 'agent', zh: '客服', en: 'Agent', value: (e) => e.agent ?? '' },
  { id: 'console', zh: '工作台', en: 'Console', value: (e) => e.console },
  { id: 'platform', zh: '平台', en: 'Platform', value: (e) => e.platform },
  { id: 'conv', zh: '会话(匿名)', en: 'Conversation (pseudonym)', value: (e) => e.conv },
  { id: 'from', zh: '发送方', en: 'From', value: field('from') },
  { id: 'graded', zh: '考核', en: 'Graded', value: field('graded') },
  { id: 'inTime', zh: '按时', en: 'In time', value: field('inTime') },
  {
    id: 'waitS',
    zh: '等待(秒)',
    en: 'Wait (s)',
    value: (e) => (e.type === 'round-answered' ? one(e.waitMs / 1000) : null),
  },
  {
    id: 'start',
    zh: '轮次开始',
    en: 'Round start',
    value: (e) => ('start' in e ? localDateTime(e.start) : null),
  },
  { id: 'reason', zh: '超时原因', en: 'Breach reason', value: field('reason') },
  { id: 'action', zh: '处理', en: 'Action', value: field('action') },
  { id: 'category', zh: '违规类别', en: 'Category', value: field('category') },
  { id: 'ruleId', zh: '规则', en: 'Rule', value: field('ruleId') },
  { id: 'severity', zh: '级别', en: 'Severity', value: field('severity') },
  { id: 'templateId', zh: '话术', en: 'Template', value: field('templateId') },
  { id: 'via', zh: '插入方式', en: 'Inserted via', value: field('via') },
  { id: 'msToInsert', zh: '插入用时(毫秒)', en: 'Time to insert (ms)', value: field('msToInsert') },
  { id: 'id', zh: '事件编号', en: 'Event id', value: (e) => e.id },
  { id: 't', zh: '时间戳(毫秒)', en: 'Timestamp (ms)', value: (e) => e.t },
];

export function tableCsv<T>(columns: readonly Column<T>[], rows: Iterable<T>, lang: Language): string {
  const header = columns.map((c) => (lang === 'en' ? c.en : c.zh));
  function* lines(): Generator<Cell[]> {
    yield header;
    for (const r of rows) yield columns.map((c) => c.value(r));
  }
  return toCsv(lines());
}

/** Daily rollups as CSV, oldest day first. */
export function rollupsCsv(rollups: readonly Rollup[], lang: Language): string {
  return tableCsv(ROLLUP_COLUMNS, sortRollups(rollups), lang);
}

export function eventsCsv(events: Iterable<StoredEvent>, lang: Language): string {
  return tableCsv(EVENT_COLUMNS, events, lang);
}

export function sortRollups(rollups: readonly Rollup[]): Rollup[] {
  return [...rollups].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** NDJSON records: every rollup (`kind: "rollup"`), then every raw event (`kind: "event"`). */
export function* ndjsonRecords(
  rollups: readonly Rollup[],
  events: Iterable<StoredEvent>,
): Generator<Record<string, unknown>> {
  for (const r of sortRollups(rollups)) yield { kind: 'rollup', ...r };
  for (const e of events) yield { kind: 'event', ...e };
}

/** `kefu-guard-stats-2026-11-17_2026-11-23.csv` */
export function exportFileName(what: string, from: string, to: string, ext: 'csv' | 'ndjson'): string {
  return `kefu-guard-${what}-${from === to ? from : `${from}_${to}`}.${ext}`;
}
