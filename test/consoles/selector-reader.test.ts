import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor, candidateConsoles, detectConsole } from '../../utils/consoles';
import {
  createSelectorAdapter,
  matchesAny,
  parseConsoleTime,
  queryAllFirst,
  queryFirst,
  RepeatIndexes,
  withRepeatIndexes,
} from '../../utils/consoles/selector-reader';
import type { ConsoleDefinition, ConsoleSelectors, Message } from '../../utils/consoles/types';
import { rng } from '../support/stats-events';
import { LOCAL_URL, type LoadedPage, loadPage } from './contract';

let pages: LoadedPage[] = [];
afterEach(async () => {
  await Promise.all(pages.map((p) => p.window.happyDOM.close()));
  pages = [];
});

/** A page whose body is `body`. */
function page(body: string, url = LOCAL_URL): Document {
  const p = loadPage(`<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`, url);
  pages.push(p);
  return p.document;
}

function el(doc: Document, selector: string): Element {
  const hit = doc.querySelector(selector);
  if (!hit) throw new Error(`no ${selector} in the test page`);
  return hit;
}

function define(selectors: Partial<ConsoleSelectors> = {}): ConsoleDefinition {
  return {
    id: 'test',
    name: '测试控制台',
    platform: 'other',
    matches: [],
    selectors: {
      conversation: '.row',
      conversationNick: '.nick',
      activeConversation: '.row.on',
      unread: '.badge',
      threadNick: '.head .nick',
      thread: '.thread',
      message: '.m',
      customerMessage: '.m-in',
      agentMessage: '.m-out',
      systemMessage: '.m-sys',
      messageText: '.t',
      messageTime: 'attr:data-time',
      messageId: 'attr:data-msg-id',
      replyBox: 'textarea.reply',
      sendButton: 'text=发送',
      ...selectors,
    },
  };
}

describe('queryFirst / queryAllFirst / matchesAny', () => {
  const body = '<div class="b">B</div><div class="a">A</div><div class="b">B2</div>';

  it('tries the fallbacks in order: the first selector that finds anything wins', () => {
    const doc = page(body);
    expect(queryFirst(doc, ['.a', '.b'])?.textContent).toBe('A');
    expect(queryFirst(doc, ['.missing', '.b'])?.textContent).toBe('B');
    expect(queryAllFirst(doc, ['.b', 'div']).map((e) => e.textContent)).toEqual(['B', 'B2']);
    expect(queryAllFirst(doc, ['.missing', '.a']).map((e) => e.textContent)).toEqual(['A']);
    expect(queryFirst(doc, '.a')?.textContent).toBe('A');
  });

  it('gives null / [] / false for nothing and for an absent list', () => {
    const doc = page(body);
    expect(queryFirst(doc, ['.missing'])).toBeNull();
    expect(queryFirst(doc, undefined)).toBeNull();
    expect(queryAllFirst(doc, undefined)).toEqual([]);
    expect(matchesAny(el(doc, '.a'), undefined)).toBe(false);
  });

  it('skips invalid selectors', () => {
    const doc = page(body);
    expect(queryFirst(doc, ['[[bad', '.a'])?.textContent).toBe('A');
    expect(queryAllFirst(doc, ['div[', '.a']).map((e) => e.textContent)).toEqual(['A']);
    expect(matchesAny(el(doc, '.a'), ['::nope(', '.a'])).toBe(true);
    expect(matchesAny(el(doc, '.a'), '[[bad')).toBe(false);
    expect(queryFirst(doc, '[[bad')).toBeNull();
  });
});

describe('attr:NAME', () => {
  it('reads the attribute of the message element itself', () => {
    const doc = page(
      '<div class="thread"><div class="m m-in" data-time="1795142400000" data-msg-id="x1"><span class="t">在吗</span></div></div>',
    );
    const msg = createSelectorAdapter(define()).readMessage(el(doc, '.m'));
    expect(msg?.time).toBe(1795142400000);
    expect(msg?.id).toBe('x1');
  });

  it("reads it from a descendant when the element has none (a row's inner card)", () => {
    const doc = page(
      '<ul><li class="row"><div class="card" data-random="9f2c"><span class="nick">老张头</span></div></li></ul>',
    );
    const [row] = createSelectorAdapter(define({ conversationId: 'attr:data-random' })).conversations(doc);
    expect(row?.id).toBe('9f2c');
    expect(row?.nick).toBe('老张头');
  });

  it("prefers the element's own attribute to a descendant's", () => {
    const doc = page(
      '<div class="row" data-random="own"><div class="card" data-random="inner"><span class="nick">a</span></div></div>',
    );
    const [row] = createSelectorAdapter(define({ conversationId: 'attr:data-random' })).conversations(doc);
    expect(row?.id).toBe('own');
  });

  it('moves on to the next fallback when the attribute is missing or empty, else uses the nick', () => {
    const doc = page(
      '<div class="row" data-uid=""><span class="nick">甲</span><i data-random="r1"></i></div>' +
        '<div class="row"><span class="nick">乙</span></div>',
    );
    const rows = createSelectorAdapter(
      define({ conversationId: ['attr:data-uid', 'attr:data-random'] }),
    ).conversations(doc);
    expect(rows.map((r) => r.id)).toEqual(['r1', '乙']);
  });
});

describe('text= buttons', () => {
  const send = (body: string, sendButton: ConsoleSelectors['sendButton'] = 'text=发送') => {
    const doc = page(body);
    return createSelectorAdapter(define({ sendButton })).sendButton(doc);
  };

  it('finds a button whose trimmed text is exactly the label, not one that only starts with it', () => {
    const hit = send('<button>发送商品</button><button class="go">\n  <span>发送</span>\n</button>');
    expect(hit?.className).toBe('go');
  });

  it('finds [role=button] elements and links', () => {
    expect(send('<div role="button" class="x">发送</div>')?.className).toBe('x');
    expect(send('<a href="#" class="y">发送</a>')?.className).toBe('y');
  });

  it('finds an icon button by its aria-label', () => {
    expect(send('<button aria-label="发送" class="icon"><svg></svg></button>')?.className).toBe('icon');
  });

  it('ignores elements that are not buttons', () => {
    expect(send('<span>发送</span><div>发送</div>')).toBeNull();
  });

  it('is one fallback among CSS selectors, tried in order', () => {
    const body = '<button class="b">发送</button><button class="send-btn">Send</button>';
    expect(send(body, ['.send-btn', 'text=发送'])?.className).toBe('send-btn');
    expect(send(body, ['.gone', 'text=发送'])?.className).toBe('b');
  });
});

describe('parseConsoleTime', () => {
  // local clock times: the console shows the agent's local time
  const now = new Date(2026, 10, 20, 14, 30, 0).getTime();

  it.each([
    ['epoch ms', '1795142400000', 1795142400000],
    ['epoch ms with spaces', ' 1795142400000 ', 1795142400000],
    ['epoch s', '1795142400', 1795142400000],
    ['ISO with offset', '2026-11-20T10:40:00+08:00', 1795142400000],
    ['ISO UTC', '2026-11-20T02:40:00.000Z', 1795142400000],
    [
      'ISO date and time with a space (local)',
      '2026-11-20 10:40:05',
      new Date(2026, 10, 20, 10, 40, 5).getTime(),
    ],
    ['HH:MM today', '09:05', new Date(2026, 10, 20, 9, 5, 0).getTime()],
    ['H:MM today', '9:05', new Date(2026, 10, 20, 9, 5, 0).getTime()],
    ['HH:MM:SS today', '14:29:59', new Date(2026, 10, 20, 14, 29, 59).getTime()],
    [
      'a few seconds ahead (clock skew) stays today',
      '14:30:30',
      new Date(2026, 10, 20, 14, 30, 30).getTime(),
    ],
    ['a time later than now is yesterday', '23:10', new Date(2026, 10, 19, 23, 10, 0).getTime()],
  ])('%s: %s', (_label, raw, want) => {
    expect(parseConsoleTime(raw, now)).toBe(want);
  });

  it('a later time just after midnight on the 1st is the last day of the previous month', () => {
    const justAfterMidnight = new Date(2026, 11, 1, 0, 10, 0).getTime();
    expect(parseConsoleTime('23:50', justAfterMidnight)).toBe(new Date(2026, 10, 30, 23, 50, 0).getTime());
  });

  it.each([[null], [''], ['刚刚'], ['昨天'], ['abc']])('gives null for %j', (raw) => {
    expect(parseConsoleTime(raw, now)).toBeNull();
  });
});

describe('messages', () => {
  const thread = (inner: string) => `<div class="thread">${inner}</div>`;

  it('gives duplicate identical messages distinct ids, stable across reads and page loads', () => {
    const html = thread(
      '<div class="m m-in" data-time="1795142400000"><span class="t">在吗</span></div>' +
        '<div class="m m-in" data-time="1795142400000"><span class="t">在吗</span></div>' +
        '<div class="m m-out" data-time="1795142400000"><span class="t">在吗</span></div>' +
        '<div class="m m-in" data-time="1795142400000"><span class="t">在吗</span></div>',
    );
    const adapter = createSelectorAdapter(define());
    const ids = adapter.messages(page(html)).map((m) => m.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(adapter.messages(page(html)).map((m) => m.id)).toEqual(ids);
  });

  it("uses the console's own ids as they are", () => {
    const doc = page(
      thread(
        '<div class="m m-in" data-msg-id="a-1"><span class="t">一</span></div><div class="m m-out" data-msg-id="a-2"><span class="t">二</span></div>',
      ),
    );
    expect(
      createSelectorAdapter(define())
        .messages(doc)
        .map((m) => m.id),
    ).toEqual(['a-1', 'a-2']);
  });

  it('classifies senders: system first, then customer, then agent; anything else is system', () => {
    const doc = page(
      thread(
        '<div class="m m-in m-sys"><span class="t">a</span></div><div class="m m-in"><span class="t">b</span></div>' +
          '<div class="m m-out"><span class="t">c</span></div><div class="m"><span class="t">d</span></div>',
      ),
    );
    expect(
      createSelectorAdapter(define())
        .messages(doc)
        .map((m) => m.from),
    ).toEqual(['system', 'customer', 'agent', 'system']);
  });

  it('reads only the open thread, and a time of null when the console shows none', () => {
    const doc = page(
      '<div class="m m-in"><span class="t">别的会话</span></div>' +
        thread('<div class="m m-in"><span class="t">在吗</span></div>'),
    );
    const messages = createSelectorAdapter(define()).messages(doc);
    expect(messages.map((m) => [m.text, m.time])).toEqual([['在吗', null]]);
  });

  it('numbers repeats of a growing thread as a read of the whole thread does', () => {
    const random = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    for (let trial = 0; trial < 200; trial++) {
      // derived ids (some repeated) and ids of the console's own, in random order
      const thread: Message[] = Array.from({ length: Math.floor(random() * 40) }, (_, i) => ({
        id: random() < 0.5 ? `h${pick(['a', 'b', 'c'])}-0` : `own${i}`,
        from: pick(['customer', 'agent', 'system'] as const),
        time: null,
        text: '',
        element: null as unknown as Element,
      }));
      const whole = withRepeatIndexes(thread).map((m) => m.id);
      const derived = whole.filter((id) => id.startsWith('h'));
      expect(new Set(derived).size).toBe(derived.length);
      const repeats = new RepeatIndexes();
      let read: readonly Message[] = [];
      for (let at = 0; at < thread.length; ) {
        const to = Math.min(thread.length, at + 1 + Math.floor(random() * 5));
        // a copy appended to (a message read from the records) leaves the thread as it was
        const aside = repeats.clone().append(thread.slice(0, 2));
        expect(aside.slice(0, read.length)).toEqual(read);
        const before = read.map((m) => m.id);
        const previous = read;
        read = repeats.append(thread.slice(at, to));
        expect(previous.map((m) => m.id)).toEqual(before);
        at = to;
      }
      expect(read.map((m) => m.id)).toEqual(whole);
    }
  });

  it('readMessage gives null for an element that is not a message', () => {
    const doc = page(thread('<div class="m m-in"><span class="t">在吗</span></div>'));
    const adapter = createSelectorAdapter(define());
    expect(adapter.readMessage(el(doc, '.thread'))).toBeNull();
    expect(adapter.readMessage(el(doc, '.t'))).toBeNull();
  });
});

describe('conversations', () => {
  it('counts a hidden unread badge as 0 and reads "99+" as 99', () => {
    const doc = page(
      '<div class="row"><span class="nick">甲</span><span class="badge" hidden>3</span></div>' +
        '<div class="row"><span class="nick">乙</span><span class="badge">99+</span></div>' +
        '<div class="row"><span class="nick">丙</span><span class="badge">新</span></div>' +
        '<div class="row"><span class="nick">丁</span></div>',
    );
    expect(
      createSelectorAdapter(define())
        .conversations(doc)
        .map((c) => c.unread),
    ).toEqual([0, 99, 0, 0]);
  });

  it('falls back to the thread header nick when no row is active', () => {
    const doc = page(
      '<div class="row"><span class="nick">甲</span></div><div class="head"><span class="nick">乙</span></div>',
    );
    const adapter = createSelectorAdapter(define());
    expect(adapter.activeConversationId(doc)).toBe('乙');
    doc.querySelector('.row')?.classList.add('on');
    expect(adapter.activeConversationId(doc)).toBe('甲');
  });

  // selector-reader.ts `readValue` calls `el.matches(sel)` outside a try: an invalid selector in a
  // value list (nick, unread, last, id, time) throws instead of being skipped.
  it('skips an invalid selector in the value lists (nick, unread, last, time)', () => {
    const doc = page(
      '<div class="row on"><span class="nick">甲</span><span class="badge">2</span><span class="last">在吗</span></div>' +
        '<div class="thread"><div class="m m-in"><span class="t">在吗</span><time class="tm">1795142400000</time></div></div>',
    );
    const adapter = createSelectorAdapter(
      define({
        conversationNick: ['[[bad', '.nick'],
        unread: ['::nope(', '.badge'],
        messageTime: ['[[bad', '.tm'],
      }),
    );
    expect(() => adapter.conversations(doc)).not.toThrow();
    expect(() => adapter.messages(doc)).not.toThrow();
    const [row] = adapter.conversations(doc);
    expect(row && [row.nick, row.unread]).toEqual(['甲', 2]);
    expect(adapter.messages(doc)[0]?.time).toBe(1795142400000);
  });
});

describe('replyBox', () => {
  it.each([
    ['a textarea', '<textarea class="reply"></textarea>', 'textarea.reply', 'TEXTAREA'],
    ['a contenteditable', '<div class="ed" contenteditable="true"></div>', '.ed', 'DIV'],
    ['a role=textbox', '<div class="ed" role="textbox"></div>', '.ed', 'DIV'],
  ])('accepts %s', (_label, body, replyBox, tag) => {
    expect(createSelectorAdapter(define({ replyBox })).replyBox(page(body))?.tagName).toBe(tag);
  });

  it('gives null when the selector finds something that cannot be typed into', () => {
    const doc = page('<div class="ed">输入框</div>');
    expect(createSelectorAdapter(define({ replyBox: '.ed' })).replyBox(doc)).toBeNull();
  });
});

describe('detectConsole', () => {
  const blog =
    '<header><h1>我的技术博客</h1><form role="search"><input type="search" name="q" placeholder="搜索"><button>搜索</button></form></header>' +
    '<article><h2>用 TypeScript 写浏览器扩展</h2><p>发布于 2026-11-20</p><p>正文……</p></article>';

  it('finds no console on an unrecognised page, even with every console a candidate', () => {
    const doc = page(blog);
    expect(detectConsole(doc, candidateConsoles(LOCAL_URL))).toBeNull();
    expect(candidateConsoles('https://blog.example.com/post/1')).toEqual([]);
  });

  it('finds no console on an empty page', () => {
    expect(detectConsole(page(''), candidateConsoles(LOCAL_URL))).toBeNull();
  });

  it('prefers a candidate whose messages are on the page to an earlier one matching only a reply box', () => {
    const first = define({ replyBox: 'textarea' });
    const second: ConsoleDefinition = { ...define({ message: '.other-msg' }), id: 'second' };
    const doc = page('<textarea></textarea><div class="other-msg m-in"><span class="t">在吗</span></div>');
    expect(detectConsole(doc, [first, second])).toBe(adapterFor(second));
  });
});
