/**
 * Team packs in the real browser, driven through the options page:
 * - a pack defining a console KefuGuard has never seen (test/fixtures/pages/custom-console.html,
 *   its own markup) is imported from a file; nothing runs there until 「授权并启用」; then the
 *   content script registered at run time recognises the console from the pack's selectors alone,
 *   with its platform's clock (Kuaishou: amber at 180 s, red at 300 s, in a time zone where it is
 *   about 13:00, test/support/time-zone.ts: a round started before the window's 24:00 close is red
 *   just after it) and phrase warnings, and the
 *   options page's selector test counts what each selector finds on the open page;
 * - templates from a GBK-encoded CSV (columns mapped on screen) reach the picker (Ctrl+Space);
 * - a subscription served locally updates when its content changes (If-None-Match answered 304
 *   when it does not), and a broken update keeps the installed version and says why.
 *
 * The permission prompt cannot be clicked in a test: the e2e build's host permissions already hold
 * 127.0.0.1, so `permissions.request` for the fixture's path-scoped pattern resolves without one.
 * The static content script skips the fixture page in the e2e build (wxt.config.ts), so only the
 * run-time registration can bring the overlay there.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGbk } from '../support/gbk';
import { eventually, type Harness, overlayAttr, setStored, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const CONSOLE_PAGE = '/fixtures/pages/custom-console.html';

/** The parts of `chrome.*` these tests read in extension pages and the worker. */
interface ChromeApi {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; js?: string[]; allFrames?: boolean }[]> };
}
type StoredPack = { pack: { id: string; templates?: { title: string }[] } };
const storedPacks = (page: Page): Promise<StoredPack[]> =>
  page.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local
      .get('packs')
      .then((r) => (r.packs as StoredPack[] | undefined) ?? []),
  );

const acmePack = () => ({
  format: 'kefu-guard-pack',
  version: 1,
  id: 'acme-cs',
  name: 'Acme 客服团队包',
  updated: '2026-11-01',
  author: 'Acme 客服主管',
  templates: [
    {
      id: 'acme-hello',
      title: 'Acme 欢迎语',
      body: '您好，这里是 Acme 官方客服<script>alert(1)</script>，很高兴为您服务',
      group: '售前',
    },
  ],
  rules: [
    {
      id: 'acme-internal-price',
      category: 'false-guarantee',
      severity: 'block',
      phrases: ['内部价'],
      reason: 'Acme 没有内部价，不能向顾客承诺。',
      alternative: '目前页面价格就是最优惠的价格哦。',
    },
  ],
  consoles: [
    {
      id: 'acme',
      name: 'Acme 客服台',
      platform: 'kuaishou',
      matches: [`http://127.0.0.1${CONSOLE_PAGE}*`],
      selectors: {
        conversation: 'ul.acme-inbox > li.acme-thread',
        conversationId: 'attr:data-thread',
        conversationNick: '.acme-nick',
        activeConversation: '.acme-thread.is-open',
        unread: '.acme-badge',
        conversationWait: '.acme-wait',
        threadNick: '.acme-pane-title',
        thread: 'section.acme-pane',
        message: ['.acme-bubble', '.acme-msg-legacy'],
        customerMessage: '.acme-bubble.from-buyer',
        agentMessage: '.acme-bubble.from-seller',
        messageText: '.acme-bubble-body',
        messageTime: 'attr:data-ts',
        messageId: 'attr:data-mid',
        replyBox: 'textarea#acme-input',
        sendButton: ['button.acme-send', 'text=发送'],
      },
    },
  ],
});

async function openOptions(section = 'packs'): Promise<Page> {
  const page = await h.browser.openExtensionPage(`options.html#${section}`);
  await page.locator(`[data-kg="options"][data-section="${section}"]`).waitFor();
  return page;
}

async function importFile(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator('[data-kg="pack-import"]').setInputFiles({ name, mimeType, buffer });
}

const result = (page: Page) => page.locator('[data-kg="pack-import-result"]');

type Badge = { conversation: string; where: string; state: string; estimated: string; text: string };
const badges = (page: Page): Promise<Badge[]> =>
  page.evaluate(() =>
    Array.from(
      document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="countdown"]') ?? [],
    ).map((b) => ({
      conversation: b.getAttribute('data-conversation') ?? '',
      where: b.getAttribute('data-where') ?? '',
      state: b.getAttribute('data-state') ?? '',
      estimated: b.getAttribute('data-estimated') ?? '',
      text: b.textContent ?? '',
    })),
  );
const acme = (page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const api = (window as unknown as { acme: Record<string, (...x: unknown[]) => unknown> }).acme;
      return api[f as string]?.(...(a as unknown[]));
    },
    [fn, args] as const,
  );

describe('a pack with a console of its own', () => {
  test('import → grant → the overlay works on that console from the pack’s selectors alone', async () => {
    const options = await openOptions();
    await importFile(options, 'acme.json', 'application/json', Buffer.from(JSON.stringify(acmePack())));
    await eventually(async () => expect(await result(options).getAttribute('data-status')).toBe('ok'));
    expect(await result(options).textContent()).toContain('Acme 客服团队包');
    const row = options.locator('[data-kg="pack"][data-pack-id="acme-cs"]');
    await row.waitFor();
    await options.screenshot({ path: 'test-results/options-packs.png', fullPage: true });

    // not granted yet: nothing runs on the console's page
    const before = await h.browser.context.newPage();
    await before.goto(`${h.server.url}${CONSOLE_PAGE}`);
    await acme(before, 'receive', 't-early', '你好', { nick: '早到的顾客' });
    await before.waitForTimeout(1500);
    expect(await before.locator('kefu-guard').count()).toBe(0);
    const loadedAt = await before.evaluate(() => performance.timeOrigin);

    // 「授权并启用」
    await options.locator('[data-kg="options-nav"][data-section="consoles"]').click();
    const card = options.locator('[data-kg="custom-console"][data-console-key="acme-cs/acme"]');
    await card.locator('[data-kg="grant-console"]').click();
    await eventually(async () => expect(await card.getAttribute('data-state')).toBe('active'));
    // the page left open meanwhile gets KefuGuard now, without a reload
    await eventually(async () =>
      expect(await overlayAttr(before, 'console-status', 'data-console')).toBe('acme'),
    );
    expect(await before.locator('kefu-guard').count()).toBe(1);
    expect(await before.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await before.close();
    const registered = await (await h.browser.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: ChromeApi }).chrome.scripting
        .getRegisteredContentScripts()
        .then((s) => s.map((x) => ({ id: x.id, js: x.js, allFrames: x.allFrames }))),
    );
    expect(registered).toContainEqual({
      id: 'kg-pack-console:acme-cs/acme',
      js: ['content-scripts/console.js'],
      allFrames: true,
    });

    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}${CONSOLE_PAGE}`);
    // well inside Kuaishou's 08:00–24:00, so the window's close plays no part in the colours below
    expect([13, 14]).toContain(await page.evaluate(() => new Date().getHours()));
    const now = Date.now();
    // Kuaishou's clock: 185 s is amber (warn 180 s, late 300 s); on Taobao's it would be red
    await acme(page, 'receive', 't-amber', '在吗？我的快递到哪了', {
      nick: '等了三分钟的顾客',
      time: now - 185_000,
    });
    await acme(page, 'receive', 't-red', '怎么还没人回复', { nick: '等了五分钟的顾客', time: now - 305_000 });
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('acme'),
    );
    expect(await overlayAttr(page, 'console-status', 'data-status')).toBe('recognised');
    const badge = async (conversation: string, where: string) =>
      (await badges(page)).find((b) => b.conversation === conversation && b.where === where)?.state;
    await eventually(async () => expect(await badge('t-amber', 'header')).toBe('warn'));
    // a row never opened counts from the wait its console shows in it (the pack's conversationWait,
    // 「已等 5:05」): late already, not 「~5:00」 from when KefuGuard first saw it
    const unopened = await eventually(async () => {
      const row = (await badges(page)).find((b) => b.conversation === 't-red' && b.where === 'row');
      expect(row).toMatchObject({ state: 'breach', estimated: 'false' });
      return row;
    });
    expect(unopened?.text).toMatch(/^已超时 0:[0-5]\d$/);
    // the console's times of a conversation are read once it is open
    await acme(page, 'open', 't-red');
    await eventually(async () => expect(await badge('t-red', 'header')).toBe('breach'));
    expect(await badge('t-amber', 'row')).toBe('warn');
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(2),
    );
    // the console's stylesheet reached the shadow root (web-accessible on granted hosts)
    const styled = await page.evaluate(
      () =>
        document.querySelector('kefu-guard')?.shadowRoot?.querySelector('style')?.textContent?.length ?? 0,
    );
    expect(styled).toBeGreaterThan(1000);

    // phrase warnings: a default rule and the pack's own
    await page.locator('#acme-input').click();
    await page.keyboard.type('加我微信，给你内部价');
    const warning = (rule: string) => page.locator(`kefu-guard [data-kg="warning"][data-rule="${rule}"]`);
    await eventually(async () => expect(await warning('acme-internal-price').count()).toBe(1));
    expect(await warning('off-platform-wechat').count()).toBe(1);
    await page.screenshot({ path: 'test-results/packs-custom-console.png' });

    // the selector test on the open page
    await options.bringToFront();
    await card.locator('[data-kg="probe-console"]').click();
    const probe = card.locator('[data-kg="probe-result"]');
    await eventually(async () => expect(await probe.getAttribute('data-status')).toBe('ok'));
    const count = async (field: string) =>
      Number(await probe.locator(`tr[data-field="${field}"]`).first().getAttribute('data-count'));
    expect(await count('conversation')).toBe(2);
    expect(await count('message')).toBeGreaterThanOrEqual(1);
    expect(await count('replyBox')).toBe(1);
    expect(Number(await probe.locator('tr[data-field="message"]').nth(1).getAttribute('data-count'))).toBe(0);
    // each field said in words, its key beside; a required field found nowhere is named below the table
    expect(await probe.locator('tr[data-field="replyBox"] [data-kg="probe-field-label"]').textContent()).toBe(
      '回复框',
    );
    expect(await probe.locator('tr[data-field="replyBox"] td').first().textContent()).toContain('replyBox');
    const missed = await probe
      .locator('tr.miss')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
    expect(missed).toEqual(['agentMessage']);
    expect(await probe.locator('[data-kg="probe-missing"]').textContent()).toContain(
      '「客服（或机器人）的消息」',
    );
    await options.screenshot({ path: 'test-results/options-consoles.png', fullPage: true });
    await page.close();

    // the pack's template is text, not markup
    await options.locator('[data-kg="options-nav"][data-section="templates"]').click();
    const tpl = options.locator('[data-kg="options-template"][data-template-id="acme-hello"]');
    await tpl.waitFor();
    expect(await tpl.textContent()).toContain('<script>alert(1)</script>');
    expect(await options.locator('[data-kg="options-template"] script').count()).toBe(0);

    // removing the pack unregisters its console
    await options.locator('[data-kg="options-nav"][data-section="packs"]').click();
    const acmeRow = options.locator('[data-kg="pack"][data-pack-id="acme-cs"]');
    await acmeRow.locator('[data-kg="pack-remove"]').click();
    await acmeRow.locator('[data-kg="pack-remove-confirm"]').click();
    await eventually(async () => expect(await acmeRow.count()).toBe(0));
    await eventually(async () => {
      const ids = await (await h.browser.worker()).evaluate(() =>
        (globalThis as unknown as { chrome: ChromeApi }).chrome.scripting
          .getRegisteredContentScripts()
          .then((s) => s.map((x) => x.id)),
      );
      expect(ids).not.toContain('kg-pack-console:acme-cs/acme');
    });
    await options.close();
  });
});

describe('templates from CSV', () => {
  test('a GBK CSV, columns mapped on screen → its template in the picker (Ctrl+Space)', async () => {
    const options = await openOptions();
    const csv = [
      '编号,标题,话术内容,分类,标签',
      'acme-return-label,退货面单说明,"亲，退货时请在包裹里写上订单号，我们收到后 24 小时内为您退款～",售后,退货 面单',
      'acme-delay,"发货延迟致歉","非常抱歉亲，仓库爆单，""明天""一定为您发出",物流,',
    ].join('\r\n');
    await importFile(options, '团队话术.csv', 'text/csv', Buffer.from(encodeGbk(csv)));
    const mapper = options.locator('[data-kg="csv-mapper"]');
    await mapper.waitFor();
    expect(await mapper.textContent()).toContain('GBK');
    // guessed from the header; the agent could change any of them
    expect(await mapper.locator('[data-field="body"]').inputValue()).toBe('2');
    expect(await mapper.locator('[data-field="id"]').inputValue()).toBe('0');
    await mapper.locator('[data-field="tags"]').selectOption('4');
    await options.screenshot({ path: 'test-results/options-csv-mapping.png', fullPage: true });
    await mapper.locator('[data-kg="csv-import"]').click();
    await eventually(async () => expect(await result(options).getAttribute('data-status')).toBe('ok'));
    expect(await result(options).textContent()).toContain('2 条话术');
    await options.close();

    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=3`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.press('Control+Space');
    await page.locator('kefu-guard [data-kg="template-picker"]').waitFor();
    await page.keyboard.type('退货面单');
    const item = page.locator('kefu-guard [data-kg="template"][data-template-id="acme-return-label"]');
    await eventually(async () => expect(await item.count()).toBe(1));
    expect(await item.textContent()).toContain('24 小时内为您退款');
    await page.screenshot({ path: 'test-results/packs-csv-picker.png' });
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await page.locator('textarea.kd-reply').inputValue()).toContain('退货时请在包裹里写上订单号'),
    );
    await page.close();
  });
});

describe('subscriptions', () => {
  test('updates when the served pack changes; a broken update keeps the old one and says why', async () => {
    let body = '';
    let down = false;
    const seen: { ifNoneMatch: string | null; status: number }[] = [];
    h.server.route((req, res) => {
      if (!req.url?.startsWith('/packs/team.json')) return false;
      if (down) {
        res.writeHead(500);
        res.end();
        return true;
      }
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const ifNoneMatch = (req.headers['if-none-match'] as string | undefined) ?? null;
      const status = ifNoneMatch === etag ? 304 : 200;
      seen.push({ ifNoneMatch, status });
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        etag,
        'cache-control': 'no-cache',
      });
      res.end(status === 304 ? undefined : body);
      return true;
    });
    const version = (updated: string, title: string) =>
      JSON.stringify({
        format: 'kefu-guard-pack',
        version: 1,
        id: 'team-sub',
        name: '订阅的团队话术',
        updated,
        templates: [{ id: 'team-sub-greet', title, body: `${title}：亲，您好～`, group: '售前' }],
      });
    body = version('2026-11-01', '第一版问候');

    const options = await openOptions();
    await options.locator('[data-kg="pack-url"]').fill(`${h.server.url}/packs/team.json`);
    await options.locator('[data-kg="pack-subscribe"]').click();
    await eventually(async () => expect(await result(options).getAttribute('data-status')).toBe('ok'));
    const row = options.locator('[data-kg="pack"][data-pack-id="team-sub"]');
    const updated = () => row.locator('[data-kg="pack-updated"]').getAttribute('data-value');
    expect(await updated()).toBe('2026-11-01');

    // unchanged: the ETag is sent and the server answers 304
    await row.locator('[data-kg="pack-update"]').click();
    const message = row.locator('[data-kg="pack-message"]');
    await eventually(async () => expect(await message.getAttribute('data-status')).toBe('ok'));
    expect(seen.at(-1)).toMatchObject({ status: 304 });
    expect(seen.at(-1)?.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);

    // a newer version replaces the installed one
    body = version('2026-11-02', '第二版问候');
    await row.locator('[data-kg="pack-update"]').click();
    await eventually(async () => expect(await updated()).toBe('2026-11-02'));
    expect(await message.textContent()).toContain('2026-11-02');

    // a broken update: the installed version stays, the error names the field
    body = JSON.stringify({
      ...JSON.parse(version('2026-11-03', '坏掉的版本')),
      templates: [{ id: 'x', title: '缺内容' }],
    });
    await row.locator('[data-kg="pack-update"]').click();
    await eventually(async () => expect(await message.getAttribute('data-status')).toBe('error'));
    expect(await message.textContent()).toContain('templates[0].body');
    expect(await updated()).toBe('2026-11-02');
    // the server down: the same
    down = true;
    await row.locator('[data-kg="pack-update"]').click();
    await eventually(async () => expect(await message.textContent()).toContain('500'));
    expect(await updated()).toBe('2026-11-02');
    await options.reload();
    const reloaded = options.locator('[data-kg="pack"][data-pack-id="team-sub"]');
    await reloaded.waitFor();
    expect(await reloaded.locator('[data-kg="pack-error"]').textContent()).toMatch(/更新失败/);
    expect(await reloaded.locator('[data-kg="pack-updated"]').getAttribute('data-value')).toBe('2026-11-02');
    await options.screenshot({ path: 'test-results/options-subscription-error.png', fullPage: true });

    // the installed (second) version is the one in force
    const installed = await storedPacks(options);
    expect(installed.find((p) => p.pack.id === 'team-sub')?.pack.templates?.[0]?.title).toBe('第二版问候');
    await options.close();
  });

  test('an invalid pack file changes nothing and names the path of each problem', async () => {
    const options = await openOptions();
    const before = JSON.stringify(await storedPacks(options));
    const bad = {
      ...acmePack(),
      id: 'acme-evil',
      updated: '2026-12-01',
      rules: [{ ...acmePack().rules[0], pattern: '(a+)+$' }],
      consoles: [{ ...acmePack().consoles[0], matches: ['<all_urls>'] }],
    };
    await importFile(options, 'evil.json', 'application/json', Buffer.from(JSON.stringify(bad)));
    await eventually(async () => expect(await result(options).getAttribute('data-status')).toBe('error'));
    const text = (await result(options).textContent()) ?? '';
    expect(text).toContain('rules[0].pattern');
    expect(text).toContain('consoles[0].matches[0]');
    await options.screenshot({ path: 'test-results/options-import-error.png', fullPage: true });
    expect(JSON.stringify(await storedPacks(options))).toBe(before);
    expect(await options.locator('[data-kg="pack"][data-pack-id="acme-evil"]').count()).toBe(0);
    await options.close();
  });
});

describe('editors and settings', () => {
  test('a default rule switched off and a template added work on the console; a bad clock value names its field and saves nothing', async () => {
    const options = await openOptions('rules');
    const wechat = options.locator('[data-kg="options-rule"][data-rule-id="off-platform-wechat"]');
    await wechat.locator('[data-kg="rule-enabled"]').uncheck();
    await eventually(async () => expect(await wechat.getAttribute('data-enabled')).toBe('false'));
    const medical = options.locator('[data-kg="options-rule"]').filter({ hasText: '医疗' }).first();
    await medical.locator('[data-kg="rule-severity"]').selectOption('info');
    await eventually(async () => expect(await medical.getAttribute('data-severity')).toBe('info'));
    // a built-in detector is said in words, beside its name as packs write it
    const wechatId = options.locator('[data-kg="options-rule"][data-rule-id="off-platform-wechat-id"]');
    await expect(wechatId.locator('[data-kg="rule-detector"]').textContent()).resolves.toBe(
      '自动识别微信号（微信/vx/V 后面跟着的账号）',
    );
    await expect(wechatId.locator('.phrases').textContent()).resolves.toContain('builtin:wechat-id');
    expect(await options.locator('[data-kg="rule-detector"]').count()).toBe(5);
    await options.screenshot({ path: 'test-results/options-rules.png' });

    await options.locator('[data-kg="options-nav"][data-section="templates"]').click();
    await options.locator('[data-kg="template-new"]').click();
    await options.locator('[data-kg="template-title"]').fill('我的专属问候');
    await options.locator('[data-kg="template-body"]').fill('亲，{客服昵称}在呢，{未知变量}');
    await options.locator('[data-kg="template-save"]').click();
    const editor = options.locator('[data-kg="template-editor"]');
    await eventually(async () => expect(await editor.textContent()).toContain('未知变量'));
    await options.screenshot({ path: 'test-results/options-templates.png' });
    await options.locator('[data-kg="template-body"]').fill('亲，我是{客服昵称}，专属客服为您服务～');
    await options.locator('[data-kg="template-save"]').click();
    await eventually(async () => expect(await editor.count()).toBe(0));
    const mine = options.locator('[data-kg="options-template"]').filter({ hasText: '我的专属问候' });
    await eventually(async () => expect(await mine.count()).toBe(1));
    // the edits are a pack of their own, exportable like any other
    await options.locator('[data-kg="options-nav"][data-section="packs"]').click();
    const local = options.locator('[data-kg="pack"][data-pack-id="local-edits"]');
    await local.waitFor();
    const download = options.waitForEvent('download');
    await local.locator('[data-kg="pack-export"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^local-edits-\d{4}-\d{2}-\d{2}\.kefu-pack\.json$/);

    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=7`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('可以加微信吗');
    await page.waitForTimeout(600);
    expect(
      await page.locator('kefu-guard [data-kg="warning"][data-rule="off-platform-wechat"]').count(),
    ).toBe(0);
    await page.locator('textarea.kd-reply').fill('');
    await page.keyboard.press('Control+Space');
    await page.keyboard.type('专属问候');
    await eventually(async () =>
      expect(await page.locator('kefu-guard [data-kg="template"]').first().textContent()).toContain(
        '我的专属问候',
      ),
    );
    await page.close();

    // the clock: warn after breach is refused beside the field; nothing is saved
    await options.locator('[data-kg="options-nav"][data-section="clock"]').click();
    const stored = () =>
      options.evaluate(() =>
        (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local
          .get('settings')
          .then((r) => JSON.stringify(r.settings ?? null)),
      );
    const before = await stored();
    const taobao = options.locator('[data-kg="clock-platform"][data-platform="taobao"]');
    await taobao.locator('[data-field="warnSeconds"]').fill('200');
    await taobao.locator('[data-field="windowEnd"]').fill('25:00');
    await taobao.locator('[data-kg="clock-save"]').click();
    const error = (field: string) =>
      taobao.locator(`[data-kg="field-error"][data-field="clock.taobao.${field}"]`);
    await eventually(async () =>
      expect(await error('warnSeconds').textContent()).toContain('提醒时间必须早于超时时间'),
    );
    expect(await error('windowEnd').textContent()).toContain('HH:MM');
    expect(await stored()).toBe(before);
    await options.screenshot({ path: 'test-results/options-clock.png', fullPage: true });
    // a good value saves
    await taobao.locator('[data-field="warnSeconds"]').fill('90');
    await taobao.locator('[data-field="windowEnd"]').fill('24:00');
    await taobao.locator('[data-kg="clock-save"]').click();
    await eventually(async () =>
      expect(JSON.parse(await stored()).clock.taobao).toMatchObject({ warnSeconds: 90, windowEnd: '24:00' }),
    );

    await options.locator('[data-kg="options-nav"][data-section="general"]').click();
    const general = options.locator('[data-kg="general-settings"]');
    await general.locator('input[data-field="retentionDays"]').fill('0');
    await general.locator('input[data-field="agentName"]').fill('小美');
    await general.locator('[data-kg="general-save"]').click();
    await eventually(async () =>
      expect(await general.locator('[data-kg="field-error"][data-field="retentionDays"]').count()).toBe(1),
    );
    expect(JSON.parse(await stored()).agentName ?? '').toBe('');
    // the shortcut as the browser has it
    await eventually(async () =>
      expect(await options.locator('[data-kg="shortcut-key"]').textContent()).toBe('Alt+Shift+J'),
    );
    // a test notification: the browser shows it (its id is ours), and the page says where to look if not
    await options.locator('[data-kg="notify-test"]').click();
    await eventually(async () =>
      expect(await options.locator('[data-kg="notify-test-status"]').getAttribute('data-status')).toBe(
        'sent',
      ),
    );
    expect(await options.locator('[data-kg="notify-test-status"]').textContent()).toContain('系统');
    const worker = await h.browser.worker();
    const shown = await worker.evaluate(async () =>
      Object.keys(
        await (
          globalThis as unknown as {
            chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } };
          }
        ).chrome.notifications.getAll(),
      ),
    );
    expect(shown.some((id) => id.startsWith('kg-test-'))).toBe(true);
    await options.screenshot({ path: 'test-results/options-general.png', fullPage: true });
    // 「修改快捷键」 opens the browser's own page for it
    const [shortcuts] = await Promise.all([
      options.context().waitForEvent('page'),
      options.locator('[data-kg="shortcut-change"]').click(),
    ]);
    await eventually(async () => expect(shortcuts.url()).toBe('chrome://extensions/shortcuts'));
    await shortcuts.close();
    await general.locator('input[data-field="retentionDays"]').fill('30');
    await general.locator('[data-kg="general-save"]').click();
    await eventually(async () =>
      expect(JSON.parse(await stored())).toMatchObject({ agentName: '小美', retentionDays: 30 }),
    );
    await options.close();
  });
  test('a removal the agent’s own pack cannot take says why, names the field and changes nothing', async () => {
    const options = await openOptions('templates');
    // the agent's pack holds a template its checks refuse now (as one an older version let through)
    const mine = {
      pack: {
        format: 'kefu-guard-pack',
        version: 1,
        id: 'local-edits',
        name: '我的修改',
        updated: '2026-11-25',
        templates: [
          { id: 'my-ok', title: '我的好话术', body: '亲，在的～', group: '售前' },
          { id: 'my-bad', title: '我的坏话术', body: '亲，{未知变量}', group: '售前' },
        ],
      },
      enabled: true,
      source: { kind: 'local' },
      installedAt: Date.now(),
    };
    const others = (await storedPacks(options)).filter((p) => p.pack.id !== 'local-edits');
    await setStored(h.browser, 'packs', [...others, mine]);
    const row = (id: string) => options.locator(`[data-kg="options-template"][data-template-id="${id}"]`);
    await row('my-ok').waitFor();
    const before = JSON.stringify(await storedPacks(options));
    await row('my-ok').locator('[data-kg="template-remove"]').click();
    // said on the row clicked (far down the list), not at the list's top
    const error = row('my-ok').locator('.inline-error');
    // the problem is the other template's: named, so the agent looks there
    await eventually(async () => expect(await error.textContent()).toContain('「我的坏话术」的内容：'));
    expect(await error.textContent()).toContain('未知变量');
    expect(await options.locator('.inline-error').count()).toBe(1);
    expect(JSON.stringify(await storedPacks(options))).toBe(before);
    expect(await row('my-ok').count()).toBe(1);
    await error.scrollIntoViewIfNeeded();
    await options.screenshot({ path: 'test-results/options-remove-refused.png' });
    // a rule switched off on its row: refused there too, and the switch shows the rule still on
    await options.locator('[data-kg="options-nav"][data-section="rules"]').click();
    const wechat = options.locator('[data-kg="options-rule"][data-rule-id="off-platform-wechat"]');
    const on = wechat.locator('[data-kg="rule-enabled"]');
    const wasOn = await on.isChecked();
    await on.click();
    await eventually(async () =>
      expect(await wechat.locator('.inline-error').textContent()).toContain('未知变量'),
    );
    expect(await on.isChecked()).toBe(wasOn);
    expect(JSON.stringify(await storedPacks(options))).toBe(before);
    await options.locator('[data-kg="options-nav"][data-section="templates"]').click();
    // the bad one removed, the pack validates again: the other goes too, and the error with it
    await row('my-bad').locator('[data-kg="template-remove"]').click();
    await eventually(async () => expect(await row('my-bad').count()).toBe(0));
    expect(await options.locator('.inline-error').count()).toBe(0);
    await row('my-ok').locator('[data-kg="template-remove"]').click();
    await eventually(async () => expect(await row('my-ok').count()).toBe(0));
    const left = (await storedPacks(options)).find((p) => p.pack.id === 'local-edits');
    expect(left?.pack.templates ?? []).toEqual([]);
    await options.close();
  });

  test('stored settings the checks refuse: their defaults are used, named, and one click saves the repair', async () => {
    const options = await openOptions('general');
    const settings = () =>
      options.evaluate(() =>
        (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local
          .get('settings')
          .then((r) => r.settings as Record<string, unknown>),
      );
    // as saved by a version with other checks, or edited by hand
    const bad = {
      ...(await settings()),
      agentName: '小美',
      retentionDays: 3,
      clock: {
        taobao: {
          warnSeconds: 500,
          breachSeconds: 180,
          windowStart: '08:00',
          windowEnd: '23:00',
          target: 0.8,
        },
      },
    };
    await setStored(h.browser, 'settings', bad);
    await options.reload();
    const notice = options.locator('[data-kg="settings-repaired"]');
    await notice.waitFor();
    const said = (await notice.textContent()) ?? '';
    // each named as the options label it, with its name beside
    expect(said).toContain('统计明细保留天数（retentionDays）');
    expect(said).toContain('响应计时 · 淘宝 / 天猫（clock.taobao）');
    expect(said).not.toContain('agentName');
    // the form shows what is in use: the default, and the name kept
    const general = options.locator('[data-kg="general-settings"]');
    expect(await general.locator('input[data-field="retentionDays"]').inputValue()).toBe('90');
    expect(await general.locator('input[data-field="agentName"]').inputValue()).toBe('小美');
    await options.screenshot({ path: 'test-results/options-settings-repaired.png' });
    await options.locator('[data-kg="settings-repair-save"]').click();
    await eventually(async () => expect(await notice.count()).toBe(0));
    expect(await settings()).toMatchObject({ agentName: '小美', retentionDays: 90, clock: {} });
    await options.close();
  });
});
