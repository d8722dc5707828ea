/**
 * UI strings, zh-CN first and English second. Pure: callers pass the language.
 */
import type { Language } from './settings';

const zh = {
  brand: '客服守卫',
  detecting: '正在识别聊天界面…',
  recognised: '已接入',
  notRecognised: '未识别到聊天界面',
  notRecognisedHint: '客服守卫已暂停，不影响正常发送。',
  unknownConsole: '未知控制台',
  waiting: '等待回复',
  waitingUnit: '位',
  close: '关闭',
  longest: '最长已等',
  breachedToday: '今日超时',
  jumpToLongest: '跳到等待最久的顾客',
  overdue: '已超时',
  breachSoonTitle: '顾客即将超时未回复',
  breachSoonBody: '{nick} 已等待 {waited}，{s} 秒后超时',
  eventsToday: '今日记录事件',
  popupTitle: '客服守卫 · 今日概览',
  privacy: '聊天内容不会离开浏览器，统计只记录时间与编号。',
  dbError: '读取统计数据失败',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  brand: 'KefuGuard',
  detecting: 'Looking for the chat…',
  recognised: 'Connected',
  notRecognised: 'Chat console not recognised',
  notRecognisedHint: 'KefuGuard is standing aside; sending works as usual.',
  unknownConsole: 'unknown console',
  waiting: 'Waiting',
  waitingUnit: '',
  close: 'Close',
  longest: 'longest',
  breachedToday: 'late today',
  jumpToLongest: 'Go to the customer waiting longest',
  overdue: 'overdue',
  breachSoonTitle: 'A customer is about to wait too long',
  breachSoonBody: '{nick} has waited {waited}; late in {s} s',
  eventsToday: 'Events logged today',
  popupTitle: 'KefuGuard · Today',
  privacy: 'Chat text never leaves the browser; stats keep only times and ids.',
  dbError: 'Could not read the stats',
};

const tables: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export function t(lang: Language, key: MessageKey): string {
  return tables[lang][key];
}
