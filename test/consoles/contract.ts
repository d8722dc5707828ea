/**
 * The shared contract every console adapter passes against its saved-HTML fixtures.
 *
 * A console's fixtures live in `test/fixtures/consoles/<console>/<state>.html`, each with a
 * `<state>.expected.json` beside it holding the plain data the adapter must read from that page
 * (see `FixtureExpectation`). A console's test file only calls `runConsoleContract`; adding a
 * state is adding two files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor, candidateConsoles, consoleLabel, detectConsole } from '../../utils/consoles';
import type {
  ConsoleAdapter,
  ConsoleDefinition,
  Conversation,
  Message,
  Sender,
} from '../../utils/consoles/types';

/** A page on which every console is a candidate (only the e2e build runs there). */
export const LOCAL_URL = 'http://127.0.0.1/x';

/** The states every console must have a fixture for. */
export const REQUIRED_STATES = ['chat-open', 'several-waiting'] as const;

export interface ExpectedConversation {
  id: string;
  nick: string;
  unread: number;
  active: boolean;
  /** Seconds waited by the console's own label in the row: only on rows that show one. */
  wait?: number;
}

export interface ExpectedMessage {
  /** Only where the console gives its own id; otherwise the id is derived and only checked for stability. */
  id?: string;
  from: Sender;
  time: number | null;
  text: string;
}

export interface FixtureExpectation {
  /** Where the page was saved from (decides the candidate consoles). */
  url: string;
  /** What `adapter.detect` says about the page. */
  detect: 'messages' | 'reply-box';
  conversations: ExpectedConversation[];
  activeConversationId: string | null;
  messages: ExpectedMessage[];
  /** `selector` pins the very element (a page may hold other textareas). */
  replyBox: { tag: string; kind: 'textarea' | 'contenteditable'; selector: string } | null;
  /** The send button's label (aria-label, else its text), or null when there is none. */
  sendButton: string | null;
  orderNumber: string | null;
}

export interface Fixture {
  state: string;
  html: string;
  expected: FixtureExpectation;
}

export interface LoadedPage {
  window: Window;
  document: Document;
}

/** Loads trusted fixture HTML into a fresh happy-dom window at `url`. */
export function loadPage(html: string, url: string): LoadedPage {
  const window = new Window({ url });
  window.document.write(html);
  return { window, document: window.document as unknown as Document };
}

const EXPECTED_KEYS: readonly (keyof FixtureExpectation)[] = [
  'url',
  'detect',
  'conversations',
  'activeConversationId',
  'messages',
  'replyBox',
  'sendButton',
  'orderNumber',
];

function parseExpectation(text: string, file: string): FixtureExpectation {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null) throw new Error(`${file}: not an object`);
  for (const key of EXPECTED_KEYS) {
    if (!(key in data)) throw new Error(`${file}: missing "${key}"`);
  }
  return data as FixtureExpectation;
}

/** Every `<state>.html` in `dir` with its `<state>.expected.json`. */
export function readFixtures(dir: string): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const state = f.slice(0, -'.html'.length);
      const expectedFile = join(dir, `${state}.expected.json`);
      return {
        state,
        html: readFileSync(join(dir, f), 'utf8'),
        expected: parseExpectation(readFileSync(expectedFile, 'utf8'), expectedFile),
      };
    });
}

const plainConversation =
  (adapter: ConsoleAdapter) =>
  (c: Conversation): ExpectedConversation => {
    const wait = c.element ? adapter.rowWait(c.element) : null;
    return { id: c.id, nick: c.nick, unread: c.unread, active: c.active, ...(wait === null ? {} : { wait }) };
  };

const plainMessage = (m: Message): Omit<ExpectedMessage, 'id'> => ({
  from: m.from,
  time: m.time,
  text: m.text,
});

function replyBoxKind(el: Element): 'textarea' | 'contenteditable' | 'other' {
  if (el.tagName === 'TEXTAREA') return 'textarea';
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce !== 'false' ? 'contenteditable' : 'other';
}

function buttonLabel(el: Element): string {
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

/** Calls every reader once (what the content script does on each scan). */
function readAll(adapter: ConsoleAdapter, root: ParentNode) {
  return {
    detect: adapter.detect(root)?.by ?? null,
    conversations: adapter.conversations(root),
    activeConversationId: adapter.activeConversationId(root),
    messages: adapter.messages(root),
    replyBox: adapter.replyBox(root),
    sendButton: adapter.sendButton(root),
    orderNumber: adapter.orderNumber(root),
    thread: adapter.thread(root),
  };
}

function expectNothingFound(adapter: ConsoleAdapter, root: ParentNode): void {
  const read = readAll(adapter, root);
  expect(read.detect).toBeNull();
  expect(read.conversations).toEqual([]);
  expect(read.activeConversationId).toBeNull();
  expect(read.messages).toEqual([]);
  expect(read.replyBox).toBeNull();
  expect(read.sendButton).toBeNull();
  expect(read.orderNumber).toBeNull();
  expect(read.thread).toBeNull();
}

/** Runs the adapter contract of `definition` against every fixture in `fixtureDir`. */
export function runConsoleContract(definition: ConsoleDefinition, fixtureDir: string): void {
  const adapter = adapterFor(definition);
  const fixtures = readFixtures(fixtureDir);
  const id = definition.id;

  describe(`${id} adapter contract`, () => {
    it('has a Chinese name and an English one, each shown in its language', () => {
      expect(definition.name).toMatch(/[\u4e00-\u9fff]/);
      expect(definition.nameEn).toMatch(/^[A-Z][\x20-\x7e]+$/);
      expect(consoleLabel(definition, 'zh-CN')).toBe(definition.name);
      expect(consoleLabel(definition, 'en')).toBe(definition.nameEn);
      // a team pack's console has one name: it is shown in both
      expect(consoleLabel({ name: 'Acme 客服台' }, 'en')).toBe('Acme 客服台');
    });

    it(`has fixtures for the states ${REQUIRED_STATES.join(', ')}`, () => {
      const states = fixtures.map((f) => f.state);
      for (const s of REQUIRED_STATES) expect(states).toContain(s);
    });

    describe('on an empty page', () => {
      let page: LoadedPage;
      beforeAll(() => {
        page = loadPage('<!DOCTYPE html><html><head></head><body></body></html>', LOCAL_URL);
      });
      afterAll(() => page.window.happyDOM.close());

      it('never throws and finds nothing ([] / null)', () => {
        expectNothingFound(adapter, page.document);
        expectNothingFound(adapter, page.document.createElement('div'));
        expect(detectConsole(page.document, [definition])).toBeNull();
      });

      it('readMessage returns null for an element that is not a message', () => {
        const p = page.document.createElement('p');
        p.textContent = '在吗';
        expect(adapter.readMessage(p)).toBeNull();
        expect(adapter.readMessage(page.document.body)).toBeNull();
      });
    });

    for (const fixture of fixtures) {
      describe(`fixture ${id}/${fixture.state}`, () => {
        const want = fixture.expected;
        let page: LoadedPage;
        let doc: Document;
        beforeAll(() => {
          page = loadPage(fixture.html, want.url);
          doc = page.document;
        });
        afterAll(() => page.window.happyDOM.close());

        it(`is detected as ${id} on its own host`, () => {
          const candidates = candidateConsoles(want.url);
          expect(candidates.map((d) => d.id)).toContain(id);
          expect(detectConsole(doc, candidates)?.definition.id).toBe(id);
          expect(adapter.detect(doc)?.by ?? null).toBe(want.detect);
        });

        it(`is detected as ${id} when every console is a candidate (local page)`, () => {
          expect(detectConsole(doc, candidateConsoles(LOCAL_URL))?.definition.id).toBe(id);
        });

        it('reads the conversation list', () => {
          const conversations = adapter.conversations(doc);
          expect(conversations.map(plainConversation(adapter))).toEqual(want.conversations);
          expect(conversations.filter((c) => c.active).length).toBeLessThanOrEqual(1);
          for (const c of conversations) {
            expect(c.element).not.toBeNull();
            expect(doc.contains(c.element)).toBe(true);
          }
        });

        it("finds each row's nick element, inside the row, reading the nick", () => {
          const conversations = adapter.conversations(doc);
          expect(conversations.length).toBe(want.conversations.length);
          for (const c of conversations) {
            const row = c.element as Element;
            const nick = adapter.rowNick(row);
            expect(nick, c.id).not.toBeNull();
            expect(nick !== row && row.contains(nick)).toBe(true);
            expect(nick?.textContent?.replace(/\s+/g, ' ').trim()).toBe(c.nick);
          }
        });

        it('reads the open conversation id', () => {
          expect(adapter.activeConversationId(doc)).toBe(want.activeConversationId);
        });

        it('reads the messages: sender, time and text in page order', () => {
          const messages = adapter.messages(doc);
          expect(messages.map(plainMessage)).toEqual(want.messages.map(({ id: _id, ...m }) => m));
          for (const m of messages) expect(doc.contains(m.element)).toBe(true);
        });

        it("uses the console's own message ids where it gives them", () => {
          const messages = adapter.messages(doc);
          want.messages.forEach((m, i) => {
            if (m.id !== undefined) expect(messages[i]?.id).toBe(m.id);
          });
        });

        it('gives every message a unique id, stable across reads and page loads', () => {
          const ids = adapter.messages(doc).map((m) => m.id);
          for (const mid of ids) expect(mid).not.toBe('');
          expect(new Set(ids).size).toBe(ids.length);
          expect(adapter.messages(doc).map((m) => m.id)).toEqual(ids);
          const again = loadPage(fixture.html, want.url);
          try {
            expect(adapter.messages(again.document).map((m) => m.id)).toEqual(ids);
          } finally {
            void again.window.happyDOM.close();
          }
        });

        it('readMessage agrees with messages() on every message element', () => {
          for (const m of adapter.messages(doc)) {
            const one = adapter.readMessage(m.element);
            expect(one).not.toBeNull();
            expect(one && plainMessage(one)).toEqual(plainMessage(m));
          }
        });

        it('reads the same messages from the thread element as from the document', () => {
          const thread = adapter.thread(doc);
          if (thread === null) return;
          expect(adapter.messages(thread).map((m) => m.id)).toEqual(adapter.messages(doc).map((m) => m.id));
        });

        it('finds the reply box (textarea or contenteditable) and the send button', () => {
          const box = adapter.replyBox(doc);
          if (want.replyBox === null) {
            expect(box).toBeNull();
          } else {
            expect(box).not.toBeNull();
            if (box) {
              expect(box.tagName.toLowerCase()).toBe(want.replyBox.tag);
              expect(replyBoxKind(box)).toBe(want.replyBox.kind);
              expect(box).toBe(doc.querySelector(want.replyBox.selector));
            }
          }
          const send = adapter.sendButton(doc);
          expect(send === null ? null : buttonLabel(send)).toBe(want.sendButton);
        });

        it('reads the order number where the console shows one', () => {
          expect(adapter.orderNumber(doc)).toBe(want.orderNumber);
        });

        it('returns plain data', () => {
          const read = readAll(adapter, doc);
          for (const c of read.conversations) {
            expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
            expect(Object.keys(c).sort()).toEqual(['active', 'element', 'id', 'nick', 'unread']);
            expect(typeof c.id).toBe('string');
            expect(Number.isInteger(c.unread) && c.unread >= 0).toBe(true);
          }
          for (const m of read.messages) {
            expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
            expect(Object.keys(m).sort()).toEqual(['element', 'from', 'id', 'text', 'time']);
            expect(m.time === null || Number.isFinite(m.time)).toBe(true);
          }
          const data = {
            conversations: read.conversations.map(plainConversation(adapter)),
            messages: read.messages.map((m) => ({ id: m.id, ...plainMessage(m) })),
            activeConversationId: read.activeConversationId,
            orderNumber: read.orderNumber,
          };
          expect(JSON.parse(JSON.stringify(data))).toEqual(data);
        });

        it('never changes the page', () => {
          const before = doc.documentElement.outerHTML;
          readAll(adapter, doc);
          for (const m of adapter.messages(doc)) adapter.readMessage(m.element);
          for (const c of adapter.conversations(doc)) if (c.element) adapter.readMessage(c.element);
          expect(doc.documentElement.outerHTML).toBe(before);
        });

        it('readMessage returns null for elements that are not messages', () => {
          expect(adapter.readMessage(doc.body)).toBeNull();
          const box = adapter.replyBox(doc);
          if (box) expect(adapter.readMessage(box)).toBeNull();
          const send = adapter.sendButton(doc);
          if (send) expect(adapter.readMessage(send)).toBeNull();
          for (const c of adapter.conversations(doc)) {
            if (c.element) expect(adapter.readMessage(c.element)).toBeNull();
          }
        });
      });
    }
  });
}
