import { describe, expect, test } from 'vitest';
import { toStored } from '../utils/events';
import {
  BOM,
  csvCell,
  EVENT_COLUMNS,
  eventsCsv,
  exportFileName,
  ndjsonRecords,
  parseCsv,
  parseNdjson,
  ROLLUP_COLUMNS,
  rollupsCsv,
  toCsv,
  toNdjson,
} from '../utils/export';
import { kpisFromRollups, violationParts } from '../utils/kpi';
import { rollupsFromEvents } from '../utils/rollups';
import { at, randomEvents } from './support/stats-events';

describe('CSV', () => {
  test('UTF-8 with a byte order mark and CRLF lines, so Excel and WPS keep the Chinese', () => {
    const csv = toCsv([
      ['客服', '轮次'],
      ['小王', 12],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe('\uFEFF客服,轮次\r\n小王,12\r\n');
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test.each([
    ['plain', 'plain'],
    ['逗号,在中间', '"逗号,在中间"'],
    ['他说"好的"', '"他说""好的"""'],
    ['两行\n文字', '"两行\n文字"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
  ])('quotes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test('numbers, booleans and empty cells', () => {
    expect([
      csvCell(-3),
      csvCell(0.5),
      csvCell(true),
      csvCell(null),
      csvCell(undefined),
      csvCell(Number.NaN),
    ]).toEqual(['-3', '0.5', 'true', '', '', '']);
  });

  test('round-trips: what is written parses back cell for cell', () => {
    const rows = [
      ['日期', '客服', '备注'],
      ['2026-11-23', '小王', '含,逗号'],
      ['2026-11-23', '客服"阿花"', '第一行\r\n第二行'],
      ['2026-11-24', '', ''],
      ['', '英文 and 中文', '  spaces kept  '],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    // also with LF line ends and no BOM (a file saved again by another tool)
    expect(parseCsv('a,b\n"x\ny",2\n')).toEqual([
      ['a', 'b'],
      ['x\ny', '2'],
    ]);
  });

  test('the daily rollups as CSV: one row per day × agent × console, headers in the UI language', () => {
    const events = randomEvents(5, at(2026, 11, 20, 0), 3, 500);
    const rollups = [...rollupsFromEvents(events).values()];
    const zh = parseCsv(rollupsCsv(rollups, 'zh-CN'));
    const en = parseCsv(rollupsCsv(rollups, 'en'));
    expect(zh[0]).toEqual(ROLLUP_COLUMNS.map((c) => c.zh));
    expect(en[0]).toEqual(ROLLUP_COLUMNS.map((c) => c.en));
    expect(zh[0]?.slice(0, 5)).toEqual(['日期', '客服', '工作台', '平台', '考核轮次']);
    expect(zh).toHaveLength(rollups.length + 1);
    // the columns add up to the dashboard's numbers
    const col = (id: string) => ROLLUP_COLUMNS.findIndex((c) => c.id === id);
    const sum = (id: string) => zh.slice(1).reduce((s, row) => s + Number(row[col(id)] || 0), 0);
    const k = kpisFromRollups(rollups);
    expect(sum('rounds')).toBe(k.rounds);
    expect(sum('inTime')).toBe(k.inTime);
    expect(sum('templateUses')).toBe(k.templatesUsed);
    // the violation columns are the popup's parts: a held send pushed through counts once
    const parts = violationParts(k.violationsByAction);
    expect(parts.overridden).toBeGreaterThan(0);
    expect(sum('blocked')).toBe(parts.blocked);
    expect(sum('overridden')).toBe(parts.overridden);
    expect(sum('warned')).toBe(parts.warned);
    expect(sum('blocked') + sum('overridden') + sum('warned')).toBe(k.violations);
    expect(sum('waitSumMs') / sum('answered')).toBeCloseTo(k.avgResponseMs ?? Number.NaN, 6);
    // days in order
    const days = zh.slice(1).map((row) => row[0] ?? '');
    expect(days).toEqual([...days].sort());
  });

  test('raw events as CSV: no text columns beyond ids, one row per event', () => {
    const events = randomEvents(6, at(2026, 11, 20, 0), 1, 50).map(toStored);
    const rows = parseCsv(eventsCsv(events, 'zh-CN'));
    expect(rows[0]).toEqual(EVENT_COLUMNS.map((c) => c.zh));
    expect(rows).toHaveLength(events.length + 1);
    const idCol = EVENT_COLUMNS.findIndex((c) => c.id === 'id');
    expect(rows.slice(1).map((r) => r[idCol])).toEqual(events.map((e) => e.id));
  });
});

describe('NDJSON', () => {
  test('rollups then raw events, one JSON record a line, read back unchanged', () => {
    const events = randomEvents(7, at(2026, 11, 20, 0), 2, 80).map(toStored);
    const rollups = [...rollupsFromEvents(events).values()];
    const text = toNdjson(ndjsonRecords(rollups, events));
    expect(text.endsWith('\n')).toBe(true);
    const back = parseNdjson(text) as Record<string, unknown>[];
    expect(back).toHaveLength(rollups.length + events.length);
    expect(back.filter((r) => r.kind === 'rollup')).toHaveLength(rollups.length);
    const { kind: _k, ...firstEvent } = back[rollups.length] ?? {};
    expect(firstEvent).toEqual(events[0]);
  });
});

test('file names say what and which days', () => {
  expect(exportFileName('stats', '2026-11-17', '2026-11-23', 'csv')).toBe(
    'kefu-guard-stats-2026-11-17_2026-11-23.csv',
  );
  expect(exportFileName('events', '2026-11-23', '2026-11-23', 'ndjson')).toBe(
    'kefu-guard-events-2026-11-23.ndjson',
  );
});
