/**
 * The supervisor's team view in the real popup: two agents' NDJSON exports imported side by side;
 * importing a file again counts nothing twice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ndjsonRecords, toNdjson } from '../../utils/export';
import { rollupsFromEvents } from '../../utils/rollups';
import { eventsFromScript } from '../support/stats-events';
import { eventually, type Harness, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** An agent's export of yesterday: `late` of its `rounds` rounds answered after 3 minutes. */
function exportFile(dir: string, agent: string, rounds: number, late: number): string {
  const y = new Date();
  y.setDate(y.getDate() - 1);
  const t = (h: number, m: number) => new Date(y.getFullYear(), y.getMonth(), y.getDate(), h, m).getTime();
  const events = Array.from({ length: rounds }, (_, i) =>
    eventsFromScript(
      [
        { time: t(9 + i, 0), from: 'customer' },
        { time: t(9 + i, i < late ? 5 : 1), from: 'agent' },
      ],
      t(9 + i, 10),
      { conv: `${agent}-${i}`, agent },
    ),
  ).flat();
  const file = join(dir, `kefu-guard-stats-${agent || 'unnamed'}.ndjson`);
  const rollups = [...rollupsFromEvents(events).values()];
  writeFileSync(
    file,
    toNdjson(
      ndjsonRecords(
        rollups,
        events.map((e) => ({ ...e, day: '' })),
      ),
    ),
  );
  return file;
}

test('two agents side by side; a second import of the same file counts nothing twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-team-'));
  const wang = exportFile(dir, '小王', 4, 1);
  const li = exportFile(dir, '小李', 2, 2);
  const popup = await h.browser.openExtensionPage('popup.html');
  await popup.locator('[data-kg="range"][data-range="7d"]').click();
  const rows = () =>
    popup.evaluate(() =>
      Array.from(document.querySelectorAll('[data-kg="team"] [data-kg="group-table"] tbody tr')).map(
        (tr) => ({
          id: tr.getAttribute('data-id'),
          cells: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
        }),
      ),
    );
  await popup.locator('[data-kg="team-import"]').setInputFiles([wang, li]);
  await eventually(async () =>
    expect(await popup.locator('[data-kg="team-import-result"]').getAttribute('data-status')).toBe('ok'),
  );
  const first = await eventually(async () => {
    const r = await rows();
    expect(r.map((x) => x.id).sort()).toEqual(['小李', '小王'].sort());
    return r;
  });
  const wangRow = first.find((r) => r.id === '小王');
  const liRow = first.find((r) => r.id === '小李');
  expect(wangRow?.cells[1]).toBe('4');
  expect(wangRow?.cells[2]).toBe('75.0%');
  expect(liRow?.cells[1]).toBe('2');
  expect(liRow?.cells[2]).toBe('0%');
  // the team's total, the shop's figures: 3 of 6 in time; 6 rounds are short of Taobao's 100
  const total = popup.locator('[data-kg="team"] [data-kg="group-total"] td');
  await expect(total.allTextContents()).resolves.toEqual(['全队合计', '6', '50.0%', '3分00秒', '3', '0']);
  const note = popup.locator('[data-kg="team"] [data-kg="unassessed"]');
  await expect(note.textContent()).resolves.toBe('近30天 6 轮：淘宝/天猫满 100 轮才考核');
  await popup.locator('[data-kg="team"]').screenshot({ path: 'test-results/popup-team.png' });
  // the team's rounds by the hour they started: 小王 at 9–12 (9 late), 小李 at 9 and 10 (both late)
  const hours = await popup
    .locator('[data-kg="team-details"] [data-chart="hours"] [data-hour]')
    .evaluateAll((gs) =>
      gs
        .filter((g) => g.getAttribute('data-rounds') !== '0')
        .map((g) => [
          g.getAttribute('data-hour'),
          g.getAttribute('data-rounds'),
          g.getAttribute('data-in-time'),
        ]),
    );
  expect(hours).toEqual([
    ['9', '2', '0'],
    ['10', '2', '1'],
    ['11', '1', '1'],
    ['12', '1', '1'],
  ]);
  await popup.evaluate(() => document.documentElement.style.setProperty('--kg-popup-max', 'none'));
  await popup.locator('[data-kg="team-details"]').screenshot({ path: 'test-results/popup-team-hours.png' });
  await popup.evaluate(() => document.documentElement.style.removeProperty('--kg-popup-max'));

  await popup.locator('[data-kg="team-import"]').setInputFiles([wang]);
  await popup.waitForTimeout(500);
  expect(await rows()).toEqual(first);
  await popup.close();
});
