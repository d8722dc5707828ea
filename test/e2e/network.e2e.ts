/**
 * Private by default: over a busy demo session (customers writing, the agent replying, templates,
 * warnings, the popup open) nothing leaves for any host but the local demo server and the
 * extension's own files.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, type Harness, overlayAttr, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('no request leaves the browser', async () => {
  const seen: string[] = [];
  h.browser.context.on('request', (r) => seen.push(r.url()));
  const worker = await h.browser.worker();
  const page = await h.browser.context.newPage();
  await page.goto(`${h.server.url}/?speed=40&seed=17`);
  await eventually(async () =>
    expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
  );
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(2000);
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type(i % 2 ? '亲，马上为您处理' : '加我微信');
    await page.keyboard.press('Enter');
    const anyway = page.locator('kefu-guard [data-kg="guard-send-anyway"]');
    if (await anyway.count()) await anyway.click();
    const chip = page.locator('kefu-guard [data-kg="suggestion"]').first();
    if (await chip.count()) await chip.click();
  }
  const popup = await h.browser.openExtensionPage('popup.html');
  await popup.waitForTimeout(1000);
  await popup.close();
  await page.close();
  const local = new URL(h.server.url).host;
  const foreign = seen.filter((u) => {
    const url = new URL(u);
    // the extension's own files (a dynamic id for web-accessible ones) never touch the network
    if (url.protocol === 'chrome-extension:' || url.protocol === 'data:' || url.protocol === 'blob:')
      return false;
    return url.host !== local;
  });
  expect(seen.length).toBeGreaterThan(0);
  expect(foreign).toEqual([]);
  expect(worker.url()).toContain(h.browser.extensionId);
}, 60_000);
