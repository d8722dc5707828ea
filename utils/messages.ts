/**
 * The one message protocol between the content script, the popup and the background worker.
 * Each request type names its payload and its answer; the background has one handler per type.
 */
import { browser } from 'wxt/browser';
import type { KgEvent } from './events';
import { portRequests, REQUESTS_PORT } from './port-requests';

export interface Protocol {
  /** Content → background: store these events; answers the ids now durably stored. */
  'events:log': { req: { events: KgEvent[] }; res: { stored: string[] } };
  /** Content → background, when the shipped packs are not in storage yet (first start). */
  'defaults:ensure': { req: Record<string, never>; res: { ok: true } };
  /** Content → background, once per page: the per-install salt for pseudonyms. */
  'session:hello': { req: { console: string | null }; res: { salt: string } };
  /** A sub-frame recognised a console: the top frame must not say "not recognised". */
  'console:recognised': { req: { console: string }; res: { ok: true } };
  /** Top frame → background, before saying "not recognised": did another frame of this tab? */
  'tab:recognised': { req: Record<string, never>; res: { console: string | null } };
  /**
   * Content → background: show a desktop notification (a wait is about to breach); a click on it
   * brings the tab to the front and opens `conversation` there.
   */
  'notify:breach-soon': {
    req: { title: string; message: string; conversation: string };
    res: { ok: boolean };
  };
  /** Background → the frame that asked for a notification, clicked: open this customer's conversation. */
  'conversation:open': { req: { conversation: string }; res: undefined };
  /**
   * Background → every frame of a tab: the agent pressed the shortcut that opens the customer
   * waiting longest (the frame showing the console opens them).
   */
  'command:jump-longest': { req: Record<string, never>; res: undefined };
  /** Content → background, once per page: the key of the jump-to-longest shortcut (null: none set). */
  'shortcut:get': { req: Record<string, never>; res: { key: string | null } };
  /**
   * Background → every frame of a tab, before it starts KefuGuard in an open console: whether this
   * version already runs there (a copy cut off by an update cannot answer).
   */
  'console:alive': { req: Record<string, never>; res: true };
  /** Background → top frame of a tab: a frame of this tab recognised a console. */
  'frame:recognised': { req: { console: string }; res: { ok: true } };
}

export type RequestType = keyof Protocol;
export type Request<K extends RequestType = RequestType> = { type: K } & Protocol[K]['req'];
export type Response<K extends RequestType> = Protocol[K]['res'];

export function isRequest(msg: unknown): msg is Request {
  return typeof msg === 'object' && msg !== null && typeof (msg as { type?: unknown }).type === 'string';
}

/** Sends a request to the background worker (waking it if it was stopped). */
export function sendRequest<K extends RequestType>(
  type: K,
  payload: Protocol[K]['req'],
): Promise<Response<K>> {
  return browser.runtime.sendMessage({ type, ...payload }) as Promise<Response<K>>;
}

const overPort = portRequests(() => browser.runtime.connect({ name: REQUESTS_PORT }));

/**
 * `sendRequest` over the content script's long-lived port (see `port-requests.ts`): for what is
 * sent all day long (the events), a post on an open port instead of a message each time.
 */
export function portRequest<K extends RequestType>(
  type: K,
  payload: Protocol[K]['req'],
): Promise<Response<K>> {
  return overPort({ type, ...payload }) as Promise<Response<K>>;
}
