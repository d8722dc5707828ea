/**
 * Reply templates on the demo console, in the real browser: a customer's invoice question brings
 * the invoice template as a suggestion, one click fills the reply box with the nick filled in and
 * Enter sends it; the picker opens with `/` and Ctrl+Space, finds 发票 by `fp`, inserts with Enter,
 * selects a gap the agent must fill, refuses to insert after a conversation switch, and each use is
 * logged without text. The picker's key is the agent's to choose in the options.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TemplateUsedEvent } from '../../utils/events';
import { eventually, type Harness, overlayAttr, setStored, startHarness, storedEvents } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Demo = {
  conversations(): { id: string; nick: string; active: boolean }[];
  addCustomerMessage(id: string, text: string, o?: { nick?: string }): string;
  openConversation(id: string): boolean;
};
/** Runs `fn(window.kefuDemo, arg)` in the page (its source is sent as an expression). */
const demo = <T>(page: Page, fn: (d: Demo, arg: string) => T, arg = '') =>
  page.evaluate(`(${fn.toString()})(window.kefuDemo, ${JSON.stringify(arg)})`) as Promise<T>;
const shadow = (page: Page, selector: string) => page.locator(`kefu-guard ${selector}`);
const reply = (page: Page) => page.locator('textarea.kd-reply');

async function openDemo(page: Page): Promise<{ id: string; nick: string }> {
  await page.goto(`${h.server.url}/?sim=off&history=1&seed=9`);
  await eventually(async () =>
    expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
  );
  return demo(page, (d) => {
    const c = d.conversations().find((x) => x.active);
    return { id: c?.id ?? '', nick: c?.nick ?? '' };
  });
}

describe('suggestions', () => {
  test('an invoice question → the invoice template suggested → one click fills the box with the nick → Enter sends', async () => {
    const page = await h.browser.context.newPage();
    const open = await openDemo(page);
    await demo(page, (d, id) => d.addCustomerMessage(id, '你好，可以开发票吗？'), open.id);
    const chip = shadow(page, '[data-kg="suggestion"][data-template-id="invoice-yes"]');
    await eventually(async () => expect(await chip.count()).toBe(1));
    // its hover text is what the click will insert: this customer's nick, not {买家昵称}
    expect(await chip.getAttribute('title')).toBeNull();
    await chip.hover();
    const title = await chip.getAttribute('title');
    expect(title?.startsWith(`${open.nick}亲，可以开发票的`)).toBe(true);
    expect(title).not.toMatch(/[{}]/);
    // the keyboard's focus gives it too
    await chip.evaluate((el) => el.removeAttribute('title'));
    await chip.focus();
    expect(await chip.getAttribute('title')).toBe(title);
    await page.screenshot({ path: 'test-results/templates-suggestion.png' });
    await chip.click();
    await eventually(async () => expect(await reply(page).inputValue()).toContain('可以开发票的'));
    const text = await reply(page).inputValue();
    expect(text.startsWith(`${open.nick}亲`)).toBe(true);
    expect(text).not.toMatch(/[{}]/);
    await reply(page).press('Enter');
    await eventually(async () =>
      expect(await page.locator('.kd-thread .kd-msg--agent .kd-msg-text').last().textContent()).toContain(
        '可以开发票的',
      ),
    );
    const used = await eventually(async () => {
      const all = (await storedEvents(h.browser)).filter(
        (e): e is TemplateUsedEvent & { day: string } => e.type === 'template-used',
      );
      expect(all.length).toBeGreaterThan(0);
      return all;
    });
    expect(used.at(-1)).toMatchObject({ templateId: 'invoice-yes', via: 'suggested' });
    expect(JSON.stringify(used)).not.toContain(open.nick);
    await page.close();
  });
});

describe('the picker', () => {
  /** A new page on the demo, the picker opened from the reply box by `key`. */
  async function pickerOpenedBy(key: '/' | 'Control+Space'): Promise<Page> {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    await reply(page).click();
    await page.keyboard.press(key);
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(1));
    return page;
  }

  test('`/` in an empty box opens it; fp finds 发票; Enter inserts at the caret; Esc closes', async () => {
    const page = await pickerOpenedBy('/');
    expect(await reply(page).inputValue()).toBe(''); // the slash opened the picker, it was not typed
    await page.keyboard.type('fp');
    await eventually(async () =>
      expect(await shadow(page, '[data-kg="template"]').first().getAttribute('data-template-id')).toBe(
        'invoice-yes',
      ),
    );
    await page.screenshot({ path: 'test-results/templates-picker.png' });
    // what it would insert, as it would: the customer's nick, not {买家昵称}
    const nick = (await page.locator('.kd-thread-nick').textContent())?.trim() ?? '';
    expect(nick).not.toBe('');
    const preview = await shadow(
      page,
      '[data-kg="template"][data-template-id="invoice-yes"] [data-kg="template-preview"]',
    ).textContent();
    expect(preview?.startsWith(`${nick}亲，`)).toBe(true);
    expect(preview).not.toContain('{');
    const selected = () =>
      shadow(page, '[data-kg="template"][aria-selected="true"]').getAttribute('data-template-id');
    await page.keyboard.press('ArrowDown');
    await eventually(async () => expect(await selected()).not.toBe('invoice-yes'));
    await page.keyboard.press('ArrowUp');
    await eventually(async () => expect(await selected()).toBe('invoice-yes'));
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await reply(page).inputValue()).toContain('可以开发票的'));
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(0));
    // Ctrl+Space opens it too, with text already in the box; Esc closes without inserting
    await reply(page).click();
    await page.keyboard.press('Control+Space');
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(1));
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(0));
    await page.close();
  });

  test('Enter pressed in the same breath as the query (before the list is drawn again) takes its template', async () => {
    const page = await pickerOpenedBy('Control+Space');
    // the list shows every template, the first one selected; then the query and Enter come at
    // once, as a committed IME candidate and Enter do
    const first = await shadow(page, '[data-kg="template"][aria-selected="true"]').getAttribute(
      'data-template-id',
    );
    expect(first).not.toBe('order-check');
    await Promise.all([page.keyboard.insertText('核对订单'), page.keyboard.press('Enter')]);
    await eventually(async () => expect(await reply(page).inputValue()).toContain('核对一下订单信息'));
    await page.close();
  });

  test('a missing value is a gap the agent fills: it is selected after insertion', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    await reply(page).click();
    await page.keyboard.press('Control+Space');
    await page.keyboard.type('核对订单');
    await eventually(async () =>
      expect(await shadow(page, '[data-kg="template"]').first().getAttribute('data-template-id')).toBe(
        'order-check',
      ),
    );
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await reply(page).inputValue()).toContain('核对一下订单信息'));
    const value = await reply(page).inputValue();
    const orderNo = (await page.locator('.kd-order-no').textContent())?.replace(/\s/g, '') ?? '';
    expect(value).toContain(orderNo); // the order number came from the console
    const selected = await page.evaluate(() => {
      const ta = document.querySelector('textarea.kd-reply') as HTMLTextAreaElement;
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    expect(selected).toBe('【商品名】');
    await page.keyboard.type('北欧简约四件套');
    expect(await reply(page).inputValue()).toContain('商品北欧简约四件套');
    await page.close();
  });

  test('never inserts when the conversation changed since the picker opened', async () => {
    const page = await h.browser.context.newPage();
    const open = await openDemo(page);
    const other = await demo(page, (d, id) => d.conversations().find((c) => c.id !== id)?.id ?? '', open.id);
    await reply(page).click();
    await page.keyboard.press('Control+Space');
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(1));
    await demo(page, (d, id) => d.openConversation(id), other);
    await eventually(async () =>
      expect(await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')).toBe(other),
    );
    await shadow(page, '[data-kg="template"]').first().click();
    await eventually(async () =>
      expect(await shadow(page, '[data-kg="notice"]').textContent()).toContain('会话已切换'),
    );
    expect(await reply(page).inputValue()).toBe('');
    await page.close();
  });

  test('a template that would trigger a rule is marked and needs a second choice to go in', async () => {
    await setStored(h.browser, 'packs', [
      {
        pack: {
          format: 'kefu-guard-pack',
          version: 1,
          id: 'risky-pack',
          name: '有问题的话术',
          updated: '2026-11-22',
          templates: [
            { id: 'risky-wechat', title: '加微信售后', body: '亲，加我微信，售后更方便', group: '售后' },
            { id: 'risky-nick', title: '称呼买家', body: '{买家昵称}亲，您好', group: '售前' },
          ],
        },
        enabled: true,
        source: { kind: 'local' },
        installedAt: Date.now(),
      },
    ]);
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=22`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    // a customer whose nick carries a WeChat id: templates that use {买家昵称} carry it too
    await demo(page, (d) => d.addCustomerMessage('c-nick', '在吗', { nick: '加V信abc123' }));
    await reply(page).click();
    await page.keyboard.press('Control+Space');
    await page.keyboard.type('加微信售后');
    // every key landed in the picker's search box (none in the reply box)
    expect(await shadow(page, '.kg-picker-input').inputValue()).toBe('加微信售后');
    expect(await reply(page).inputValue()).toBe('');
    const item = shadow(page, '[data-kg="template"][data-template-id="risky-wechat"]');
    await eventually(async () => expect(await item.getAttribute('data-risky')).toBe('true'));
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await item.locator('[data-confirm="true"]').count()).toBe(1));
    expect(await reply(page).inputValue()).toBe('');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await reply(page).inputValue()).toContain('加我微信'));
    // the inserted draft is then held at send like any other
    await reply(page).press('Enter');
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    await shadow(page, '[data-kg="guard-fix"]').click();
    await reply(page).fill('');
    await reply(page).click();
    await page.keyboard.press('Control+Space');
    await page.keyboard.type('称呼买家');
    await eventually(async () =>
      expect(
        await shadow(page, '[data-kg="template"][data-template-id="risky-nick"]').getAttribute('data-risky'),
      ).toBe('true'),
    );
    await page.close();
  });

  test('a stored pack holding entries no template reads (saved under other checks) takes nothing down: its good template is there', async () => {
    await setStored(h.browser, 'packs', [
      {
        pack: {
          format: 'kefu-guard-pack',
          version: 1,
          id: 'odd-pack',
          name: '旧版话术包',
          updated: '2026-11-01',
          templates: [
            null,
            { id: 'no-title', body: '亲，在的', group: '售前' },
            { id: 'odd-tags', title: '坏标签', body: '亲', group: '售前', tags: '售前' },
            { id: 'odd-good', title: '旧包问候', body: '亲，旧包问候您～' },
          ],
          consoles: [
            { id: 'odd-console', name: '坏工作台', platform: 'other', matches: 'everywhere', selectors: {} },
          ],
        },
        enabled: true,
        source: { kind: 'file' },
        installedAt: Date.now(),
      },
    ]);
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=24`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await reply(page).click();
    await page.keyboard.press('Control+Space');
    await page.keyboard.type('旧包问候');
    const item = shadow(page, '[data-kg="template"][data-template-id="odd-good"]');
    await eventually(async () => expect(await item.count()).toBe(1));
    expect(await shadow(page, '[data-kg="template"][data-template-id="no-title"]').count()).toBe(0);
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await reply(page).inputValue()).toBe('亲，旧包问候您～'));
    await page.close();
    // the options list it too
    const options = await h.browser.openExtensionPage('options.html#templates');
    const listed = options.locator('[data-kg="options-template"][data-template-id="odd-good"]');
    await eventually(async () => expect(await listed.count()).toBe(1));
    await options.close();
    await setStored(h.browser, 'packs', []);
  });

  test("its key is the agent's: pressed in the options (editing keys refused), named on the chip, opening it", async () => {
    const options = await h.browser.openExtensionPage('options.html');
    const storedKey = () =>
      options.evaluate(async () => {
        const local = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
          }
        ).chrome.storage.local;
        return ((await local.get('settings')).settings as { pickerKey?: unknown } | undefined)?.pickerKey;
      });
    const page = await h.browser.context.newPage();
    try {
      await options.locator('[data-kg="options-nav"][data-section="general"]').click();
      const shown = options.locator('[data-kg="picker-key"]');
      await eventually(async () => expect(await shown.textContent()).toBe('Ctrl+空格'));
      expect(await options.locator('[data-kg="picker-key-reset"]').count()).toBe(0);
      await options.locator('[data-kg="picker-key-change"]').click();
      const recorder = options.locator('[data-kg="picker-key-recorder"]');
      await eventually(async () =>
        expect(await recorder.evaluate((el) => el === document.activeElement)).toBe(true),
      );
      // refused, each saying why with the keys pressed, and nothing saved
      const problem = options.locator('[data-kg="picker-key-problem"]');
      await options.keyboard.press('Control+KeyC');
      await eventually(async () => expect(await problem.textContent()).toMatch(/^Ctrl\+C：.*复制/));
      await options.keyboard.press('KeyK');
      await eventually(async () => expect(await problem.textContent()).toMatch(/^K：.*Ctrl 或 Alt/));
      expect(await recorder.inputValue()).toBe(''); // the K was not typed
      await options.screenshot({ path: 'test-results/options-picker-key-refused.png' });
      expect(await storedKey()).toBeUndefined();
      // a modifier alone waits for the key; then Alt+K is taken and saved
      await options.keyboard.down('Alt');
      await options.keyboard.press('KeyK');
      await options.keyboard.up('Alt');
      await eventually(async () => expect(await shown.textContent()).toBe('Alt+K'));
      // the keyboard's focus is back on 「修改」, where recording started
      expect(
        await options
          .locator('[data-kg="picker-key-change"]')
          .evaluate((el) => el === document.activeElement),
      ).toBe(true);
      expect(await storedKey()).toEqual({ code: 'KeyK', ctrl: false, alt: true, shift: false, meta: false });
      expect(await problem.count()).toBe(0);
      await options.locator('[data-kg="picker-key-row"]').scrollIntoViewIfNeeded();
      await options.screenshot({ path: 'test-results/options-picker-key.png' });

      // the console: the chip names the new key, and the new key opens the picker, the old one not
      await openDemo(page);
      const chip = shadow(page, '[data-kg="open-picker"]');
      await eventually(async () => expect(await chip.textContent()).toBe('话术 (Alt+K)'));
      await page.screenshot({ path: 'test-results/templates-picker-key.png' });
      const pickers = shadow(page, '[data-kg="template-picker"]');
      await reply(page).click();
      await page.keyboard.press('Control+Space');
      await page.waitForTimeout(300);
      expect(await pickers.count()).toBe(0);
      await page.keyboard.press('Alt+KeyK');
      await eventually(async () => expect(await pickers.count()).toBe(1));
      expect(await reply(page).inputValue()).toBe('');
      await page.keyboard.press('Escape');
      await eventually(async () => expect(await pickers.count()).toBe(0));

      // back to the default: the open console follows at once
      await options.locator('[data-kg="picker-key-reset"]').click();
      await eventually(async () => expect(await shown.textContent()).toBe('Ctrl+空格'));
      await eventually(async () => expect(await chip.textContent()).toBe('话术 (Ctrl+空格)'));
      await reply(page).click();
      await page.keyboard.press('Control+Space');
      await eventually(async () => expect(await pickers.count()).toBe(1));
    } finally {
      // the other tests press Ctrl+Space
      await options.evaluate(async () => {
        const local = (
          globalThis as unknown as {
            chrome: {
              storage: {
                local: { get(k: string): Promise<Record<string, unknown>>; set(x: object): Promise<void> };
              };
            };
          }
        ).chrome.storage.local;
        const { settings } = await local.get('settings');
        if (settings && typeof settings === 'object')
          await local.set({ settings: { ...settings, pickerKey: undefined } });
      });
      await options.close();
      await page.close();
    }
  });
});

describe('the strip over the reply box', () => {
  /** Each console toolbar button: whether a click at its centre reaches it, and its box. */
  const tools = (page: Page) =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.kd-tool')).map((b) => {
        const r = b.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {
          tool: b.getAttribute('title') ?? '',
          reachable: hit !== null && b.contains(hit),
          box: r.toJSON() as DOMRect,
        };
      }),
    );
  /** What of our suggestion row shows: its chips and label, clipped to the row. */
  const ours = (page: Page) =>
    page.evaluate(() => {
      const root = document.querySelector('kefu-guard')?.shadowRoot;
      const row = root?.querySelector('[data-kg="suggestion-row"]')?.getBoundingClientRect();
      return {
        row: row?.toJSON() as DOMRect | undefined,
        shown: Array.from(root?.querySelectorAll('[data-kg="suggestion-row"] > *') ?? [])
          .map((e) => e.getBoundingClientRect().toJSON() as DOMRect)
          .filter((r) => row !== undefined && r.bottom <= row.bottom + 1 && r.top >= row.top - 1),
      };
    });
  const overlaps = (a: DOMRect, b: DOMRect) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  test('stays off the console’s toolbar: every button stays visible and takes its click; the chips take theirs', async () => {
    const page = await h.browser.context.newPage();
    const { id } = await openDemo(page);
    await demo(page, (d, conv) => d.addCustomerMessage(conv, '可以开发票吗？'), id);
    const chip = shadow(page, '[data-kg="suggestion"]').first();
    await chip.waitFor();
    const buttons = await tools(page);
    // the demo's toolbar: five buttons on the left, 聊天记录 on the right
    expect(buttons.length).toBe(6);
    for (const b of buttons) expect(b.reachable, b.tool).toBe(true);
    const { row, shown } = await ours(page);
    // on the toolbar's line, between its buttons, overlapping none
    expect(row).toBeDefined();
    expect(Math.abs((row?.top ?? 0) - (buttons[0]?.box.top ?? 0))).toBeLessThan(12);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const r of shown) for (const b of buttons) expect(overlaps(r, b.box), b.tool).toBe(false);
    // and the chip itself takes its click
    const cb = await chip.boundingBox();
    expect(cb).not.toBeNull();
    const onChip = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName.toLowerCase(), [
      (cb?.x ?? 0) + (cb?.width ?? 0) / 2,
      (cb?.y ?? 0) + (cb?.height ?? 0) / 2,
    ] as const);
    expect(onChip).toBe('kefu-guard');
    await page.close();
  });

  test('a tool the console adds is kept clear of once another conversation opens', async () => {
    const page = await h.browser.context.newPage();
    const { id } = await openDemo(page);
    await demo(page, (d, conv) => d.addCustomerMessage(conv, '可以开发票吗？'), id);
    await shadow(page, '[data-kg="suggestion"]').first().waitFor();
    // the console shows one more tool, in the stretch our row sits on
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.className = 'kd-tool';
      b.type = 'button';
      b.title = '发起退款';
      b.textContent = '发起退款申请';
      document.querySelector('.kd-toolbar-spacer')?.before(b);
    });
    const other = await demo(page, (d) => d.conversations().find((c) => !c.active)?.id ?? '');
    await demo(
      page,
      (d, conv) => {
        d.openConversation(conv);
        d.addCustomerMessage(conv, '可以开发票吗？');
      },
      other,
    );
    await eventually(async () => {
      const buttons = await tools(page);
      expect(buttons.length).toBe(7);
      for (const b of buttons) expect(b.reachable, b.tool).toBe(true);
      // the new conversation's suggestion is there (drawn where there is room for it, else left out)
      expect(await shadow(page, '[data-kg="suggestion"]').count()).toBeGreaterThanOrEqual(1);
      const { shown } = await ours(page);
      expect(shown.length).toBeGreaterThanOrEqual(1);
      for (const r of shown) for (const b of buttons) expect(overlaps(r, b.box), b.tool).toBe(false);
    });
    await page.close();
  });

  test('a toolbar with no room left: the strip goes above it', async () => {
    const page = await h.browser.context.newPage();
    // a console whose toolbar fills its whole line
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const bar = document.querySelector('.kd-toolbar');
        for (let i = 0; i < 6; i++) {
          const b = document.createElement('button');
          b.className = 'kd-tool';
          b.type = 'button';
          b.title = `工具${i}`;
          b.textContent = `工具${i}`;
          bar?.querySelector('.kd-toolbar-spacer')?.before(b);
        }
      });
    });
    const { id } = await openDemo(page);
    await demo(page, (d, conv) => d.addCustomerMessage(conv, '可以开发票吗？'), id);
    await shadow(page, '[data-kg="suggestion"]').first().waitFor();
    const buttons = await tools(page);
    expect(buttons.length).toBe(12);
    for (const b of buttons) expect(b.reachable, b.tool).toBe(true);
    const { row, shown } = await ours(page);
    const toolbarTop = Math.min(...buttons.map((b) => b.box.top));
    expect(row?.bottom ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(toolbarTop);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
