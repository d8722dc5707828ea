/**
 * Which conversations wait for the agent, from what the adapter reads. The open conversation
 * waits when its last customer/agent message is the customer's; other rows wait when they show
 * unread messages.
 */
import type { Conversation, Message } from './consoles/types';

export function lastSpeaker(messages: readonly Message[]): 'customer' | 'agent' | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const from = messages[i]?.from;
    if (from === 'customer' || from === 'agent') return from;
  }
  return null;
}

export function waitingConversationIds(
  conversations: readonly Conversation[],
  activeId: string | null,
  activeMessages: readonly Message[],
): string[] {
  const out: string[] = [];
  const activeWaits = lastSpeaker(activeMessages) === 'customer';
  let activeListed = false;
  for (const c of conversations) {
    if (c.id === activeId) {
      activeListed = true;
      if (activeWaits) out.push(c.id);
    } else if (c.unread > 0) {
      out.push(c.id);
    }
  }
  if (!activeListed && activeId !== null && activeWaits) out.push(activeId);
  return out;
}
