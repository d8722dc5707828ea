/**
 * Hostile input in the real browser: chat text, nicks and pack content carrying HTML, scripts,
 * `javascript:` URLs, bidi controls and 50,000-character strings are shown as text, never run,
 * never break the overlay; a page script can't drive our controls (untrusted events are ignored).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { InstalledPack } from '../../utils/packs';
import { eventually, type Harness, overlayAttr, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  '\u202Egnp.exe\u202C 微信',
  `${'长'.repeat(50_000)}`,
];

type Demo = {
  addCustomerMessage(id: string, text: string, o?: { nick?: string }): string;
  openConversation(id: string): boolean;
};
const demo = (page: Page, id: string, text: string, nick: string) =>
  page.evaluate(
    ([i, t, n]) => (window as unknown as { kefuDemo: Demo }).kefuDemo.addCustomerMessage(i, t, { nick: n }),
    [id, text, nick] as const,
  );

const ourElements = (page: Page, selector: string) =>
  page.evaluate(
    (sel) => document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll(sel).length ?? 0,
    selector,
  );

describe('hostile chat content', () => {
  test('nicks and messages with markup are text; nothing runs; the overlay keeps its shape', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=13`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    for (const [i, s] of HOSTILE.entries()) await demo(page, `evil-${i}`, s, s.slice(0, 200));
    await page.evaluate(() => (window as unknown as { kefuDemo: Demo }).kefuDemo.openConversation('evil-0'));
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(5),
    );
    // the customer's hostile message drives suggestions and a risky-ask check: still only text
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('你好');
    await page.keyboard.press('Control+Space');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    for (const sel of ['img', 'script', 'iframe', 'a[href^="javascript"]', '[onerror]']) {
      expect(await ourElements(page, sel)).toBe(0);
    }
    const panel = await page.evaluate(() => {
      const r = document
        .querySelector('kefu-guard')
        ?.shadowRoot?.querySelector('[data-kg="console-status"]')
        ?.getBoundingClientRect();
      return r ? { w: r.width, h: r.height } : null;
    });
    expect(panel?.w).toBeLessThanOrEqual(470);
    expect(panel?.h).toBeLessThanOrEqual(60);
    await page.screenshot({ path: 'test-results/hostile.png' });
    await page.close();
  });
});

describe('hostile pack content', () => {
  test('templates with markup are listed and inserted as text', async () => {
    const seed = await h.browser.openExtensionPage('popup.html');
    const pack: InstalledPack = {
      pack: {
        format: 'kefu-guard-pack',
        version: 1,
        id: 'evil-pack',
        name: '<b>evil</b>',
        updated: '2026-11-22',
        templates: [
          {
            id: 'evil-t',
            title: '<img src=x onerror="window.__pwned=4">坏标题',
            body: '<script>window.__pwned=5</script>亲，javascript:void(0)',
            group: '售前',
          },
        ],
      },
      enabled: true,
      source: { kind: 'local' },
      installedAt: Date.now(),
    };
    await seed.evaluate(
      (p) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(x: object): Promise<void> } } } }
        ).chrome.storage.local.set({ packs: [p] }),
      pack,
    );
    await seed.close();
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=14`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.press('Control+Space');
    await page.keyboard.type('坏标题');
    const item = page.locator('kefu-guard [data-kg="template"][data-template-id="evil-t"]');
    await eventually(async () => expect(await item.count()).toBe(1));
    expect(await item.textContent()).toContain('<img src=x');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await page.locator('textarea.kd-reply').inputValue()).toContain('<script>'),
    );
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await ourElements(page, 'img, script')).toBe(0);
    await page.close();
  });
});

describe('page scripts cannot drive our controls', () => {
  test('a synthetic click on "send anyway" does nothing; a real one sends', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=15`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    const before = await page.locator('.kd-thread .kd-msg--agent').count();
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('加我微信');
    await page.keyboard.press('Enter');
    const anyway = page.locator('kefu-guard [data-kg="guard-send-anyway"]');
    await eventually(async () => expect(await anyway.count()).toBe(1));
    // the page reaches into our open shadow root and clicks: untrusted, ignored
    await page.evaluate(() => {
      const button = document
        .querySelector('kefu-guard')
        ?.shadowRoot?.querySelector('[data-kg="guard-send-anyway"]');
      (button as HTMLElement | null)?.click();
    });
    await page.waitForTimeout(300);
    expect(await page.locator('.kd-thread .kd-msg--agent').count()).toBe(before);
    await anyway.click();
    await eventually(async () =>
      expect(await page.locator('.kd-thread .kd-msg--agent').count()).toBe(before + 1),
    );
    await page.close();
  });
});
