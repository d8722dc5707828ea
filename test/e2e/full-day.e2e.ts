/**
 * A full day on the demo console, accelerated: six customers (a pre-sales question, an invoice
 * request, a return, a logistics complaint, an angry customer and one asking for WeChat) are served
 * with real keystrokes — typed replies, a suggested template, the template picker, the ready answer
 * to a risky ask, a blocked phrase held and fixed, another sent anyway — while the extension's
 * service worker is stopped again and again (once right after a burst). At the end every KPI of the
 * popup equals what the test computes on its own from what it scripted, and no event was lost.
 *
 * Time. Waits are made long by giving the customers' messages console timestamps in the past (the
 * clock trusts console times): a message stamped `now − 240 s` answered now is a 4-minute wait.
 * The agent's replies happen now; their exact times are read back from the demo console
 * (`kefuDemo.messages`), so every wait is known to the millisecond.
 *
 * Working hours. Taobao grades only rounds that start inside 08:00–23:00 local time. So that the
 * test checks real graded numbers whatever the hour it runs at, the browser (and this test's own
 * `Date`) run in a whole-hour `Etc/GMT±N` time zone in which it is now about 13:00 (`TZ`, set for
 * every e2e test by vitest.config.ts, see test/support/time-zone.ts; the test checks that the page
 * and the worker agree with it). The
 * expectations still apply the platform's rule to every round — graded when `isInWindow(start,
 * presetFor('taobao'))`, deadline the earlier of `start + 180 s` and the window's close — so they
 * stay right even if the zone were ignored (rounds outside the window then count as ungraded).
 */
import { mkdirSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isInWindow, presetFor, windowClose } from '../../utils/clock';
import type { StoredEvent } from '../../utils/events';
import { eventually, type Harness, overlayAttr, startHarness, storedEvents } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const TAOBAO = presetFor('taobao');

interface DemoMessage {
  id: string;
  from: 'customer' | 'agent' | 'system';
  bot: boolean;
  time: number;
  text: string;
}

const demo = <T = unknown>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const api = (window as unknown as { kefuDemo: Record<string, (...x: unknown[]) => unknown> }).kefuDemo;
      return api[f as string]?.(...(a as unknown[]));
    },
    [fn, args] as const,
  ) as Promise<T>;
const messages = (page: Page, conv: string) => demo<DemoMessage[]>(page, 'messages', conv);
const shadow = (page: Page, selector: string) => page.locator(`kefu-guard ${selector}`);
const localDay = (t: number) => new Date(t).toLocaleDateString('sv-SE');
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const one = (x: number) => Math.round(x * 10) / 10;

// ————— the day's script —————

interface Customer {
  id: string;
  nick: string;
  /** Their messages before the agent gets to them: text, and how long ago it was sent. */
  lines: [text: string, agoMs: number][];
}

const CUSTOMERS: Customer[] = [
  { id: 'c-presale', nick: '爱穿搭的小鹿', lines: [['在吗？这款连衣裙有M码吗？', 40_000]] },
  { id: 'c-invoice', nick: '采购部老陈', lines: [['你好，可以开发票吗？', 120_000]] },
  {
    id: 'c-angry',
    nick: '暴躁老哥',
    lines: [
      ['什么破东西，质量太差了！', 75_000],
      ['再不回我就投诉！', 20_000],
    ],
  },
  { id: 'c-wechat', nick: '小林Lily', lines: [['能加个微信吗？微信上聊方便', 50_000]] },
  {
    id: 'c-return',
    nick: '阿芳',
    lines: [
      ['收到的衣服有色差，我要退货', 240_000],
      ['能退吗？', 200_000],
    ],
  },
  { id: 'c-logistics', nick: '等快递的小周', lines: [['我的快递三天没动了，到底什么时候到？', 600_000]] },
];

/**
 * What the agent's keystrokes log, declared step by step (the default rule pack; each draft was
 * checked at every prefix, since a warning is logged the moment it shows, once per rule per draft).
 */
interface Expected {
  violations: { action: 'warned' | 'blocked' | 'overridden'; ruleId: string }[];
  templates: { templateId: string; via: 'suggested' | 'searched' }[];
}

interface Round {
  conv: string;
  start: number;
  end: number | null;
}

/** The rounds of a thread (首问首答): a customer's first unanswered message to the agent's next one. */
function roundsOf(conv: string, thread: readonly DemoMessage[]): Round[] {
  const out: Round[] = [];
  let open: Round | null = null;
  for (const m of thread) {
    if (m.from === 'customer' && !open) {
      open = { conv, start: m.time, end: null };
      out.push(open);
    } else if (m.from === 'agent' && open) {
      open.end = m.time;
      open = null;
    }
  }
  return out;
}

/** The popup's KPI hooks for `rounds`, by the definitions of utils/kpi.ts, computed here. */
function expectedKpis(rounds: readonly Round[], exp: Expected, at: number) {
  const judged = rounds.map((r) => {
    const graded = isInWindow(r.start, TAOBAO);
    const close = graded ? windowClose(r.start, TAOBAO) : null;
    const deadline = Math.min(r.start + TAOBAO.breachSeconds * 1000, close ?? Number.POSITIVE_INFINITY);
    const waitMs = r.end === null ? null : r.end - r.start;
    return {
      ...r,
      graded,
      waitMs,
      inTime: r.end !== null && r.end < deadline,
      // answered, or unanswered past the deadline; a round still within its limit is pending
      decided: r.end !== null || at >= deadline,
    };
  });
  const graded = judged.filter((r) => r.graded && r.decided);
  const answered = graded.filter((r) => r.waitMs !== null);
  const waits = answered.map((r) => r.waitMs ?? 0);
  // first response: the first graded answered round of each conversation on each day
  const firsts = new Map<string, number>();
  for (const r of [...answered].sort((a, b) => a.start - b.start)) {
    const k = `${r.conv}|${localDay(r.start)}`;
    if (!firsts.has(k)) firsts.set(k, r.waitMs ?? 0);
  }
  const inTime = graded.filter((r) => r.inTime).length;
  return {
    rounds: graded.length,
    inTime,
    ungraded: judged.filter((r) => !r.graded && r.decided).length,
    pending: judged.filter((r) => !r.decided).length,
    'three-minute-rate': graded.length === 0 ? null : one((100 * inTime) / graded.length),
    'avg-first-response-s': firsts.size === 0 ? null : mean([...firsts.values()]) / 1000,
    'avg-response-s': waits.length === 0 ? null : mean(waits) / 1000,
    'longest-wait-s': waits.length === 0 ? null : Math.max(...waits) / 1000,
    breaches: graded.length - inTime,
    violations: exp.violations.filter((v) => v.action !== 'overridden').length,
    'templates-used': exp.templates.length,
  };
}

describe('a full day', () => {
  test('six customers, the worker stopped again and again: every KPI as computed, no event lost', async () => {
    const started = Date.now();
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&seed=31`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    // the page, the worker and this test share one time zone (the expectations use local time)
    const offset = new Date().getTimezoneOffset();
    expect(await page.evaluate(() => new Date().getTimezoneOffset())).toBe(offset);
    expect(await (await h.browser.worker()).evaluate(() => new Date().getTimezoneOffset())).toBe(offset);

    // the worker's life as DevTools sees it, and the switch that stops it
    const cdp: CDPSession = await h.browser.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions)
        if (v.scriptURL.startsWith(`chrome-extension://${h.browser.extensionId}/`))
          statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    let stops = 0;
    const stopWorker = async () => {
      const mark = statuses.length;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await eventually(async () => expect(statuses.slice(mark)).toContain('stopped'), 10_000, 50);
      stops++;
    };

    const exp: Expected = { violations: [], templates: [] };
    const reply = page.locator('textarea.kd-reply');
    const agentCount = async (conv: string) =>
      (await messages(page, conv)).filter((m) => m.from === 'agent').length;
    /** Opens a conversation and waits until KefuGuard has read its thread (its countdown shows). */
    const open = async (conv: string) => {
      await demo(page, 'openConversation', conv);
      await eventually(async () =>
        expect(
          await shadow(
            page,
            `[data-kg="countdown"][data-where="header"][data-conversation="${conv}"]`,
          ).count(),
        ).toBe(1),
      );
    };
    /** Opens a conversation nobody waits in (no countdown to wait for). */
    const show = async (conv: string) => {
      await demo(page, 'openConversation', conv);
      await eventually(async () =>
        expect(await page.locator('.kd-conv.is-active').getAttribute('data-conv-id')).toBe(conv),
      );
    };
    /**
     * Waits for the agent's message to land in the console and for KefuGuard to have read it (the
     * customer's countdown gone, two frames later), as an agent sees it before moving on. KefuGuard
     * reads the page once per animation frame: a thread switched away within the frame of the send
     * is only read again when it is reopened.
     */
    const sent = async (conv: string, before: number) => {
      await eventually(async () => expect(await agentCount(conv)).toBe(before + 1));
      await eventually(async () =>
        expect(
          await shadow(
            page,
            `[data-kg="countdown"][data-where="header"][data-conversation="${conv}"]`,
          ).count(),
        ).toBe(0),
      );
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    };
    const typeAndSend = async (conv: string, text: string) => {
      const before = await agentCount(conv);
      await reply.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await sent(conv, before);
    };

    // the morning rush: six customers write, some of them minutes ago
    const T = Date.now();
    for (const c of CUSTOMERS)
      for (const [text, ago] of c.lines)
        await demo(page, 'addCustomerMessage', c.id, text, { nick: c.nick, time: T - ago });
    await eventually(async () =>
      expect(Number(await overlayAttr(page, 'waiting-count', 'data-value'))).toBe(CUSTOMERS.length),
    );

    // 售前 (waited 40 s): a typed answer
    await open('c-presale');
    await typeAndSend('c-presale', '在的亲，M码有现货哦，今天拍下明天发');
    await stopWorker();

    // 发票 (2 min): the suggested invoice template, one click, then Enter
    await open('c-invoice');
    const chip = shadow(page, '[data-kg="suggestion"][data-template-id="invoice-yes"]');
    await eventually(async () => expect(await chip.count()).toBe(1));
    await chip.click();
    await eventually(async () => expect(await reply.inputValue()).toContain('可以开发票的'));
    expect(await reply.inputValue()).toMatch(/^采购部老陈亲/);
    exp.templates.push({ templateId: 'invoice-yes', via: 'suggested' });
    let before = await agentCount('c-invoice');
    await reply.press('Enter');
    await sent('c-invoice', before);
    await stopWorker();

    // the angry customer (75 s): an apology, typed
    await open('c-angry');
    await typeAndSend('c-angry', '非常抱歉给您带来不好的体验，马上为您处理');

    // WeChat (50 s): the agent offers WeChat anyway — held at Enter, sent anyway (logged) —
    // then sends the compliant answer KefuGuard has ready for the ask
    await open('c-wechat');
    await eventually(async () =>
      expect(await shadow(page, '[data-kg="customer-ask"]').getAttribute('data-category')).toBe(
        'off-platform',
      ),
    );
    before = await agentCount('c-wechat');
    await reply.click();
    await page.keyboard.type('加我微信吧');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    expect(await agentCount('c-wechat')).toBe(before);
    await shadow(page, '[data-kg="guard-send-anyway"]').click();
    await sent('c-wechat', before);
    exp.violations.push(
      { action: 'warned', ruleId: 'off-platform-private' }, // 「加我」
      { action: 'warned', ruleId: 'off-platform-wechat' }, // 「微信」
      { action: 'blocked', ruleId: 'off-platform-private' },
      { action: 'blocked', ruleId: 'off-platform-wechat' },
      { action: 'overridden', ruleId: 'off-platform-private' },
      { action: 'overridden', ruleId: 'off-platform-wechat' },
    );
    await shadow(page, '[data-kg="ask-answer"][data-template-id="offplatform-decline"]').click();
    await eventually(async () => expect(await reply.inputValue()).toContain('平台内沟通'));
    exp.templates.push({ templateId: 'offplatform-decline', via: 'suggested' });
    before = await agentCount('c-wechat');
    await reply.press('Enter');
    // stopped in the middle of a burst (messages, findings, a template, a round: some still in the
    // tab's outbox, some on their way), then the reply is waited for
    await stopWorker();
    await sent('c-wechat', before);

    // 退货 (4 min, late): 「概不退换」 is held at Enter; 「修改」 selects it and the agent rewrites it
    await open('c-return');
    before = await agentCount('c-return');
    await reply.click();
    await page.keyboard.type('亲，本店商品概不退换');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await shadow(page, '[data-kg="send-guard"]').count()).toBe(1));
    await shadow(page, '[data-kg="guard-fix"]').click();
    await page.keyboard.type('支持七天无理由退货，您在订单页申请就可以');
    expect(await reply.inputValue()).toBe('亲，本店商品支持七天无理由退货，您在订单页申请就可以');
    await page.keyboard.press('Enter');
    await sent('c-return', before);
    exp.violations.push(
      { action: 'warned', ruleId: 'rights-no-returns' },
      { action: 'blocked', ruleId: 'rights-no-returns' },
    );

    // 物流 (10 min, late): a typed answer
    await open('c-logistics');
    await typeAndSend('c-logistics', '亲，已经帮您催快递了，明天应该能到');
    await stopWorker();

    // the pre-sales customer asks again, live: the picker (Ctrl+Space, 发货时间, Enter) answers
    await show('c-presale');
    await demo(page, 'addCustomerMessage', 'c-presale', '好的，那什么时候发货呢？');
    await eventually(async () =>
      expect(
        await shadow(
          page,
          '[data-kg="countdown"][data-where="header"][data-conversation="c-presale"]',
        ).count(),
      ).toBe(1),
    );
    await reply.click();
    await page.keyboard.press('Control+Space');
    await eventually(async () => expect(await shadow(page, '[data-kg="template-picker"]').count()).toBe(1));
    await page.keyboard.type('发货时间');
    await eventually(async () =>
      expect(await shadow(page, '[data-kg="template"]').first().getAttribute('data-template-id')).toBe(
        'ship-time',
      ),
    );
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await reply.inputValue()).toContain('48小时内发货'));
    exp.templates.push({ templateId: 'ship-time', via: 'searched' });
    before = await agentCount('c-presale');
    await reply.press('Enter');
    await sent('c-presale', before);

    // the logistics customer writes once more and is not answered today: pending, counted nowhere
    await show('c-logistics');
    await demo(page, 'addCustomerMessage', 'c-logistics', '好吧，那我再等等');
    await eventually(async () =>
      expect(
        await shadow(
          page,
          '[data-kg="countdown"][data-where="header"][data-conversation="c-logistics"]',
        ).count(),
      ).toBe(1),
    );
    await stopWorker();
    expect(stops).toBe(5);

    // ————— what the day should add up to, from the script alone —————
    const threads = new Map<string, DemoMessage[]>();
    for (const c of CUSTOMERS) threads.set(c.id, await messages(page, c.id));
    const rounds = [...threads].flatMap(([conv, thread]) => roundsOf(conv, thread));
    const chat = [...threads.values()].flat().filter((m) => m.from !== 'system');
    expect(chat.filter((m) => m.from === 'agent')).toHaveLength(8);
    expect(chat.filter((m) => m.from === 'customer')).toHaveLength(10);
    // the waits as scripted (replies a few seconds after "now"): 40 s, 2 min, 75 s, 50 s, 4 min, 10 min
    const waits = rounds.filter((r) => r.end !== null).map((r) => ((r.end ?? 0) - r.start) / 1000);
    expect(waits).toHaveLength(7);
    expect(rounds.filter((r) => r.end === null)).toHaveLength(1);

    // no event lost, none twice: every message of the threads stored once (the worker is woken
    // by the outbox's resend)
    const all = await eventually(async () => {
      const got = await storedEvents(h.browser);
      expect(got.filter((e) => e.type === 'message')).toHaveLength(chat.length);
      expect(got.filter((e) => e.type === 'round-answered')).toHaveLength(7);
      expect(got.filter((e) => e.type === 'template-used')).toHaveLength(exp.templates.length);
      expect(got.filter((e) => e.type === 'violation')).toHaveLength(exp.violations.length);
      return got;
    }, 20_000);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    // (the same, by kind: what was logged is what the agent did)
    const byKey = (xs: { action?: string; ruleId?: string; templateId?: string; via?: string }[]) =>
      xs.map((x) => [x.action ?? x.via, x.ruleId ?? x.templateId].join(' ')).sort();
    const violations = all.filter(
      (e): e is Extract<StoredEvent, { type: 'violation' }> => e.type === 'violation',
    );
    const templates = all.filter(
      (e): e is Extract<StoredEvent, { type: 'template-used' }> => e.type === 'template-used',
    );
    expect(byKey(violations)).toEqual(byKey(exp.violations));
    expect(byKey(templates)).toEqual(byKey(exp.templates));
    expect(JSON.stringify(all)).not.toMatch(/微信|发票|退货|老陈|小鹿/);
    // the worker was stopped five times and woke up each time
    expect(statuses.filter((s) => s === 'stopped').length).toBeGreaterThanOrEqual(5);
    expect(statuses.at(-1)).toBe('running');

    // ————— the popup —————
    const popup = await h.browser.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    const at = Date.now();
    const want = expectedKpis(rounds, exp, at);
    // with the zone set above: all seven answered rounds graded, five in time
    if (rounds.every((r) => isInWindow(r.start, TAOBAO) && localDay(r.start) === localDay(at))) {
      expect(want).toMatchObject({ rounds: 7, inTime: 5, breaches: 2, ungraded: 0, pending: 1 });
      expect(want['three-minute-rate']).toBe(71.4);
    }
    const range = rounds.every((r) => localDay(r.start) === localDay(at)) ? 'today' : '7d';
    await popup.locator(`[data-kg="range"][data-range="${range}"]`).click();
    const hook = async (name: string) => {
      const v = await popup.locator(`[data-kg="kpi"][data-name="${name}"]`).getAttribute('data-value');
      return v === '' || v === null ? null : Number(v);
    };
    const near = (got: number | null, expected: number | null) => {
      if (expected === null) expect(got).toBeNull();
      else expect(Math.abs((got ?? Number.NaN) - expected)).toBeLessThanOrEqual(1);
    };
    await eventually(async () => expect(await hook('rounds')).toBe(want.rounds));
    expect(await hook('three-minute-rate')).toBe(want['three-minute-rate']);
    near(await hook('avg-first-response-s'), want['avg-first-response-s']);
    near(await hook('avg-response-s'), want['avg-response-s']);
    near(await hook('longest-wait-s'), want['longest-wait-s']);
    expect(await hook('breaches')).toBe(want.breaches);
    expect(await hook('violations')).toBe(want.violations);
    expect(await hook('templates-used')).toBe(want['templates-used']);
    expect(await hook('events-today')).toBe(all.filter((e) => e.day === localDay(at)).length);
    expect(await popup.locator('[data-kg="db-error"], [data-kg="write-error"]').count()).toBe(0);
    const hero = (await popup.locator('.hero-facts').textContent()) ?? '';
    if (want.rounds > 0 && want.ungraded > 0) expect(hero).toContain(`非考核时段 ${want.ungraded} 轮`);
    if (want.rounds === 0) expect(hero).toContain('暂无考核轮次');
    const top = await popup
      .locator('[data-kg="top-templates"] li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')).sort());
    expect(top).toEqual(['invoice-yes', 'offplatform-decline', 'ship-time']);
    // names cut short by the card's width read whole on hover
    const shipTime = popup.locator('[data-kg="top-templates"] li[data-id="ship-time"] .top-name');
    expect(await shipTime.getAttribute('title')).toBe(`${await shipTime.textContent()} · ship-time`);
    const firstCells = await popup
      .locator('.group-table tbody td:first-child')
      .evaluateAll((tds) => tds.map((td) => [td.textContent, td.getAttribute('title')]));
    expect(firstCells.length).toBeGreaterThan(0);
    for (const [text, title] of firstCells) expect(title).toBe(text);
    // every part of the cards' lines is in sight (the violations card has all three parts here)
    const lines = await popup.locator('.kpi').evaluateAll((cards) =>
      cards.map((card) => {
        const box = card.getBoundingClientRect();
        const parts = [...card.querySelectorAll('.kpi-part')].map((p) => {
          const r = p.getBoundingClientRect();
          return { text: p.textContent, inside: r.left >= box.left && r.right <= box.right };
        });
        return { name: card.querySelector('[data-kg="kpi"]')?.getAttribute('data-name'), parts };
      }),
    );
    const violationsCard = lines.find((l) => l.name === 'violations');
    const acted = (action: string) => exp.violations.filter((v) => v.action === action).length;
    expect(violationsCard?.parts.map((p) => p.text)).toEqual([
      `拦截未发 ${acted('blocked') - acted('overridden')} ·`,
      `坚持发送 ${acted('overridden')} ·`,
      `提醒 ${acted('warned')}`,
    ]);
    expect(lines.flatMap((l) => l.parts.filter((p) => !p.inside))).toEqual([]);

    mkdirSync('test-results', { recursive: true });
    await popup.screenshot({ path: 'test-results/full-day-popup.png' });
    await popup.evaluate(() => document.documentElement.style.setProperty('--kg-popup-max', 'none'));
    await popup.screenshot({ path: 'test-results/full-day-popup-full.png', fullPage: true });
    console.info(
      `full day: waits ${waits.map((w) => `${one(w)} s`).join(', ')}; popup ${JSON.stringify(want)}; ` +
        `${stops} worker stops; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await popup.close();
    await cdp.detach();
    await page.close();
  });
});
