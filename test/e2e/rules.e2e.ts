/**
 * Forbidden-phrase warnings in the real browser, on the demo console: a violating draft gets a
 * warning with its reason within a frame, the alternative fixes the draft, a `block` draft is held
 * at Enter and "send anyway" sends it and logs the override, an IME's Enter is left to the IME,
 * `warn` never holds a send, a risky customer request gets a ready compliant answer, and a page
 * that is no console is never blocked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoredEvent, ViolationEvent } from '../../utils/events';
import {
  eventually,
  type Harness,
  overlayAttr,
  setSettings,
  setStored,
  startHarness,
  storedEvents,
} from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const shadow = (page: Page, selector: string) => page.locator(`kefu-guard ${selector}`);
const warnings = (page: Page) =>
  page.evaluate(() =>
    Array.from(
      document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="warning"]') ?? [],
    ).map((w) => ({
      rule: w.getAttribute('data-rule') ?? '',
      category: w.getAttribute('data-category') ?? '',
      severity: w.getAttribute('data-severity') ?? '',
      text: w.textContent ?? '',
    })),
  );
const agentMessages = (page: Page) =>
  page.locator('.kd-thread .kd-msg--agent .kd-msg-text').allTextContents();
const violations = (all: StoredEvent[]) =>
  all.filter((e): e is ViolationEvent & { day: string } => e.type === 'violation');

async function openDemo(page: Page): Promise<void> {
  await page.goto(`${h.server.url}/?sim=off&history=1&seed=8`);
  await eventually(async () =>
    expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
  );
  await page.locator('textarea.kd-reply').click();
}

describe('warnings while typing', () => {
  test('a violating draft shows its words, category, reason and alternative; the alternative fixes it', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    await page.keyboard.type('亲，这是全网最低价');
    const w = await eventually(async () => {
      const list = await warnings(page);
      expect(list.map((x) => x.category)).toContain('ad-absolute');
      return list;
    });
    const lowest = w.find((x) => x.text.includes('全网最低价'));
    expect(lowest?.severity).toBe('block');
    expect(lowest?.text).toContain('广告法');
    await page.screenshot({ path: 'test-results/rules-warning.png' });

    await shadow(page, '[data-kg="warning"] [data-kg="alternative"]').first().click();
    await eventually(async () =>
      expect(await page.locator('textarea.kd-reply').inputValue()).not.toContain('全网最低价'),
    );
    expect(await page.locator('textarea.kd-reply').inputValue()).toMatch(/^亲，这是.+/);
    await eventually(async () => expect(await warnings(page)).toEqual([]));
    await page.close();
  });

  test('in English: English labels; the alternative’s chip shows the Chinese it puts in the box, its meaning in the tooltip', async () => {
    await setSettings(h.browser, { language: 'en' });
    const page = await h.browser.context.newPage();
    try {
      await openDemo(page);
      expect(await shadow(page, '[data-kg="console-status"] .kg-console').textContent()).toBe('Demo console');
      // the longer English words keep the status panel on one line (two would be ~56 px)
      expect((await shadow(page, '[data-kg="console-status"]').boundingBox())?.height).toBeLessThan(46);
      await page.keyboard.type('亲，这是全网最低价');
      const lowest = shadow(page, '[data-kg="warning"][data-category="ad-absolute"]').first();
      await eventually(async () => expect(await lowest.count()).toBe(1));
      expect(await lowest.textContent()).toContain('“全网最低价”Advertising-law absolute term');
      const chip = lowest.locator('[data-kg="alternative"]');
      const label = (await chip.textContent()) ?? '';
      expect(label).toMatch(/^Use: \S/);
      const inserted = label.slice('Use: '.length);
      expect(inserted).toMatch(/[\u4e00-\u9fff]/); // what the customer will read: Chinese
      const [zh, meaning] = ((await chip.getAttribute('title')) ?? '').split('\n');
      expect(zh).toBe(inserted);
      expect(meaning).toMatch(/^[\x20-\x7e’]+$/);
      await page.screenshot({ path: 'test-results/rules-warning-en.png' });
      await chip.click();
      await eventually(async () =>
        expect(await page.locator('textarea.kd-reply').inputValue()).toBe(`亲，这是${inserted}`),
      );
    } finally {
      await page.close();
      await setSettings(h.browser, {});
    }
  });

  test('in a narrow console window the reason keeps room to be read: the alternative takes a line of its own', async () => {
    const page = await h.browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 700 });
    await openDemo(page);
    await page.keyboard.type('亲，这是全网最低价，加微信，销量第一');
    await eventually(async () => expect((await warnings(page)).length).toBeGreaterThanOrEqual(3));
    const boxes = await page.evaluate(() =>
      Array.from(
        document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="warning"]') ?? [],
      ).map((w) => {
        const box = (el: Element | null) => el?.getBoundingClientRect() ?? null;
        const card = box(w) as DOMRect;
        const reason = box(w.querySelector('.kg-reason')) as DOMRect;
        const chip = box(w.querySelector('[data-kg="alternative"]'));
        const dismiss = box(w.querySelector('[data-kg="false-alarm"]'));
        return {
          card: card.width,
          reason: reason.width,
          chipInside: !chip || chip.right <= card.right + 0.5,
          dismissInside: !dismiss || (dismiss.right <= card.right + 0.5 && dismiss.width > 0),
        };
      }),
    );
    for (const b of boxes) {
      // at least 12 characters a line (it was one or two, beside a wide alternative)
      expect(b.reason).toBeGreaterThanOrEqual(12 * 12);
      expect(b.chipInside).toBe(true);
      expect(b.dismissInside).toBe(true);
    }
    // the warn phrase's card offers 误报 (the block ones do not)
    expect(await shadow(page, '[data-kg="false-alarm"]').count()).toBe(1);
    await page.screenshot({ path: 'test-results/rules-warning-narrow.png' });
    await page.close();
  });

  test('evasions are caught too (spaces and homophones)', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    await page.keyboard.type('可以加我薇 信');
    await eventually(async () =>
      expect(
        (await warnings(page)).some((x) => x.category === 'off-platform' && x.severity === 'block'),
      ).toBe(true),
    );
    await page.close();
  });

  test('a stored pack rule this version cannot use goes alone: the rest of its pack still warns', async () => {
    // stored as by a version with other checks: one rule of the team's pack no longer compiles
    const rule = { category: 'false-guarantee', severity: 'warn', reason: '没有内部价，不能向顾客承诺。' };
    const pack = {
      pack: {
        format: 'kefu-guard-pack',
        version: 1,
        id: 'acme-rules',
        name: 'Acme 规则',
        updated: '2026-11-20',
        rules: [
          { ...rule, id: 'acme-broken', pattern: '(' },
          { ...rule, id: 'acme-internal-price', phrases: ['内部价'] },
        ],
      },
      enabled: true,
      source: { kind: 'file', name: 'acme.json' },
      installedAt: Date.now(),
    };
    await setStored(h.browser, 'packs', [pack]);
    const page = await h.browser.context.newPage();
    await openDemo(page);
    await page.keyboard.type('给您内部价，可以加微信');
    await eventually(async () =>
      expect((await warnings(page)).map((x) => x.rule).sort()).toEqual(
        expect.arrayContaining(['acme-internal-price', 'off-platform-wechat']),
      ),
    );
    await page.close();
    // the options say which rule is not in force, and why, on its row
    const options = await h.browser.openExtensionPage('options.html#rules');
    const broken = options.locator('[data-kg="options-rule"][data-rule-id="acme-broken"]');
    await eventually(async () =>
      expect(await broken.locator('[data-kg="rule-unusable"]').textContent()).toContain('未生效'),
    );
    expect(await broken.locator('[data-kg="rule-unusable"]').textContent()).toContain('pattern');
    expect(await options.locator('[data-kg="rule-unusable"]').count()).toBe(1);
    await broken.scrollIntoViewIfNeeded();
    await options.screenshot({ path: 'test-results/options-rule-unusable.png' });
    await options.close();
    await setStored(h.browser, 'packs', []);
  });
});

describe('the send guard', () => {
  test('a block draft + Enter is held; "send anyway" sends it and logs the override', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('加我微信吧，私聊给你优惠');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    expect(await shadow(page, '[data-kg="send-guard"]').textContent()).toContain('仍要发送');
    await page.waitForTimeout(300);
    expect((await agentMessages(page)).length).toBe(before);
    expect(await page.locator('textarea.kd-reply').inputValue()).toContain('微信');
    await page.screenshot({ path: 'test-results/rules-send-guard.png' });

    await shadow(page, '[data-kg="guard-send-anyway"]').click();
    await eventually(async () => expect((await agentMessages(page)).length).toBe(before + 1));
    expect((await agentMessages(page)).at(-1)).toContain('加我微信吧');
    const v = await eventually(async () => {
      const got = violations(await storedEvents(h.browser));
      expect(got.filter((e) => e.action === 'overridden').length).toBeGreaterThan(0);
      return got;
    });
    expect(v.filter((e) => e.action === 'blocked').map((e) => e.ruleId)).toContain('off-platform-wechat');
    expect(v.filter((e) => e.action === 'overridden').map((e) => e.ruleId)).toContain('off-platform-wechat');
    expect(v.filter((e) => e.action === 'warned').map((e) => e.category)).toContain('off-platform');
    // no text in stats
    expect(JSON.stringify(v)).not.toContain('微信');
    await page.close();
  });

  test('"fix it" returns to the draft with the blocked words selected; the send button is held too', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('爱买不买');
    await page.locator('button.kd-send').click();
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    await shadow(page, '[data-kg="guard-fix"]').click();
    const selected = await page.evaluate(() => {
      const ta = document.querySelector('textarea.kd-reply') as HTMLTextAreaElement;
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    expect(selected).toBe('爱买不买');
    expect((await agentMessages(page)).length).toBe(before);
    await page.close();
  });

  test("an Enter that picks an IME candidate is the IME's: nothing held, nothing sent; the next Enter is held", async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('加我微信吧');
    await eventually(async () => expect((await warnings(page)).map((w) => w.severity)).toContain('block'));
    // pinyin typed into the IME, and Enter to take its letters as they are (what Chinese IMEs do):
    // the browser reports that Enter as composing (key code 229)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'vx', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
    });
    await cdp.send('Input.insertText', { text: 'vx' });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 13,
    });
    await cdp.detach();
    await page.waitForTimeout(300);
    expect(await page.locator('textarea.kd-reply').inputValue()).toBe('加我微信吧vx');
    expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(0);
    expect((await agentMessages(page)).length).toBe(before);
    // the composition over, Enter sends again: and the guard holds it
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    expect((await agentMessages(page)).length).toBe(before);
    await page.close();
  });

  test('warn never blocks', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('这款是我们店销量第一的');
    await eventually(async () => expect((await warnings(page)).map((w) => w.severity)).toEqual(['warn']));
    await page.keyboard.press('Enter');
    await eventually(async () => expect((await agentMessages(page)).length).toBe(before + 1));
    expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(0);
    await page.close();
  });

  test('a warning marked 误报 goes for this draft, counts no violation and tells the supervisor; the next draft warns again', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const before = violations(await storedEvents(h.browser));
    const reply = page.locator('textarea.kd-reply');
    await page.keyboard.type('这款是我们店销量第一的');
    const rule = await eventually(async () => {
      const list = await warnings(page);
      expect(list.map((w) => w.severity)).toEqual(['warn']);
      return list[0]?.rule ?? '';
    });
    const button = shadow(page, `[data-kg="warning"][data-rule="${rule}"] [data-kg="false-alarm"]`);
    await expect(button.textContent()).resolves.toBe('误报');
    await page.screenshot({ path: 'test-results/rules-false-alarm.png' });
    await button.click();
    await eventually(async () => expect(await warnings(page)).toEqual([]));
    // the reply box has the caret again: typing goes on, and the rule stays quiet in this draft
    await page.keyboard.type('款，也是销量第一');
    await expect(reply.inputValue()).resolves.toBe('这款是我们店销量第一的款，也是销量第一');
    await page.waitForTimeout(1500);
    expect(await warnings(page)).toEqual([]);
    const logged = await eventually(async () => {
      const now = violations(await storedEvents(h.browser)).filter((e) => !before.some((b) => b.id === e.id));
      expect(now.map((e) => e.action)).toEqual(['dismissed']);
      return now;
    });
    expect(logged[0]).toMatchObject({ ruleId: rule, category: 'ad-absolute', severity: 'warn' });
    // a new draft: warned again
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('全店销量第一');
    await eventually(async () => expect((await warnings(page)).map((w) => w.rule)).toEqual([rule]));
    // a block warning is never a false alarm here: its send asks
    await page.keyboard.press('Control+A');
    await page.keyboard.type('加我微信');
    await eventually(async () => expect((await warnings(page)).map((w) => w.severity)).toContain('block'));
    expect(
      await shadow(page, '[data-kg="warning"][data-severity="block"] [data-kg="false-alarm"]').count(),
    ).toBe(0);

    // the supervisor's popup: the rule marked, no violation counted for it
    const popup = await h.browser.openExtensionPage('popup.html');
    const row = popup.locator(`[data-kg="top-rules"] li[data-id="${rule}"]`);
    await eventually(async () => expect(await row.getAttribute('data-dismissed')).toBe('1'));
    await expect(row.getAttribute('data-total')).resolves.toBe(
      String(
        violations(await storedEvents(h.browser)).filter(
          (e) => e.ruleId === rule && (e.action === 'warned' || e.action === 'blocked'),
        ).length,
      ),
    );
    await expect(row.locator('.top-dismissed').textContent()).resolves.toBe(' · 客服标记误报 1 次');
    // and beside the agent's violations, where a supervisor compares agents
    const marked = popup.locator('[data-group="agent"] [data-kg="false-alarms"]');
    await expect(marked.getAttribute('data-value')).resolves.toBe('1');
    await expect(marked.textContent()).resolves.toBe('误报 1');
    await popup.evaluate(() => document.documentElement.style.setProperty('--kg-popup-max', 'none'));
    await popup.screenshot({ path: 'test-results/popup-false-alarms.png', fullPage: true });
    await popup.close();
    // and on the rule's row in the options, where it is switched off or down
    const options = await h.browser.openExtensionPage('options.html#rules');
    const stats = options.locator(`[data-kg="options-rule"][data-rule-id="${rule}"] [data-kg="rule-stats"]`);
    await eventually(async () => expect(await stats.getAttribute('data-dismissed')).toBe('1'));
    await expect(stats.textContent()).resolves.toMatch(/^本机近 30 天：(违规 \d+ 次 · )?客服标记误报 1 次$/);
    // the rules marked most come first when asked (the packs' order otherwise)
    const firstRule = () => options.locator('[data-kg="options-rule"]').first().getAttribute('data-rule-id');
    const packsFirst = await firstRule();
    expect(packsFirst).not.toBe(rule);
    await options.locator('[data-kg="rule-order"]').selectOption('false-alarms');
    await eventually(async () => expect(await firstRule()).toBe(rule));
    await options.locator('[data-kg="rule-order"]').selectOption('default');
    await eventually(async () => expect(await firstRule()).toBe(packsFirst));
    await stats.scrollIntoViewIfNeeded();
    await options.screenshot({ path: 'test-results/options-rule-stats.png' });
    await options.close();
    await page.close();
  });

  test('ordinary service language passes untouched', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const before = violations(await storedEvents(h.browser)).length;
    await page.keyboard.type('好的亲，最快明天发货，第一时间为您处理，支持七天无理由，可以开发票');
    await page.waitForTimeout(200);
    expect((await warnings(page)).filter((w) => w.severity === 'block')).toEqual([]);
    // 第一 flashed by on the way to 第一时间: it counts as no violation
    await page.waitForTimeout(1500);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    expect(violations(await storedEvents(h.browser)).length).toBe(before);
    await page.close();
  });
});

describe('customer requests and pages that are no console', () => {
  test('a customer asking for WeChat gets an info badge with a compliant reply ready', async () => {
    const page = await h.browser.context.newPage();
    await openDemo(page);
    const conv = await page.evaluate(
      () =>
        (window as unknown as { kefuDemo: { conversations(): { id: string; active: boolean }[] } }).kefuDemo
          .conversations()
          .find((c) => c.active)?.id,
    );
    await page.evaluate(
      (id) =>
        (
          window as unknown as { kefuDemo: { addCustomerMessage(c: string, t: string): void } }
        ).kefuDemo.addCustomerMessage(id ?? '', '加个微信聊吧，方便点'),
      conv,
    );
    await eventually(async () => expect(await shadow(page, '[data-kg="customer-ask"]').count()).toBe(1));
    expect(await shadow(page, '[data-kg="customer-ask"]').getAttribute('data-category')).toBe('off-platform');
    await shadow(page, '[data-kg="ask-answer"]').click();
    await eventually(async () =>
      expect(await page.locator('textarea.kd-reply').inputValue()).toContain('平台内沟通'),
    );
    await page.close();
  });

  test('an unrecognised page never blocks its own send', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/fixtures/pages/not-a-console.html`);
    await page.locator('#q').click();
    await page.keyboard.type('加我微信吧');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#out').textContent()).toBe('加我微信吧');
    expect(await page.locator('kefu-guard [data-kg="send-guard"]').count()).toBe(0);
    await page.close();
  });
});

describe('the key that sends, as the console has it', () => {
  // a browser of its own: what it learns of the demo console's keys stays out of the tests above
  let k: Harness;
  beforeAll(async () => {
    k = await startHarness();
  });
  afterAll(async () => {
    await k?.close();
  });
  const seen = async () => {
    const page = await k.browser.openExtensionPage('popup.html');
    try {
      return await page.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
        };
        return ((await chrome.storage.local.get('send-keys'))['send-keys'] ?? {}) as Record<string, unknown>;
      });
    } finally {
      await page.close();
    }
  };
  const open = async (query = '') => {
    const page = await k.browser.context.newPage();
    await page.goto(`${k.server.url}/?sim=off&history=1&seed=8${query}`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await page.locator('textarea.kd-reply').click();
    return page;
  };
  const draft = (page: Page) => page.locator('textarea.kd-reply').inputValue();
  const guards = (page: Page) => shadow(page, '[data-kg="send-guard"]').count();

  test('a console set to send with Ctrl+Enter: learnt from one press; then Ctrl+Enter is held, and Enter breaks the line untouched, in the next tab too', async () => {
    const page = await open('&sendkey=ctrl');
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('好的');
    await page.keyboard.press('Enter');
    expect(await draft(page)).toBe('好的\n');
    await eventually(async () => expect((await seen()).demo).toEqual({ enter: false }));
    await page.keyboard.type('加我微信吧');
    await eventually(async () => expect((await warnings(page)).map((w) => w.severity)).toContain('block'));
    // the agent breaks the line: nothing held
    await page.keyboard.press('Enter');
    expect(await draft(page)).toBe('好的\n加我微信吧\n');
    expect(await guards(page)).toBe(0);
    // and sends: held
    await page.keyboard.press('Control+Enter');
    await eventually(async () => expect(await guards(page)).toBe(1));
    await page.waitForTimeout(300);
    expect((await agentMessages(page)).length).toBe(before);
    await page.screenshot({ path: 'test-results/rules-send-key-ctrl.png' });
    await shadow(page, '[data-kg="guard-send-anyway"]').click();
    await eventually(async () => expect((await agentMessages(page)).length).toBe(before + 1));
    await page.close();

    const next = await open('&sendkey=ctrl');
    const there = (await agentMessages(next)).length;
    await next.keyboard.type('加我微信吧');
    await next.keyboard.press('Control+Enter');
    await eventually(async () => expect(await guards(next)).toBe(1));
    await shadow(next, '[data-kg="guard-fix"]').click();
    await next.keyboard.press('End');
    await next.keyboard.press('Enter');
    expect(await draft(next)).toBe('加我微信吧\n');
    expect(await guards(next)).toBe(0);
    expect((await agentMessages(next)).length).toBe(there);
    await next.close();
  });

  test('the console set back to send with Enter: one plain send teaches it again', async () => {
    const page = await open();
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('好的亲');
    await page.keyboard.press('Enter');
    await eventually(async () => expect((await agentMessages(page)).length).toBe(before + 1));
    await eventually(async () => expect((await seen()).demo).toEqual({ enter: true }));
    await page.keyboard.type('加我微信吧');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await guards(page)).toBe(1));
    expect((await agentMessages(page)).length).toBe(before + 1);
    await page.close();
  });

  test('a console that sends with Enter: Ctrl+Enter breaks the line and is never held', async () => {
    const page = await open();
    const before = (await agentMessages(page)).length;
    await page.keyboard.type('加我微信吧');
    await page.keyboard.press('Control+Enter');
    expect(await draft(page)).toBe('加我微信吧\n');
    expect(await guards(page)).toBe(0);
    await eventually(async () => expect((await seen()).demo).toEqual({ enter: true, 'mod-enter': false }));
    await page.keyboard.type('私聊');
    await page.keyboard.press('Control+Enter');
    expect(await guards(page)).toBe(0);
    expect((await agentMessages(page)).length).toBe(before);
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await guards(page)).toBe(1));
    await page.close();
  });

  test('the options page says which key the guard takes to send in each console, and 「重新学习」 forgets it', async () => {
    const options = await k.browser.openExtensionPage('options.html#consoles');
    // what the consoles' tabs learnt: 千牛 sends with Ctrl+Enter, 飞鸽 with Enter; 拼多多 nothing yet
    await options.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { set(v: Record<string, unknown>): Promise<void> } } };
      };
      await chrome.storage.local.set({
        'send-keys': { qianniu: { enter: false }, feige: { enter: true, 'mod-enter': false } },
      });
    });
    const line = (id: string) => options.locator(`[data-kg="send-key"][data-console-id="${id}"]`);
    await eventually(async () => expect(await line('qianniu').getAttribute('data-learnt')).toBe('true'));
    expect(await line('qianniu').locator('[data-kg="send-key-keys"]').textContent()).toBe(
      '发送键：Ctrl+Enter',
    );
    expect(await line('feige').locator('[data-kg="send-key-keys"]').textContent()).toBe('发送键：Enter');
    expect(await line('pinduoduo').getAttribute('data-learnt')).toBe('false');
    expect(await line('pinduoduo').textContent()).toContain('尚未学到');
    expect(await line('pinduoduo').locator('[data-kg="relearn-send-key"]').count()).toBe(0);
    await line('qianniu').scrollIntoViewIfNeeded();
    await options.screenshot({ path: 'test-results/options-send-keys.png' });
    await line('qianniu').locator('[data-kg="relearn-send-key"]').click();
    await eventually(async () => expect(await line('qianniu').getAttribute('data-learnt')).toBe('false'));
    expect(await line('qianniu').locator('[data-kg="send-key-keys"]').textContent()).toBe('发送键：Enter');
    // only 千牛's is forgotten
    expect(await seen()).toEqual({ feige: { enter: true, 'mod-enter': false } });
    await options.close();
  });
});
