/**
 * The settings' checks (`settings-check.ts`) said in zh-CN and English, for the options page: every
 * error names its field (`clock.taobao.warnSeconds`, `retentionDays`) and says what is wrong;
 * settings with any error are not saved at all.
 */
import type { ClockSettingsErrorCode } from './clock';
import {
  pickerKeyProblem,
  RETENTION_DAYS,
  type SettingsProblem,
  type SettingsProblemCode,
  settingsProblems,
} from './settings-check';

export { NAME_MAX, RETENTION_DAYS, readSettings } from './settings-check';

export interface SettingsIssue {
  field: string;
  zh: string;
  en: string;
}

const CLOCK_MESSAGES: Record<ClockSettingsErrorCode, [string, string]> = {
  required: ['必填', 'is required'],
  'not-a-number': ['请输入数字', 'must be a number'],
  'out-of-range': ['超出允许范围', 'is out of range'],
  'warn-not-before-breach': ['提醒时间必须早于超时时间', 'must be less than the breach time'],
  'bad-time': ['请用 HH:MM 格式（00:00–24:00）', 'must be HH:MM (00:00–24:00)'],
  'empty-window': [
    '开始和结束相同：考核时段为空（全天请用 00:00–24:00）',
    'equals the start: the window is empty (use 00:00–24:00 for the whole day)',
  ],
};

const RANGES: Partial<Record<string, [number, number]>> = {
  warnSeconds: [1, 86_400],
  breachSeconds: [1, 86_400],
  target: [0, 1],
};

const MESSAGES: Record<Exclude<SettingsProblemCode, ClockSettingsErrorCode>, [string, string]> = {
  'not-an-object': ['设置应为对象', 'settings must be an object'],
  language: ['应为 zh-CN 或 en', 'must be zh-CN or en'],
  'not-text': ['应为文本', 'must be text'],
  'too-long': ['最多 {max} 个字', 'must be at most {max} characters'],
  'control-characters': ['含有不可见的控制字符', 'contains control characters'],
  'not-a-switch': ['应为开或关', 'must be true or false'],
  'retention-days': [
    `应为 ${RETENTION_DAYS.min}–${RETENTION_DAYS.max} 之间的整数天数`,
    `must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`,
  ],
  'console-ids': ['应为控制台 id 的列表', 'must be a list of console ids'],
  'not-a-key-combo': ['应为一个按键组合', 'must be a key combination'],
  'not-a-key': [
    '请用字母、数字、标点、空格或 F1–F12 键',
    'must be a letter, digit, punctuation, Space or F1–F12 key',
  ],
  'needs-modifier': [
    '请同时按住 Ctrl 或 Alt（Mac 上也可以是 ⌘），否则打字时会误触',
    'must be held with Ctrl or Alt (or ⌘ on a Mac), else it fires while typing',
  ],
  'editing-key': [
    '这是复制、粘贴、撤销等编辑用的按键，请换一个',
    'is an editing key (copy, paste, undo…): pick another',
  ],
  'clock-not-an-object': ['应为对象', 'must be an object'],
  'unknown-platform': ['未知平台', 'is not a known platform'],
};

/** A problem in words. */
export function issueOf(p: SettingsProblem): SettingsIssue {
  const range = p.code === 'out-of-range' && p.clockField ? RANGES[p.clockField] : undefined;
  if (range)
    return {
      field: p.field,
      zh: `应在 ${range[0]}–${range[1]} 之间`,
      en: `must be between ${range[0]} and ${range[1]}`,
    };
  const [zh, en] =
    p.code in CLOCK_MESSAGES
      ? CLOCK_MESSAGES[p.code as ClockSettingsErrorCode]
      : MESSAGES[p.code as keyof typeof MESSAGES];
  const fill = (s: string) => s.replace('{max}', String(p.max ?? ''));
  return { field: p.field, zh: fill(zh), en: fill(en) };
}

/** Problems with `value` as settings to save, in words; an empty list means it may be saved. */
export const validateSettings = (value: unknown): SettingsIssue[] => settingsProblems(value).map(issueOf);

/** Problems with the picker's key (null: none); the options' key recorder says the same. */
export function pickerKeyIssue(value: unknown): SettingsIssue | null {
  const p = pickerKeyProblem(value);
  return p && issueOf(p);
}
