// Douyin 飞鸽 web workbench (im.jinritemai.com/pc_seller_v2/main/workspace), 2025 markup.
// fixtures: test/fixtures/consoles/feige/{chat-open,several-waiting}.html
//
// Known from public code: the reply box and send button (data-qa-id hooks), the chat root, the
// customer nick in the top bar and the in/out message blocks. The conversation list is not
// documented publicly: generic guesses, overridable in a pack.
import type { ConsoleDefinition } from './types';

export const feige: ConsoleDefinition = {
  id: 'feige',
  name: '抖店飞鸽',
  nameEn: 'Douyin Shop Feige',
  platform: 'douyin',
  matches: ['https://im.jinritemai.com/*'],
  selectors: {
    conversation: [
      '[data-qa-id="qa-conversation-item"]',
      // a renamed row hook: any qa-conversation* element but the list and the nick inside a row
      '[data-qa-id^="qa-conversation"]:not([data-qa-id$="-nick"]):not([data-qa-id$="-list"])',
      '.conversation-item',
    ],
    conversationId: ['attr:data-conversation-id', 'attr:data-id'],
    conversationNick: ['[data-qa-id="qa-conversation-nick"]', '.nickname', '.name'],
    activeConversation: ['[aria-selected="true"]', '.active', '.selected'],
    unread: ['[data-qa-id="qa-unread-count"]', '.unread', '.badge'],
    // the row's 「等待 2分40秒」: a CSS-module class, a guess
    conversationWait: '[class*="_wait__"]',
    threadNick: ['#topbar-left-info span'],
    thread: ['main#workspace-chat'],
    message: [
      'div[data-id="message-in"], div[data-id="message-out"], div[data-id="message-system"]',
      'div[data-id^="message-"]',
    ],
    customerMessage: 'div[data-id="message-in"]',
    agentMessage: 'div[data-id="message-out"]',
    systemMessage: ['div[data-id="message-system"]', '.system-message'],
    messageText: ['.leaveMessage pre', 'pre'],
    messageTime: ['attr:data-time', 'attr:data-create-time'],
    messageId: ['attr:data-msg-id', 'attr:data-message-id'],
    replyBox: ['textarea[data-qa-id="qa-send-message-textarea"]', 'main#workspace-chat textarea'],
    sendButton: ['[data-qa-id="qa-send-message-button"]', 'text=发送'],
  },
};
