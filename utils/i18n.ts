/**
 * UI strings, zh-CN first and English second. Pure: callers pass the language.
 */
import type { Language } from './settings';

const zh = {
  brand: '客服守卫',
  movePanel: '移动面板：拖到另一个角，或按回车换角',
  detecting: '正在识别聊天界面…',
  recognised: '已接入',
  notRecognised: '未识别到聊天界面',
  notRecognisedHint: '客服守卫已暂停，不影响正常发送。',
  waiting: '等待回复',
  waitingUnit: '位',
  close: '关闭',
  longest: '最长已等',
  breachedToday: '今日超时',
  jumpToLongest: '跳到等待最久的顾客',
  noOtherWaiting: '没有其他顾客在等待',
  breachSoonTitle: '顾客即将超时未回复',
  breachSoonBody: '{nick} 已等待 {waited}，{s} 秒后超时',
  'cat.off-platform': '站外引导',
  'cat.review-manipulation': '评价操纵',
  'cat.consumer-rights': '拒绝消费者权益',
  'cat.attitude': '服务态度',
  'cat.ad-absolute': '广告极限词',
  'cat.medical': '医疗功效宣称',
  'cat.false-guarantee': '虚假承诺',
  'sev.block': '禁止',
  'sev.warn': '注意',
  'sev.info': '提示',
  replaceWith: '改为',
  falseAlarm: '误报',
  falseAlarmHint: '不是违规：这份草稿里不再提醒这条，并告诉主管这条规则误报了',
  guardTitle: '仍要发送？',
  guardHint: '这条回复含有平台禁止的说法，发出后可能被处罚。',
  fixDraft: '修改',
  sendAnyway: '仍要发送',
  suggested: '推荐话术',
  customerAsks: '顾客提出了违规要求',
  useAnswer: '插入合规回复',
  pickerTitle: '话术库',
  pickerSearch: '搜索话术：标题、内容、拼音首字母（如 fp）',
  pickerEmpty: '没有找到匹配的话术',
  pickerHint: '↑↓ 选择 · Enter 插入 · Esc 关闭',
  risky: '含违规词，再点一次才插入',
  conversationChanged: '会话已切换，未插入话术。',
  insertFailed: '回复框没有接收文字。',
  copied: '已复制到剪贴板，请手动粘贴。',
  noReplyBox: '找不到回复框。',
  pressEnter: '已放行：请按 Enter 或点击发送。',
  pressModEnter: '已放行：请按 {key} 或点击发送。',
  assistRegion: '客服守卫提示',
  openPicker: '话术 ({key})',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  brand: 'KefuGuard',
  movePanel: 'Move the panel: drag it to another corner, or press Enter',
  detecting: 'Looking for the chat…',
  recognised: 'Connected',
  notRecognised: 'Chat console not recognised',
  notRecognisedHint: 'KefuGuard is standing aside; sending works as usual.',
  waiting: 'Waiting',
  waitingUnit: '',
  close: 'Close',
  longest: 'longest',
  breachedToday: 'late today',
  jumpToLongest: 'Go to the customer waiting longest',
  noOtherWaiting: 'No other customer is waiting',
  breachSoonTitle: 'A customer is about to wait too long',
  breachSoonBody: '{nick} has waited {waited}; late in {s} s',
  'cat.off-platform': 'Off-platform contact',
  'cat.review-manipulation': 'Review manipulation',
  'cat.consumer-rights': 'Refusing consumer rights',
  'cat.attitude': 'Attitude',
  'cat.ad-absolute': 'Advertising-law absolute term',
  'cat.medical': 'Medical claim',
  'cat.false-guarantee': 'False guarantee',
  'sev.block': 'Blocked',
  'sev.warn': 'Warning',
  'sev.info': 'Note',
  replaceWith: 'Use',
  falseAlarm: 'Not a violation',
  falseAlarmHint: 'A false alarm: not warned again in this draft, and your supervisor sees the rule misfired',
  guardTitle: 'Send anyway?',
  guardHint: 'This reply contains wording the platform punishes.',
  fixDraft: 'Fix it',
  sendAnyway: 'Send anyway',
  suggested: 'Suggested',
  customerAsks: 'The customer asks for something against the rules',
  useAnswer: 'Insert a compliant reply',
  pickerTitle: 'Templates',
  pickerSearch: 'Search: title, text, pinyin initials (e.g. fp)',
  pickerEmpty: 'No template matches',
  pickerHint: '↑↓ choose · Enter insert · Esc close',
  risky: 'Contains flagged wording: click again to insert',
  conversationChanged: 'The conversation changed: nothing was inserted.',
  insertFailed: 'The reply box did not take the text.',
  copied: 'It is on the clipboard: paste it.',
  noReplyBox: 'No reply box found.',
  pressEnter: 'Let through: press Enter or click send.',
  pressModEnter: 'Let through: press {key} or click send.',
  assistRegion: 'KefuGuard hints',
  openPicker: 'Templates ({key})',
};

const tables: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export function t(lang: Language, key: MessageKey): string {
  return tables[lang][key];
}

/** `label：value` in Chinese, `label: value` in English. */
export function labelled(lang: Language, label: string, value: string): string {
  return lang === 'en' ? `${label}: ${value}` : `${label}：${value}`;
}

/** An aside after a text: （…） in Chinese, (…) in English. */
export function aside(lang: Language, text: string, note: string): string {
  return lang === 'en' ? `${text} (${note})` : `${text}（${note}）`;
}

/** Words quoted: 「…」 in Chinese, “…” in English. */
export function quoted(lang: Language, text: string): string {
  return lang === 'en' ? `“${text}”` : `「${text}」`;
}
