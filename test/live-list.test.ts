/**
 * The session follows the conversation list and the open thread through mutation targets instead
 * of querying the page on every change. Whatever the page does, what it read must equal a full
 * read of the page: random edits (messages appended, removed, rewritten; rows moved, added,
 * removed, nested; lists replaced; changes beside the lists) on every console's fixtures.
 */
import { readFileSync } from 'node:fs';
import type { Window } from 'happy-dom';
import { afterEach, describe, expect, test } from 'vitest';
import type { RoundTracker } from '../utils/clock';
import { ConsoleSession } from '../utils/console-session';
import type { ConsoleAdapter } from '../utils/consoles/types';
import { pageWindow } from './support/page-window';
import { rng } from './support/stats-events';

const FIXTURES: [string, string][] = [
  ['demo/chat-open.html', 'http://127.0.0.1:5000/'],
  ['qianniu/chat-open.html', 'https://myseller.taobao.com/home.htm/app-customer-service/'],
  ['pinduoduo/chat-open.html', 'https://mms.pinduoduo.com/chat-merchant/index.html'],
  ['feige/chat-open.html', 'https://im.jinritemai.com/pc_seller_v2/main/workspace'],
];

const fixture = (path: string) =>
  readFileSync(new URL(`./fixtures/consoles/${path}`, import.meta.url), 'utf8');

let win: Window | null = null;
let controller: AbortController;
afterEach(async () => {
  controller.abort();
  await win?.happyDOM.close();
  win = null;
});

function open(path: string, url: string) {
  win = pageWindow(fixture(path), url);
  controller = new AbortController();
  const session = new ConsoleSession({
    document: win.document as unknown as Document,
    url,
    signal: controller.signal,
    salt: 'salt',
    healthTimeoutMs: 10_000,
    log: () => undefined,
    onState: () => undefined,
  });
  session.start();
  return { session, doc: win.document as unknown as Document };
}

/** The observer reports once per animation frame: wait for the next two. */
const settle = () =>
  new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));

/** Ids as a full read of the page gives them. */
function fullRead(a: ConsoleAdapter, doc: Document) {
  return {
    rows: a.conversations(doc).map((c) => `${c.id}:${c.unread}:${c.nick}`),
    thread: a.messages(doc).map((m) => `${m.id}:${m.from}`),
  };
}

function sessionRead(session: ConsoleSession) {
  const { conversations, messages } = session.read;
  return {
    rows: conversations.map((c) => `${c.id}:${c.unread}:${c.nick}`),
    thread: messages.map((m) => `${m.id}:${m.from}`),
  };
}

/**
 * The rows' waiting entries the session published, and what a full read says they must be: one
 * for each conversation whose row shows unread messages, other than the open conversation and
 * those with an open round (the tracker's entries), drawn on such a row as it reads now (a
 * conversation listed twice may have its entry on either row), longest waiting first.
 */
function waitingRows(session: ConsoleSession, a: ConsoleAdapter, doc: Document) {
  const { waiting } = session.current;
  // the customers with a round open (read in their thread); the other entries are rows never opened
  const tracker = (session as unknown as { tracker: RoundTracker | null }).tracker;
  const open = new Set((tracker?.waiting(session.current.now) ?? []).map((w) => w.conversation));
  const active = a.activeConversationId(doc);
  const rows = a.conversations(doc);
  const expected = new Set<string>();
  for (const c of rows) if (c.unread > 0 && c.id !== active && !open.has(c.id)) expected.add(c.id);
  const published = waiting.filter((w) => !open.has(w.conversation));
  const misplaced = published
    .filter(
      (w) =>
        !rows.some(
          (c) => c.element === w.row && c.id === w.conversation && c.nick === w.nick && c.unread > 0,
        ),
    )
    .map((w) => `${w.conversation}:${w.nick}`);
  return {
    published: published.map((w) => w.conversation).sort(),
    expected: [...expected].sort(),
    misplaced,
    ordered: waiting.every((w, i) => i === 0 || (waiting[i - 1] as typeof w).since <= w.since),
  };
}

type Edit = (
  doc: Document,
  a: ConsoleAdapter,
  pick: <T>(xs: readonly T[]) => T | undefined,
  n: number,
) => string;

/** Gives a cloned element a fresh id wherever the console keeps one. */
function renew(el: Element, n: number): void {
  for (const node of [el, ...Array.from(el.querySelectorAll('*'))])
    for (const attr of Array.from(node.attributes))
      if (/(^|-)(id|uid|msg-id|conv-id|msgid)$/i.test(attr.name) || attr.name === 'id')
        node.setAttribute(attr.name, `${attr.value}-x${n}`);
}

const EDITS: Edit[] = [
  (doc, a, pick, n) => {
    const m = pick(a.messageElements(doc));
    if (!m) return 'no message';
    const copy = m.cloneNode(true) as Element;
    renew(copy, n);
    m.parentElement?.append(copy);
    return 'message appended';
  },
  (doc, a, pick) => {
    const m = pick(a.messageElements(doc));
    m?.remove();
    return 'message removed';
  },
  (doc, a, pick, n) => {
    // one message withdrawn and two new ones, in one frame (the thread grows)
    const all = a.messageElements(doc);
    const m = pick(all);
    const parent = m?.parentElement;
    if (!m || !parent) return 'no message';
    for (const k of [1, 2]) {
      const copy = m.cloneNode(true) as Element;
      renew(copy, n * 10 + k);
      parent.append(copy);
    }
    m.remove();
    return 'message withdrawn, two new';
  },
  (doc, a, pick, n) => {
    const m = pick(a.messageElements(doc));
    const text = m?.querySelector('*') ?? m;
    if (text) text.textContent = `改写的消息 ${n}`;
    return 'message rewritten';
  },
  (doc, a, pick) => {
    const row = pick(a.rows(doc));
    row?.parentElement?.prepend(row);
    return 'row moved to the top';
  },
  (doc, a, pick, n) => {
    const row = pick(a.rows(doc));
    if (!row) return 'no row';
    const copy = row.cloneNode(true) as Element;
    renew(copy, n);
    row.parentElement?.insertBefore(copy, row);
    return 'row added';
  },
  (doc, a, pick) => {
    const rows = a.rows(doc);
    if (rows.length > 1) pick(rows)?.remove();
    return 'row removed';
  },
  (doc, a, pick, n) => {
    const row = pick(a.rows(doc));
    const leaf = row ? Array.from(row.querySelectorAll('*')).filter((e) => e.children.length === 0) : [];
    const target = pick(leaf);
    if (target) target.textContent = String(n % 7);
    return 'row text changed';
  },
  (doc, a, pick, n) => {
    // a row's class changes (selected, hidden by a filter…)
    const row = pick(a.rows(doc));
    row?.classList.toggle(`x${n % 3}`);
    return 'row class toggled';
  },
  (doc, a) => {
    // the thread re-rendered in place (another conversation opened)
    const parent = a.messageElements(doc)[0]?.parentElement;
    parent?.replaceChildren(...Array.from(parent.childNodes, (c) => c.cloneNode(true)));
    return 'thread re-rendered';
  },
  (doc, a) => {
    // the list replaced by a copy (a framework re-render)
    const parent = a.rows(doc)[0]?.parentElement;
    if (parent) parent.replaceWith(parent.cloneNode(true));
    return 'list replaced';
  },
  (doc, a, _pick, n) => {
    // something other than a row inside the list (a group header)
    const parent = a.rows(doc)[0]?.parentElement;
    const header = doc.createElement(parent?.tagName === 'UL' ? 'li' : 'div');
    header.textContent = `分组 ${n}`;
    parent?.prepend(header);
    return 'header added to the list';
  },
  (doc, a, pick, n) => {
    // rows nested one level deeper (a group wrapping a copy of a row)
    const row = pick(a.rows(doc));
    const parent = row?.parentElement;
    if (!row || !parent) return 'no row';
    const group = doc.createElement(parent.tagName === 'UL' ? 'li' : 'div');
    const copy = row.cloneNode(true) as Element;
    renew(copy, n);
    group.append(copy);
    parent.append(group);
    return 'nested row added';
  },
  (doc, a, _pick, n) => {
    // a counter beside the list changes (its parent's other children)
    const scope = a.rows(doc)[0]?.parentElement?.parentElement;
    const counter = scope?.firstElementChild;
    if (counter && counter !== a.rows(doc)[0]?.parentElement) counter.setAttribute('class', `c${n % 2}`);
    return 'beside the list';
  },
  (doc, a, pick) => {
    // a row or a message loses its class (no longer one, for consoles that select by class)
    const el = pick([...a.rows(doc), ...a.messageElements(doc)]);
    el?.removeAttribute('class');
    return 'class removed';
  },
  (doc, a, pick, n) => {
    // a second list beside the first, holding a copy of a row
    const row = pick(a.rows(doc));
    const parent = row?.parentElement;
    if (!row || !parent?.parentElement) return 'no row';
    const list = parent.cloneNode(false) as Element;
    const copy = row.cloneNode(true) as Element;
    renew(copy, n);
    list.append(copy);
    parent.parentElement.append(list);
    return 'list added beside';
  },
  (doc, a, pick, n) => {
    // a second list further up the page, holding a copy of a row
    const row = pick(a.rows(doc));
    const parent = row?.parentElement;
    const far = parent?.parentElement?.parentElement;
    if (!row || !parent || !far) return 'no row';
    const list = parent.cloneNode(false) as Element;
    const copy = row.cloneNode(true) as Element;
    renew(copy, n);
    list.append(copy);
    far.append(list);
    return 'list added further up';
  },
  (doc, a) => {
    // the list's surroundings replaced (a panel re-rendered above the list)
    const scope = a.rows(doc)[0]?.parentElement?.parentElement;
    const above = scope?.parentElement;
    if (above && above !== doc.body) above.replaceWith(above.cloneNode(true));
    else scope?.replaceWith(scope.cloneNode(true));
    return 'panel above replaced';
  },
  (doc, a) => {
    const scope = a.messageElements(doc)[0]?.parentElement?.parentElement;
    const above = scope?.parentElement;
    if (above && above !== doc.body) above.replaceWith(above.cloneNode(true));
    return 'thread panel replaced';
  },
  (doc, _a, _pick, n) => {
    doc.title = `(${n}) 接待中心`;
    const b = doc.body.lastElementChild;
    if (b) b.setAttribute('class', `t${n % 2}`);
    return 'elsewhere in the page';
  },
];

/** How often each edit is picked: the everyday ones (messages, rows moving) far more often. */
const WEIGHTS = [8, 2, 2, 2, 8, 2, 2, 6, 2, 1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1];

describe('the session reads what a full read gives, after any edit', () => {
  for (const [path, url] of FIXTURES) {
    test(path, async () => {
      const done: string[] = [];
      let waited = 0;
      for (let run = 0; run < 30; run++) {
        const { session, doc } = open(path, url);
        const a = session.console;
        expect(a, 'recognised').not.toBeNull();
        if (!a) return;
        expect(sessionRead(session)).toEqual(fullRead(a, doc));
        const random = rng(run * 7919 + path.length);
        const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
        const total = WEIGHTS.reduce((x, y) => x + y, 0);
        const edit = (): Edit => {
          let r = random() * total;
          for (let i = 0; i < EDITS.length; i++) {
            r -= WEIGHTS[i] ?? 1;
            if (r < 0) return EDITS[i] as Edit;
          }
          return EDITS[0] as Edit;
        };
        const steps: string[] = [];
        /** When the ticker's safety re-read (every tenth second) comes before an edit. */
        const rechecks = rng(run * 104_729 + path.length);
        for (let i = 0; i < 15; i++) {
          if (rechecks() < 0.3) {
            for (let t = 0; t < 10; t++) session.tick();
            steps.push('(re-read)');
          }
          // one or two edits before the observer reports (one frame)
          const count = 1 + Math.floor(random() * 2);
          for (let k = 0; k < count; k++) steps.push(edit()(doc, a, pick, i * 3 + k));
          await settle();
          expect(sessionRead(session), `run ${run}: ${steps.join(' → ')}`).toEqual(fullRead(a, doc));
          const rows = waitingRows(session, a, doc);
          expect(rows.published, `waiting rows, run ${run}: ${steps.join(' → ')}`).toEqual(rows.expected);
          expect(rows.misplaced, `entries on rows, run ${run}: ${steps.join(' → ')}`).toEqual([]);
          expect(rows.ordered).toBe(true);
          if (rows.expected.length > 0) waited++;
        }
        done.push(...steps);
        controller.abort();
        await win?.happyDOM.close();
        win = null;
      }
      // the edits covered what they should have, with rows waiting
      expect(new Set(done).size).toBeGreaterThanOrEqual(16);
      expect(waited).toBeGreaterThan(30);
    });
  }
});
