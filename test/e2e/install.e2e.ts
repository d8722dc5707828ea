/**
 * KefuGuard installed, then updated, while the agent's console is open (Chromium runs a manifest's
 * content scripts only in pages loaded after an install, and an update cuts the running copy off):
 * it starts in the open console by itself, no reload asked of the agent; after the update one copy
 * runs, the waits it kept go on, the events the old copy had not sent are not lost, and it works.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type InstallingBrowser, launchForInstall } from '../support/browser';
import { type StaticServer, startServer } from '../support/server';
import { eventually, overlayAttr, storedEvents } from './helpers';

let browser: InstallingBrowser;
let server: StaticServer;
let page: Page;
beforeAll(async () => {
  server = await startServer();
  browser = await launchForInstall();
  page = await browser.context.newPage();
  // no times in the console's messages: the waits are KefuGuard's own first-seen times, which only
  // the session it keeps in the tab carries over
  await page.goto(`${server.url}/?sim=off&history=1&seed=20&times=off`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Seconds left on each row's countdown, by conversation (of the overlay not marked old). */
const waits = (): Promise<Record<string, number>> =>
  page.evaluate(() =>
    Object.fromEntries(
      Array.from(
        document
          .querySelector('kefu-guard:not([data-test-old])')
          ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-where="row"]') ?? [],
      ).map((b) => [b.getAttribute('data-conversation') ?? '', Number(b.getAttribute('data-seconds'))]),
    ),
  );

describe('installed and updated under an open console', () => {
  test('installed: it starts in the console already open, without a reload', async () => {
    await page.waitForTimeout(500);
    expect(await page.locator('kefu-guard').count()).toBe(0);
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    await browser.install();
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-status')).toBe('recognised'),
    );
    await eventually(async () => expect(Object.keys(await waits()).length).toBeGreaterThan(0));
    expect(await page.locator('kefu-guard').count()).toBe(1);
    // the same page: not reloaded
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await page.screenshot({ path: 'test-results/install-open-console.png' });
  });

  test('updated: the cut-off copy gives way to one new one; each wait goes on; it works', async () => {
    const before = await eventually(async () => {
      const w = await waits();
      expect(Object.keys(w).length).toBeGreaterThan(0);
      return w;
    });
    // long enough that a countdown started again from scratch would show it
    await page.waitForTimeout(3000);
    // the open customer answered just before the update: its events are still in the old copy's
    // outbox (sent every 2 s) when it is cut off
    const open = (await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')) ?? '';
    expect(Object.keys(before)).toContain(open);
    const reply = page.locator('textarea.kd-reply');
    await reply.fill('亲，今天下午就给您安排发货');
    const answeredAt = Date.now();
    await reply.press('Enter');
    await eventually(async () => expect(Object.keys(await waits())).not.toContain(open));
    await page.evaluate(() => document.querySelector('kefu-guard')?.setAttribute('data-test-old', ''));
    await browser.install();
    const waiting = Object.keys(before).filter((c) => c !== open);
    await eventually(async () => {
      expect(await page.locator('kefu-guard[data-test-old]').count()).toBe(0);
      expect(await page.locator('kefu-guard').count()).toBe(1);
      expect(await overlayAttr(page, 'console-status', 'data-status')).toBe('recognised');
      expect(Object.keys(await waits()).sort()).toEqual(waiting.sort());
    }, 15_000);
    // seconds left kept falling: not 3:00 again
    const after = await waits();
    for (const conversation of waiting)
      expect(after[conversation], conversation).toBeLessThanOrEqual((before[conversation] ?? 0) - 2);
    // the answer's events were not lost with the old copy: the new one sent them
    await eventually(async () => {
      const answered = (await storedEvents(browser)).filter(
        (e) => e.type === 'round-answered' && e.t >= answeredAt - 1000,
      );
      expect(answered).toHaveLength(1);
    });
    // the new copy warns about a WeChat id in the draft, and the page still sends
    await reply.click();
    await page.keyboard.type('加我微信');
    await eventually(async () =>
      expect(
        await page.locator('kefu-guard [data-kg="warning"][data-rule="off-platform-wechat"]').count(),
      ).toBe(1),
    );
    await reply.fill('好的，马上为您查询');
    await reply.press('Enter');
    await eventually(async () =>
      expect(await page.locator('.kd-thread .kd-msg--agent .kd-msg-text').last().textContent()).toBe(
        '好的，马上为您查询',
      ),
    );
  });
});
