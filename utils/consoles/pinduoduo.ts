// Pinduoduo 拼多多商家后台 chat (mms.pinduoduo.com/chat-merchant/).
// fixtures: test/fixtures/consoles/pinduoduo/{chat-open,several-waiting}.html
//
// Known from public code: the reply box, the conversation cards (waiting customers in
// `ul.five-minute`, overdue ones in `ul.timeout-unreply`) and the console's own countdown
// (`.chat-unreply-time`). That counts down the console's own 5 minutes, then 「已超时」 past them:
// it is not the wait itself, so `conversationWait` is left unset. The message list markup is not
// documented publicly: its selectors are careful guesses with generic fallbacks, and teams can
// override them in a pack.
import type { ConsoleDefinition } from './types';

export const pinduoduo: ConsoleDefinition = {
  id: 'pinduoduo',
  name: '拼多多商家客服',
  nameEn: 'Pinduoduo Merchant Chat',
  platform: 'pinduoduo',
  matches: ['https://mms.pinduoduo.com/*'],
  selectors: {
    conversation: ['li.chat-item'],
    conversationId: ['attr:data-random'],
    conversationNick: ['.nickname-span'],
    activeConversation: [
      'li.chat-item.active',
      'li.chat-item:has(> .chat-item-box.active)',
      '[aria-selected="true"]',
    ],
    unread: ['.chat-unread-num', '.unread-num', '.chat-unread'],
    threadNick: ['.chat-header .nickname', '.chat-name'],
    thread: ['.merchantMessage', '.chat-message-list', '.message-list'],
    message: ['.msg-item', '.message-item', 'li[class*="msg"]'],
    customerMessage: ['.buyer-item', '.msg-item.is-buyer', '[class*="buyer"]'],
    agentMessage: ['.seller-item', '.msg-item.is-seller', '.robot-item', '[class*="seller"]'],
    systemMessage: ['.notify-item', '.system-item', '[class*="system"]'],
    messageText: ['.msg-content-box', '.msg-content', '.text'],
    messageTime: ['attr:data-time', '.msg-time'],
    messageId: ['attr:data-msg-id', 'attr:data-id'],
    replyBox: ['textarea#replyTextarea', '.reply-box textarea'],
    sendButton: ['.send-btn', 'text=发送'],
  },
};
