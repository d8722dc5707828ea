import { readFileSync } from 'node:fs';
import type { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ConsoleSession, type OverlayState, type SessionDeps } from '../utils/console-session';
import type { KgEvent } from '../utils/events';
import { type SessionSnapshot, snapshotStore } from '../utils/session-snapshot';
import { MemoryStorage } from './support/memory-storage';
import { pageWindow } from './support/page-window';

const fixture = (path: string) =>
  readFileSync(new URL(`./fixtures/consoles/${path}`, import.meta.url), 'utf8');

let win: Window;
let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(async () => {
  controller.abort();
  await win?.happyDOM.close();
});

function setup(html: string, url: string) {
  win = pageWindow(html, url);
  const all: KgEvent[] = [];
  const events = {
    get length() {
      return all.filter((e) => e.type === 'message').length;
    },
    map: <T>(f: (e: KgEvent) => T) => all.filter((e) => e.type === 'message').map(f),
    at: (i: number) => all.filter((e) => e.type === 'message').at(i),
    all,
  };
  const states: OverlayState[] = [];
  const session = new ConsoleSession({
    document: win.document as unknown as Document,
    url,
    signal: controller.signal,
    salt: 'test-salt',
    healthTimeoutMs: 50,
    log: (e) => all.push(e),
    onState: (s) => states.push(s),
  });
  return { session, events, states, doc: win.document };
}

const settle = () => new Promise((r) => setTimeout(r, 80));

/** A session on `doc` whose clock the test sets (`clock.now`), keeping no events. */
const sessionAt = (doc: Document, url: string, clock: { now: number }, more: Partial<SessionDeps> = {}) =>
  new ConsoleSession({
    document: doc,
    url,
    signal: controller.signal,
    salt: 'test-salt',
    now: () => clock.now,
    log: () => undefined,
    onState: () => undefined,
    ...more,
  });

describe('ConsoleSession', () => {
  test('recognises the demo console and logs each customer/agent message once, without text', async () => {
    const { session, events, states, doc } = setup(fixture('demo/chat-open.html'), 'http://127.0.0.1:5000/');
    session.start();
    expect(session.current.status).toBe('recognised');
    expect(session.current.consoleId).toBe('demo');
    const thread = doc.querySelectorAll('.kd-thread .kd-msg:not(.kd-msg--system)').length;
    expect(events.length).toBe(thread);
    expect(new Set(events.map((e) => e.id)).size).toBe(thread);
    const text = doc.querySelector('.kd-msg--customer .kd-msg-text')?.textContent ?? '';
    expect(JSON.stringify(events.all)).not.toContain(text);
    const nick = doc.querySelector('.kd-thread-nick')?.textContent ?? '';
    expect(JSON.stringify(events.all)).not.toContain(nick);

    // a new customer message → one event, and the open conversation waits
    const list = doc.querySelector('.kd-thread .kd-msg-list');
    const m = doc.createElement('div');
    m.className = 'kd-msg kd-msg--customer';
    m.setAttribute('data-msg-id', 'new-1');
    m.setAttribute('data-time', '1795142999000');
    const body = doc.createElement('div');
    body.className = 'kd-msg-text';
    body.textContent = '还在吗？';
    m.append(body);
    list?.append(m);
    await settle();
    expect(events.length).toBe(thread + 1);
    expect(events.at(-1)).toMatchObject({
      type: 'message',
      from: 'customer',
      t: 1795142999000,
      console: 'demo',
    });
    expect(states.at(-1)?.waiting.length).toBeGreaterThan(0);
    // …and a round opened for it, at the console's time
    expect(events.all.filter((e) => e.type === 'round-opened').at(-1)).toMatchObject({ t: 1795142999000 });

    // re-rendering the same messages logs nothing again
    const copy = list?.innerHTML ?? '';
    if (list) list.innerHTML = copy;
    await settle();
    expect(events.length).toBe(thread + 1);
  });

  test('says "not recognised" after the timeout on a page without a chat, and never recognises it', async () => {
    const { session, events } = setup(
      '<html><body><h1>数据概览</h1><input type="search"></body></html>',
      'https://myseller.taobao.com/home.htm',
    );
    session.start();
    expect(session.current.status).toBe('detecting');
    expect(session.current.consoleName).toBe('千牛工作台');
    await settle();
    expect(session.current.status).toBe('unrecognised');
    expect(events.all).toEqual([]);
  });

  test('steps aside when another frame holds the chat', async () => {
    vi.useRealTimers();
    const { session } = setup('<html><body></body></html>', 'https://qn.taobao.com/home.htm');
    session.start();
    session.recognisedElsewhere();
    await settle();
    expect(session.current.status).toBe('elsewhere');
  });

  test('a console that appears later (single-page app) is picked up', async () => {
    const { session, doc } = setup(
      '<html><body><div id="app"></div></body></html>',
      'http://127.0.0.1:5000/',
    );
    session.start();
    expect(session.current.status).toBe('detecting');
    const app = doc.getElementById('app');
    if (app)
      app.innerHTML = fixture('demo/several-waiting.html').replace(
        /^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g,
        '',
      );
    await new Promise((r) => setTimeout(r, 30));
    expect(session.current.status).toBe('recognised');
    expect(session.current.waiting.length).toBeGreaterThan(1);
  });

  test('the open conversation is the one the whole list says, whatever the rows do', async () => {
    const { session, doc } = setup(fixture('demo/chat-open.html'), 'http://127.0.0.1:5000/');
    session.start();
    const adapter = session.console;
    if (!adapter) throw new Error('not recognised');
    const row = (id: string) => doc.querySelector(`.kd-conv[data-conv-id="${id}"]`) as unknown as Element;
    const list = row('c1').parentElement as Element;
    const open = (id: string, on: boolean) => {
      row(id).classList.toggle('is-active', on);
      row(id).setAttribute('aria-selected', String(on));
    };
    const steps: [string, () => void][] = [
      ['none open (the thread header says)', () => open('c1', false)],
      ['c2 opened', () => open('c2', true)],
      ['c2 read anew', () => row('c2').setAttribute('data-x', '1')],
      ['c2 and c3 both open', () => open('c3', true)],
      ['c3 moved above c2', () => list.prepend(row('c3'))],
      ['c2 moved above c3', () => list.prepend(row('c2'))],
      ['c2 closed', () => open('c2', false)],
      ['c3 removed', () => row('c3').remove()],
      ['c1 opened', () => open('c1', true)],
    ];
    const seen: (string | null)[] = [];
    for (const [name, step] of steps) {
      step();
      await settle();
      const expected = adapter.activeConversationId(doc as unknown as Document);
      expect(session.current.activeConversation, name).toBe(expected);
      seen.push(expected);
    }
    // none open: the thread's header; two open: the first in the list
    expect(seen[0]).toBe('tb_小鱼儿88');
    expect(seen.slice(3, 6)).toEqual(['c2', 'c3', 'c2']);
    expect(seen.slice(6)).toEqual(['c3', 'tb_小鱼儿88', 'c1']);
  });

  test('a reply sent just as the agent opens another conversation still ends the wait', async () => {
    const { session, events, doc } = setup(fixture('demo/chat-open.html'), 'http://127.0.0.1:5000/');
    session.start();
    const list = doc.querySelector('.kd-thread .kd-msg-list');
    // a customer writes in the open conversation (c1): c1 waits
    const ask = doc.createElement('div');
    ask.className = 'kd-msg kd-msg--customer';
    ask.setAttribute('data-msg-id', 'c1-ask');
    ask.setAttribute('data-time', String(Date.now() - 5000));
    ask.textContent = '什么时候发货？';
    list?.append(ask);
    await settle();
    expect(session.current.waiting.map((w) => w.conversation)).toContain('c1');
    const rows = doc.querySelectorAll('.kd-conv');
    const other = rows[1];
    expect(list && other).toBeTruthy();
    if (!list || !other) return;
    // one frame: the reply goes into c1's thread, then the console shows the next conversation
    const reply = doc.createElement('div');
    reply.className = 'kd-msg kd-msg--agent';
    reply.setAttribute('data-msg-id', 'c1-reply');
    reply.setAttribute('data-time', String(Date.now()));
    const text = doc.createElement('div');
    text.className = 'kd-msg-text';
    text.textContent = '亲，已经为您安排发货了';
    reply.append(text);
    list.append(reply);
    rows[0]?.classList.remove('is-active');
    rows[0]?.setAttribute('aria-selected', 'false');
    other.classList.add('is-active');
    other.setAttribute('aria-selected', 'true');
    const id = other.getAttribute('data-conv-id') ?? '';
    const fresh = doc.createElement('div');
    fresh.className = 'kd-msg kd-msg--customer';
    fresh.setAttribute('data-msg-id', `${id}-m1`);
    fresh.setAttribute('data-time', String(Date.now()));
    fresh.textContent = '在吗';
    list.replaceChildren(fresh);
    await settle();
    expect(session.current.activeConversation).toBe(id);
    // the reply was seen: logged, and c1 no longer waits
    expect(events.all.some((e) => e.type === 'round-answered')).toBe(true);
    expect(session.current.waiting.map((w) => w.conversation)).not.toContain('c1');
  });
});

/**
 * The demo page with several customers waiting, and sessions on it whose clock the test sets
 * (`clock.now`, first on a whole second); `saved()` gives what the last session kept for a reload.
 */
function clockedPage() {
  const url = 'http://127.0.0.1:5000/';
  win = pageWindow(fixture('demo/several-waiting.html'), url);
  const doc = win.document as unknown as Document;
  const clock = { now: Date.parse('2026-11-23T10:00:00+08:00') };
  // what the sessions keep goes where the content script keeps it (storage by conversation)
  const kept = snapshotStore(new MemoryStorage());
  let pending = null as (() => SessionSnapshot) | null;
  const make = (restore?: SessionSnapshot | null) =>
    sessionAt(doc, url, clock, {
      persist: (s) => {
        pending = s;
      },
      restore,
    });
  const saved = () => {
    if (pending) kept.write(pending());
    pending = null;
    return kept.read();
  };
  return { doc, clock, make, saved };
}

describe('rows never opened, second by second', () => {
  test('each new second retimes every waiting row: the same order, each countdown what a fresh read gives', async () => {
    const { doc, clock, make, saved } = clockedPage();
    const a = make();
    a.start();
    await settle();
    expect(a.current.status).toBe('recognised');
    // one more row starts waiting 40 s later: its start differs from the others'
    clock.now += 40_000;
    const quiet = [...doc.querySelectorAll('.kd-conv')].find(
      (row) =>
        row.querySelector('.kd-conv-unread')?.hasAttribute('hidden') && !row.classList.contains('is-active'),
    );
    const unread = quiet?.querySelector('.kd-conv-unread');
    if (!unread) throw new Error('no quiet row in the fixture');
    unread.removeAttribute('hidden');
    unread.textContent = '1';
    await settle();
    const figures = (s: ConsoleSession) =>
      s.current.waiting
        .filter((w) => w.estimated)
        .map(({ conversation, since, state, seconds, label }) => ({
          conversation,
          since,
          state,
          seconds,
          label,
        }));
    const before = figures(a);
    expect(before.length).toBeGreaterThan(2);
    expect(new Set(before.map((w) => w.since)).size).toBe(2);
    // seconds go by: into warn (100 s) and breach (180 s) for the first rows, not yet for the last
    for (const step of [1_000, 1_500, 57_000, 80_000, 3_000]) {
      clock.now += step;
      const previous = figures(a);
      a.tick();
      const retimed = figures(a);
      expect(retimed.map((w) => w.conversation)).toEqual(previous.map((w) => w.conversation));
      expect(retimed.map((w) => w.seconds)).not.toEqual(previous.map((w) => w.seconds));
      // a session reading the same page afresh from the saved state says the same
      const snapshot = saved();
      if (!snapshot) throw new Error('nothing saved');
      const fresh = make(snapshot);
      fresh.start();
      await settle();
      expect(figures(fresh)).toEqual(retimed);
    }
    expect(new Set(figures(a).map((w) => w.state))).toEqual(new Set(['warn', 'breach']));
  });
});

describe('countdowns move on the tick', () => {
  test("between ticks a change shows the tick's second: the countdowns it did not change stay, a new wait shows its full time", async () => {
    // the rows are first seen on a whole second, the ticks come half a second past one: a change
    // 600 ms after a tick is in the rows' next second
    const { doc, clock, make } = clockedPage();
    const session = make();
    session.start();
    await settle();
    const thread = doc.querySelector('.kd-msg-list');
    const say = (from: 'agent' | 'customer', id: string) => {
      const msg = doc.createElement('div');
      msg.className = `kd-msg kd-msg--${from}`;
      msg.setAttribute('data-msg-id', id);
      const text = doc.createElement('p');
      text.className = 'kd-msg-text';
      text.textContent = from === 'agent' ? '亲，马上为您处理' : '好的，还有一个问题';
      msg.append(text);
      thread?.append(msg);
    };
    // the agent answers the open conversation: its customer waits no more
    say('agent', 'reply-1');
    await settle();
    const shown = () =>
      new Map(session.current.waiting.map((w) => [w.conversation, { seconds: w.seconds, label: w.label }]));
    const active = session.current.activeConversation;
    expect(active).not.toBeNull();
    expect(shown().has(active as string)).toBe(false);
    clock.now += 20_500;
    session.tick();
    const atTick = shown();
    expect(atTick.size).toBeGreaterThan(2);
    // 600 ms later (the next second) the customer writes again: a new round opens
    clock.now += 600;
    say('customer', 'ask-2');
    await settle();
    const between = shown();
    expect(between.get(active as string)).toEqual({ seconds: 180, label: '3:00' });
    for (const [conversation, figures] of atTick) expect(between.get(conversation)).toEqual(figures);
    // the tick: every countdown moves on
    clock.now += 400;
    session.tick();
    const next = shown();
    for (const [conversation, figures] of atTick) expect(next.get(conversation)).not.toEqual(figures);
    expect(next.get(active as string)?.seconds).toBe(180);
    clock.now += 1000;
    session.tick();
    expect(shown().get(active as string)).toEqual({ seconds: 179, label: '2:59' });
  });
});

describe("rows never opened, timed by the console's own wait label", () => {
  const url = 'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message';
  const start = Date.parse('2026-11-23T10:00:00+08:00');
  const rowOf = (doc: Document, nick: string) => {
    const row = doc.querySelector(`[data-nick="${nick}"]`);
    if (!row) throw new Error(`no row for ${nick}`);
    return row;
  };

  function qianniuSession() {
    win = pageWindow(fixture('qianniu/several-waiting.html'), url);
    const doc = win.document as unknown as Document;
    const clock = { now: start };
    const session = sessionAt(doc, url, clock);
    const entry = (id: string) => session.current.waiting.find((w) => w.conversation === id);
    return { doc, clock, session, entry };
  }

  test('a row showing 「2:16」 waits since 136 s ago, and its countdown is no estimate', async () => {
    const { session, entry } = qianniuSession();
    session.start();
    await settle();
    expect(session.current.status).toBe('recognised');
    // the fixture's rows: 暴躁的小王 2:16, cici_1993 1:05, 一只快乐的猫 0:20 (the open row is the tracker's)
    for (const [id, waited] of [
      ['暴躁的小王', 136],
      ['cici_1993', 65],
      ['一只快乐的猫', 20],
    ] as const) {
      expect(entry(id)).toMatchObject({ since: start - waited * 1000, estimated: false });
    }
    // Taobao's limits: 2:16 is past the warning (100 s), 44 s left
    expect(entry('暴躁的小王')).toMatchObject({ state: 'warn', seconds: 44 });
    expect(entry('一只快乐的猫')).toMatchObject({ state: 'ok', seconds: 160 });
  });

  test('the label is read once: its ticking later moves nothing; a row without one waits from first seen', async () => {
    const { doc, clock, session, entry } = qianniuSession();
    session.start();
    await settle();
    const label = rowOf(doc, '暴躁的小王').querySelector('[class*="_wait__"]');
    if (!label) throw new Error('no wait label');
    clock.now += 5_000;
    label.textContent = '2:21';
    // a customer the console shows no wait for starts waiting
    const quiet = rowOf(doc, 'tb_小鹿爱吃草');
    const unread = doc.createElement('span');
    unread.className = 'unread';
    unread.textContent = '1';
    quiet.append(unread);
    await settle();
    expect(entry('暴躁的小王')).toMatchObject({ since: start - 136_000, estimated: false });
    expect(entry('tb_小鹿爱吃草')).toMatchObject({ since: start + 5_000, estimated: true });
  });

  test('a countdown or an overdue time in the label is no wait: the row waits from first seen', async () => {
    const { doc, session, entry } = qianniuSession();
    const labels = ['剩余 3:12', '已超时 6:15', '10:45 ago?'];
    const rows = ['暴躁的小王', 'cici_1993', '一只快乐的猫'];
    rows.forEach((nick, i) => {
      const label = rowOf(doc, nick).querySelector('[class*="_wait__"]');
      if (label) label.textContent = labels[i] ?? '';
    });
    session.start();
    await settle();
    for (const id of rows) expect(entry(id)).toMatchObject({ since: start, estimated: true });
  });
});

describe('a reload', () => {
  test("after a reload, a row the console's label timed is still no estimate; one it did not stays one", async () => {
    const url = 'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message';
    win = pageWindow(fixture('qianniu/several-waiting.html'), url);
    const doc = win.document as unknown as Document;
    const clock = { now: Date.parse('2026-11-23T10:00:00+08:00') };
    const kept = snapshotStore(new MemoryStorage());
    const make = (restore?: SessionSnapshot | null) =>
      sessionAt(doc, url, clock, { persist: (s) => kept.write(s()), restore });
    // 一只快乐的猫 shows no label when first seen: it waits from then
    const cat = doc.querySelector('[data-nick="一只快乐的猫"] [class*="_wait__"]');
    cat?.remove();
    const before = make();
    before.start();
    await settle();
    const figures = (s: ConsoleSession) =>
      s.current.waiting
        .filter((w) => !w.active)
        .map(({ conversation, since, estimated }) => ({ conversation, since, estimated }));
    const shown = figures(before);
    expect(shown).toContainEqual({
      conversation: '暴躁的小王',
      since: clock.now - 136_000,
      estimated: false,
    });
    expect(shown).toContainEqual({ conversation: '一只快乐的猫', since: clock.now, estimated: true });
    controller.abort();
    controller = new AbortController();
    // the page is reloaded 3 s later: the labels moved on by as much
    clock.now += 3_000;
    for (const label of doc.querySelectorAll('[class*="_wait__"]')) {
      const [m, sec] = (label.textContent ?? '').split(':').map(Number) as [number, number];
      const s = m * 60 + sec + 3;
      label.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    }
    const after = make(kept.read());
    after.start();
    await settle();
    expect(figures(after).sort((x, y) => x.conversation.localeCompare(y.conversation))).toEqual(
      shown.sort((x, y) => x.conversation.localeCompare(y.conversation)),
    );
  });
});

describe('a row opened on a console that gives no message times', () => {
  const url = 'https://im.jinritemai.com/pc_seller_v2/main/workspace';
  const blueberry = '7439018273645113370';
  const msg = (doc: Document, dir: 'in' | 'out', text: string) => {
    const div = doc.createElement('div');
    div.setAttribute('data-id', `message-${dir}`);
    const body = doc.createElement('div');
    body.className = `leaveMessage ${dir === 'in' ? 'messageNotMe' : 'messageIsMe'}`;
    const pre = doc.createElement('pre');
    const span = doc.createElement('span');
    span.textContent = text;
    pre.append(span);
    body.append(pre);
    div.append(body);
    return div;
  };

  test('a page loaded with a waiting customer open counts from the wait its row shows (「等待 1分15秒」)', async () => {
    win = pageWindow(fixture('feige/several-waiting.html').replace(/ data-time="\d+"/g, ''), url);
    const start = Date.parse('2026-11-23T10:00:00+08:00');
    const session = sessionAt(win.document as unknown as Document, url, { now: start });
    session.start();
    await settle();
    const open = '7439018273645108812';
    expect(session.current.activeConversation).toBe(open);
    // the console's own figure: shown as no estimate (though its messages' times are unknown)
    expect(session.current.waiting.find((w) => w.conversation === open)).toMatchObject({
      since: start - 75_000,
      state: 'ok',
      seconds: 105,
      estimated: false,
    });
  });

  /** The steps of the test below on the page as given: the agent opens 蓝莓味的夏天 (5 s later). */
  const openBlueberry = (doc: Document) => {
    const rows = [...doc.querySelectorAll('[data-qa-id="qa-conversation-item"]')];
    for (const row of rows)
      row.setAttribute('aria-selected', String(row.getAttribute('data-conversation-id') === blueberry));
    doc.querySelector(`[data-conversation-id="${blueberry}"] [data-qa-id="qa-unread-count"]`)?.remove();
    const nick = doc.querySelector('#topbar-left-info span');
    if (nick) nick.textContent = '蓝莓味的夏天';
    const thread = doc.querySelector('.messageList_scroll__2Lr7m');
    thread?.replaceChildren(msg(doc, 'in', '这件有M码吗'), msg(doc, 'in', 'M码和L码差多少'));
    return thread;
  };

  test('after a reload, the open thread timed by its row’s label is still no estimate, and counts on from then', async () => {
    win = pageWindow(fixture('feige/several-waiting.html').replace(/ data-time="\d+"/g, ''), url);
    const doc = win.document as unknown as Document;
    const start = Date.parse('2026-11-23T10:00:00+08:00');
    const clock = { now: start };
    const kept = snapshotStore(new MemoryStorage());
    const make = (restore?: SessionSnapshot | null) =>
      sessionAt(doc, url, clock, { persist: (s) => kept.write(s()), restore });
    const before = make();
    before.start();
    await settle();
    clock.now += 5_000;
    openBlueberry(doc);
    await settle();
    const shown = (s: ConsoleSession) => s.current.waiting.find((w) => w.conversation === blueberry);
    expect(shown(before)).toMatchObject({ since: start - 160_000, active: true, estimated: false });
    controller.abort();
    controller = new AbortController();
    // reloaded 4.6 s later: the console's label in the row has moved on by its whole seconds
    clock.now += 4_600;
    const label = doc.querySelector(`[data-conversation-id="${blueberry}"] [class*="_wait__"]`);
    if (label) label.textContent = '等待 2分49秒';
    const after = make(kept.read());
    after.start();
    await settle();
    expect(shown(after)).toMatchObject({ since: start - 160_000, active: true, estimated: false });
  });

  test('without the wait labels the opened waits are estimates (「~」), rows and threads alike, until a message comes live', async () => {
    win = pageWindow(fixture('feige/several-waiting.html').replace(/ data-time="\d+"/g, ''), url);
    const doc = win.document as unknown as Document;
    for (const label of doc.querySelectorAll('[class*="_wait__"]')) label.remove();
    const start = Date.parse('2026-11-23T10:00:00+08:00');
    const clock = { now: start };
    const session = sessionAt(doc, url, clock);
    const entry = (id: string) => session.current.waiting.find((w) => w.conversation === id);
    session.start();
    await settle();
    // the customer open at the load: its messages first seen now
    expect(entry('7439018273645108812')).toMatchObject({ since: start, estimated: true });
    expect(entry(blueberry)).toMatchObject({ since: start, estimated: true });
    clock.now += 5_000;
    const thread = openBlueberry(doc);
    await settle();
    expect(session.current.activeConversation).toBe(blueberry);
    expect(entry(blueberry)).toMatchObject({ since: start, active: true, estimated: true });
    clock.now += 3_000;
    thread?.append(msg(doc, 'out', 'M码适合110斤以内哦'));
    await settle();
    clock.now += 10_000;
    thread?.append(msg(doc, 'in', '那我拍M码'));
    await settle();
    expect(entry(blueberry)).toMatchObject({ since: start + 18_000, estimated: false });
  });

  test('keeps counting from when its row showed the customer waiting, not from the opening; later messages are timed live', async () => {
    // the Feige page with its messages' times taken out
    win = pageWindow(fixture('feige/several-waiting.html').replace(/ data-time="\d+"/g, ''), url);
    const doc = win.document as unknown as Document;
    const start = Date.parse('2026-11-23T10:00:00+08:00');
    const clock = { now: start };
    const session = sessionAt(doc, url, clock);
    const entry = () => session.current.waiting.find((w) => w.conversation === blueberry);
    session.start();
    await settle();
    // 「等待 2分40秒」 in its row
    expect(entry()).toMatchObject({ since: start - 160_000, state: 'warn', seconds: 20 });
    // 5 s later the agent opens it: the console shows its thread
    clock.now += 5_000;
    const thread = openBlueberry(doc);
    await settle();
    expect(session.current.activeConversation).toBe(blueberry);
    // the row's wait, which the console's label gave: no estimate, as on its row
    expect(entry()).toMatchObject({ since: start - 160_000, state: 'warn', seconds: 15, estimated: false });
    // the agent answers; the customer writes again 10 s later: a new round, from then
    clock.now += 3_000;
    thread?.append(msg(doc, 'out', 'M码适合110斤以内哦'));
    await settle();
    expect(entry()).toBeUndefined();
    clock.now += 10_000;
    thread?.append(msg(doc, 'in', '那我拍M码'));
    await settle();
    expect(entry()).toMatchObject({ since: start + 18_000, state: 'ok', seconds: 180 });
  });
});
