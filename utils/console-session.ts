/**
 * The content script's controller for one frame: finds the console, follows its changes through
 * the shared observer, keeps the response clock, turns what happens into events and publishes
 * the overlay's state. It reads the page through the adapter only and never writes to it.
 */
import {
  type ClockEvent,
  type ClockSettings,
  type FirstSeenStore,
  formatCountdown,
  presetFor,
  type RoundTracker,
  type TimeResolver,
  waitState,
} from './clock';
import { candidateConsoles, consoleLabel, detectConsole } from './consoles';
import { RepeatIndexes } from './consoles/selector-reader';
import type { ConsoleAdapter, ConsoleDefinition, Conversation, Message, Platform } from './consoles/types';
import type { KgEvent } from './events';
import { pseudonym } from './hash';
import { LiveList } from './live-list';
import { RecentKeys } from './recent-keys';
import { restoreTimes, restoreTracker, type SessionSnapshot, takeSnapshot } from './session-snapshot';
import { longestFirst, mergeLongestFirst, sameEntries, type WaitingCustomer } from './waiting';

export type { WaitingCustomer } from './waiting';

import { type DomChange, observeDom, readChange } from './observe';

/**
 * Messages remembered as logged (by console, conversation and id): a busy day's worth. One
 * forgotten and read again (an old thread reopened) is sent again and stored once.
 */
const LOGGED_KEYS = 10_000;

export type ConsoleStatus = 'detecting' | 'recognised' | 'unrecognised' | 'elsewhere';

export interface OverlayState {
  status: ConsoleStatus;
  consoleId: string | null;
  /** The console's name; for an unrecognised page, the name of the console its host belongs to. */
  consoleName: string | null;
  platform: Platform | null;
  /** Customers waiting for the agent, longest first. */
  waiting: WaitingCustomer[];
  /** Graded rounds that breached today. */
  breachedToday: number;
  /** The open thread's header nick element (for its countdown), if the console shows one. */
  threadHeader: Element | null;
  activeConversation: string | null;
  /** The open conversation's customer nick, when shown. */
  activeNick: string | null;
  /** The open thread's last customer message (kept in memory only, for suggestions). */
  lastCustomer: { id: string; text: string } | null;
  /** Bumped every tick so views re-render countdowns. */
  now: number;
  /**
   * The list rows the change this state comes from inserted, moved or changed (empty for a tick;
   * null when it read the whole list): a row that jumped into view is drawn beside in the same frame.
   */
  rowsMoved: readonly Element[] | null;
}

export interface SessionDeps {
  document: Document;
  url: string;
  signal: AbortSignal;
  definitions?: readonly ConsoleDefinition[];
  /** How long to look for the chat before saying it was not recognised. */
  healthTimeoutMs?: number;
  now?: () => number;
  /** The per-install salt for conversation pseudonyms. */
  salt: string;
  agentName?: string;
  /** Clock settings for a platform (defaults: the platform presets). */
  clockSettings?: (platform: Platform) => ClockSettings;
  /** The UI language now (countdown labels). */
  lang?: () => 'zh-CN' | 'en';
  /** Receives new events (the outbox). */
  log: (event: KgEvent) => void;
  onState: (state: OverlayState) => void;
  onRecognised?: (adapter: ConsoleAdapter) => void;
  /** Asked before saying "not recognised": does another frame of this tab hold the chat? */
  recognisedInOtherFrame?: () => Promise<boolean>;
  /** State saved by an earlier page of this tab (every conversation kept). */
  restore?: SessionSnapshot | null;
  /**
   * Called after changes; `snapshot()` gives what changed since it was last called (the
   * console-wide part and the conversations that changed), to keep across reloads: call it
   * lazily, and store each snapshot it gives.
   */
  persist?: (snapshot: () => SessionSnapshot) => void;
  /** Ignore mutations in our own nodes. */
  isOwnNode?: (node: Node) => boolean;
  /** Schedules reading the page's changes for the next frame (default: an animation frame). */
  frame?: (run: () => void) => void;
  /** Receives how long each piece of our work took (benchmarks: the performance timeline). */
  measure?: (name: 'kg:change' | 'kg:tick' | 'kg:observe', start: number) => void;
}

export class ConsoleSession {
  private adapter: ConsoleAdapter | null = null;
  private readonly candidates: ConsoleDefinition[];
  /** Messages logged (a bounded set: the background stores an event logged again once). */
  private readonly logged = new RecentKeys(LOGGED_KEYS);
  private readonly loggedMessages = new WeakSet<Message>();
  private loggedThread: { conv: string; messages: readonly Message[] } | null = null;
  private state: OverlayState;
  private readonly now: () => number;
  private healthTimer: ReturnType<typeof setTimeout> | undefined;
  private times: TimeResolver;
  private tracker: RoundTracker | null = null;
  /** Since when each unopened list row has shown unread messages. */
  private rowSince: FirstSeenStore;
  /** Rows whose wait was read from the console's own label in them (their countdowns are no estimate). */
  private readonly rowsTimed = new Set<string>();
  /** The open conversation's row, when it was opened waiting: since when it showed the customer waiting. */
  private openedWaiting: { id: string; since: number; timed: boolean } | null = null;
  /**
   * Conversations opened while waiting whose wait the console's own label gave (their row's,
   * followed or read at the opening), and since when: a round starting then is not shown as
   * estimated, as their row was not, though it is not graded (its messages carry no time of their
   * own). Kept across a reload, while the round is open or the conversation is.
   */
  private readonly labelStarts: Map<string, number>;
  /** Rows kept from before a reload whose label is still to be read (once: it may time them). */
  private readonly rowsRestored: Set<string>;
  /** The list's conversations in order, made from the rows when asked for (null: not made since the list changed). */
  private convList: Conversation[] | null = [];
  /** The rows that read as the open conversation (normally one), kept as rows are read. */
  private readonly activeRows = new Set<Element>();
  /** The open conversation's row as last read. */
  private activeConv: Conversation | null = null;
  private messages: Message[] = [];
  /** The open thread's repeated messages told apart, as it grows. */
  private repeats = new RepeatIndexes();
  /** How many messages the last read of the thread appended (-1: it read the whole thread). */
  private appendedMessages = -1;
  /** The open thread's messages that count for the clock (not system notices). */
  private counted: readonly Message[] = [];
  private lastCustomer: { id: string; text: string } | null = null;
  private activeId: string | null = null;
  private threadHeader: Element | null = null;
  /** The header is looked for again on the next change (now and then, as the lists are). */
  private headerStale = true;
  private settings: ClockSettings | null = null;
  /** Parsed rows and messages by element; a mutation inside one drops its entry. */
  private rowCache = new WeakMap<Node, Conversation | null>();
  private msgCache = new WeakMap<Node, Message | null>();
  /** The list's rows and the open thread's messages, followed through the observer's targets. */
  private readonly rowList: LiveList;
  private readonly msgList: LiveList;
  private rowsDirty = true;
  /** This change's records of children added and removed (the lists patch themselves from them). */
  private childLists: ReadonlyMap<Node, readonly MutationRecord[]> = new Map();
  private readonly rowKeys = new Map<string, string>();
  /** Conversations looked up by id since the list last changed (a few per change, not the list). */
  private found = new Map<string, Conversation | undefined>();
  private ticks = 0;
  /** When the ticker last ticked (the second the countdowns show until the next tick). */
  private tickedAt: number | null = null;
  /** The rows the change being read inserted, moved or changed (see `OverlayState.rowsMoved`). */
  private rowsMoved: readonly Element[] | null = [];
  /**
   * The waiting customers of list rows never opened, longest first, as last made: kept while the
   * rows they show, the open rounds, the second and the language are the same.
   */
  private rowPart: RowPart | null = null;
  /** Bumped when a change may have changed which rows wait, or what their entries show. */
  private rowsVersion = 0;
  /** The waiting list last published, with the open rounds' entries it was made from. */
  private merged: {
    rows: readonly WaitingCustomer[];
    rounds: WaitingCustomer[];
    all: WaitingCustomer[];
  } | null = null;
  private threadDirty = true;
  private readonly snapshot = (): SessionSnapshot =>
    takeSnapshot({
      times: this.times,
      tracker: this.tracker,
      rows: this.rowSince,
      labelStarts: this.labelStarts,
    });

  constructor(private readonly deps: SessionDeps) {
    this.rowList = new LiveList((root) => this.adapter?.queryRows(root) ?? { elements: [], selector: null });
    this.msgList = new LiveList(
      (root) => this.adapter?.queryMessages(root) ?? { elements: [], selector: null },
    );
    this.candidates = candidateConsoles(deps.url, deps.definitions);
    this.now = deps.now ?? Date.now;
    const now = this.now();
    const kept = restoreTimes(deps.restore, now);
    this.times = kept.times;
    this.rowSince = kept.rows;
    this.labelStarts = kept.labelStarts;
    this.rowsRestored = new Set(Array.from(kept.rows.entries(), ([key]) => key));
    this.state = {
      status: 'detecting',
      consoleId: null,
      consoleName:
        this.candidates.length === 1 && this.candidates[0]
          ? consoleLabel(this.candidates[0], deps.lang?.() ?? 'zh-CN')
          : null,
      platform: null,
      waiting: [],
      breachedToday: 0,
      threadHeader: null,
      rowsMoved: [],
      activeConversation: null,
      activeNick: null,
      lastCustomer: null,
      now,
    };
  }

  get current(): OverlayState {
    return this.state;
  }

  get console(): ConsoleAdapter | null {
    return this.adapter;
  }

  /** What the session read from the page last: the list's conversations, the open thread. */
  get read(): { conversations: readonly Conversation[]; messages: readonly Message[] } {
    return { conversations: this.conversations, messages: this.messages };
  }

  start(): void {
    const { document, signal } = this.deps;
    const measure = this.deps.measure;
    observeDom(document, (change) => this.timed('kg:change', () => this.onChange(change)), signal, {
      ignore: this.deps.isOwnNode,
      frame: this.deps.frame,
      measure: measure && ((start) => measure('kg:observe', start)),
    });
    this.healthTimer = setTimeout(() => void this.healthCheck(), this.deps.healthTimeoutMs ?? 10_000);
    signal.addEventListener('abort', () => clearTimeout(this.healthTimer), { once: true });
    this.onChange({ batches: [], overflow: true });
  }

  /** The shared one-second ticker: breaches, and fresh countdowns for the views. */
  tick(): void {
    const tracker = this.tracker;
    if (!this.adapter || !tracker) return;
    this.timed('kg:tick', () => {
      // now and then the next change reads both lists anew (a list beside the known one, which
      // the targets cannot show, is found within seconds)
      if (++this.ticks % 10 === 0) {
        this.rowList.reset();
        this.msgList.reset();
        this.headerStale = true;
      }
      const now = this.now();
      this.tickedAt = now;
      this.emit(tracker.tick(now));
      this.publish(now);
    });
  }

  private timed(name: 'kg:change' | 'kg:tick', work: () => void): void {
    const measure = this.deps.measure;
    if (!measure) {
      work();
      return;
    }
    const start = performance.now();
    try {
      work();
    } finally {
      measure(name, start);
    }
  }

  /** New clock settings (from the options): open rounds are re-graded. */
  setClockSettings(settings: ClockSettings): void {
    this.settings = settings;
    this.tracker?.setSettings(settings);
    if (this.adapter) this.publish(this.now());
  }

  /** Another frame of this tab holds the chat: this frame steps aside. */
  recognisedElsewhere(): void {
    if (this.adapter) return;
    clearTimeout(this.healthTimer);
    this.setState({ status: 'elsewhere' });
  }

  private async healthCheck(): Promise<void> {
    if (this.state.status !== 'detecting') return;
    const elsewhere = await (this.deps.recognisedInOtherFrame?.() ?? Promise.resolve(false)).catch(
      () => false,
    );
    if (this.state.status !== 'detecting' || this.deps.signal.aborted) return;
    this.setState({ status: elsewhere ? 'elsewhere' : 'unrecognised' });
  }

  private setState(patch: Partial<OverlayState>, force = false): void {
    const next = { ...this.state, ...patch };
    if (!force && sameView(this.state, next)) return;
    this.state = next;
    this.deps.onState(next);
  }

  /**
   * Drops cached rows and messages that a mutation touched, and tells the two lists what changed
   * around them (work proportional to the change, not to the console).
   */
  private invalidate(change: DomChange): void {
    this.childLists = new Map();
    if (change.overflow) {
      this.rowCache = new WeakMap();
      this.msgCache = new WeakMap();
      this.rowList.reset();
      this.msgList.reset();
      this.rowsDirty = true;
      this.threadDirty = true;
      return;
    }
    const doc = this.deps.document;
    // rows and messages are their lists' parents' children: where those parents are known, a
    // node is looked up in the caches only when it is such a child
    const rowParent = this.rowList.container;
    const msgParent = this.msgList.container;
    const known = rowParent !== null && msgParent !== null;
    const rowScope = this.rowList.scopeNode;
    const msgScope = this.msgList.scopeNode;
    const { targets, childLists } = readChange(change, [rowParent, msgParent], this.deps.isOwnNode);
    this.childLists = childLists;
    /** Rows and messages already dropped by an earlier target of this change. */
    const touched = new Set<Node>();
    for (const target of targets) {
      // far from both lists (the console's header, counters elsewhere): no walk up the page
      if (known && rowScope && msgScope && !rowScope.contains(target) && !msgScope.contains(target)) {
        this.rowList.outside(target);
        this.msgList.outside(target);
        continue;
      }
      let inside = false;
      let rowsMet = false;
      let msgsMet = false;
      for (let n: Node | null = target, up: Node | null = null; n && n !== doc; n = up) {
        up = n.parentNode;
        const candidate = !known || up === rowParent || up === msgParent;
        if (candidate && touched.has(n)) {
          inside = true;
          break;
        }
        if (candidate && this.rowCache.delete(n)) {
          touched.add(n);
          this.rowList.changed(n as Element);
          this.rowsDirty = true;
          inside = true;
          break;
        }
        if (candidate && this.msgCache.delete(n)) {
          touched.add(n);
          this.msgList.changed(n as Element);
          this.threadDirty = true;
          inside = true;
          break;
        }
        const rows: 'parent' | 'scope' | null = rowsMet ? null : this.rowList.reached(n, target);
        const msgs: 'parent' | 'scope' | null = msgsMet ? null : this.msgList.reached(n, target);
        rowsMet ||= rows !== null;
        msgsMet ||= msgs !== null;
        // inside one list: nothing further up concerns the other
        if (rows === 'parent' || msgs === 'parent') {
          inside = true;
          break;
        }
      }
      if (inside) continue;
      if (!rowsMet) this.rowList.outside(target);
      if (!msgsMet) this.msgList.outside(target);
    }
  }

  /** The list's conversations, in order (made from the rows' cached reads after the list changed). */
  private get conversations(): Conversation[] {
    if (this.convList) return this.convList;
    const out: Conversation[] = [];
    for (const row of this.rowList.elements) {
      const c = this.readRow(row);
      if (c) out.push(c);
    }
    this.convList = out;
    return out;
  }

  /**
   * A row's conversation, from the cache or read now (`fresh` gets those read now). Every row of
   * the list is read by `readConversations` before anything else asks, so only it passes `fresh`.
   */
  private readRow(row: Element, fresh?: Conversation[]): Conversation | null {
    let c = this.rowCache.get(row);
    if (c === undefined && this.adapter) {
      c = this.adapter.readConversation(row);
      this.rowCache.set(row, c);
      if (c) fresh?.push(c);
      if (c?.active) this.activeRows.add(row);
      else this.activeRows.delete(row);
    }
    return c ?? null;
  }

  /**
   * Reads the rows the list inserted or changed (all of them when it was read anew) into `fresh`.
   * Returns whether the list changed at all (its order, its rows or what they read).
   */
  private readConversations(fresh: Conversation[]): boolean {
    const moved = this.rowList.read(this.deps.document, this.childLists) !== null;
    if (!moved && !this.rowsDirty) return false;
    this.rowsDirty = false;
    this.convList = null;
    this.found.clear();
    const touched = this.rowList.touched;
    if (touched && !this.rowList.membersChanged) for (const row of touched) this.readRow(row, fresh);
    else {
      // rows joined or left: which of them read as open is counted again
      this.activeRows.clear();
      for (const row of this.rowList.elements) if (this.readRow(row, fresh)?.active) this.activeRows.add(row);
    }
    return true;
  }

  /**
   * The open conversation, as the console reads it from the whole list, without reading the whole
   * list: with one row open it is that row's; with none, the console says (from the thread's
   * header); with several, the console picks among them.
   */
  private activeConversation(a: ConsoleAdapter): string | null {
    let one: Conversation | null = null;
    if (this.activeRows.size === 1) for (const row of this.activeRows) one = this.rowCache.get(row) ?? null;
    this.activeConv = one;
    if (one) return one.id;
    return a.activeConversationId(this.deps.document, this.activeRows.size === 0 ? [] : this.conversations);
  }

  /** The open thread's messages, or null when they are the same as last time. */
  private readThread(a: ConsoleAdapter, activeChanged: boolean): Message[] | null {
    const moved = this.msgList.read(this.deps.document, this.childLists) !== null;
    if (!moved && !activeChanged && !this.threadDirty) return null;
    const els = this.msgList.elements;
    // messages appended to the thread read before: only they are read
    const from = !activeChanged && !this.threadDirty && moved ? this.msgList.appendedFrom : -1;
    this.threadDirty = false;
    if (from < 0) this.repeats = new RepeatIndexes();
    const added: Message[] = [];
    for (let i = Math.max(0, from); i < els.length; i++) {
      const el = els[i] as Element;
      let m = this.msgCache.get(el);
      if (m === undefined) {
        m = a.readMessage(el);
        this.msgCache.set(el, m);
      }
      if (m) added.push(m);
    }
    this.appendedMessages = from < 0 ? -1 : added.length;
    return this.repeats.append(added);
  }

  private onChange(change: DomChange): void {
    const doc = this.deps.document;
    if (!this.adapter) {
      const found = detectConsole(doc, this.candidates);
      if (!found) return;
      this.adapter = found;
      const platform = found.definition.platform;
      this.settings ??= this.deps.clockSettings?.(platform) ?? presetFor(platform);
      this.tracker = restoreTracker(this.deps.restore, this.settings);
      clearTimeout(this.healthTimer);
      this.deps.onRecognised?.(found);
    } else this.invalidate(change);
    const a = this.adapter;
    const now = this.now();
    const fresh: Conversation[] = [];
    const header = this.threadHeader;
    const listChanged = this.readConversations(fresh);
    const activeId = this.activeConversation(a);
    const activeChanged = activeId !== this.activeId;
    const previousActive = this.activeId;
    this.activeId = activeId;
    if (activeChanged) {
      const opened = activeId === null ? null : this.waitingSince(a, activeId, now);
      this.openedWaiting = opened;
      // kept while their round is open (opened again, or after a reload, its start is the same)
      if (opened?.timed && !this.labelStarts.has(opened.id)) this.labelStarts.set(opened.id, opened.since);
    }
    // the thread's header is looked for again when the conversation changed or it left the page
    if (activeChanged || change.overflow || this.headerStale || !this.threadHeader?.isConnected) {
      this.threadHeader = a.threadHeader(doc);
      this.headerStale = false;
    }
    if (activeChanged && previousActive && !change.overflow)
      this.catchUp(a, previousActive, change.batches, now);
    const messages = this.readThread(a, activeChanged);
    if (messages) {
      this.messages = messages;
      let last: Message | undefined;
      for (let i = messages.length - 1; i >= 0 && !last; i--)
        if (messages[i]?.from === 'customer') last = messages[i];
      this.lastCustomer = last ? { id: last.id, text: last.text } : null;
    }
    if (messages && activeId && this.tracker) {
      const n = this.appendedMessages;
      const counted =
        n >= 0
          ? this.counted.concat(messages.slice(messages.length - n).filter(counts))
          : messages.filter(counts);
      this.counted = counted;
      const opened = this.openedWaiting?.id === activeId ? this.openedWaiting.since : undefined;
      const resolved = this.times.resolve(activeId, counted, now, opened);
      this.logMessages(a, activeId, counted, resolved);
      this.emit(this.tracker.update(activeId, resolved, now));
    }
    this.followRows(a, activeChanged ? this.conversations : fresh, now);
    if (activeChanged && previousActive) this.forgetRow(this.rowKey(previousActive));
    if (
      activeChanged ||
      change.overflow ||
      this.rowList.membersChanged ||
      fresh.some((c) => this.rowEntryChanged(c))
    )
      this.rowsVersion++;
    // rows parsed anew may have moved: redraw even if the waiting list reads the same
    const moved = fresh.length > 0 || activeChanged || messages !== null;
    // nothing of ours changed (a change elsewhere in the page): the ticker keeps the countdowns
    if (!moved && !listChanged && header === this.threadHeader) return;
    this.rowsMoved = listChanged ? this.rowList.touched : [];
    this.publish(now, moved);
    this.rowsMoved = [];
    this.deps.persist?.(this.snapshot);
  }

  /** A conversation of the list by id (each looked up once after the list changed, not mapped all). */
  private conversationById(id: string): Conversation | undefined {
    if (this.activeConv?.id === id) return this.activeConv;
    const cache = this.found;
    if (!cache.has(id))
      cache.set(
        id,
        this.conversations.find((x) => x.id === id),
      );
    return cache.get(id);
  }

  /** The first-seen key of a list row (made once per conversation). */
  private rowKey(id: string): string {
    let key = this.rowKeys.get(id);
    if (key === undefined) {
      if (this.rowKeys.size > 10_000) this.rowKeys.clear();
      key = `row|${id}`;
      this.rowKeys.set(id, key);
    }
    return key;
  }

  /**
   * Messages that came into the thread we were showing and left with it before we read it (a
   * reply sent as the agent opened the next conversation, in one frame): the records still hold
   * them, so that conversation's round ends as it did, not with a false breach later.
   */
  private catchUp(a: ConsoleAdapter, conversation: string, batches: DomChange['batches'], now: number): void {
    const missed: Message[] = [];
    for (const batch of batches)
      for (const r of batch) {
        if (r.type !== 'childList') continue;
        for (let i = 0; i < r.addedNodes.length; i++) {
          const n = r.addedNodes[i] as Node;
          if (n.nodeType !== 1 || n.isConnected) continue;
          const el = n as Element;
          if (this.msgCache.has(el)) continue;
          // a message itself, or a group of them added at once
          const own = a.readMessage(el);
          if (own) missed.push(own);
          else
            for (const m of a.queryMessages(el).elements) {
              const read = this.msgCache.has(m) ? null : a.readMessage(m);
              if (read) missed.push(read);
            }
        }
      }
    if (missed.length === 0 || !this.tracker) return;
    const thread = this.repeats.clone().append(missed).filter(counts);
    const resolved = this.times.resolve(conversation, thread, now);
    this.logMessages(a, conversation, thread, resolved);
    this.emit(this.tracker.update(conversation, resolved, now));
  }

  /**
   * Rows that show unread messages but were never opened wait since the console's own wait label
   * in the row says (read once, when the row is first seen so), else since we first saw them so.
   */
  private followRows(a: ConsoleAdapter, rows: readonly Conversation[], now: number): void {
    for (const c of rows) {
      const key = this.rowKey(c.id);
      if (c.unread > 0 && c.id !== this.activeId) {
        const known = this.rowSince.has(key);
        // kept from before a reload: the row's label (when it shows one) is read once more
        const recheck = known && this.rowsRestored.size > 0 && this.rowsRestored.delete(key);
        if (known && !recheck) continue;
        const waited = c.element ? a.rowWait(c.element) : null;
        if (recheck) {
          if (waited === null) continue;
          this.rowSince.forget(key);
        }
        this.rowSince.see(key, waited === null ? now : now - waited * 1000);
        if (waited === null) this.rowsTimed.delete(key);
        else this.rowsTimed.add(key);
      } else this.forgetRow(key);
    }
  }

  /**
   * Since when the conversation just opened was shown waiting: its row's wait as followed while it
   * was not open (forgotten once it reads as open), else the wait its row's own label shows (a
   * page loaded with it open). Null when its row showed no wait.
   */
  private waitingSince(
    a: ConsoleAdapter,
    id: string,
    now: number,
  ): { id: string; since: number; timed: boolean } | null {
    const key = this.rowKey(id);
    const followed = this.rowSince.get(key);
    if (followed !== undefined) return { id, since: followed, timed: this.rowsTimed.has(key) };
    const row = this.conversationById(id)?.element;
    const waited = row ? a.rowWait(row) : null;
    return waited === null ? null : { id, since: now - waited * 1000, timed: true };
  }

  /** A row's wait ended (answered, opened, or read): seeing it wait again starts anew. */
  private forgetRow(key: string): void {
    this.rowSince.forget(key);
    this.rowsTimed.delete(key);
  }

  /** Whether a row read anew changes the waiting entries of the rows (which wait, and what they show). */
  private rowEntryChanged(c: Conversation): boolean {
    const part = this.rowPart;
    if (!part) return true;
    const shown = part.byId.get(c.id);
    const waits = c.unread > 0 && c.id !== this.activeId && !part.open.has(c.id);
    if (!shown) return waits;
    return !waits || shown.nick !== c.nick || shown.row !== c.element;
  }

  /** The waiting entries of the rows never opened (customers with an open round are the tracker's). */
  private makeRowPart(
    now: number,
    realNow: number,
    lang: 'zh-CN' | 'en',
    settings: ClockSettings,
    open: Set<string>,
  ): RowPart {
    const second = Math.floor(now / 1000);
    const prev = this.rowPart;
    const reuse = prev !== null && prev.second === second && prev.lang === lang;
    const list: WaitingCustomer[] = [];
    const byId = new Map<string, WaitingCustomer>();
    let startsFixed = true;
    for (const c of this.conversations) {
      if (c.unread === 0 || c.id === this.activeId || open.has(c.id) || byId.has(c.id)) continue;
      const key = this.rowKey(c.id);
      const seen = this.rowSince.get(key);
      if (seen === undefined) startsFixed = false;
      const since = seen ?? realNow;
      const old = reuse ? prev.byId.get(c.id) : undefined;
      let entry: WaitingCustomer;
      if (old && old.since === since && old.nick === c.nick && old.row === c.element) entry = old;
      else {
        // first seen since the second shown: no wait yet
        const w = waitState(since, Math.max(now, since), settings);
        entry = {
          conversation: c.id,
          nick: c.nick,
          since,
          state: w.state,
          seconds: w.seconds,
          label: formatCountdown(w, lang),
          estimated: !this.rowsTimed.has(key),
          active: false,
          row: c.element,
        };
      }
      list.push(entry);
      byId.set(c.id, entry);
    }
    list.sort(longestFirst);
    return { list, byId, open, second, lang, version: this.rowsVersion, startsFixed };
  }

  /**
   * The time the countdowns show: the ticker's last second (less than a second ago). A change
   * between ticks then rewrites only the countdowns it changed, and every countdown moves on the
   * tick, together; a round opened since shows its full time.
   */
  private shownTime(now: number): number {
    const t = this.tickedAt;
    return t !== null && t <= now && now - t < 1000 ? t : now;
  }

  private publish(realNow: number, force = false): void {
    const a = this.adapter;
    const tracker = this.tracker;
    const settings = this.settings;
    if (!a || !tracker || !settings) return;
    const now = this.shownTime(realNow);
    const lang = this.deps.lang?.() ?? 'zh-CN';
    const rounds: WaitingCustomer[] = [];
    const open = new Set<string>();
    for (const w of tracker.waiting(now, realNow)) {
      open.add(w.conversation);
      const c = this.conversationById(w.conversation);
      rounds.push({
        conversation: w.conversation,
        nick: c?.nick ?? w.conversation,
        since: w.since,
        state: w.state,
        seconds: w.seconds,
        label: formatCountdown(w, lang),
        estimated: w.estimated && this.labelStarts.get(w.conversation) !== w.since,
        active: w.conversation === this.activeId,
        row: c?.element ?? null,
      });
    }
    // a label's start is kept while its round is open, or its conversation (its thread may come later)
    if (this.labelStarts.size > 0)
      for (const id of this.labelStarts.keys())
        if (!open.has(id) && id !== this.activeId) this.labelStarts.delete(id);
    // rows never opened: their entries are made again only when something they show changed
    let part = this.rowPart;
    if (!part || part.version !== this.rowsVersion || part.lang !== lang || !sameKeys(part.open, open)) {
      part = this.makeRowPart(now, realNow, lang, settings, open);
      this.rowPart = part;
    } else if (part.second !== Math.floor(now / 1000)) {
      part = part.startsFixed
        ? retimed(part, now, settings)
        : this.makeRowPart(now, realNow, lang, settings, open);
      this.rowPart = part;
    }
    // the same rows and the same open rounds: the list published last is the list now
    let waiting: WaitingCustomer[];
    const last = this.merged;
    if (last && last.rows === part.list && sameEntries(last.rounds, rounds)) waiting = last.all;
    else {
      waiting = rounds.length === 0 ? part.list : mergeLongestFirst(rounds, part.list);
      this.merged = { rows: part.list, rounds, all: waiting };
    }
    this.setState(
      {
        status: 'recognised',
        consoleId: a.definition.id,
        consoleName: consoleLabel(a.definition, lang),
        platform: a.definition.platform,
        waiting,
        breachedToday: tracker.breachedToday(now),
        threadHeader: this.threadHeader,
        activeConversation: this.activeId,
        activeNick:
          (this.activeId ? this.conversationById(this.activeId)?.nick : null) ??
          (this.threadHeader?.textContent?.trim() || this.activeId),
        lastCustomer: this.lastCustomer,
        now,
        rowsMoved: this.rowsMoved,
      },
      force,
    );
  }

  /** Fields every event of the open conversation carries (null until a console is recognised). */
  eventBase(key: string) {
    const a = this.adapter;
    return a ? this.base(a, this.activeId ?? '(unknown)', key) : null;
  }

  private base(a: ConsoleAdapter, conv: string, key: string) {
    const def = a.definition;
    const agent = this.deps.agentName;
    const base = {
      id: pseudonym(`${def.id}|${conv}|${key}`, this.deps.salt),
      console: def.id,
      platform: def.platform,
      conv: this.convPseudonym(def.id, conv),
    };
    return agent ? { ...base, agent } : base;
  }

  /** Conversations' pseudonyms (made once per conversation: most events are of the open one). */
  private readonly convPseudonyms = new Map<string, string>();
  private convPseudonym(consoleId: string, conv: string): string {
    let p = this.convPseudonyms.get(conv);
    if (p === undefined) {
      if (this.convPseudonyms.size > 10_000) this.convPseudonyms.clear();
      p = pseudonym(`${consoleId}|${conv}`, this.deps.salt);
      this.convPseudonyms.set(conv, p);
    }
    return p;
  }

  private logMessages(
    a: ConsoleAdapter,
    conv: string,
    messages: readonly Message[],
    resolved: readonly { time: number }[],
  ): void {
    // the start of the thread as logged last time (the same objects) was logged then
    const prev = this.loggedThread;
    let from = 0;
    if (prev?.conv === conv) {
      const n = Math.min(prev.messages.length, messages.length);
      while (from < n && messages[from] === prev.messages[from]) from++;
    }
    this.loggedThread = { conv, messages };
    for (let i = from; i < messages.length; i++) {
      const m = messages[i] as Message;
      // a message read before (the same object, from the cache) was logged then
      if (m.from === 'system' || this.loggedMessages.has(m)) continue;
      this.loggedMessages.add(m);
      if (!this.logged.add(`${a.definition.id}|${conv}|${m.id}`)) continue;
      this.deps.log({
        ...this.base(a, conv, m.id),
        type: 'message',
        t: resolved[i]?.time ?? this.now(),
        from: m.from,
      });
    }
  }

  private emit(events: readonly ClockEvent[]): void {
    const a = this.adapter;
    if (!a) return;
    for (const e of events) {
      const base = this.base(a, e.conversation, `${e.type}|${e.startId}`);
      if (e.type === 'round-opened') this.deps.log({ ...base, type: e.type, t: e.start, graded: e.graded });
      else if (e.type === 'round-answered')
        this.deps.log({
          ...base,
          type: e.type,
          t: e.end,
          start: e.start,
          waitMs: e.waitMs,
          inTime: e.inTime,
          graded: e.graded,
        });
      else
        this.deps.log({
          ...base,
          type: e.type,
          t: e.deadline,
          start: e.start,
          graded: e.graded,
          reason: e.reason,
        });
    }
  }
}

/** Whether a message counts for the clock (system notices don't). */
const counts = (m: Message) => m.from !== 'system';

interface RowPart {
  list: WaitingCustomer[];
  byId: Map<string, WaitingCustomer>;
  /** The conversations with an open round when it was made (their rows are left out). */
  open: Set<string>;
  second: number;
  lang: 'zh-CN' | 'en';
  version: number;
  /** Every entry's start is a recorded first-seen time (none is "now"): a new second keeps the order. */
  startsFixed: boolean;
}

/**
 * The same rows a second later: the same entries in the same order (longest first is by start,
 * not by time waited), with the countdowns of `now`. What `makeRowPart` would make, without
 * reading the list, looking up starts or sorting, once a second for every waiting customer.
 */
function retimed(part: RowPart, now: number, settings: ClockSettings): RowPart {
  const list: WaitingCustomer[] = [];
  const byId = new Map<string, WaitingCustomer>();
  for (const old of part.list) {
    const w = waitState(old.since, Math.max(now, old.since), settings);
    const label = formatCountdown(w, part.lang);
    const entry =
      w.state === old.state && w.seconds === old.seconds && label === old.label
        ? old
        : { ...old, state: w.state, seconds: w.seconds, label };
    list.push(entry);
    byId.set(entry.conversation, entry);
  }
  return { ...part, list, byId, second: Math.floor(now / 1000) };
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

/** Whether two states show the same thing (then nothing needs drawing). */
function sameView(a: OverlayState, b: OverlayState): boolean {
  if (
    a.status !== b.status ||
    a.consoleId !== b.consoleId ||
    a.consoleName !== b.consoleName ||
    a.breachedToday !== b.breachedToday ||
    a.threadHeader !== b.threadHeader ||
    a.activeConversation !== b.activeConversation ||
    a.lastCustomer?.id !== b.lastCustomer?.id ||
    a.waiting.length !== b.waiting.length ||
    Math.floor(a.now / 1000) !== Math.floor(b.now / 1000)
  )
    return false;
  return a.waiting === b.waiting || sameEntries(a.waiting, b.waiting);
}
