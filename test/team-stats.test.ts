import { describe, expect, test } from 'vitest';
import type { KgEvent } from '../utils/events';
import { ndjsonRecords, parseNdjson, toNdjson } from '../utils/export';
import { kpisBy, kpisFromRollups } from '../utils/kpi';
import { rollupsFromEvents } from '../utils/rollups';
import { agentFromFileName, readTeamExport } from '../utils/team-stats';
import { at, eventsFromScript } from './support/stats-events';

/** One agent's day: two rounds, one in time and one late. */
function exportOf(agent: string, day: number): string {
  const events = [
    ...eventsFromScript(
      [
        { time: at(2026, 11, day, 10, 0, 0), from: 'customer' },
        { time: at(2026, 11, day, 10, 1, 0), from: 'agent' },
      ],
      at(2026, 11, day, 10, 2),
      { conv: `a-${day}`, agent },
    ),
    ...eventsFromScript(
      [
        { time: at(2026, 11, day, 11, 0, 0), from: 'customer' },
        { time: at(2026, 11, day, 11, 5, 0), from: 'agent' },
      ],
      at(2026, 11, day, 11, 6),
      { conv: `b-${day}`, agent },
    ),
  ];
  const rollups = [...rollupsFromEvents(events).values()];
  return toNdjson(
    ndjsonRecords(
      rollups,
      events.map((e) => ({ ...e, day: '' })),
    ),
  );
}

describe('team view import', () => {
  test("an agent's export round-trips: the same KPIs as computed from the agent's events", () => {
    const text = exportOf('小王', 20);
    const { rollups, skipped } = readTeamExport(text, 'file');
    expect(skipped).toBeGreaterThan(0); // the raw events are passed over: rollups hold every figure
    const [row] = kpisBy(rollups, 'agent');
    expect(row?.id).toBe('小王');
    expect(row?.kpis.rounds).toBe(2);
    expect(row?.kpis.rate).toBe(0.5);
  });

  test('importing the same file twice counts nothing twice (rollups are keyed)', () => {
    const store = new Map<string, unknown>();
    for (let i = 0; i < 2; i++)
      for (const r of readTeamExport(exportOf('小王', 20), 'f').rollups) store.set(r.key, r);
    const once = readTeamExport(exportOf('小王', 20), 'f').rollups.length;
    expect(store.size).toBe(once);
  });

  test('agents side by side; an export naming nobody is filed under its file name', () => {
    const a = readTeamExport(exportOf('小王', 20), 'x').rollups;
    const b = readTeamExport(exportOf('', 21), agentFromFileName('kefu-guard-stats-小李.ndjson')).rollups;
    expect(readTeamExport(exportOf('', 21), 'y').agentFromFile).toBe(true);
    expect(
      kpisBy([...a, ...b], 'agent')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['stats-小李', '小王'].sort());
  });

  test('rounds by hour and violations by rule come through; an export from before them still imports', () => {
    const text = exportOf('小王', 20);
    const violation = {
      kind: 'event',
      id: 'v1',
      type: 'violation',
      t: at(2026, 11, 20, 12),
      console: 'demo',
      platform: 'taobao',
      conv: 'a-20',
      agent: '小王',
      ruleId: 'off-platform-wechat',
      category: 'off-platform',
      action: 'warned',
      severity: 'block',
    };
    const imported = readTeamExport(text, 'f').rollups;
    const k = kpisFromRollups(imported);
    expect(k.roundsByHour).toBe(2);
    expect(k.byHour.rounds[10]).toBe(1);
    expect(k.byHour.inTime[10]).toBe(1);
    expect(k.byHour.rounds[11]).toBe(1);
    expect(k.byHour.inTime[11]).toBe(0);
    const ruled = toNdjson(
      ndjsonRecords([...rollupsFromEvents([violation as unknown as KgEvent]).values()], []),
    );
    expect(kpisFromRollups(readTeamExport(ruled, 'f').rollups).topRules.map((r) => r.ruleId)).toEqual([
      'off-platform-wechat',
    ]);
    // as an earlier version exported it: neither field
    const older = parseNdjson(text)
      .filter((x) => (x as { kind?: string }).kind === 'rollup')
      .map((x) => {
        const { hours: _h, rules: _r, ...rest } = x as Record<string, unknown>;
        return JSON.stringify(rest);
      })
      .join('\n');
    const before = readTeamExport(older, 'f');
    expect(before.skipped).toBe(0);
    expect(kpisFromRollups(before.rollups)).toMatchObject({ rounds: 2, roundsByHour: 0, topRules: [] });
    // hours of another shape: the line is no rollup
    const bent = parseNdjson(text)
      .filter((x) => (x as { kind?: string }).kind === 'rollup')
      .map((x) => JSON.stringify({ ...(x as object), hours: { rounds: [1], inTime: [1] } }))
      .join('\n');
    expect(readTeamExport(bent, 'f').rollups).toEqual([]);
  });

  test('hostile or broken lines are skipped, never merged', () => {
    const good = exportOf('小王', 20);
    const evil = [
      '{"kind":"rollup","day":"2026-11-20","agent":"x","console":"demo","platform":"taobao","__proto__":{"polluted":1}}',
      '{"kind":"rollup","day":"not-a-day","agent":"x","console":"demo","platform":"taobao"}',
      '{"kind":"rollup","day":"2026-11-20","agent":"x","console":"demo","platform":"taobao","rounds":-5}',
      '[1,2,3]',
    ].join('\n');
    const { rollups } = readTeamExport(`${good}${evil}\n`, 'f');
    expect(rollups.every((r) => r.agent === '小王')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => readTeamExport('{not json', 'f')).toThrow('NDJSON');
  });
});
