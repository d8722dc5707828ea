import { describe, expect, test } from 'vitest';
import type { Conversation, Message } from '../utils/consoles/types';
import { lastSpeaker, waitingConversationIds } from '../utils/waiting';

const el = {} as Element;
const conv = (id: string, unread: number, active = false): Conversation => ({
  id,
  nick: id,
  unread,
  active,
  last: null,
  element: el,
});
const msg = (from: Message['from']): Message => ({
  id: Math.random().toString(),
  from,
  time: 1,
  text: '',
  element: el,
});

describe('waiting conversations', () => {
  test('last speaker ignores system notices', () => {
    expect(lastSpeaker([msg('customer'), msg('system')])).toBe('customer');
    expect(lastSpeaker([msg('customer'), msg('agent'), msg('system')])).toBe('agent');
    expect(lastSpeaker([msg('system')])).toBeNull();
    expect(lastSpeaker([])).toBeNull();
  });

  test.each([
    ['open thread ends with the customer', [conv('a', 0, true), conv('b', 0)], 'a', ['customer'], ['a']],
    ['open thread answered', [conv('a', 0, true), conv('b', 0)], 'a', ['customer', 'agent'], []],
    ['unread rows wait', [conv('a', 0, true), conv('b', 2), conv('c', 0)], 'a', ['agent'], ['b']],
    ['an open row with a stale unread count follows its thread', [conv('a', 3, true)], 'a', ['agent'], []],
    ['a thread-only console (no list)', [], 'nick', ['customer', 'system'], ['nick']],
    ['nothing open', [conv('b', 1)], null, [], ['b']],
  ] as const)('%s', (_name, convs, active, froms, expected) => {
    expect(waitingConversationIds(convs, active, froms.map(msg))).toEqual(expected);
  });
});
