// Taobao/Tmall 千牛 web workbench (chat page: /home.htm/app-customer-service/toolpage/Message).
// fixtures: test/fixtures/consoles/qianniu/{chat-open,several-waiting}.html
//
// The message list is known from public code that reads the page (the imui markup, 2023–2025).
// The session list, reply box and send button of the web console are not documented anywhere
// public: those selectors are generic (ARIA roles, the 发送 label) and a team can override them in
// a pack. Alternatives are newest first.
import type { ConsoleDefinition } from './types';

export const qianniu: ConsoleDefinition = {
  id: 'qianniu',
  name: '千牛工作台',
  nameEn: 'Qianniu Workbench',
  platform: 'taobao',
  matches: [
    'https://qn.taobao.com/*',
    'https://myseller.taobao.com/*',
    'https://work.taobao.com/*',
    'https://seller.taobao.com/*',
  ],
  selectors: {
    // session list: generic guesses (ARIA listbox options carrying the buyer nick)
    conversation: ['[data-nick][role="option"]', '[role="listbox"] [role="option"]', '.session-item'],
    conversationId: ['attr:data-nick', 'attr:data-ccode'],
    conversationNick: ['attr:data-nick', '.nick', '.session-nick'],
    activeConversation: ['[aria-selected="true"]', '.active', '.selected'],
    unread: ['.unread', '.badge', '[class*="unread"]'],
    // the row's wait, counting up (its seconds turn red at 100 s): a CSS-module class, a guess
    conversationWait: '[class*="_wait__"]',
    threadNick: ['.imui-chat-title .nick', '[data-role="chat-title"]'],
    thread: ['#J_msgContainer', '#J_msg_list'],
    message: ['div.J_msg.imui-msg', '.imui-msg'],
    customerMessage: '.imui-msg-l',
    agentMessage: '.imui-msg-r',
    systemMessage: '.imui-msg-system',
    messageText: ['div.msg-body-html', '.msg-body'],
    messageTime: 'attr:data-time',
    messageId: ['attr:data-msgid', 'attr:data-id'],
    replyBox: [
      '[contenteditable="true"][role="textbox"]',
      '.imui-editor [contenteditable="true"]',
      '.imui-editor textarea',
      'textarea',
    ],
    sendButton: ['button[aria-label="发送"]', 'button[title="发送"]', 'text=发送'],
  },
};
