/**
 * The one insertion path (utils/insert-text.ts) in real Chromium, against the three kinds of reply
 * box consoles use: a textarea, a plain contenteditable, and a contenteditable driven by a
 * framework that keeps its own state (a Preact editor that handles beforeinput itself).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from './helpers';

let h: Harness;
let page: Page;
beforeAll(async () => {
  h = await startHarness();
  page = await h.browser.context.newPage();
  await page.goto(`${h.server.url}/fixtures/pages/editors.html`);
  await page.waitForFunction(() => 'frameworkState' in window);
  await page.addScriptTag({
    type: 'module',
    content: "import * as m from '/lib/insert-text.js'; window.kg = m;",
  });
  await page.waitForFunction(() => 'kg' in window);
});
afterAll(async () => {
  await h?.close();
});

type Range = { start: number; end: number } | undefined;
const insert = (sel: string, text: string, range?: Range, caret?: number) =>
  page.evaluate(
    ([s, t, r, c]) => {
      const kg = (window as unknown as { kg: typeof import('../../utils/insert-text') }).kg;
      const box = document.querySelector(s as string) as HTMLElement;
      return kg.insertText(box, t as string, r as Range, c as number | undefined);
    },
    [sel, text, range, caret] as const,
  );
const draft = (sel: string) =>
  page.evaluate((s) => {
    const kg = (window as unknown as { kg: typeof import('../../utils/insert-text') }).kg;
    return kg.readDraft(document.querySelector(s) as HTMLElement);
  }, sel);

describe('insertText', () => {
  test('textarea: native setter + input event, at the caret, replacing the selection', async () => {
    await page.evaluate(() => {
      const ta = document.querySelector('#ta') as HTMLTextAreaElement;
      (window as unknown as { inputs: number }).inputs = 0;
      ta.addEventListener('input', () => (window as unknown as { inputs: number }).inputs++);
    });
    await page.locator('#ta').click();
    await page.keyboard.type('您好，请问有什么可以帮您');
    await page.evaluate(() => (document.querySelector('#ta') as HTMLTextAreaElement).setSelectionRange(3, 3));
    expect(await insert('#ta', '亲亲')).toEqual({ ok: true, method: 'value-setter' });
    expect(await draft('#ta')).toBe('您好，亲亲请问有什么可以帮您');
    expect(await page.evaluate(() => (window as unknown as { inputs: number }).inputs)).toBeGreaterThan(12);
    // replace a span (a phrase alternative) and keep typing where the caret was left
    expect(await insert('#ta', '您', { start: 0, end: 2 })).toMatchObject({ ok: true });
    await page.keyboard.type('！');
    expect(await draft('#ta')).toBe('您！，亲亲请问有什么可以帮您');
  });

  test('plain contenteditable: the browser types it (trusted insertText)', async () => {
    await page.locator('#ce').click();
    await page.keyboard.type('收到了');
    expect(await insert('#ce', '，马上为您处理')).toEqual({ ok: true, method: 'insert-text' });
    expect(await draft('#ce')).toBe('收到了，马上为您处理');
    expect(await insert('#ce', '已', { start: 0, end: 2 })).toMatchObject({ ok: true });
    expect(await draft('#ce')).toBe('已了，马上为您处理');
    // no markup was written: one text node (or plain text) only
    expect(await page.evaluate(() => document.querySelector('#ce')?.querySelectorAll('*').length)).toBe(0);
  });

  test("framework-driven editor: the framework's own state holds the inserted text", async () => {
    await page.locator('#fw').click();
    await page.keyboard.type('你好');
    const state = () =>
      page.evaluate(() => (window as unknown as { frameworkState(): string }).frameworkState());
    await expect.poll(state).toBe('你好');
    expect(await insert('#fw', '，亲')).toEqual({ ok: true, method: 'beforeinput' });
    await expect.poll(state).toBe('你好，亲');
    expect(await draft('#fw')).toBe('你好，亲');
    // the caret is after the insertion: typing goes on from there, into the state
    await page.keyboard.type('！');
    await expect.poll(state).toBe('你好，亲！');
    // a replacement of a span goes through the framework too
    expect((await insert('#fw', '您', { start: 0, end: 1 })).ok).toBe(true);
    await expect.poll(state).toBe('您好，亲！');
  });
});
