/**
 * The stats database deleted under the popup (a supervisor clearing site data, a profile cleanup,
 * a browser evicting storage): `indexedDB.deleteDatabase('kefu-guard')` from an extension page while
 * the popup is open and the worker holds its connection. What a supervisor needs afterwards: the
 * deletion is not blocked, nothing crashes, the popup reopened shows no stale numbers (the empty
 * state and its hint, never an error), and what the content script logs after the deletion is
 * stored again (the worker reopens, or the popup has recreated, the database) and counted.
 *
 * Time: like every e2e test, the browser runs in a whole-hour time zone in which it is about 13:00
 * (test/support/time-zone.ts), so every round is graded (Taobao's 08:00–23:00) whatever the hour.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoredEvent } from '../../utils/events';
import { eventually, type Harness, overlayAttr, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const DB = 'kefu-guard';

interface DemoMessage {
  id: string;
  from: 'customer' | 'agent' | 'system';
  time: number;
}

const demo = <T = unknown>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const api = (window as unknown as { kefuDemo: Record<string, (...x: unknown[]) => unknown> }).kefuDemo;
      return api[f as string]?.(...(a as unknown[]));
    },
    [fn, args] as const,
  ) as Promise<T>;
const shadow = (page: Page, selector: string) => page.locator(`kefu-guard ${selector}`);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Every stored event, read without ever creating the database (a plain `indexedDB.open` of a
 * missing database creates an empty one, and helpers.storedEvents loads a fresh popup, which
 * recreates it): after a deletion, the worker alone must bring it back.
 */
async function readEvents(page: Page): Promise<StoredEvent[]> {
  return page.evaluate(
    (name) =>
      new Promise<StoredEvent[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.transaction?.abort(); // missing: leave it missing
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as StoredEvent[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    DB,
  );
}

/** Deletes the database from an extension page: how it ended, and whether it was blocked meanwhile. */
function deleteDatabase(page: Page): Promise<{ outcome: string; blocked: boolean; ms: number }> {
  return page.evaluate(
    (name) =>
      new Promise<{ outcome: string; blocked: boolean; ms: number }>((resolve) => {
        const t0 = performance.now();
        const req = indexedDB.deleteDatabase(name);
        let blocked = false;
        const done = (outcome: string) => resolve({ outcome, blocked, ms: performance.now() - t0 });
        req.onblocked = () => {
          blocked = true;
        };
        req.onsuccess = () => done('deleted');
        req.onerror = () => done(`error: ${req.error?.name}`);
        setTimeout(() => done('still pending after 5 s'), 5000);
      }),
    DB,
  );
}

/** The rounds of a thread (首问首答): a customer's first unanswered message to the agent's next one. */
function roundsOf(thread: readonly DemoMessage[]): { start: number; end: number | null }[] {
  const out: { start: number; end: number | null }[] = [];
  let open: { start: number; end: number | null } | null = null;
  for (const m of thread) {
    if (m.from === 'customer' && !open) {
      open = { start: m.time, end: null };
      out.push(open);
    } else if (m.from === 'agent' && open) {
      open.end = m.time;
      open = null;
    }
  }
  return out;
}

/**
 * Open IndexedDB connections of the extension's origin, as chrome://indexeddb-internals lists them
 * (the popup closes its connection after each read: an open one is the worker's).
 */
async function openConnections(internals: Page, extensionId: string): Promise<number> {
  await internals.goto('chrome://indexeddb-internals/');
  return eventually(async () => {
    const text = await internals.evaluate(() => document.body.textContent ?? '');
    const section = text.split(/(?=Origin:)/).find((x) => x.includes(`chrome-extension://${extensionId}`));
    const n = /Open connections:\s*(\d+)/.exec(section ?? '')?.[1];
    expect(n).toBeDefined();
    return Number(n);
  });
}

async function kpis(popup: Page): Promise<Record<string, number | null>> {
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
  const out: Record<string, number | null> = {};
  for (const n of names) {
    const v = await popup.locator(`[data-kg="kpi"][data-name="${n}"]`).getAttribute('data-value');
    out[n] = v === null || v === '' ? null : Number(v);
  }
  return out;
}

describe('the stats database deleted under the popup', () => {
  test('not blocked, no crash, no stale numbers; events after the deletion stored and counted', async () => {
    // an extension page that reads and deletes the database, Chromium's IndexedDB page, and the
    // console in front of them
    const reader = await h.browser.openExtensionPage('popup.html');
    const internals = await h.browser.context.newPage();
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=41`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    const reply = page.locator('textarea.kd-reply');
    const agents = async (conv: string) =>
      (await demo<DemoMessage[]>(page, 'messages', conv)).filter((m) => m.from === 'agent').length;
    /** Enter, then wait until KefuGuard has read the reply (the countdown gone, two frames later). */
    const send = async (conv: string) => {
      const before = await agents(conv);
      await reply.press('Enter');
      await eventually(async () => expect(await agents(conv)).toBe(before + 1));
      await eventually(async () =>
        expect(
          await shadow(
            page,
            `[data-kg="countdown"][data-where="header"][data-conversation="${conv}"]`,
          ).count(),
        ).toBe(0),
      );
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    };
    const open = async (conv: string) => {
      await demo(page, 'openConversation', conv);
      await eventually(async () =>
        expect(await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')).toBe(conv),
      );
    };
    const reopenPopup = async (popup: Page) => {
      await popup.reload();
      await eventually(async () => expect(await popup.locator('.loading').count()).toBe(0));
      expect(await popup.locator('[data-kg="db-error"]').count()).toBe(0);
    };

    // ————— a morning's stats: one customer in time with the invoice template, one late —————
    const T = Date.now();
    await demo(page, 'addCustomerMessage', 'c-invoice', '你好，可以开发票吗？', { time: T - 60_000 });
    await demo(page, 'addCustomerMessage', 'c-late', '在吗？', { time: T - 300_000 });
    await open('c-invoice');
    const chip = shadow(page, '[data-kg="suggestion"][data-template-id="invoice-yes"]');
    await eventually(async () => expect(await chip.count()).toBe(1));
    await chip.click();
    await eventually(async () => expect(await reply.inputValue()).toContain('可以开发票的'));
    await send('c-invoice');
    await open('c-late');
    await reply.click();
    await page.keyboard.type('抱歉久等了亲，在的');
    await send('c-late');
    // c-late writes again: a round still open when the database goes
    await demo(page, 'addCustomerMessage', 'c-late', '那我下单了，什么时候发货？');
    const before = await eventually(async () => {
      const got = await readEvents(reader);
      expect(got.filter((e) => e.type === 'round-answered')).toHaveLength(2);
      expect(got.filter((e) => e.type === 'message')).toHaveLength(5);
      return got;
    });

    const popup = await h.browser.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    await page.bringToFront(); // the popup opens over the console, which stays visible
    await eventually(async () =>
      expect(await kpis(popup)).toMatchObject({
        rounds: 2,
        'three-minute-rate': 50,
        breaches: 1,
        'templates-used': 1,
        violations: 0,
        'events-today': before.length,
      }),
    );

    // ————— the database deleted while the popup is open and the worker holds its connection
    // (it wrote c-late's last message a moment ago) —————
    expect(await openConnections(internals, h.browser.extensionId)).toBe(1);
    const first = await deleteDatabase(reader);
    const deletedAt = Date.now();
    expect(first).toMatchObject({ outcome: 'deleted', blocked: false });
    expect((await reader.evaluate(() => indexedDB.databases())).map((d) => d.name)).not.toContain(DB);
    // the open popup neither crashes nor shows an error (it shows what it read when it opened)
    expect(await popup.locator('h1').textContent()).toContain('客服守卫');
    await popup.locator('[data-kg="range"][data-range="7d"]').click();
    await popup.locator('[data-kg="range"][data-range="today"]').click();
    expect(await popup.locator('[data-kg="db-error"]').count()).toBe(0);

    // ————— the content script goes on logging: the worker recreates the database —————
    // c-late's open round answered (it started before the deletion, is decided after it)
    await reply.click();
    await page.keyboard.type('好的亲，感谢支持');
    await send('c-late');
    // a new customer, answered from the picker (Ctrl+Space, 优惠券, Enter) …
    await demo(page, 'addCustomerMessage', 'c-new', '有优惠券吗？', { time: Date.now() - 30_000 });
    await open('c-new');
    await reply.click();
    await page.keyboard.press('Control+Space');
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(1));
    await page.keyboard.type('优惠券');
    await eventually(async () =>
      expect(await shadow(page, '[data-kg="template"]').first().getAttribute('data-template-id')).toBe(
        'coupon',
      ),
    );
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await reply.inputValue()).toContain('优惠券'));
    await send('c-new');
    // … and a claim that warns (广告法: 「销量第一」), sent
    await reply.click();
    await page.keyboard.type('这款是我们店销量第一的');
    await eventually(async () => expect(await shadow(page, '[data-kg="warning"]').count()).toBe(1));
    await send('c-new');

    const after = await eventually(async () => {
      const got = await readEvents(reader);
      expect(got.filter((e) => e.type === 'message')).toHaveLength(4); // 3 agent, 1 customer
      expect(got.filter((e) => e.type === 'round-answered')).toHaveLength(2);
      expect(got.filter((e) => e.type === 'template-used')).toHaveLength(1);
      expect(got.filter((e) => e.type === 'violation')).toHaveLength(1);
      return got;
    }, 15_000);
    // only what came after the deletion (nothing old written back, nothing lost)
    const old = new Set(before.map((e) => e.id));
    expect(after.filter((e) => old.has(e.id))).toEqual([]);

    // the popup reopened: the fresh numbers, from the rounds answered after the deletion
    const waits: number[] = [];
    for (const conv of ['c-late', 'c-new'])
      for (const r of roundsOf(await demo<DemoMessage[]>(page, 'messages', conv)))
        if (r.end !== null && r.end > deletedAt) waits.push(r.end - r.start);
    expect(waits).toHaveLength(2);
    await reopenPopup(popup);
    expect(await popup.locator('.empty-hint').count()).toBe(0);
    const fresh = await kpis(popup);
    expect(fresh).toMatchObject({
      rounds: 2,
      'three-minute-rate': 100,
      breaches: 0,
      'templates-used': 1,
      violations: 1,
      'events-today': after.length,
    });
    // each conversation's first answer today is now the one after the deletion
    expect(Math.abs((fresh['avg-response-s'] ?? Number.NaN) - mean(waits) / 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs((fresh['avg-first-response-s'] ?? Number.NaN) - mean(waits) / 1000)).toBeLessThanOrEqual(
      1,
    );
    await popup.screenshot({ path: 'test-results/recovery-popup-after.png' });

    // ————— deleted again, and the popup reopened before anything new is logged: the empty
    // state with its hint (the popup recreates the database), then the worker writes into it —————
    expect(await openConnections(internals, h.browser.extensionId)).toBe(1); // the worker's, anew
    const second = await deleteDatabase(reader);
    expect(second).toMatchObject({ outcome: 'deleted', blocked: false });
    await reopenPopup(popup);
    await eventually(async () => expect(await popup.locator('.empty-hint').count()).toBe(1));
    expect(await popup.locator('.empty-hint').textContent()).toContain('还没有统计数据');
    expect(await kpis(popup)).toEqual({
      rounds: 0,
      'three-minute-rate': null,
      'avg-first-response-s': null,
      'avg-response-s': null,
      breaches: 0,
      violations: 0,
      'templates-used': 0,
      'events-today': 0,
    });
    await popup.screenshot({ path: 'test-results/recovery-popup-empty.png' });

    await demo(page, 'addCustomerMessage', 'c-new', '好的，谢谢');
    await eventually(async () =>
      expect(
        await shadow(page, '[data-kg="countdown"][data-where="header"][data-conversation="c-new"]').count(),
      ).toBe(1),
    );
    await reply.click();
    await page.keyboard.type('不客气亲，祝您购物愉快');
    await send('c-new');
    await eventually(async () =>
      expect((await readEvents(reader)).filter((e) => e.type === 'round-answered')).toHaveLength(1),
    );
    await reopenPopup(popup);
    expect(await popup.locator('.empty-hint').count()).toBe(0);
    expect(await kpis(popup)).toMatchObject({ rounds: 1, 'three-minute-rate': 100, breaches: 0 });
    console.info(`deletions: ${JSON.stringify([first, second])}`);
    await popup.close();
    await internals.close();
    await reader.close();
    await page.close();
  });
});
