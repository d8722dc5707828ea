/** Packs for the pack tests: a full valid one to break in many ways. */
import type { Pack } from '../../utils/pack-model';

/** As a pack file would hold it (optional fields such as `reasonEn` left out). */
const FULL = {
  format: 'kefu-guard-pack',
  version: 1,
  id: 'acme-cs',
  name: 'Acme 客服团队包',
  updated: '2026-11-01',
  author: 'Acme 客服主管',
  templates: [
    {
      id: 'acme-hello',
      title: '欢迎语',
      body: '{问候语}，{买家昵称}亲～这里是{店铺名}，我是{客服昵称}',
      group: '售前',
      tags: ['问候'],
      keywords: ['在吗', '你好'],
      shortcut: '/hi',
    },
    { id: 'acme-bye', title: '结束语', body: '感谢光临，祝您生活愉快～', group: '结束语' },
  ],
  rules: [
    {
      id: 'acme-internal-price',
      category: 'false-guarantee',
      severity: 'block',
      phrases: ['内部价', '员工价'],
      reason: '没有内部价，不能向顾客承诺。',
      reasonEn: 'There is no internal price; do not promise one.',
      alternative: '页面价格就是最优惠的价格哦。',
      alternativeEn: 'The listed price is already the best one.',
      exceptions: ['没有内部价'],
    },
    {
      id: 'acme-order-no',
      category: 'off-platform',
      severity: 'warn',
      pattern: '订单号[:：]?\\d{6,}',
      reason: '不要把订单号发到站外。',
    },
    {
      id: 'acme-wechat-id',
      category: 'off-platform',
      severity: 'block',
      pattern: 'builtin:wechat-id',
      reason: '微信号',
    },
  ],
  consoles: [
    {
      id: 'acme',
      name: 'Acme 客服台',
      nameEn: 'Acme service desk',
      platform: 'kuaishou',
      matches: ['https://chat.example.com/*', 'https://*.acme-cs.cn/im/*'],
      selectors: {
        conversation: 'ul.acme-inbox > li.acme-thread',
        conversationId: 'attr:data-thread',
        activeConversation: ['.acme-thread.is-open', '.acme-thread[aria-selected="true"]'],
        message: ['.acme-bubble', '.acme-msg'],
        customerMessage: '.acme-bubble.from-buyer',
        agentMessage: '.acme-bubble.from-seller',
        messageText: '.acme-bubble-body',
        messageTime: 'attr:data-ts',
        replyBox: 'textarea#acme-input',
        sendButton: ['button.acme-send', 'text=发送'],
      },
    },
  ],
};

/** A deep copy to break. */
export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The full example, a fresh copy each time. */
export const fullPack = (): Pack & Record<string, unknown> =>
  clone(FULL) as unknown as Pack & Record<string, unknown>;
