/**
 * Stats in the real browser: a scripted day on the demo console (customers answered in time and
 * late, one breached and never answered, a template and a held-then-sent violation) shows the exact
 * KPIs in the popup, whose CSV export opens with a BOM and adds up to them; a 1,000-event burst
 * survives the service worker being stopped in the middle (every event stored and counted once);
 * a full quota is shown in the popup and the worker carries on once there is room.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { presetFor } from '../../utils/clock';
import type { KgEvent, RoundAnsweredEvent, StoredEvent } from '../../utils/events';
import { parseCsv, ROLLUP_COLUMNS } from '../../utils/export';
import type { Rollup } from '../../utils/rollups';
import type { ExtensionBrowser } from '../support/browser';
import { eventsFromScript } from '../support/stats-events';
import { eventually, type Harness, overlayAttr, setSettings, startHarness, storedEvents } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Chrome = {
  storage: { local: { set(v: unknown): Promise<void>; remove(k: string): Promise<void> } };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
};

/** Every stored rollup, read through an extension page. */
async function storedRollups(browser: ExtensionBrowser): Promise<Rollup[]> {
  const page = await browser.openExtensionPage('popup.html');
  try {
    return await page.evaluate(
      () =>
        new Promise<Rollup[]>((resolve, reject) => {
          const open = indexedDB.open('kefu-guard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('rollups').objectStore('rollups').getAll();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result as Rollup[]);
            };
            req.onerror = () => reject(req.error);
          };
        }),
    );
  } finally {
    await page.close();
  }
}

const kpi = (popup: Page, name: string) =>
  popup.locator(`[data-kg="kpi"][data-name="${name}"]`).getAttribute('data-value');

async function kpis(popup: Page): Promise<Record<string, string | null>> {
  const names = [
    'rounds',
    'three-minute-rate',
    'avg-first-response-s',
    'avg-response-s',
    'breaches',
    'violations',
    'templates-used',
    'events-today',
  ];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await kpi(popup, n)] as const)));
}

const demo = (page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const api = (window as unknown as { kefuDemo: Record<string, (...x: unknown[]) => unknown> }).kefuDemo;
      return api[f as string]?.(...(a as unknown[]));
    },
    [fn, args] as const,
  );
const shadow = (page: Page, selector: string) => page.locator(`kefu-guard ${selector}`);

/** The popup as opened (400 × 600), and the whole dashboard with its scroll cap lifted. */
async function shoot(popup: Page, name: string): Promise<void> {
  await popup.screenshot({ path: `test-results/${name}.png` });
  await popup.evaluate(() => document.documentElement.style.setProperty('--kg-popup-max', 'none'));
  await popup.screenshot({ path: `test-results/${name}-full.png`, fullPage: true });
  await popup.evaluate(() => document.documentElement.style.removeProperty('--kg-popup-max'));
}
const one = (x: number) => Math.round(x * 10) / 10;
const localDay = (t: number) => new Date(t).toLocaleDateString('sv-SE');

describe('a scripted day on the demo console', () => {
  test('the popup shows the exact KPIs; the CSV export adds up to them', async () => {
    // every hour graded, whatever time the test runs; stats per agent from the settings
    await setSettings(h.browser, {
      agentName: '小王',
      clock: {
        taobao: {
          warnSeconds: 100,
          breachSeconds: 180,
          windowStart: '00:00',
          windowEnd: '24:00',
          target: 0.8,
        },
      },
    });
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=12`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    const T = Date.now();
    // four customers, already waiting 1, 2, 5 and 6⅔ minutes (console times in the past)
    await demo(page, 'addCustomerMessage', 'c-a', '在吗？请问这款有货吗', {
      nick: '买家甲',
      time: T - 60_000,
    });
    await demo(page, 'addCustomerMessage', 'c-b', '你好，可以开发票吗？', {
      nick: '买家乙',
      time: T - 120_000,
    });
    await demo(page, 'addCustomerMessage', 'c-d', '在不在', { nick: '买家丁', time: T - 300_000 });
    await demo(page, 'addCustomerMessage', 'c-c', '怎么还没人回复', { nick: '买家丙', time: T - 400_000 });
    const reply = page.locator('textarea.kd-reply');
    const waiting = async (n: number) =>
      eventually(async () => expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(n));

    // c-a (opened first): a forbidden draft is held at Enter, then sent anyway → in time
    await demo(page, 'openConversation', 'c-a');
    await waiting(4);
    await reply.click();
    await page.keyboard.type('加我微信吧，私聊给你优惠');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    await shadow(page, '[data-kg="guard-send-anyway"]').click();
    await waiting(3);

    // c-b: the invoice template, suggested, inserted and sent → in time (about 2 minutes)
    await demo(page, 'openConversation', 'c-b');
    const chip = shadow(page, '[data-kg="suggestion"][data-template-id="invoice-yes"]');
    await eventually(async () => expect(await chip.count()).toBe(1));
    await chip.click();
    await eventually(async () => expect(await reply.inputValue()).toContain('发票'));
    await reply.press('Enter');
    await waiting(2);

    // c-c: past its deadline when opened (a breach), then answered → one round, answered late
    await demo(page, 'openConversation', 'c-c');
    await reply.click();
    await page.keyboard.type('抱歉久等了，马上为您处理');
    await page.keyboard.press('Enter');
    await waiting(1);

    // c-d: opened, past its deadline, never answered
    await demo(page, 'openConversation', 'c-d');
    await eventually(async () =>
      expect((await storedEvents(h.browser)).filter((e) => e.type === 'breach')).toHaveLength(2),
    );

    // c-a asks again and is answered at once → a second round of c-a (not its first response)
    await demo(page, 'openConversation', 'c-a');
    await demo(page, 'addCustomerMessage', 'c-a', '好的，那我下单了');
    await waiting(2);
    await reply.click();
    await page.keyboard.type('好的亲，感谢支持');
    await page.keyboard.press('Enter');
    await waiting(1);

    const all = await eventually(async () => {
      const got = await storedEvents(h.browser);
      expect(got.filter((e) => e.type === 'round-answered')).toHaveLength(4);
      expect(got.filter((e) => e.type === 'template-used')).toHaveLength(1);
      return got;
    });
    await page.screenshot({ path: 'test-results/stats-console.png' });
    const answered = all.filter(
      (e): e is RoundAnsweredEvent & { day: string } => e.type === 'round-answered',
    );
    expect(answered.every((e) => e.graded && e.agent === '小王')).toBe(true);
    expect(answered.filter((e) => e.inTime)).toHaveLength(3);
    const late = answered.find((e) => !e.inTime);
    expect(late?.waitMs).toBeGreaterThanOrEqual(400_000);
    // the expected averages, from the stored waits (first response: each conversation's first answer per day)
    const firsts = new Map<string, RoundAnsweredEvent>();
    for (const e of [...answered].sort((a, b) => a.start - b.start)) {
      const k = `${e.conv}|${localDay(e.start)}`;
      if (!firsts.has(k)) firsts.set(k, e);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const violations = all.filter((e) => e.type === 'violation');
    const counted = violations.filter((e) => e.action === 'warned' || e.action === 'blocked').length;
    expect(violations.filter((e) => e.action === 'blocked').length).toBeGreaterThanOrEqual(1);
    expect(violations.filter((e) => e.action === 'overridden').length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(all)).not.toMatch(/微信|发票|买家/);

    const popup = await h.browser.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    // the last 7 days: the same numbers even when the script ran across midnight
    await popup.locator('[data-kg="range"][data-range="7d"]').click();
    const expected = {
      rounds: '5',
      'three-minute-rate': '60',
      'avg-first-response-s': String(one(mean([...firsts.values()].map((e) => e.waitMs)) / 1000)),
      'avg-response-s': String(one(mean(answered.map((e) => e.waitMs)) / 1000)),
      breaches: '2',
      violations: String(counted),
      'templates-used': '1',
      'events-today': String(all.filter((e) => e.day === localDay(Date.now())).length),
    };
    await eventually(async () => expect(await kpis(popup)).toEqual(expected));
    expect(firsts.size).toBe(3);
    // the violations' line and chart: the same parts (held and not sent, sent anyway, warned), adding up to the KPI
    const byAction = (action: string) => violations.filter((e) => e.action === action).length;
    const parts: [string, number][] = [
      ['拦截未发', byAction('blocked') - byAction('overridden')],
      ['坚持发送', byAction('overridden')],
      ['提醒', byAction('warned')],
    ];
    await expect(popup.locator('.kpi:has([data-name="violations"]) .kpi-sub').textContent()).resolves.toBe(
      parts
        .filter(([, n]) => n > 0)
        .map(([label, n]) => `${label} ${n}`)
        .join(' · '),
    );
    const barTotals = await popup.locator('[data-chart="violations"] .chart-value').allTextContents();
    expect(barTotals.reduce((n, t) => n + Number(t), 0)).toBe(counted);
    const segments = await popup.locator('[data-chart="violations"] rect title').allTextContents();
    for (const [label, n] of parts) {
      const shown = segments
        .filter((t) => t.startsWith(`${label}:`))
        .reduce((m, t) => m + Number(t.split(':')[1]), 0);
      expect(shown, label).toBe(n);
    }
    // rounds by the hour they started: each round once (c-c's breach gave way to its answer), its hour its start's
    const deciding = [
      ...answered,
      ...all.filter(
        (e) => e.type === 'breach' && !answered.some((a) => a.conv === e.conv && a.start === e.start),
      ),
    ] as (KgEvent & { start: number; inTime?: boolean })[];
    expect(deciding).toHaveLength(5);
    const perHour = (only: (e: (typeof deciding)[number]) => boolean) => {
      const out: Record<string, number> = {};
      for (const e of deciding.filter(only)) {
        const h = String(new Date(e.start).getHours());
        out[h] = (out[h] ?? 0) + 1;
      }
      return out;
    };
    const bars = await popup
      .locator('[data-chart="hours"] [data-hour]')
      .evaluateAll((gs) =>
        gs.map(
          (g) =>
            [
              g.getAttribute('data-hour'),
              Number(g.getAttribute('data-rounds')),
              Number(g.getAttribute('data-in-time')),
            ] as const,
        ),
      );
    expect(bars).toHaveLength(24);
    const shownHours = (i: 1 | 2) =>
      Object.fromEntries(bars.filter((b) => b[i] > 0).map((b) => [b[0], b[i]]));
    expect(shownHours(1)).toEqual(perHour(() => true));
    expect(shownHours(2)).toEqual(perHour((e) => e.inTime === true));
    // the rules run into: named by their phrases (stats keep the rule's id alone), counted as the KPI
    const byRule = new Map<string, number>();
    for (const e of violations)
      if (e.action !== 'overridden') byRule.set(e.ruleId, (byRule.get(e.ruleId) ?? 0) + 1);
    const listed = await popup
      .locator('[data-kg="top-rules"] li')
      .evaluateAll((lis) =>
        lis.map((li) => [li.getAttribute('data-id'), Number(li.getAttribute('data-total'))] as const),
      );
    expect(new Map(listed)).toEqual(byRule);
    expect(byRule.has('off-platform-wechat')).toBe(true);
    const wechat = popup.locator('[data-kg="top-rules"] li[data-id="off-platform-wechat"]');
    await expect(wechat.locator('.top-name').textContent()).resolves.toBe('微信、加微、vx …引导站外交易');
    await expect(wechat.locator('[data-action="overridden"]').count()).resolves.toBe(1);
    // 5 graded rounds in the last 30 days: Taobao assesses a shop from 100, said beside the rate
    const unassessed = popup.locator('[data-kg="unassessed"]');
    await expect(unassessed.getAttribute('data-platform')).resolves.toBe('taobao');
    await expect(unassessed.getAttribute('data-value')).resolves.toBe('5');
    await expect(unassessed.textContent()).resolves.toBe('近30天 5 轮：淘宝/天猫满 100 轮才考核');
    await shoot(popup, 'stats-popup-zh');

    // CSV of the range shown: UTF-8 with BOM, Chinese intact, columns adding up to the KPIs
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator('[data-kg="export-csv"]').click(),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual(ROLLUP_COLUMNS.map((c) => c.zh));
    const col = (id: string) => ROLLUP_COLUMNS.findIndex((c) => c.id === id);
    const sum = (id: string) => rows.slice(1).reduce((n, r) => n + Number(r[col(id)] || 0), 0);
    expect(sum('rounds')).toBe(5);
    expect(sum('inTime')).toBe(3);
    expect(sum('answeredLate') + sum('unanswered')).toBe(2);
    expect(sum('templateUses')).toBe(1);
    // the violation columns are the popup's parts: the held-then-sent one counts once
    expect(sum('blocked')).toBe(byAction('blocked') - byAction('overridden'));
    expect(sum('overridden')).toBe(byAction('overridden'));
    expect(sum('warned')).toBe(byAction('warned'));
    expect(sum('blocked') + sum('overridden') + sum('warned')).toBe(counted);
    expect(sum('events')).toBe(all.length);
    expect(rows.slice(1).every((r) => r[col('agent')] === '小王' && r[col('console')] === 'demo')).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^kefu-guard-stats-\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv$/);

    // the same numbers in English
    await setSettings(h.browser, { language: 'en', agentName: '小王' });
    await popup.reload();
    await popup.locator('[data-kg="range"][data-range="7d"]').click();
    await eventually(async () => expect(await kpi(popup, 'rounds')).toBe('5'));
    expect(await popup.locator('h1').textContent()).toBe('KefuGuard · Dashboard');
    await expect(unassessed.textContent()).resolves.toBe(
      '5 rounds in 30 days: Taobao/Tmall assesses from 100',
    );
    await shoot(popup, 'stats-popup-en');
    await popup.close();
    await page.close();
  });
});

/** Events a content script would send for `rounds` answered rounds (4 events each). */
function burstEvents(rounds: number, t0: number): KgEvent[] {
  const out: KgEvent[] = [];
  for (let i = 0; i < rounds; i++) {
    const base = { console: 'demo', platform: 'taobao' as const, conv: `burst-${i % 40}`, agent: '小李' };
    const start = t0 - 3_600_000 + i * 1000;
    const wait = i % 5 === 0 ? 200_000 : 30_000;
    out.push(
      { ...base, id: `b${i}-q`, type: 'message', t: start, from: 'customer' },
      { ...base, id: `b${i}-o`, type: 'round-opened', t: start, graded: true },
      { ...base, id: `b${i}-r`, type: 'message', t: start + wait, from: 'agent' },
      {
        ...base,
        id: `b${i}-a`,
        type: 'round-answered',
        t: start + wait,
        start,
        waitMs: wait,
        inTime: wait < 180_000,
        graded: true,
      },
    );
  }
  return out;
}

interface Burst {
  acked: number;
  failures: number;
  done: boolean;
  /** True while the burst waits at `holdAt` for `release()`. */
  held: boolean;
  release?: () => void;
}

/**
 * Sends `events` from an extension page the way the content script's outbox does: in batches,
 * keeping what was not acknowledged and sending it again after a failure. With `holdAt`, the
 * burst pauses (nothing in flight) once that many are acknowledged, until `__burst.release()`.
 */
function startBurst(page: Page, events: KgEvent[], holdAt = Number.POSITIVE_INFINITY): Promise<void> {
  return page.evaluate(
    ([all, hold]) => {
      const state: Burst = { acked: 0, failures: 0, done: false, held: false };
      (window as unknown as { __burst: Burst }).__burst = state;
      const runtime = (globalThis as unknown as { chrome: Chrome }).chrome.runtime;
      const queue = new Map(all.map((e) => [e.id, e]));
      void (async () => {
        while (queue.size > 0) {
          if (state.acked >= hold && !state.release) {
            state.held = true;
            await new Promise<void>((r) => {
              state.release = r;
            });
            state.held = false;
          }
          const batch = [...queue.values()].slice(0, 50);
          try {
            const res = (await runtime.sendMessage({ type: 'events:log', events: batch })) as {
              stored: string[];
            };
            for (const id of res.stored) queue.delete(id);
            state.acked = all.length - queue.size;
          } catch {
            state.failures++;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        state.done = true;
      })();
    },
    [events, holdAt] as const,
  );
}

const burstState = (page: Page) => page.evaluate(() => (window as unknown as { __burst: Burst }).__burst);

describe('durability', () => {
  test('the service worker stopped in the middle of a 1,000-event burst: all 1,000 stored and counted once', async () => {
    const own = await startHarness(); // a fresh profile: nothing else in the database
    try {
      const page = await own.browser.openExtensionPage('popup.html');
      // (installed: the daily prune of old raw events is scheduled, as the worker starts)
      await eventually(async () => {
        const alarm = await page.evaluate(() =>
          (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get('kg-prune'),
        );
        expect(alarm?.periodInMinutes).toBe(24 * 60);
      });
      const events = burstEvents(250, Date.now());
      expect(events).toHaveLength(1000);
      // the worker's life, as DevTools sees it
      const cdp = await own.browser.context.newCDPSession(page);
      const statuses: string[] = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        for (const v of e.versions)
          if (v.scriptURL.endsWith('/background.js')) statuses.push(v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      // mid-burst (the burst pauses after 200 acknowledged, so the stop never races its end)
      await startBurst(page, events, 200);
      await eventually(async () => expect((await burstState(page)).held).toBe(true), 20_000, 20);
      const atStop = (await burstState(page)).acked;
      expect(atStop).toBeGreaterThanOrEqual(200);
      expect(atStop).toBeLessThan(1000);
      await cdp.send('ServiceWorker.stopAllWorkers');
      await eventually(async () => expect(statuses).toContain('stopped'), 20_000);
      const stoppedAt = statuses.lastIndexOf('stopped');
      // the rest: the first send wakes the worker again; the worker is also stopped a second time
      // straight after that send, with a batch in flight or just stored (either way, retried or
      // acknowledged, nothing is lost or counted twice)
      await page.evaluate(() => (window as unknown as { __burst: Burst }).__burst.release?.());
      await cdp.send('ServiceWorker.stopAllWorkers');
      await eventually(async () => expect(statuses.slice(stoppedAt + 1)).toContain('running'), 20_000);
      const end = await eventually(async () => {
        const s = await burstState(page);
        expect(s.done).toBe(true);
        return s;
      }, 30_000);
      expect(end.acked).toBe(1000);

      const stored = await storedEvents(own.browser);
      expect(stored).toHaveLength(1000);
      expect(new Set(stored.map((e: StoredEvent) => e.id)).size).toBe(1000);
      const rollups = await storedRollups(own.browser);
      expect(rollups.reduce((n, r) => n + r.events, 0)).toBe(1000);
      expect(rollups.reduce((n, r) => n + r.rounds, 0)).toBe(250);
      expect(rollups.reduce((n, r) => n + r.inTime, 0)).toBe(200);

      // sent again (an acknowledgement lost): nothing counted twice
      await startBurst(page, events.slice(0, 300));
      await eventually(async () => expect((await burstState(page)).done).toBe(true));
      expect((await storedRollups(own.browser)).reduce((n, r) => n + r.events, 0)).toBe(1000);

      const popup = await own.browser.openExtensionPage('popup.html');
      await popup.locator('[data-kg="range"][data-range="7d"]').click();
      await eventually(async () => {
        expect(await kpi(popup, 'rounds')).toBe('250');
        expect(await kpi(popup, 'three-minute-rate')).toBe('80');
      });
      await popup.close();
      await page.close();
    } finally {
      await own.close();
    }
  });
});

describe('a full quota', () => {
  test('is shown in the popup; the worker carries on and stores the events once there is room', async () => {
    const own = await startHarness();
    try {
      const page = await own.browser.openExtensionPage('popup.html');
      const cdp = await own.browser.context.newCDPSession(page);
      const origin = `chrome-extension://${own.browser.extensionId}`;
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
      const events = burstEvents(50, Date.now());
      const send = () =>
        page.evaluate(
          (batch) =>
            (globalThis as unknown as { chrome: Chrome }).chrome.runtime
              .sendMessage({ type: 'events:log', events: batch })
              .then(
                () => 'stored',
                (e: Error) => e.message,
              ),
          events,
        );
      expect(await send()).toMatch(/not stored \(QuotaExceededError\)/);

      const popup = await own.browser.openExtensionPage('popup.html');
      await popup.setViewportSize({ width: 400, height: 600 });
      const notice = popup.locator('[data-kg="write-error"]');
      await eventually(async () => expect(await notice.getAttribute('data-kind')).toBe('quota'));
      expect(await notice.textContent()).toContain('存储空间已满');
      await popup.screenshot({ path: 'test-results/stats-popup-quota.png' });

      // the worker still answers, and stores everything once there is room (the notice goes)
      expect(
        await page.evaluate(() =>
          (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
            type: 'tab:recognised',
          }),
        ),
      ).toEqual({ console: null });
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      expect(await send()).toBe('stored');
      await eventually(async () => expect(await notice.count()).toBe(0));
      expect(await storedEvents(own.browser)).toHaveLength(events.length);
      await popup.close();
      await page.close();
    } finally {
      await own.close();
    }
  });
});

describe('rounds outside working hours', () => {
  test('the popup counts them apart, also when no round in the range is graded', async () => {
    const own = await startHarness();
    try {
      const page = await own.browser.openExtensionPage('popup.html');
      const T = Date.now() - 3_600_000;
      const hour = new Date(T).getHours();
      const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
      // a working window that leaves out the hour of these rounds
      const settings = { ...presetFor('taobao'), windowStart: hh(hour + 2), windowEnd: hh(hour + 3) };
      const events = eventsFromScript(
        [
          { time: T, from: 'customer' },
          { time: T + 30_000, from: 'agent' },
          { time: T + 60_000, from: 'customer' },
          { time: T + 100_000, from: 'agent' },
        ],
        T + 120_000,
        { settings },
      );
      expect(events.filter((e) => e.type === 'round-answered' && e.graded === false)).toHaveLength(2);
      await page.evaluate(
        (batch) =>
          (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
            type: 'events:log',
            events: batch,
          }),
        events,
      );
      const popup = await own.browser.openExtensionPage('popup.html');
      await popup.locator('[data-kg="range"][data-range="7d"]').click();
      await eventually(async () => {
        expect(await kpi(popup, 'rounds')).toBe('0');
        expect(await popup.locator('[data-kg="ungraded-rounds"]').getAttribute('data-value')).toBe('2');
      });
      await expect(popup.locator('[data-kg="ungraded-rounds"]').textContent()).resolves.toContain('2');
      expect(await popup.locator('.hero-facts').textContent()).toContain('暂无');
      await popup.close();
      await page.close();
    } finally {
      await own.close();
    }
  });
});

describe('violations by rule', () => {
  test('days stored before rules were counted: the list says how many it splits; a rule no pack has is named by its id', async () => {
    const own = await startHarness();
    try {
      const page = await own.browser.openExtensionPage('popup.html');
      const T = Date.now() - 60_000;
      const violation = (id: string, ruleId: string, action: string) => ({
        id,
        type: 'violation',
        t: T,
        console: 'demo',
        platform: 'taobao',
        conv: 'c1',
        ruleId,
        category: 'off-platform',
        action,
        severity: 'block',
      });
      const log = (events: unknown[]) =>
        page.evaluate(
          (batch) =>
            (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
              type: 'events:log',
              events: batch,
            }),
          events,
        );
      await log([
        violation('v1', 'off-platform-wechat', 'blocked'),
        violation('v2', 'off-platform-wechat', 'warned'),
      ]);
      await eventually(async () => expect(await storedRollups(own.browser)).toHaveLength(1));
      // as an earlier version stored it: no counts by rule
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('kefu-guard');
            open.onsuccess = () => {
              const tx = open.result.transaction('rollups', 'readwrite');
              const store = tx.objectStore('rollups');
              const all = store.getAll();
              all.onsuccess = () => {
                for (const r of all.result as Rollup[]) {
                  delete r.rules;
                  store.put(r);
                }
              };
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      await log([
        violation('v3', 'off-platform-qq', 'warned'),
        violation('v4', 'a-rule-since-removed', 'warned'),
      ]);
      await eventually(async () => {
        const [r] = await storedRollups(own.browser);
        expect(r?.violations['off-platform|warned']).toBe(3);
        expect(Object.keys(r?.rules ?? {})).toHaveLength(2);
      });
      const popup = await own.browser.openExtensionPage('popup.html');
      await eventually(async () => expect(await kpi(popup, 'violations')).toBe('4'));
      await expect(popup.locator('[data-kg="top-rules-part"]').textContent()).resolves.toBe(
        '按规则细分 2 / 4 次（此前的记录未按规则细分）',
      );
      const names = popup.locator('[data-kg="top-rules"] li .top-name');
      // named as the numbers are drawn (the shipped packs are read with them)
      expect(await names.evaluateAll((els) => els.map((el) => el.firstChild?.textContent))).toEqual([
        'a-rule-since-removed',
        '加qq、qq号、qq群 …',
      ]);
      await popup.close();
      await page.close();
    } finally {
      await own.close();
    }
  });
});
