/**
 * The foundation in a real browser: Debian's Chromium with the built e2e extension loaded, on the
 * demo console, on fixture pages of each built-in console, in an iframe and on a page that is no
 * console at all.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageSeenEvent, StoredEvent } from '../../utils/events';
import { EVENT_BATCH_MS } from '../../utils/outbox';
import { eventually, type Harness, overlayAttr, overlayText, startHarness, storedEvents } from './helpers';

let h: Harness;
const messageEvents = (all: StoredEvent[]) =>
  all.filter((e): e is MessageSeenEvent & { day: string } => e.type === 'message');
const fromCount = (all: StoredEvent[], from: 'customer' | 'agent') =>
  messageEvents(all).filter((e) => e.from === from).length;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('demo console', () => {
  test('overlay, customer and agent messages logged, popup counts them', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=1`);

    // the overlay is drawn in our own shadow root and says which console it recognised
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    expect(await page.locator('kefu-guard').count()).toBe(1);
    const hostHasShadow = await page.evaluate(() => document.querySelector('kefu-guard')?.shadowRoot?.mode);
    expect(hostHasShadow).toBe('open');

    type Demo = {
      conversations(): { id: string; active: boolean }[];
      messages(id: string): { from: string }[];
    };
    const convId = await page.evaluate(
      () =>
        (window as unknown as { kefuDemo: Demo }).kefuDemo.conversations().find((c) => c.active)?.id ?? '',
    );
    expect(convId).not.toBe('');
    // every customer and agent message of the open thread is logged, once (a fresh profile)
    const history = await page.evaluate(
      (id) =>
        (window as unknown as { kefuDemo: Demo }).kefuDemo.messages(id).filter((m) => m.from !== 'system')
          .length,
      convId,
    );
    expect(history).toBeGreaterThan(0);
    const before = await eventually(async () => {
      const all = await storedEvents(h.browser);
      expect(messageEvents(all).length).toBe(history);
      return all;
    });

    // a customer writes in the open conversation → one more customer event, no text stored
    const secret = '我的手机号是13800138000，收件人张三';
    await page.evaluate(
      ([id, text]) =>
        (
          window as unknown as { kefuDemo: { addCustomerMessage(c: string, t: string): void } }
        ).kefuDemo.addCustomerMessage(id as string, text as string),
      [convId, secret] as const,
    );
    const afterCustomer = await eventually(async () => {
      const all = await storedEvents(h.browser);
      expect(fromCount(all, 'customer')).toBe(fromCount(before, 'customer') + 1);
      return all;
    });
    const raw = JSON.stringify(afterCustomer);
    expect(raw).not.toContain('13800138000');
    expect(raw).not.toContain(convId);

    // the open conversation now waits for the agent
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBeGreaterThan(0),
    );

    // the agent replies by typing and pressing Enter, as a person would → an agent event
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('亲，您好，马上为您查看');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.kd-msg--agent').last().textContent()).toContain('马上为您查看');
    const afterAgent = await eventually(async () => {
      const all = await storedEvents(h.browser);
      expect(fromCount(all, 'agent')).toBe(fromCount(afterCustomer, 'agent') + 1);
      return all;
    });
    for (const e of messageEvents(afterAgent)) {
      expect(e.console).toBe('demo');
      expect(e.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(e).sort()).toEqual([
        'console',
        'conv',
        'day',
        'from',
        'id',
        'platform',
        't',
        'type',
      ]);
    }

    // the popup shows today's count, read from IndexedDB
    const popup = await h.browser.openExtensionPage('popup.html');
    const today = afterAgent.filter((e) => e.day === new Date().toLocaleDateString('sv-SE')).length;
    await eventually(async () =>
      expect(
        Number(await popup.locator('[data-kg="kpi"][data-name="events-today"]').getAttribute('data-value')),
      ).toBe(today),
    );
    await popup.close();

    // reloading the console logs nothing twice (event ids are deterministic)
    await page.reload();
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    // (the page's events leave in one batch, EVENT_BATCH_MS after the first)
    await page.waitForTimeout(EVENT_BATCH_MS + 800);
    expect((await storedEvents(h.browser)).length).toBe(afterAgent.length);
    await page.close();
  });

  test('a tab closed before its events went out: they go as it closes, none lost', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=12`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    const before = await storedEvents(h.browser);
    await page.evaluate(() =>
      (
        window as unknown as { kefuDemo: { addCustomerMessage(c: string, t: string): void } }
      ).kefuDemo.addCustomerMessage('c-closing', '在吗？'),
    );
    // read by the overlay (the customer waits), then the tab closes at once, well inside the batch's wait
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(1),
    );
    await page.close();
    const after = await eventually(async () => {
      const all = await storedEvents(h.browser);
      expect(fromCount(all, 'customer')).toBe(fromCount(before, 'customer') + 1);
      return all;
    });
    expect(after.filter((e) => e.type === 'round-opened').length).toBe(
      before.filter((e) => e.type === 'round-opened').length + 1,
    );
  });

  test('the simulator feeds the overlay: customers wait and events accumulate', async () => {
    const page = await h.browser.context.newPage();
    const before = (await storedEvents(h.browser)).length;
    await page.goto(`${h.server.url}/?speed=30&seed=5`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBeGreaterThan(0),
    );
    await eventually(
      async () => expect((await storedEvents(h.browser)).length).toBeGreaterThan(before),
      15_000,
    );
    const text = await overlayText(page, 'console-status');
    expect(text).toContain('演示控制台');
    await page.close();
  });
});

describe('built-in console fixtures are recognised in the real browser', () => {
  test.each([
    ['qianniu', 'qianniu/chat-open.html'],
    ['pinduoduo', 'pinduoduo/chat-open.html'],
    ['feige', 'feige/chat-open.html'],
  ])('%s', async (id, fixture) => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/fixtures/consoles/${fixture}`);
    await eventually(async () => expect(await overlayAttr(page, 'console-status', 'data-console')).toBe(id));
    await page.close();
  });
});

describe('frames and unrecognised pages', () => {
  test('a chat inside an iframe gets the overlay there; the top frame stays quiet', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/fixtures/pages/iframe-host.html`);
    const frame = page.frameLocator('iframe');
    await expect
      .poll(
        () =>
          frame
            .locator('kefu-guard')
            .evaluate((el) =>
              el.shadowRoot?.querySelector('[data-kg="console-status"]')?.getAttribute('data-console'),
            )
            .catch(() => null),
        { timeout: 10_000 },
      )
      .toBe('demo');
    // well past the 10 s health timeout the top frame has said nothing
    await page.waitForTimeout(11_000);
    expect(await overlayAttr(page, 'console-status', 'data-status')).toBeNull();
    await page.close();
  });

  test('a page with no chat says so after 10 s and leaves the page alone', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/fixtures/pages/not-a-console.html`);
    const bodyBefore = await page.evaluate(() =>
      document.body.innerHTML.replace(/<kefu-guard[\s\S]*<\/kefu-guard>/, ''),
    );
    await page.waitForTimeout(3000);
    expect(await overlayAttr(page, 'console-status', 'data-status')).toBeNull();
    await eventually(
      async () => expect(await overlayAttr(page, 'console-status', 'data-status')).toBe('unrecognised'),
      12_000,
    );
    expect(await overlayText(page, 'console-status')).toContain('未识别到聊天界面');
    const bodyAfter = await page.evaluate(() =>
      document.body.innerHTML.replace(/<kefu-guard[\s\S]*<\/kefu-guard>/, ''),
    );
    expect(bodyAfter).toBe(bodyBefore);
    // typing and submitting in the page's own box is untouched
    await page.locator('#q').fill('你好');
    await page.locator('#go').click();
    await expect.poll(() => page.locator('#out').textContent()).toBe('你好');
    await page.screenshot({ path: 'test-results/unrecognised.png' });
    await page.close();
  });
});

describe('the status panel', () => {
  test('moves out of the way: dragged to a corner, or by Enter; kept after a reload; synthetic events do nothing', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=5`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    const panel = page.locator('kefu-guard [data-kg="console-status"]');
    const handle = page.locator('kefu-guard [data-kg="panel-handle"]');
    const where = async () => {
      const b = await panel.boundingBox();
      const vp = page.viewportSize() ?? { width: 1280, height: 800 };
      if (!b) return 'none';
      return `${b.y + b.height / 2 < vp.height / 2 ? 'top' : 'bottom'}-${b.x + b.width / 2 < vp.width / 2 ? 'left' : 'right'}`;
    };
    expect(await where()).toBe('top-right');
    // a page script cannot move it
    await handle.evaluate((el) => {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await page.waitForTimeout(200);
    expect(await where()).toBe('top-right');
    // dragged by the 守 handle to the bottom left
    const hb = await handle.boundingBox();
    expect(hb).not.toBeNull();
    await page.mouse.move((hb?.x ?? 0) + 12, (hb?.y ?? 0) + 12);
    await page.mouse.down();
    await page.mouse.move(60, 700, { steps: 8 });
    await page.mouse.up();
    await eventually(async () => expect(await where()).toBe('bottom-left'));
    expect(await handle.getAttribute('data-corner')).toBe('bottom-left');
    // kept for the next page
    await page.reload();
    await eventually(async () => expect(await where()).toBe('bottom-left'));
    // by keyboard: Enter goes on to the next corner (clockwise: top left)
    await handle.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await where()).toBe('top-left'));
    await page.screenshot({ path: 'test-results/panel-moved.png' });
    // back where it started, for the other tests
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await where()).toBe('top-right'));
    await page.close();
  });
});
