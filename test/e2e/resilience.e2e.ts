/**
 * Resilience in the real browser: the console's DOM replaced wholesale (a single-page-app
 * navigation) is picked up again at once, and an extension reload leaves no stale overlay behind.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, type Harness, overlayAttr, overlayText, setStored, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const badgeConvs = () =>
  Array.from(
    document
      .querySelector('kefu-guard')
      ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-where="row"]') ?? [],
  )
    .map((b) => b.getAttribute('data-conversation') ?? '')
    .sort();

describe('resilience', () => {
  test('the whole console replaced (SPA navigation): re-attached within a frame', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=19`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await eventually(async () => expect((await page.evaluate(badgeConvs)).length).toBeGreaterThan(0));
    const before = await page.evaluate(badgeConvs);
    const waiting = await overlayAttr(page, 'waiting-count', 'data-value');
    // swap the app for a copy made of new elements, then wait two frames
    const after = await page.evaluate(
      () =>
        new Promise<{ badges: string[]; rowsReplaced: boolean }>((resolve) => {
          const app = document.querySelector('.kd-app') as HTMLElement;
          const oldRow = app.querySelector('.kd-conv');
          const copy = app.cloneNode(true) as HTMLElement;
          app.replaceWith(copy);
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const badges = Array.from(
                document
                  .querySelector('kefu-guard')
                  ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-where="row"]') ?? [],
              )
                .map((b) => b.getAttribute('data-conversation') ?? '')
                .sort();
              resolve({ badges, rowsReplaced: document.querySelector('.kd-conv') !== oldRow });
            }),
          );
        }),
    );
    expect(after.rowsReplaced).toBe(true);
    expect(after.badges).toEqual(before);
    expect(await overlayAttr(page, 'waiting-count', 'data-value')).toBe(waiting);
    // the badges sit on the new rows
    const placed = await page.evaluate(() => {
      const row = document.querySelector('.kd-conv .kd-conv-unread:not([hidden])')?.closest('.kd-conv');
      const id = row?.getAttribute('data-conv-id');
      const badge = document
        .querySelector('kefu-guard')
        ?.shadowRoot?.querySelector(`[data-kg="countdown"][data-where="row"][data-conversation="${id}"]`);
      if (!row || !badge) return null;
      const r = row.getBoundingClientRect();
      const b = badge.getBoundingClientRect();
      return b.top >= r.top - 1 && b.bottom <= r.bottom + 1;
    });
    expect(placed).toBe(true);
    await page.close();
  });

  test('a console already running this KefuGuard is not started twice (the background asks it first)', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=21`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-status')).toBe('recognised'),
    );
    await page.evaluate(() => document.querySelector('kefu-guard')?.setAttribute('data-test-first', ''));
    // what an install or an update runs (the e2e build lets the test call it)
    const started = await (await h.browser.worker()).evaluate(() =>
      (globalThis as unknown as { kgStartInOpenConsoles(): Promise<number[]> }).kgStartInOpenConsoles(),
    );
    expect(started).toEqual([]);
    await page.waitForTimeout(500);
    expect(await page.locator('kefu-guard').count()).toBe(1);
    expect(await page.locator('kefu-guard[data-test-first]').count()).toBe(1);
    await page.close();
  });

  test('stored settings the checks refuse (another version, a hand edit) leave the overlay working on their defaults', async () => {
    await setStored(h.browser, 'settings', {
      language: 'klingon',
      clock: { taobao: { warnSeconds: 'soon', breachSeconds: -5 } },
      pickerKey: 'ctrl-space',
      disabledConsoles: 'demo',
    });
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=23`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    // in Chinese, with countdowns of the preset, and the picker on its default key
    expect(await overlayText(page, 'console-status')).toContain('演示控制台');
    await eventually(async () =>
      expect(
        await page.evaluate(
          () =>
            document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="countdown"]')
              .length ?? 0,
        ),
      ).toBeGreaterThan(0),
    );
    const states = await page.evaluate(() =>
      Array.from(
        document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="countdown"]') ?? [],
      ).map((b) => [b.getAttribute('data-state'), Number(b.getAttribute('data-seconds'))] as const),
    );
    // whole seconds everywhere, and customers not yet late (a breach time of -5 s would make every one red)
    expect(states.every(([, seconds]) => Number.isInteger(seconds))).toBe(true);
    expect(states.some(([state]) => state === 'ok' || state === 'warn')).toBe(true);
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.press('Control+Space');
    await eventually(async () =>
      expect(
        await page.evaluate(
          () =>
            document.querySelector('kefu-guard')?.shadowRoot?.querySelector('[data-kg="template-picker"]') !==
            null,
        ),
      ).toBe(true),
    );
    await page.close();
    await setStored(h.browser, 'settings', {});
  });

  test('an extension reload under an open console leaves no stale overlay', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=20`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    expect(await page.locator('kefu-guard').count()).toBe(1);
    const ext = await h.browser.openExtensionPage('popup.html');
    await ext
      .evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
      )
      .catch(() => undefined);
    await eventually(async () => expect(await page.locator('kefu-guard').count()).toBe(0), 10_000);
    // the page keeps working without us
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('加我微信');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await page.locator('.kd-thread .kd-msg--agent .kd-msg-text').last().textContent()).toBe(
        '加我微信',
      ),
    );
    await page.close();
  });
});
