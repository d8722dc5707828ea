// KefuGuard's own demo console (test/demo/console): used by `npm run demo`, the e2e tests and the
// benchmarks. Runs only in the e2e build, which alone injects into 127.0.0.1 / localhost.
// fixtures: test/fixtures/consoles/demo/{chat-open,several-waiting}.html
import type { ConsoleDefinition } from './types';

export const demo: ConsoleDefinition = {
  id: 'demo',
  name: '演示控制台',
  nameEn: 'Demo console',
  platform: 'taobao',
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  selectors: {
    conversation: '.kd-conv-list .kd-conv',
    conversationId: 'attr:data-conv-id',
    conversationNick: '.kd-conv-nick',
    activeConversation: ['.kd-conv.is-active', '.kd-conv[aria-selected="true"]'],
    unread: '.kd-conv-unread',
    // shown with ?waits=1 (as 千牛 shows it)
    conversationWait: '.kd-conv-wait',
    threadNick: '.kd-thread-nick',
    thread: '.kd-thread .kd-msg-list',
    message: '.kd-msg',
    customerMessage: '.kd-msg--customer',
    agentMessage: '.kd-msg--agent',
    systemMessage: '.kd-msg--system',
    messageText: '.kd-msg-text',
    messageTime: 'attr:data-time',
    messageId: 'attr:data-msg-id',
    orderNumber: '.kd-order-no',
    replyBox: 'textarea.kd-reply',
    sendButton: 'button.kd-send',
  },
};
