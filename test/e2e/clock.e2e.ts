/**
 * The response clock in the real browser: countdown badges on the demo console turn amber at
 * 100 s and red at 180 s, a reply ends the wait and the round is logged in time or late, and
 * the waiting bar jumps to the customer waiting longest. Waits are made long by giving the demo's
 * messages console timestamps in the past (the clock trusts console times), so the test crosses
 * the thresholds in real time within seconds. The built-in consoles' saved pages (test/fixtures/
 * consoles) get their badges through their own adapters: one per waiting customer, on its row.
 * Those pages lost their styles when saved (their rows are narrow), so the badges' placement there
 * is checked for what holds on any layout: on the row, clear of the nick and the unread count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { alertId, alertTarget } from '../../utils/breach-alerts';
import { presetFor } from '../../utils/clock';
import { feige } from '../../utils/consoles/feige';
import { pinduoduo } from '../../utils/consoles/pinduoduo';
import { qianniu } from '../../utils/consoles/qianniu';
import type { StoredEvent } from '../../utils/events';
import { eventually, type Harness, overlayAttr, overlayText, startHarness, storedEvents } from './helpers';

/** The built-in consoles' saved pages (and what their adapters read from them). */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'consoles');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Badge {
  conversation: string;
  where: string;
  state: string;
  seconds: number;
  estimated: string;
  text: string;
}

const badges = (page: Page): Promise<Badge[]> =>
  page.evaluate(() =>
    Array.from(
      document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="countdown"]') ?? [],
    ).map((b) => ({
      conversation: b.getAttribute('data-conversation') ?? '',
      where: b.getAttribute('data-where') ?? '',
      state: b.getAttribute('data-state') ?? '',
      seconds: Number(b.getAttribute('data-seconds')),
      estimated: b.getAttribute('data-estimated') ?? '',
      text: b.textContent ?? '',
    })),
  );

/** What the background sends the tab when the agent presses the shortcut (the browser owns the key itself). */
function pressShortcut(worker: Awaited<ReturnType<Harness['browser']['worker']>>): Promise<void> {
  return worker.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        tabs: {
          query(q: { url: string }): Promise<{ id?: number }[]>;
          sendMessage(id: number, m: unknown): Promise<unknown>;
        };
      };
    };
    const [tab] = await chrome.tabs.query({ url });
    if (tab?.id !== undefined) await chrome.tabs.sendMessage(tab.id, { type: 'command:jump-longest' });
  }, `${h.server.url}/*`);
}

/** A new page on the demo console (`query` after its `?`), once KefuGuard recognised it. */
async function demoPage(query: string): Promise<Page> {
  const page = await h.browser.context.newPage();
  await page.goto(`${h.server.url}/?${query}`);
  await eventually(async () =>
    expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
  );
  return page;
}

const demo = (page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const api = (window as unknown as { kefuDemo: Record<string, (...x: unknown[]) => unknown> }).kefuDemo;
      return api[f as string]?.(...(a as unknown[]));
    },
    [fn, args] as const,
  );

const rounds = (all: StoredEvent[], type: 'round-opened' | 'round-answered' | 'breach') =>
  all.filter((e) => e.type === type);

describe('countdowns', () => {
  test('green → amber at 100 s → red at 180 s; a reply ends the wait and logs the round', async () => {
    const page = await demoPage('sim=off&seed=4');
    const now = Date.now();

    // a customer who has waited 97 s: still green, amber once 100 s have passed
    await demo(page, 'addCustomerMessage', 'c-amber', '在吗？这个有货吗', {
      nick: '测试买家甲',
      time: now - 97_000,
    });
    await demo(page, 'openConversation', 'c-amber');
    const header = async () =>
      (await badges(page)).find((b) => b.conversation === 'c-amber' && b.where === 'header');
    await eventually(async () => expect((await header())?.state).toBe('ok'));
    expect((await header())?.seconds).toBeLessThanOrEqual(83);
    await eventually(async () => expect((await header())?.state).toBe('warn'), 8000);
    const row = (await badges(page)).find((b) => b.conversation === 'c-amber' && b.where === 'row');
    expect(row?.state).toBe('warn');
    expect(row?.estimated).toBe('false');

    // another who has waited 178 s: red at 180 s, then counting up as overdue
    await demo(page, 'addCustomerMessage', 'c-red', '怎么还不回复？', {
      nick: '测试买家乙',
      time: Date.now() - 178_000,
    });
    await demo(page, 'openConversation', 'c-red');
    const red = async () =>
      (await badges(page)).find((b) => b.conversation === 'c-red' && b.where === 'header');
    await eventually(async () => expect((await red())?.state).toBe('breach'), 8000);
    await eventually(async () => expect((await red())?.text).toMatch(/已超时 \d+:\d\d/), 3000);
    await page.screenshot({ path: 'test-results/clock-countdowns.png' });

    // the agent answers the late one: its badge goes, the round is logged late, the breach too
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('亲，抱歉久等了，马上为您处理');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect((await badges(page)).some((b) => b.conversation === 'c-red')).toBe(false),
    );
    // …and the one in time
    await demo(page, 'openConversation', 'c-amber');
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('在的亲，有货的');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect((await badges(page)).some((b) => b.conversation === 'c-amber')).toBe(false),
    );

    const all = await eventually(async () => {
      const got = await storedEvents(h.browser);
      expect(rounds(got, 'round-answered')).toHaveLength(2);
      return got;
    });
    const answered = rounds(all, 'round-answered') as Extract<StoredEvent, { type: 'round-answered' }>[];
    const late = answered.find((e) => e.waitMs > 180_000);
    const inTime = answered.find((e) => e.waitMs < 180_000);
    expect(late?.inTime).toBe(false);
    expect(inTime?.inTime).toBe(true);
    expect(inTime?.waitMs).toBeGreaterThan(100_000);
    expect(rounds(all, 'breach')).toHaveLength(1);
    expect(rounds(all, 'round-opened').length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  test("the open thread's badge follows the nick's line: it covers neither the nick, its tag nor where the customer came from", async () => {
    const page = await demoPage('sim=off&seed=4');
    await demo(page, 'addCustomerMessage', 'c-line', '在吗？', { nick: '测试买家丙' });
    await demo(page, 'openConversation', 'c-line');
    const boxes = () =>
      page.evaluate(() => {
        const box = (el: Element | null | undefined) => {
          const r = el?.getBoundingClientRect();
          return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
        };
        return {
          badge: box(
            document
              .querySelector('kefu-guard')
              ?.shadowRoot?.querySelector('[data-kg="countdown"][data-where="header"]'),
          ),
          nick: box(document.querySelector('.kd-thread-nick')),
          tag: box(document.querySelector('.kd-thread-tag')),
          source: box(document.querySelector('.kd-thread-source')),
          actions: box(document.querySelector('.kd-thread-actions')),
        };
      });
    const at = await eventually(async () => {
      const b = await boxes();
      expect(b.badge).not.toBeNull();
      return b;
    });
    const { badge, nick, tag, source, actions } = at as {
      [k in keyof typeof at]: NonNullable<(typeof at)[k]>;
    };
    for (const text of [nick, tag, source]) {
      expect(text.right - text.left).toBeGreaterThan(0);
      expect(badge.left >= text.right || badge.right <= text.left).toBe(true);
    }
    expect(badge.left).toBeGreaterThanOrEqual(source.right);
    expect(badge.right).toBeLessThanOrEqual(actions.left);
    // on the nick's line
    expect(badge.top).toBeLessThan(nick.bottom);
    expect(badge.bottom).toBeGreaterThan(nick.top);
    await page.screenshot({
      path: 'test-results/clock-header-badge.png',
      clip: { x: 280, y: 56, width: 700, height: 52 },
    });

    // a nick long enough to fill the line up to the buttons: the badge moves left over where the
    // customer came from, never over the console's buttons, and stays on the line
    await demo(page, 'addCustomerMessage', 'c-long', '在吗？', { nick: `超长昵称${'买'.repeat(40)}` });
    await demo(page, 'openConversation', 'c-long');
    const crowded = await eventually(async () => {
      const b = await boxes();
      expect(b.badge).not.toBeNull();
      // too little room after the line for a badge
      expect((b.source?.right ?? 0) + 8 + 48).toBeGreaterThan(b.actions?.left ?? 0);
      return b;
    });
    const c = crowded as { [k in keyof typeof crowded]: NonNullable<(typeof crowded)[k]> };
    expect(c.badge.right).toBeLessThanOrEqual(c.actions.left);
    expect(c.badge.left).toBeGreaterThanOrEqual(c.nick.left);
    expect(c.badge.top).toBeLessThan(c.nick.bottom);
    expect(c.badge.bottom).toBeGreaterThan(c.nick.top);
    await page.screenshot({
      path: 'test-results/clock-header-badge-crowded.png',
      clip: { x: 280, y: 56, width: 700, height: 52 },
    });
    await page.close();
  });

  test('waiting bar: counts, longest wait, and a click opens the customer waiting longest', async () => {
    const page = await demoPage('sim=off&seed=5');
    const now = Date.now();
    await demo(page, 'addCustomerMessage', 'c-first', '你好', { nick: '先来的', time: now - 60_000 });
    await demo(page, 'addCustomerMessage', 'c-second', '在吗', { nick: '后来的', time: now - 5_000 });
    await demo(page, 'openConversation', 'c-second');
    // c-first was opened first (auto) and read, so its round is known with its console time
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(2),
    );
    await eventually(async () =>
      expect(await overlayAttr(page, 'waiting-bar', 'data-longest')).toBe('c-first'),
    );
    expect(Number(await overlayAttr(page, 'longest-wait', 'data-seconds'))).toBeGreaterThanOrEqual(60);

    await page.locator('kefu-guard [data-kg="waiting-bar"]').click();
    await eventually(async () =>
      expect(await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')).toBe('c-first'),
    );
    await page.close();
  });

  test('the shortcut (Alt+Shift+J) opens the customer waiting longest, from the open one too', async () => {
    // the browser owns the key: the test checks it is registered, then sends what the background
    // sends the tab on a press (its forwarding is unit-tested in commands.test.ts)
    const worker = await h.browser.worker();
    const commands = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
      };
      return chrome.commands.getAll();
    });
    expect(commands.find((c) => c.name === 'jump-longest')?.shortcut).toBe('Alt+Shift+J');
    // the rows show their waits (「等待 1:00」), as 千牛's do: the rows never opened are ordered by them
    const page = await demoPage('sim=off&seed=5&waits=1');
    const now = Date.now();
    // the open customer waits longest; the shortcut goes to the next one, then back
    await demo(page, 'addCustomerMessage', 'c-open', '你好', { nick: '打开着的', time: now - 90_000 });
    await demo(page, 'addCustomerMessage', 'c-next', '在吗', { nick: '等着的', time: now - 60_000 });
    await demo(page, 'addCustomerMessage', 'c-last', '发货了吗', { nick: '刚来的', time: now - 5_000 });
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(3),
    );
    const press = () => pressShortcut(worker);
    const activeId = () => page.locator('.kd-conv.is-active').getAttribute('data-conv-id');
    expect(await activeId()).toBe('c-open');
    await press();
    await eventually(async () => expect(await activeId()).toBe('c-next'));
    // the waiting bar's tooltip names the key too
    await eventually(async () =>
      expect(await overlayAttr(page, 'waiting-bar', 'title')).toBe(
        '跳到等待最久的顾客：打开着的（Alt+Shift+J）',
      ),
    );
    await press();
    await eventually(async () => expect(await activeId()).toBe('c-open'));
    await page.close();
  });

  test('the shortcut with nobody else waiting says so in the waiting bar, for a few seconds', async () => {
    const worker = await h.browser.worker();
    const page = await demoPage('sim=off&seed=5&waits=1');
    // the one customer waiting is the open one
    await demo(page, 'addCustomerMessage', 'c-open', '你好', { nick: '打开着的', time: Date.now() - 30_000 });
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(1),
    );
    const note = () => overlayText(page, 'bar-note');
    expect(await note()).toBeNull();
    await pressShortcut(worker);
    await eventually(async () => expect(await note()).toBe('没有其他顾客在等待'));
    await page.screenshot({
      path: 'test-results/clock-shortcut-nobody-else.png',
      clip: { x: 640, y: 0, width: 640, height: 120 },
    });
    expect(await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')).toBe('c-open');
    // gone again after its few seconds
    await eventually(async () => expect(await note()).toBeNull(), 6000);
    await page.close();
  });

  test('the breach-soon notification: made with where it came from; a click brings the console tab to the front and opens that customer', async () => {
    const worker = await h.browser.worker();
    type Chrome = {
      tabs: {
        query(q: { url: string }): Promise<{ id?: number; windowId?: number }[]>;
        create(p: { windowId?: number; url: string; active: boolean }): Promise<{ id?: number }>;
        get(id: number): Promise<{ active: boolean }>;
        remove(id: number): Promise<void>;
      };
      notifications: { getAll(): Promise<Record<string, boolean>> };
    };
    // the request the overlay sends for a hidden tab (a headless tab is never hidden), from a tab
    // of ours: the notification's id names that tab, its frame and the customer
    const options = await h.browser.openExtensionPage('options.html');
    const ok = await options.evaluate(
      (c) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
          }
        ).chrome.runtime.sendMessage({
          type: 'notify:breach-soon',
          title: '顾客即将超时未回复',
          message: '…',
          conversation: c,
        }),
      'tb_小鱼儿88:1',
    );
    expect(ok).toEqual({ ok: true });
    const made = await worker.evaluate(async () =>
      Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()),
    );
    const optionsTab = await options.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as { chrome: { tabs: { getCurrent(): Promise<{ id?: number }> } } }
          ).chrome.tabs.getCurrent()
        ).id,
    );
    expect(made.map(alertTarget)).toContainEqual({
      tabId: optionsTab,
      frameId: 0,
      conversation: 'tb_小鱼儿88:1',
    });
    await options.close();

    const page = await demoPage('sim=off&seed=5&waits=1');
    const now = Date.now();
    await demo(page, 'addCustomerMessage', 'c-open', '你好', { nick: '打开着的', time: now - 30_000 });
    await demo(page, 'addCustomerMessage', 'c-late', '在吗', { nick: '快超时的', time: now - 165_000 });
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(2),
    );
    // the agent is in another tab when the notification comes
    const { tabId, other } = await worker.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const [tab] = await chrome.tabs.query({ url });
      const away = await chrome.tabs.create({ windowId: tab?.windowId, url: 'about:blank', active: true });
      return { tabId: tab?.id ?? -1, other: away.id ?? -1 };
    }, `${h.server.url}/*`);
    const isActive = (id: number) =>
      worker.evaluate(
        async (t) => (await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.get(t)).active,
        id,
      );
    expect(await isActive(tabId)).toBe(false);
    // the click (a headless browser shows no notification to click: the e2e build lets the test call
    // what the background's click listener calls)
    const clicked = await worker.evaluate(
      (id) => (globalThis as unknown as { kgAlertClicked(id: string): Promise<boolean> }).kgAlertClicked(id),
      alertId({ tabId, frameId: 0, conversation: 'c-late' }, Date.now()),
    );
    expect(clicked).toBe(true);
    expect(await isActive(tabId)).toBe(true);
    await eventually(async () =>
      expect(await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')).toBe('c-late'),
    );
    await worker.evaluate((t) => (globalThis as unknown as { chrome: Chrome }).chrome.tabs.remove(t), other);
    await page.close();
  });

  test('a reload keeps the countdown where it was', async () => {
    const page = await h.browser.context.newPage();
    // a message without a console timestamp: its wait is timed from when KefuGuard first saw it
    const setUp = async () => {
      await page.goto(`${h.server.url}/?sim=off&seed=6`);
      await eventually(async () =>
        expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
      );
      await demo(page, 'addSystemMessage', 'c-reload', '买家已进入会话');
      await page.evaluate(() => {
        const m = document.createElement('div');
        m.className = 'kd-msg kd-msg--customer';
        m.dataset.msgId = 'no-time-1';
        const t = document.createElement('div');
        t.className = 'kd-msg-text';
        t.textContent = '没有时间戳的消息';
        m.append(t);
        document.querySelector('.kd-msg-list')?.append(m);
      });
    };
    const headerSeconds = async () =>
      (await badges(page)).find((b) => b.where === 'header' && b.conversation === 'c-reload')?.seconds ??
      Number.NaN;
    await setUp();
    await eventually(async () => expect(await headerSeconds()).toBeLessThanOrEqual(180));
    await page.waitForTimeout(4000);
    const before = await headerSeconds();
    expect(before).toBeLessThanOrEqual(177);
    await setUp(); // a reload: the page rebuilds the same conversation and message
    // the first countdown shown after the reload goes on from where it was (no restart at 3:00)
    const after = await eventually(async () => {
      const s = await headerSeconds();
      expect(Number.isNaN(s)).toBe(false);
      return s;
    });
    expect(after).toBeLessThanOrEqual(before);
    await page.close();
  });
});

describe('a console that shows its own waits and gives no message times (demo ?waits=1&times=off)', () => {
  test('a customer open at once, and a row never opened, count from the row’s 「等待 m:ss」; opening one goes on counting', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&waits=1&times=off`);
    await page.waitForFunction(() => 'kefuDemo' in window);
    // the console opens its first customer, who wrote a minute ago: the header counts from its row's 「等待 1:00」
    await demo(page, 'addCustomerMessage', 'first', '在吗', {
      nick: '先来的顾客',
      time: Date.now() - 60_000,
    });
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-status')).toBe('recognised'),
    );
    const opened = await eventually(async () => {
      const b = (await badges(page)).find((x) => x.conversation === 'first' && x.where === 'header');
      expect(b?.state).toBe('ok');
      return b;
    });
    expect(opened?.seconds).toBeLessThanOrEqual(120);
    expect(opened?.seconds).toBeGreaterThan(100);
    // the console's own figure: no estimate
    expect(opened).toMatchObject({ estimated: 'false' });
    expect(opened?.text).not.toMatch(/^~/);
    // a customer who wrote 150 s ago, while nobody watched: the console's row says 「等待 2:30」
    await demo(page, 'addCustomerMessage', 'late', '这个还有货吗？', {
      nick: '等了两分半的顾客',
      time: Date.now() - 150_000,
    });
    const of = async (where: string) =>
      (await badges(page)).find((b) => b.conversation === 'late' && b.where === where);
    const row = await eventually(async () => {
      const b = await of('row');
      // Taobao's clock: amber from 100 s, 30 s left at most
      expect(b).toMatchObject({ state: 'warn', estimated: 'false' });
      return b;
    });
    expect(row?.seconds).toBeLessThanOrEqual(30);
    expect(row?.seconds).toBeGreaterThan(10);
    expect(await page.locator('li.kd-conv[data-conv-id="late"] .kd-conv-wait').textContent()).toMatch(
      /^等待 2:[345]\d$/,
    );
    await page.locator('li.kd-conv[data-conv-id="late"]').click();
    // opened: its thread's messages have no times; the countdown goes on from the row's, not from 3:00
    const header = await eventually(async () => {
      const b = await of('header');
      expect(b?.state).toBe('warn');
      return b;
    });
    expect(header?.seconds).toBeLessThanOrEqual(row?.seconds ?? 0);
    expect(header).toMatchObject({ estimated: 'false' });
    expect(header?.text).not.toMatch(/^~/);
    await page.screenshot({ path: 'test-results/clock-console-waits.png' });
    await page.close();
  });

  test('without the wait labels, a customer open at once counts from the load and says so (「~」) until a message comes live', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&times=off`);
    await page.waitForFunction(() => 'kefuDemo' in window);
    // the console opens a customer who wrote a minute ago, and shows neither the time nor the wait
    await demo(page, 'addCustomerMessage', 'first', '在吗', {
      nick: '先来的顾客',
      time: Date.now() - 60_000,
    });
    const header = async () =>
      (await badges(page)).find((b) => b.conversation === 'first' && b.where === 'header');
    const guessed = await eventually(async () => {
      const b = await header();
      expect(b).toMatchObject({ state: 'ok', estimated: 'true' });
      return b;
    });
    expect(guessed?.text).toMatch(/^~\d:\d\d$/);
    // and the waiting bar's longest wait, which is this one
    await eventually(async () =>
      expect(await overlayText(page, 'longest-wait')).toMatch(/^最长已等 ~\d:\d\d$/),
    );
    await page.screenshot({ path: 'test-results/clock-console-no-times.png' });
    // answered, and the customer writes again while we watch: that wait is timed, no 「~」
    await demo(page, 'sendAgentMessage', '在的亲');
    await eventually(async () => expect(await header()).toBeUndefined());
    await demo(page, 'addCustomerMessage', 'first', '什么时候发货？');
    const live = await eventually(async () => {
      const b = await header();
      expect(b).toMatchObject({ state: 'ok', estimated: 'false' });
      return b;
    });
    expect(live?.text).toMatch(/^\d:\d\d$/);
    await page.close();
  });
});

describe("the built-in consoles' saved pages", () => {
  const consoles = [qianniu, pinduoduo, feige];
  test.each(consoles.map((c) => [c.id, c] as const))(
    '%s: a badge on each waiting customer’s row, on that row and clear of its nick and unread count; one on the open thread’s header',
    async (id, definition) => {
      const expected = JSON.parse(
        readFileSync(join(FIXTURES, id, 'several-waiting.expected.json'), 'utf8'),
      ) as {
        conversations: { id: string; unread: number; active: boolean; wait?: number }[];
        activeConversationId: string;
      };
      // the rows never opened that show unread messages, and the open one (its thread ends with the customer's messages)
      const waiting = expected.conversations
        .filter((c) => (c.unread > 0 && !c.active) || c.id === expected.activeConversationId)
        .map((c) => c.id)
        .sort();
      expect(waiting.length).toBeGreaterThanOrEqual(3);
      const page = await h.browser.context.newPage();
      await page.goto(`${h.server.url}/fixtures/consoles/${id}/several-waiting.html`);
      await eventually(async () =>
        expect(await overlayAttr(page, 'console-status', 'data-console')).toBe(id),
      );
      const text = (list: string | readonly string[] | undefined) =>
        (typeof list === 'string' ? [list] : [...(list ?? [])]).filter((sel) => !sel.startsWith('attr:'));
      const selectors = {
        row: text(definition.selectors.conversation),
        nick: text(definition.selectors.conversationNick),
        unread: text(definition.selectors.unread),
        header: text(definition.selectors.threadNick),
      };
      const placed = await eventually(async () => {
        const all = await badges(page);
        expect(
          all
            .filter((b) => b.where === 'row')
            .map((b) => b.conversation)
            .sort(),
        ).toEqual(waiting);
        expect(all.filter((b) => b.where === 'header').map((b) => b.conversation)).toEqual([
          expected.activeConversationId,
        ]);
        return all;
      });
      expect(placed.every((b) => b.state === 'ok' || b.state === 'warn' || b.state === 'breach')).toBe(true);
      // where each badge is, against the page's own elements
      const problems = await page.evaluate((sel) => {
        const first = (root: ParentNode, list: string[]) => {
          for (const s of list) {
            const hit = root.querySelector(s);
            if (hit) return hit;
          }
          return null;
        };
        const rows = (() => {
          for (const s of sel.row) {
            const hits = Array.from(document.querySelectorAll(s));
            if (hits.length > 0) return hits;
          }
          return [];
        })();
        /** The row of a conversation: one of its attributes, or its nick, is the id. */
        const rowOf = (id: string) =>
          rows.find(
            (row) =>
              first(row, sel.nick)?.textContent?.trim() === id ||
              [row, ...Array.from(row.querySelectorAll('*'))].some((el) =>
                Array.from(el.attributes).some((a) => a.value === id),
              ),
          );
        /** The box of an element's text (a nick's element may span the row; its text does not). */
        const textBox = (el: Element | null) => {
          if (!el) return null;
          const range = document.createRange();
          range.selectNodeContents(el);
          const r = range.getBoundingClientRect();
          return r.width > 0 ? r : null;
        };
        // by more than a pixel (positions are written in whole pixels; a text box includes its line's leading)
        const overlaps = (a: DOMRect, b: DOMRect) =>
          a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
        const out: string[] = [];
        const shown = Array.from(
          document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="countdown"]') ?? [],
        );
        for (const b of shown) {
          const id = b.getAttribute('data-conversation') ?? '';
          const r = b.getBoundingClientRect();
          const mid = r.top + r.height / 2;
          if (b.getAttribute('data-where') === 'header') {
            const nick = textBox(first(document, sel.header));
            if (!nick) out.push(`header ${id}: no nick shown`);
            else if (mid < nick.top || mid > nick.bottom) out.push(`header ${id}: off the nick's line`);
            else if (overlaps(r, nick)) out.push(`header ${id}: covers the nick`);
            continue;
          }
          const row = rowOf(id);
          if (!row) {
            out.push(`${id}: no row`);
            continue;
          }
          const box = row.getBoundingClientRect();
          const at = (x: DOMRect) => `${x.left | 0}–${x.right | 0} × ${x.top | 0}–${x.bottom | 0}`;
          if (mid < box.top || mid > box.bottom || r.left < box.left - 1 || r.right > box.right + 1)
            out.push(`${id}: off its row (badge ${at(r)}, row ${at(box)})`);
          const nick = textBox(first(row, sel.nick));
          if (nick && overlaps(r, nick))
            out.push(`${id}: covers the nick (badge ${at(r)}, nick ${at(nick)})`);
          const unread = first(row, sel.unread);
          const count = unread && !(unread as HTMLElement).hidden ? textBox(unread) : null;
          if (count && overlaps(r, count))
            out.push(`${id}: covers the unread count (badge ${at(r)}, count ${at(count)})`);
        }
        return out;
      }, selectors);
      await page.screenshot({ path: `test-results/badges-${id}.png` });
      expect(problems).toEqual([]);
      // a wait of a day or more reads in days and hours, not as a clock of 100-odd hours
      const overdue = await page.evaluate(() =>
        Array.from(
          document
            .querySelector('kefu-guard')
            ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-state="breach"]') ?? [],
        ).map((b) => [Number(b.getAttribute('data-seconds')), b.textContent ?? ''] as const),
      );
      for (const [seconds, text] of overdue)
        expect(text).toMatch(seconds >= 86_400 ? /^已超时 \d+天(\d+小时)?$/ : /^已超时 (\d+:)?\d+:\d\d$/);
      // a row never opened counts from the wait the console itself shows in it (「2:16」, 「等待 2分40秒」),
      // shown as no estimate; a row without one (Pinduoduo's shows a countdown) from first seen, with 「~」
      const limit = presetFor(definition.platform).breachSeconds;
      // (the open conversation's round is read from its messages)
      const rowBadges = (await badges(page)).filter(
        (b) => b.where === 'row' && b.conversation !== expected.activeConversationId,
      );
      const labelled = expected.conversations.filter((c) => c.wait !== undefined && !c.active);
      if (id === 'pinduoduo') expect(labelled).toEqual([]);
      else expect(labelled.length).toBeGreaterThanOrEqual(3);
      for (const b of rowBadges) {
        const wait = labelled.find((c) => c.id === b.conversation)?.wait;
        if (wait === undefined) {
          expect(b).toMatchObject({ estimated: 'true', text: expect.stringMatching(/^~/) });
          continue;
        }
        expect(b).toMatchObject({ estimated: 'false', text: expect.not.stringMatching(/^~/) });
        const waited = b.state === 'breach' ? limit + b.seconds : limit - b.seconds;
        // the page was loaded a few seconds before
        expect(waited - wait).toBeGreaterThanOrEqual(0);
        expect(waited - wait).toBeLessThan(30);
      }
      await page.close();
    },
  );
});

describe('badges follow the list', () => {
  /** The demo with forty conversations, every customer waiting (only the first dozen or so rows are in view, with their badges). */
  const everyoneWaiting = async () => {
    const page = await demoPage('sim=off&convs=40&seed=9');
    await page.evaluate(() => {
      const api = (window as unknown as { kefuDemo: Record<string, (...x: unknown[]) => unknown> }).kefuDemo;
      const all = (api.conversations?.() ?? []) as { id: string }[];
      for (const c of all) api.addCustomerMessage?.(c.id, '在吗？');
      // the row badges on screen whose middle is not on their own row (`step: conversation`)
      (window as unknown as { offRow: (step: string) => string[] }).offRow = (step) => {
        const off: string[] = [];
        for (const b of Array.from(
          document
            .querySelector('kefu-guard')
            ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-where="row"]') ?? [],
        )) {
          const id = b.getAttribute('data-conversation') ?? '';
          const row = document.querySelector(`.kd-conv[data-conv-id="${id}"]`)?.getBoundingClientRect();
          const r = b.getBoundingClientRect();
          const mid = r.top + r.height / 2;
          if (!row || mid < row.top || mid > row.bottom) off.push(`${step}: ${id}`);
        }
        return off;
      };
    });
    // the rows in view have their badges
    await eventually(async () =>
      expect(
        await page.evaluate(
          () =>
            document
              .querySelector('kefu-guard')
              ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-where="row"]').length ?? 0,
        ),
      ).toBeGreaterThan(3),
    );
    return page;
  };

  test('rows scrolled out of view lose their badge, rows scrolled in get one, each beside its row', async () => {
    const page = await everyoneWaiting();
    /** Row badges on screen: each must sit on its own row, and that row must be in the list's view. */
    const placed = () =>
      page.evaluate(() => {
        const list = document.querySelector('.kd-conv-list');
        const view = list?.getBoundingClientRect();
        const shown = Array.from(
          document
            .querySelector('kefu-guard')
            ?.shadowRoot?.querySelectorAll('[data-kg="countdown"][data-where="row"]') ?? [],
        );
        /** The text's own box (the nick's element spans the row's width; its text does not). */
        const textBox = (el: Element | null | undefined) => {
          if (!el) return null;
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getBoundingClientRect();
        };
        const overlaps = (a: DOMRect, b: DOMRect | null) =>
          b !== null &&
          b.width > 0 &&
          a.left < b.right &&
          b.left < a.right &&
          a.top < b.bottom &&
          b.top < a.bottom;
        return shown.map((b) => {
          const id = b.getAttribute('data-conversation') ?? '';
          const rowEl = document.querySelector(`.kd-conv[data-conv-id="${id}"]`);
          const row = rowEl?.getBoundingClientRect();
          const r = b.getBoundingClientRect();
          const mid = r.top + r.height / 2;
          return {
            id,
            onRow: row !== undefined && mid >= row.top && mid <= row.bottom,
            inView: row !== undefined && view !== undefined && row.bottom > view.top && row.top < view.bottom,
            // what the agent reads a row by stays readable: the nick, its time, its unread count
            covers: ['.kd-conv-nick', '.kd-conv-time', '.kd-conv-unread'].filter((part) =>
              overlaps(r, textBox(rowEl?.querySelector(part))),
            ),
          };
        });
      });
    /** Rows wholly in the list's view, and rows partly in it (cut by its top or bottom edge). */
    const inView = () =>
      page.evaluate(() => {
        const list = document.querySelector('.kd-conv-list');
        const view = list?.getBoundingClientRect();
        const rows = Array.from(document.querySelectorAll('.kd-conv')).map((row) => ({
          id: row.getAttribute('data-conv-id') ?? '',
          r: row.getBoundingClientRect(),
        }));
        if (!view) return { whole: [], part: [] };
        return {
          whole: rows.filter(({ r }) => r.top >= view.top && r.bottom <= view.bottom).map((x) => x.id),
          part: rows.filter(({ r }) => r.bottom > view.top && r.top < view.bottom).map((x) => x.id),
        };
      });
    const check = async () => {
      const badgesNow = await placed();
      const { whole, part } = await inView();
      expect(whole.length).toBeGreaterThan(3);
      expect(part.length).toBeLessThan(40);
      expect(badgesNow.every((b) => b.onRow && b.inView)).toBe(true);
      expect(badgesNow.filter((b) => b.covers.length > 0)).toEqual([]);
      // every row wholly in view has its badge; a row cut by the list's edge may or may not
      const ids = badgesNow.map((b) => b.id);
      expect(whole.filter((id) => !ids.includes(id))).toEqual([]);
      expect(ids.filter((id) => !part.includes(id))).toEqual([]);
      return ids;
    };
    const top = await eventually(check);
    // to the bottom of the list: other rows, other badges
    await page.evaluate(() => {
      const list = document.querySelector('.kd-conv-list');
      if (list) list.scrollTop = list.scrollHeight;
    });
    const bottom = await eventually(check);
    expect(bottom.some((id) => !top.includes(id))).toBe(true);
    // and halfway back
    await page.evaluate(() => {
      const list = document.querySelector('.kd-conv-list');
      if (list) list.scrollTop = list.scrollHeight / 3;
    });
    await eventually(check);
    await page.close();
  });

  test('a message moves its row to the top: two frames later every badge is on its own row, the moved row’s too', async () => {
    const page = await everyoneWaiting();
    // rows from far below (every row in view shifts alike), from the middle of the view (the rows
    // above it shift, those below stay) and the top row itself (nothing moves)
    const misses = await page.evaluate(async () => {
      const api = (window as unknown as { kefuDemo: Record<string, (...x: unknown[]) => unknown> }).kefuDemo;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const rows = () =>
        Array.from(document.querySelectorAll('.kd-conv')).map((r) => r.getAttribute('data-conv-id') ?? '');
      const out: string[] = [];
      for (let step = 0; step < 9; step++) {
        const order = rows();
        const id = [order[order.length - 1 - step], order[4], order[0]][step % 3] ?? '';
        api.addCustomerMessage?.(id, `第${step}条`);
        await frame();
        await frame();
        if (rows()[0] !== id) out.push(`${step}: ${id} not on top`);
        out.push(...(window as unknown as { offRow: (step: string) => string[] }).offRow(`${step}`));
        // the row the message moved has its badge too, even one that came from out of view
        const badge = document
          .querySelector('kefu-guard')
          ?.shadowRoot?.querySelector(`[data-kg="countdown"][data-where="row"][data-conversation="${id}"]`);
        if (!badge) out.push(`${step}: ${id} no badge`);
      }
      return out;
    });
    expect(misses).toEqual([]);
    await page.close();
  });

  test('a row changed in place keeps its badge on it; a row that grows moves the badges below it', async () => {
    const page = await everyoneWaiting();
    // a row's text changes, then its height (a class the console's style makes taller, by more
    // than a row: badges left where they were would sit on the row above their own)
    const misses = await page.evaluate(async () => {
      const style = document.createElement('style');
      style.textContent = '.kd-conv.tall { height: auto; min-height: 200px; }';
      document.head.append(style);
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const offRow = (window as unknown as { offRow: (step: string) => string[] }).offRow;
      const rows = Array.from(document.querySelectorAll<HTMLElement>('.kd-conv'));
      const out: string[] = [];
      for (let step = 0; step < 6; step++) {
        const row = rows[1 + (step % 3)] as HTMLElement;
        const last = row.querySelector('.kd-conv-last');
        if (last) last.textContent = `改过的预览 ${step}`;
        await frame();
        await frame();
        out.push(...offRow(`${step} text`));
        const before = row.getBoundingClientRect().height;
        row.classList.toggle('tall');
        await frame();
        await frame();
        if (row.getBoundingClientRect().height === before) out.push(`${step}: the row kept its height`);
        out.push(...offRow(`${step} height`));
      }
      return out;
    });
    expect(misses).toEqual([]);
    await page.close();
  });

  test('badges move with the list as it scrolls, in the next frame (not at the next tick)', async () => {
    const page = await everyoneWaiting();
    // scroll by less than a row, several times: each time, two frames later, every badge is
    // still on its own row (the ticker redraws once a second: 2 frames rarely meet it, 6 steps never all)
    const offRow = await page.evaluate(async () => {
      const list = document.querySelector('.kd-conv-list') as HTMLElement;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const misses: string[] = [];
      for (let step = 1; step <= 6; step++) {
        list.scrollTop = step * 23;
        await frame();
        await frame();
        misses.push(...(window as unknown as { offRow: (step: string) => string[] }).offRow(`${step}`));
      }
      return misses;
    });
    expect(offRow).toEqual([]);
    await page.close();
  });
});
