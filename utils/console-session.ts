/**
 * The content script's controller for one frame: finds the console, follows its changes through
 * the shared observer, turns new messages into events and publishes the overlay's state.
 * It reads the page through the adapter only and never writes to it.
 */
import { candidateConsoles, detectConsole } from './consoles';
import type { ConsoleAdapter, ConsoleDefinition, Message } from './consoles/types';
import type { KgEvent } from './events';
import { pseudonym } from './hash';
import { type DomChange, observeDom } from './observe';
import { waitingConversationIds } from './waiting';

export type ConsoleStatus = 'detecting' | 'recognised' | 'unrecognised' | 'elsewhere';

export interface OverlayState {
  status: ConsoleStatus;
  consoleId: string | null;
  /** The console's name; for an unrecognised page, the name of the console its host belongs to. */
  consoleName: string | null;
  /** Conversations waiting for the agent. */
  waiting: number;
  conversations: number;
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
  /** Receives new events (the outbox). */
  log: (event: KgEvent) => void;
  onState: (state: OverlayState) => void;
  onRecognised?: (adapter: ConsoleAdapter) => void;
  /** Asked before saying "not recognised": does another frame of this tab hold the chat? */
  recognisedInOtherFrame?: () => Promise<boolean>;
  /** When a message without a console timestamp was first seen (survives reloads). */
  firstSeen?: (key: string, now: number) => number;
  /** Ignore mutations in our own nodes. */
  isOwnNode?: (node: Node) => boolean;
}

export class ConsoleSession {
  private adapter: ConsoleAdapter | null = null;
  private readonly candidates: ConsoleDefinition[];
  private readonly logged = new Set<string>();
  private state: OverlayState;
  private readonly now: () => number;
  private healthTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: SessionDeps) {
    this.candidates = candidateConsoles(deps.url, deps.definitions);
    this.now = deps.now ?? Date.now;
    this.state = {
      status: 'detecting',
      consoleId: null,
      consoleName: this.candidates.length === 1 ? (this.candidates[0]?.name ?? null) : null,
      waiting: 0,
      conversations: 0,
    };
  }

  get current(): OverlayState {
    return this.state;
  }

  get console(): ConsoleAdapter | null {
    return this.adapter;
  }

  start(): void {
    const { document, signal } = this.deps;
    observeDom(document, (change) => this.onChange(change), signal, { ignore: this.deps.isOwnNode });
    this.healthTimer = setTimeout(() => void this.healthCheck(), this.deps.healthTimeoutMs ?? 10_000);
    signal.addEventListener('abort', () => clearTimeout(this.healthTimer), { once: true });
    this.onChange({ records: 0, added: [], overflow: true });
  }

  private async healthCheck(): Promise<void> {
    if (this.state.status !== 'detecting') return;
    const elsewhere = await (this.deps.recognisedInOtherFrame?.() ?? Promise.resolve(false)).catch(
      () => false,
    );
    if (this.state.status !== 'detecting' || this.deps.signal.aborted) return;
    this.setState({ status: elsewhere ? 'elsewhere' : 'unrecognised' });
  }

  /** Another frame of this tab holds the chat: this frame steps aside. */
  recognisedElsewhere(): void {
    if (this.adapter) return;
    clearTimeout(this.healthTimer);
    this.setState({ status: 'elsewhere' });
  }

  private setState(patch: Partial<OverlayState>): void {
    const next = { ...this.state, ...patch };
    const s = this.state;
    if (
      next.status === s.status &&
      next.consoleId === s.consoleId &&
      next.consoleName === s.consoleName &&
      next.waiting === s.waiting &&
      next.conversations === s.conversations
    )
      return;
    this.state = next;
    this.deps.onState(next);
  }

  private onChange(_change: DomChange): void {
    const doc = this.deps.document;
    if (!this.adapter) {
      const found = detectConsole(doc, this.candidates);
      if (!found) return;
      this.adapter = found;
      clearTimeout(this.healthTimer);
      this.deps.onRecognised?.(found);
    }
    const a = this.adapter;
    const conversations = a.conversations(doc);
    const activeId = a.activeConversationId(doc);
    const messages = a.messages(doc);
    this.logNew(a, activeId, messages);
    this.setState({
      status: 'recognised',
      consoleId: a.definition.id,
      consoleName: a.definition.name,
      waiting: waitingConversationIds(conversations, activeId, messages).length,
      conversations: Math.max(conversations.length, activeId ? 1 : 0),
    });
  }

  private logNew(a: ConsoleAdapter, activeId: string | null, messages: readonly Message[]): void {
    const def = a.definition;
    const conv = activeId ?? '(unknown)';
    const now = this.now();
    for (const m of messages) {
      if (m.from === 'system') continue;
      const key = `${def.id}|${conv}|${m.id}`;
      if (this.logged.has(key)) continue;
      this.logged.add(key);
      const t = m.time ?? this.deps.firstSeen?.(key, now) ?? now;
      this.deps.log({
        id: pseudonym(key, this.deps.salt),
        type: 'message',
        t,
        console: def.id,
        platform: def.platform,
        conv: pseudonym(`${def.id}|${conv}`, this.deps.salt),
        from: m.from,
        ...(this.deps.agentName ? { agent: this.deps.agentName } : {}),
      });
    }
  }
}
