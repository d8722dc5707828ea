/**
 * The contract every chat console adapter fulfils.
 *
 * A console is described as data (`ConsoleDefinition`): where it runs, which platform grades it
 * and the CSS selectors that find its parts. Built-in consoles and consoles shipped in team packs
 * use the same shape, and one generic reader (`selector-reader.ts`) turns a definition into an
 * adapter. Adapters only read the page; they never write to it.
 */
import type { ElementQuery } from '../live-list';

/** Platforms whose response-time rules we know (picks the clock preset). */
export type Platform = 'taobao' | 'pinduoduo' | 'douyin' | 'kuaishou' | 'jd' | 'other';

export const PLATFORMS: readonly Platform[] = ['taobao', 'pinduoduo', 'douyin', 'kuaishou', 'jd', 'other'];

/**
 * One selector, or fallbacks tried in order until one matches (newest console version first).
 *
 * Besides CSS, two forms are understood:
 * - `attr:NAME` (only for `conversationId`, `messageId`, `messageTime`): read attribute NAME of
 *   the row / message element itself;
 * - `text=发送` (only for `sendButton`): a `button`, `[role=button]` or `a` whose visible text or
 *   aria-label is exactly that text.
 */
export type SelectorList = string | readonly string[];

export interface ConsoleSelectors {
  /** Rows of the conversation list. */
  conversation?: SelectorList;
  /** `attr:NAME` on the row; default: the row's nick. */
  conversationId?: SelectorList;
  /** The nick inside a row. */
  conversationNick?: SelectorList;
  /** The selected row (matched against the rows). */
  activeConversation?: SelectorList;
  /** The unread count inside a row (its text is a number). */
  unread?: SelectorList;
  /**
   * The console's own wait time inside a row, counting up (「2:16」, 「等待 2分40秒」): a customer in a
   * row never opened waits from then, not from when KefuGuard first saw the row. A countdown or an
   * overdue time (「剩余 3:12」, 「已超时 6:15」) is not a wait and is ignored.
   */
  conversationWait?: SelectorList;
  /** Accepted in packs for compatibility, never read: KefuGuard reads no preview of a row's messages. */
  conversationLast?: SelectorList;
  /** The customer's nick in the open thread's header (for consoles that show no list). */
  threadNick?: SelectorList;
  /** The element holding the open thread's messages (narrows the message search). */
  thread?: SelectorList;
  /** Every message element of the open thread. Required. */
  message: SelectorList;
  /** A message element matching this is from the customer. Required. */
  customerMessage: SelectorList;
  /** A message element matching this is from the agent (or the shop's bot). Required. */
  agentMessage: SelectorList;
  /** A message element matching this is a system notice (optional; unmatched ones are system too). */
  systemMessage?: SelectorList;
  /** The text inside a message. Required. */
  messageText: SelectorList;
  /** `attr:NAME` holding epoch ms, or a selector whose text is a time (HH:MM[:SS]). */
  messageTime?: SelectorList;
  /** `attr:NAME` holding a stable message id. */
  messageId?: SelectorList;
  /** An order number shown beside the chat (for template variables). */
  orderNumber?: SelectorList;
  /** The reply box: a textarea or a contenteditable. Required. */
  replyBox: SelectorList;
  sendButton?: SelectorList;
}

export interface ConsoleDefinition {
  /** Stable id, e.g. `qianniu`. */
  id: string;
  /** Name shown to people (zh-CN first). */
  name: string;
  /** Its name in the English UI (`consoleLabel`); `name` when absent (a team pack's console). */
  nameEn?: string;
  platform: Platform;
  /** Match patterns of the pages this console lives on (production). */
  matches: readonly string[];
  selectors: ConsoleSelectors;
}

export interface Detection {
  by: 'messages' | 'reply-box';
  fallback: number;
}

export type Sender = 'customer' | 'agent' | 'system';

export interface Conversation {
  id: string;
  nick: string;
  unread: number;
  active: boolean;
  /** The row in the host page (for positioning badges and switching); null for thread-only consoles. */
  element: Element | null;
}

export interface Message {
  /** Stable within the page: the console's own id, else derived from sender, time and text. */
  id: string;
  from: Sender;
  /** Epoch ms from the console, or null when it gives none (then first-seen time applies). */
  time: number | null;
  text: string;
  element: Element;
}

/** What an adapter reads from a page. All readers take a root and return plain data or null. */
export interface ConsoleAdapter {
  readonly definition: ConsoleDefinition;
  /** The conversation list's row elements. */
  rows(root: ParentNode): Element[];
  /** The rows, and the selector (of the fallbacks) that found them. */
  queryRows(root: ParentNode): ElementQuery;
  /** Parse one row (null if it names no conversation). */
  readConversation(row: Element): Conversation | null;
  conversations(root: ParentNode): Conversation[];
  /** The open thread's header element holding the customer's nick (for a countdown beside it). */
  threadHeader(root: ParentNode): Element | null;
  /**
   * The element inside a list row that shows the customer's nick (a row's countdown keeps off its
   * line), or null when the row names its customer by an attribute only.
   */
  rowNick(row: Element): Element | null;
  /** Seconds the row's customer has waited by the console's own label in it (null: no such label). */
  rowWait(row: Element): number | null;
  /**
   * The open conversation's id (from the active row, else the thread header nick). Pass the
   * conversations already read to spare a second read of the list.
   */
  activeConversationId(root: ParentNode, conversations?: readonly Conversation[]): string | null;
  /** The open thread's message elements, in page order. */
  messageElements(root: ParentNode): Element[];
  /** The message elements, and the selector (of the fallbacks) that found them. */
  queryMessages(root: ParentNode): ElementQuery;
  /** The open thread's messages, in page order. */
  messages(root: ParentNode): Message[];
  /** Parse one message element (null if it is not one). */
  readMessage(el: Element, index?: number): Message | null;
  replyBox(root: ParentNode): HTMLElement | null;
  sendButton(root: ParentNode): HTMLElement | null;
  orderNumber(root: ParentNode): string | null;
  /** The element whose subtree holds the thread's messages, if the console names one. */
  thread(root: ParentNode): Element | null;
  /**
   * Whether this page shows the console's chat: by `messages` when its message markup is there
   * (the strongest sign), by `reply-box` when only its reply box is, else null. `fallback` is the
   * index of the selector that matched (0 = the console's own hook, higher = a generic fallback).
   */
  detect(root: ParentNode): Detection | null;
}
