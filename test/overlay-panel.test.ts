/**
 * The status panel is drawn again only when what Preact draws of it changed (`samePanel`); its
 * waiting bar shows the figures the platform grades (`waitingBarView`) and is written by hand,
 * only what changed (`WaitingBar`).
 */
import type { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { samePanel } from '../components/Overlay';
import { NOTE_MS, WaitingBar } from '../components/waiting-bar';
import type { OverlayState } from '../utils/console-session';
import { waitingBarView } from '../utils/waiting-bar';
import { pageWindow } from './support/page-window';
import { customer } from './support/waiting';

const state = (over: Partial<OverlayState> = {}): OverlayState => ({
  status: 'recognised',
  consoleId: 'demo',
  consoleName: '演示控制台',
  platform: 'taobao',
  waiting: [customer(), customer({ conversation: 'c2', since: 1_010_000 })],
  breachedToday: 0,
  threadHeader: null,
  rowsMoved: [],
  activeConversation: null,
  activeNick: null,
  lastCustomer: null,
  now: 1_030_000,
  ...over,
});

describe('samePanel', () => {
  test('figures, badges and the thread leave the panel as it is (the waiting bar is written apart)', () => {
    const a = state();
    expect(samePanel(a, a)).toBe(true);
    const b = state({
      waiting: [customer({ conversation: 'c3', state: 'breach' })],
      breachedToday: 4,
      activeConversation: 'c3',
      lastCustomer: { id: 'm9', text: '在吗' },
      now: 1_090_400,
    });
    expect(samePanel(a, b)).toBe(true);
  });

  test('the status and the console make it different', () => {
    const a = state();
    const changes: Partial<OverlayState>[] = [
      { status: 'unrecognised' },
      { consoleId: 'qianniu' },
      { consoleName: '千牛' },
    ];
    for (const change of changes)
      expect(samePanel(a, state(change)), JSON.stringify(Object.keys(change))).toBe(false);
  });
});

describe('waitingBarView', () => {
  test('how many wait, the longest wait and today’s breaches, in zh-CN', () => {
    const v = waitingBarView(
      state({
        waiting: [
          customer({ since: 1_000_000, state: 'warn', row: {} as Element, nick: '买家甲' }),
          customer(),
        ],
        breachedToday: 3,
        now: 1_072_900,
      }),
      'zh-CN',
    );
    expect(v).toMatchObject({
      level: 'warn',
      count: 2,
      canJump: true,
      title: '跳到等待最久的顾客：买家甲',
      waitingText: '等待回复',
      unitText: '位',
      longestSeconds: 72,
      longestText: '最长已等 1:12',
      breached: 3,
      breachedText: '今日超时 3',
    });
    expect(v.longest?.conversation).toBe('c1');
  });

  test('English, and nobody waiting', () => {
    const v = waitingBarView(state({ waiting: [], breachedToday: 1 }), 'en');
    expect(v).toMatchObject({
      level: 'none',
      count: 0,
      longest: null,
      canJump: false,
      title: null,
      waitingText: 'Waiting',
      longestSeconds: null,
      longestText: '',
      breachedText: 'late today 1',
    });
  });

  test('the longest wait opens its conversation only when it has a row and is not the open one', () => {
    const row = {} as Element;
    const jump = (over: Parameters<typeof customer>[0]) =>
      waitingBarView(state({ waiting: [customer(over)] }), 'zh-CN').canJump;
    expect(jump({ row })).toBe(true);
    expect(jump({ row: null })).toBe(false);
    expect(jump({ row, active: true })).toBe(false);
  });

  test('the tooltip names the keyboard shortcut that does the same, when one is set', () => {
    const at = (lang: 'zh-CN' | 'en', key: string | null) =>
      waitingBarView(state({ waiting: [customer({ row: {} as Element, nick: '买家甲' })] }), lang, key).title;
    expect(at('zh-CN', 'Alt+Shift+J')).toBe('跳到等待最久的顾客：买家甲（Alt+Shift+J）');
    expect(at('en', 'Alt+Shift+J')).toBe('Go to the customer waiting longest: 买家甲 (Alt+Shift+J)');
    expect(at('zh-CN', null)).toBe('跳到等待最久的顾客：买家甲');
  });

  test('a longest wait whose start is only an estimate says so, as its badge does', () => {
    const at = (estimated: boolean, lang: 'zh-CN' | 'en') =>
      waitingBarView(state({ waiting: [customer({ since: 1_000_000, estimated })], now: 1_072_900 }), lang)
        .longestText;
    expect(at(true, 'zh-CN')).toBe('最长已等 ~1:12');
    expect(at(false, 'zh-CN')).toBe('最长已等 1:12');
    expect(at(true, 'en')).toMatch(/ ~1:12$/);
  });

  test('a clock behind the wait’s start shows 0, never a negative wait', () => {
    expect(waitingBarView(state({ now: 999_000 }), 'zh-CN').longestSeconds).toBe(0);
  });
});

describe('WaitingBar', () => {
  let win: Window;
  const g = globalThis as Record<string, unknown>;
  beforeEach(() => {
    win = pageWindow('<body></body>', 'https://example.test/');
    g.document = win.document;
  });
  afterEach(() => {
    delete g.document;
    win.close();
  });

  const hook = (bar: WaitingBar, name: string) => bar.el.querySelector(`[data-kg="${name}"]`);

  test('shows the view with its test hooks, and a nick as text', () => {
    const jumps: string[] = [];
    const bar = new WaitingBar((c) => jumps.push(c.conversation));
    const nick = '<img src=x onerror=alert(1)>';
    bar.show(
      waitingBarView(
        state({ waiting: [customer({ row: {} as Element, nick, state: 'breach' })], now: 1_200_000 }),
        'zh-CN',
      ),
    );
    document.body.append(bar.el);
    expect(bar.el.getAttribute('data-kg')).toBe('waiting-bar');
    expect(bar.el.className).toBe('kg-waiting kg-waiting--breach');
    expect(bar.el.getAttribute('data-longest')).toBe('c1');
    expect(bar.el.disabled).toBe(false);
    expect(bar.el.title).toBe(`跳到等待最久的顾客：${nick}`);
    expect(bar.el.querySelector('img')).toBeNull();
    expect(hook(bar, 'waiting-count')?.getAttribute('data-value')).toBe('1');
    expect(hook(bar, 'longest-wait')?.getAttribute('data-seconds')).toBe('200');
    expect(hook(bar, 'breached-today')?.getAttribute('data-value')).toBe('0');
    expect(bar.el.textContent).toBe('等待回复1位最长已等 3:20今日超时 0');
    // a click the page made up (not the agent's) opens nothing
    bar.el.dispatchEvent(new win.MouseEvent('click', { bubbles: true }) as unknown as Event);
    expect(jumps).toEqual([]);
  });

  test('writes only what changed', async () => {
    const bar = new WaitingBar(() => undefined);
    bar.show(waitingBarView(state(), 'zh-CN'));
    const count = hook(bar, 'waiting-count');
    const breached = hook(bar, 'breached-today');
    const breachedText = breached?.firstChild;
    const seen: string[] = [];
    const observer = new win.MutationObserver((records) => {
      for (const r of records)
        seen.push(`${(r.target as unknown as Element).className || r.target.nodeName}:${r.type}`);
    });
    observer.observe(bar.el as unknown as Parameters<typeof observer.observe>[0], {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    // one more customer: the count; the longest wait, its second and the breaches are the same
    bar.show(
      waitingBarView(state({ waiting: [...state().waiting, customer({ conversation: 'c3' })] }), 'zh-CN'),
    );
    await new Promise((r) => setTimeout(r));
    observer.disconnect();
    expect(count?.textContent).toBe('3');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => !s.startsWith('B:') && !s.startsWith('#text'))).toEqual([]);
    expect(breached?.firstChild).toBe(breachedText);
  });

  test('a second later: the longest wait’s seconds and text, written in place, and nothing else', async () => {
    const bar = new WaitingBar(() => undefined);
    bar.show(waitingBarView(state(), 'zh-CN'));
    const longest = hook(bar, 'longest-wait');
    const text = longest?.firstChild;
    const seen: string[] = [];
    const observer = new win.MutationObserver((records) => {
      for (const r of records)
        seen.push(
          `${(r.target as unknown as Element).className || r.target.nodeName}:${r.type}${r.attributeName ? `:${r.attributeName}` : ''}`,
        );
    });
    observer.observe(bar.el as unknown as Parameters<typeof observer.observe>[0], {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    bar.show(waitingBarView(state({ now: state().now + 1000 }), 'zh-CN'));
    await new Promise((r) => setTimeout(r));
    observer.disconnect();
    expect(longest?.getAttribute('data-seconds')).toBe('31');
    expect(longest?.textContent).toContain('0:31');
    expect(longest?.firstChild).toBe(text);
    expect(seen).toEqual(['kg-longest:attributes:data-seconds', '#text:characterData']);
  });

  test('a note shows after the figures as text, and goes after its time (shown again, its time starts anew)', () => {
    vi.useFakeTimers();
    try {
      const bar = new WaitingBar(() => undefined);
      bar.show(waitingBarView(state(), 'zh-CN'));
      const note = bar.el.querySelector<HTMLElement>('.kg-bar-note');
      expect(note?.hidden).toBe(true);
      expect(hook(bar, 'bar-note')).toBeNull();
      bar.note('<b>没有其他顾客在等待</b>');
      expect(hook(bar, 'bar-note')?.textContent).toBe('<b>没有其他顾客在等待</b>');
      expect(bar.el.querySelector('b b')).toBeNull();
      expect(note?.hidden).toBe(false);
      // the figures are still there, before it
      expect(bar.el.textContent).toBe('等待回复2位最长已等 0:30今日超时 0<b>没有其他顾客在等待</b>');
      vi.advanceTimersByTime(NOTE_MS - 500);
      bar.note('again');
      vi.advanceTimersByTime(NOTE_MS - 500);
      expect(hook(bar, 'bar-note')?.textContent).toBe('again');
      vi.advanceTimersByTime(500);
      expect(hook(bar, 'bar-note')).toBeNull();
      expect(note?.hidden).toBe(true);
      expect(bar.el.textContent).toBe('等待回复2位最长已等 0:30今日超时 0');
    } finally {
      vi.useRealTimers();
    }
  });

  test('nobody waiting: the longest wait is hidden and its hook gone; it comes back with a customer', () => {
    const bar = new WaitingBar(() => undefined);
    bar.show(waitingBarView(state(), 'zh-CN'));
    bar.show(waitingBarView(state({ waiting: [] }), 'zh-CN'));
    expect(hook(bar, 'longest-wait')).toBeNull();
    expect(bar.el.querySelector<HTMLElement>('.kg-longest')?.hidden).toBe(true);
    expect(bar.el.disabled).toBe(true);
    expect(bar.el.hasAttribute('title')).toBe(false);
    expect(bar.el.className).toBe('kg-waiting kg-waiting--none');
    bar.show(waitingBarView(state(), 'zh-CN'));
    expect(hook(bar, 'longest-wait')?.getAttribute('data-seconds')).toBe('30');
    expect(bar.el.querySelector<HTMLElement>('.kg-longest')?.hidden).toBe(false);
  });
});
