/**
 * Turns a `ConsoleDefinition` (selectors as data) into a `ConsoleAdapter` (readers).
 * The same reader serves built-in consoles and consoles defined in team packs.
 */
import { parseWaitLabel } from '../clock/wait';
import { hashString } from '../hash';
import type { ElementQuery } from '../live-list';
import type { ConsoleAdapter, ConsoleDefinition, Conversation, Message, SelectorList, Sender } from './types';

const list = (s: SelectorList | undefined): readonly string[] =>
  s === undefined ? [] : typeof s === 'string' ? [s] : s;

/** True when `el` matches one of the selectors (invalid selectors are skipped). */
export function matchesAny(el: Element, s: SelectorList | undefined): boolean {
  for (const sel of list(s)) {
    try {
      if (el.matches(sel)) return true;
    } catch {
      /* an invalid selector from a pack never breaks reading */
    }
  }
  return false;
}

/** The first selector in the list that finds anything wins (fallbacks in order). */
export function queryFirst(root: ParentNode, s: SelectorList | undefined): Element | null {
  for (const sel of list(s)) {
    if (sel.startsWith('text=')) {
      const hit = findByText(root, sel.slice(5));
      if (hit) return hit;
      continue;
    }
    try {
      const hit = root.querySelector(sel);
      if (hit) return hit;
    } catch {
      /* invalid selector: try the next fallback */
    }
  }
  return null;
}

/** The elements found by the first selector in the list that finds any, and that selector. */
export function queryAllWinning(root: ParentNode, s: SelectorList | undefined): ElementQuery {
  const all = list(s);
  for (const sel of all) {
    try {
      const hits = root.querySelectorAll(sel);
      if (hits.length > 0) {
        const elements: Element[] = new Array(hits.length);
        for (let i = 0; i < hits.length; i++) elements[i] = hits[i] as Element;
        return { elements, selector: sel, primary: sel === all[0] };
      }
    } catch {
      /* invalid selector: try the next fallback */
    }
  }
  return { elements: [], selector: null };
}

export function queryAllFirst(root: ParentNode, s: SelectorList | undefined): Element[] {
  return queryAllWinning(root, s).elements;
}

/** Index of the first selector in the list that finds an element (passing `accept`), or -1. */
function firstMatchingIndex(
  root: ParentNode,
  s: SelectorList | undefined,
  accept?: (el: Element) => boolean,
): number {
  const all = list(s);
  for (let i = 0; i < all.length; i++) {
    const hit = queryFirst(root, all[i]);
    if (hit && (!accept || accept(hit))) return i;
  }
  return -1;
}

function safeQuery(root: ParentNode, sel: string): Element | null {
  try {
    return root.querySelector(sel);
  } catch {
    return null;
  }
}

function findByText(root: ParentNode, text: string): Element | null {
  for (const el of Array.from(root.querySelectorAll('button, [role="button"], a'))) {
    const label = el.getAttribute('aria-label') ?? el.textContent ?? '';
    if (label.trim() === text) return el;
  }
  return null;
}

const ATTR = 'attr:';

/**
 * Reads `attr:NAME` from the element itself (with `deep`, else from its first descendant that
 * carries it: a row's inner card), or the text of the first matching element.
 */
function readValue(el: Element, s: SelectorList | undefined, deep = false): string | null {
  for (const sel of list(s)) {
    if (sel.startsWith(ATTR)) {
      const name = sel.slice(ATTR.length);
      const own = el.getAttribute(name);
      const v = own ?? (deep ? (safeQuery(el, `[${name}]`)?.getAttribute(name) ?? null) : null);
      if (v !== null && v !== '') return v;
      continue;
    }
    const hit = matchesAny(el, sel) ? el : queryFirst(el, sel);
    if (hit) return (hit.textContent ?? '').trim();
  }
  return null;
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Parses a console time: epoch ms, epoch s, ISO text, or a clock time today (HH:MM[:SS]). */
export function parseConsoleTime(raw: string | null, now = Date.now()): number | null {
  if (raw === null) return null;
  const s = raw.trim();
  if (/^\d{12,14}$/.test(s)) return Number(s);
  if (/^\d{9,11}$/.test(s)) return Number(s) * 1000;
  const hm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (hm) {
    const d = new Date(now);
    d.setHours(Number(hm[1]), Number(hm[2]), Number(hm[3] ?? 0), 0);
    // a time later than now belongs to yesterday
    if (d.getTime() > now + 60_000) d.setDate(d.getDate() - 1);
    return d.getTime();
  }
  const iso = Date.parse(s.replace(' ', 'T'));
  return Number.isNaN(iso) ? null : iso;
}

function isEditable(el: Element | null): el is HTMLElement {
  if (!el) return false;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName === 'INPUT') return (el as HTMLInputElement).type === 'text';
  const ce = el.getAttribute('contenteditable');
  return ce === '' || ce === 'true' || ce === 'plaintext-only' || el.getAttribute('role') === 'textbox';
}

/**
 * Derived message ids end in `-0`; identical messages (same sender, time and text) in one thread
 * get `-1`, `-2`… in page order, so each keeps a stable id of its own.
 */
export function withRepeatIndexes<T extends readonly Message[]>(messages: T): T | Message[] {
  return new RepeatIndexes().append(messages);
}

const derivedId = (m: Message) => m.id.endsWith('-0');

/**
 * `withRepeatIndexes` for a thread read as it grows: appended messages are numbered after the
 * ones before them, without going over the thread again.
 */
export class RepeatIndexes {
  /** How often each derived id was met (null until one is: ids of the console's own need none). */
  private seen: Map<string, number> | null = null;
  private thread: readonly Message[] = [];

  /** A copy that can be appended to without changing this one. */
  clone(): RepeatIndexes {
    const copy = new RepeatIndexes();
    copy.seen = this.seen && new Map(this.seen);
    copy.thread = this.thread;
    return copy;
  }

  /**
   * The thread with `added` appended to what was appended before (a new array; the earlier one is
   * left as it was). Without a derived id so far, `added` itself is returned for the first append.
   */
  append<T extends readonly Message[]>(added: T): T | Message[] {
    let out: readonly Message[] = added;
    if (this.seen || added.some(derivedId)) {
      const seen = this.seen ?? new Map<string, number>();
      this.seen = seen;
      out = added.map((m) => {
        if (!derivedId(m)) return m;
        const n = seen.get(m.id) ?? 0;
        seen.set(m.id, n + 1);
        return n === 0 ? m : { ...m, id: `${m.id.slice(0, -2)}-${n}` };
      });
    }
    const first = this.thread.length === 0;
    this.thread = first ? out : this.thread.concat(out);
    return first && out === added ? added : (this.thread as Message[]);
  }
}

export function createSelectorAdapter(definition: ConsoleDefinition): ConsoleAdapter {
  const sel = definition.selectors;

  const senderOf = (el: Element): Sender => {
    if (matchesAny(el, sel.systemMessage)) return 'system';
    if (matchesAny(el, sel.customerMessage)) return 'customer';
    if (matchesAny(el, sel.agentMessage)) return 'agent';
    return 'system';
  };

  const threadRoot = (root: ParentNode): ParentNode => queryFirst(root, sel.thread) ?? root;

  const readConversation = (row: Element): Conversation | null => {
    const nick = clean(readValue(row, sel.conversationNick));
    const id = clean(readValue(row, sel.conversationId, true)) || nick;
    if (!id) return null;
    const unreadEl = sel.unread ? (matchesAny(row, sel.unread) ? row : queryFirst(row, sel.unread)) : null;
    const unread = Number.parseInt(clean(unreadEl?.textContent) || '0', 10);
    const hidden = unreadEl !== null && (unreadEl as HTMLElement).hidden === true;
    return {
      id,
      nick: nick || id,
      unread: hidden || Number.isNaN(unread) ? 0 : unread,
      active: matchesAny(row, sel.activeConversation),
      element: row,
    };
  };

  const readMessage = (el: Element, index = 0): Message | null => {
    if (!matchesAny(el, sel.message)) return null;
    const from = senderOf(el);
    const textEl = queryFirst(el, sel.messageText);
    const text = ((textEl ?? el).textContent ?? '').trim();
    const time = parseConsoleTime(readValue(el, sel.messageTime));
    const ownId = readValue(el, sel.messageId);
    // Without an id of the console's own, derive one from what the message says; the index
    // among identical messages keeps repeats apart.
    const id = ownId ?? `h${hashString(`${from}|${time ?? ''}|${text}`)}-${index}`;
    return { id, from, time, text, element: el };
  };

  const adapter: ConsoleAdapter = {
    definition,
    rows(root) {
      return queryAllFirst(root, sel.conversation);
    },
    queryRows(root) {
      return queryAllWinning(root, sel.conversation);
    },
    readConversation,
    conversations(root) {
      const out: Conversation[] = [];
      for (const row of adapter.rows(root)) {
        const c = readConversation(row);
        if (c) out.push(c);
      }
      return out;
    },
    activeConversationId(root, conversations) {
      if (sel.conversation && sel.activeConversation) {
        const active = (conversations ?? adapter.conversations(root)).find((c) => c.active);
        if (active) return active.id;
      }
      const nick = clean(queryFirst(root, sel.threadNick)?.textContent);
      return nick || null;
    },
    threadHeader(root) {
      return queryFirst(root, sel.threadNick);
    },
    rowNick(row) {
      for (const s of list(sel.conversationNick)) {
        if (s.startsWith(ATTR)) continue;
        const hit = queryFirst(row, s);
        if (hit) return hit;
      }
      return null;
    },
    rowWait(row) {
      const label = sel.conversationWait ? queryFirst(row, sel.conversationWait) : null;
      return label ? parseWaitLabel(label.textContent ?? '') : null;
    },
    messageElements(root) {
      return queryAllFirst(threadRoot(root), sel.message);
    },
    queryMessages(root) {
      return queryAllWinning(threadRoot(root), sel.message);
    },
    messages(root) {
      const out: Message[] = [];
      for (const el of adapter.messageElements(root)) {
        const m = readMessage(el);
        if (m) out.push(m);
      }
      return withRepeatIndexes(out);
    },
    readMessage,
    replyBox(root) {
      const hit = queryFirst(root, sel.replyBox);
      return isEditable(hit) ? hit : null;
    },
    sendButton(root) {
      return queryFirst(root, sel.sendButton) as HTMLElement | null;
    },
    orderNumber(root) {
      const el = queryFirst(root, sel.orderNumber);
      const text = clean(el?.textContent).replace(/\s/g, '');
      return text || null;
    },
    thread(root) {
      return queryFirst(root, sel.thread);
    },
    detect(root) {
      const m = firstMatchingIndex(threadRoot(root), sel.message);
      if (m >= 0) return { by: 'messages', fallback: m };
      const r = firstMatchingIndex(root, sel.replyBox, isEditable);
      return r >= 0 ? { by: 'reply-box', fallback: r } : null;
    },
  };
  return adapter;
}
