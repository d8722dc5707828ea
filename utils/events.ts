/**
 * Stats events: what the content script reports and the background stores in IndexedDB.
 * Events carry ids and times, never message text or customer nicks: `conv` is a per-install
 * pseudonym of the conversation id.
 */
import type { Platform } from './consoles/types';
import type { RuleCategory, Severity } from './rules/types';

export type { RuleCategory, Severity } from './rules/types';

interface EventBase {
  /** Deterministic id: the same message seen twice (re-render, reload, resend) is one event. */
  id: string;
  /** Epoch ms when it happened (the console's timestamp, else when first seen). */
  t: number;
  /** Console definition id (`demo`, `qianniu`, …). */
  console: string;
  platform: Platform;
  /** Pseudonymous conversation id. */
  conv: string;
  /** Agent name from settings, when set. */
  agent?: string;
}

/** A customer or agent message appeared in the open thread. */
export interface MessageSeenEvent extends EventBase {
  type: 'message';
  from: 'customer' | 'agent';
}

/** A customer's first unanswered message opened a round (对话轮次). */
export interface RoundOpenedEvent extends EventBase {
  type: 'round-opened';
  /** Inside the platform's working hours (counts for the 3-minute rate). */
  graded: boolean;
}

/** The agent's (or the shop bot's) first reply closed a round. `t` is the reply's time. */
export interface RoundAnsweredEvent extends EventBase {
  type: 'round-answered';
  /** When the round started (the customer's first unanswered message). */
  start: number;
  waitMs: number;
  inTime: boolean;
  graded: boolean;
}

/** A round passed its deadline unanswered. `t` is the deadline. */
export interface BreachEvent extends EventBase {
  type: 'breach';
  start: number;
  graded: boolean;
  reason: 'threshold' | 'window-closed';
}

/**
 * A forbidden phrase in the agent's draft: a warning shown (`warned`), a send held because of a
 * `block` finding (`blocked`), a held send the agent sent anyway (`overridden`), or a warning the
 * agent marked as no violation (`dismissed`: a false alarm, no violation counted). No text.
 */
export interface ViolationEvent extends EventBase {
  type: 'violation';
  action: 'warned' | 'blocked' | 'overridden' | 'dismissed';
  ruleId: string;
  category: RuleCategory;
  severity: Severity;
}

/** A reply template was inserted into the reply box. */
export interface TemplateUsedEvent extends EventBase {
  type: 'template-used';
  templateId: string;
  /** How the agent found it. */
  via: 'suggested' | 'searched' | 'shortcut';
  /** From opening the picker (or showing the suggestion) to the insertion. */
  msToInsert: number;
}

export type KgEvent =
  | MessageSeenEvent
  | RoundOpenedEvent
  | RoundAnsweredEvent
  | BreachEvent
  | ViolationEvent
  | TemplateUsedEvent;
export type KgEventType = KgEvent['type'];

/** An event as stored: with the local calendar day it belongs to. */
export type StoredEvent = KgEvent & { day: string };

/** Local calendar day of an epoch-ms time, as YYYY-MM-DD. */
export function localDay(t: number): string {
  const d = new Date(t);
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

export function toStored(e: KgEvent): StoredEvent {
  return { ...e, day: localDay(e.t) };
}
