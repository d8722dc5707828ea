/**
 * Validation of settings before they are saved (pure). Every error names its field
 * (`clock.taobao.warnSeconds`, `retentionDays`) and says what is wrong in zh-CN and English;
 * settings with any error are not saved at all. Settings read from storage go through the same
 * checks (`readSettings`): a value they refuse is used as its default, and named.
 */
import { type ClockSettingsErrorCode, validateClockSettings } from './clock';
import { PLATFORMS, type Platform } from './consoles/types';
import { asKeyCombo, type KeyComboProblem, keyComboProblem } from './picker-key';
import { DEFAULT_SETTINGS, type Settings } from './settings-model';

export interface SettingsIssue {
  field: string;
  zh: string;
  en: string;
}

export const RETENTION_DAYS = { min: 7, max: 365 } as const;
export const NAME_MAX = 30;

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

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

function nameIssue(field: string, value: unknown, max: number): SettingsIssue | null {
  if (typeof value !== 'string') return { field, zh: '应为文本', en: 'must be text' };
  if ([...value].length > max)
    return { field, zh: `最多 ${max} 个字`, en: `must be at most ${max} characters` };
  if (CONTROL.test(value)) return { field, zh: '含有不可见的控制字符', en: 'contains control characters' };
  return null;
}

const KEY_MESSAGES: Record<KeyComboProblem, [string, string]> = {
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
};

/** Problems with the picker's key (null: none); the options' key recorder says the same. */
export function pickerKeyIssue(value: unknown): SettingsIssue | null {
  const field = 'pickerKey';
  const combo = asKeyCombo(value);
  if (!combo) return { field, zh: '应为一个按键组合', en: 'must be a key combination' };
  const problem = keyComboProblem(combo);
  if (!problem) return null;
  const [zh, en] = KEY_MESSAGES[problem];
  return { field, zh, en };
}

/**
 * Problems with `value` as settings to save; an empty list means it may be saved. Fields this
 * module does not know are left alone (a newer field is validated where it is added).
 */
export function validateSettings(value: unknown): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [{ field: '', zh: '设置应为对象', en: 'settings must be an object' }];
  const s = value as Record<string, unknown>;
  const push = (i: SettingsIssue | null) => {
    if (i) issues.push(i);
  };

  if (s.language !== 'zh-CN' && s.language !== 'en')
    push({ field: 'language', zh: '应为 zh-CN 或 en', en: 'must be zh-CN or en' });
  push(nameIssue('agentName', s.agentName, NAME_MAX));
  push(nameIssue('shopName', s.shopName, 50));
  for (const f of ['notifyBeforeBreach', 'sound'] as const)
    if (typeof s[f] !== 'boolean') push({ field: f, zh: '应为开或关', en: 'must be true or false' });

  const days = s.retentionDays;
  if (
    typeof days !== 'number' ||
    !Number.isInteger(days) ||
    days < RETENTION_DAYS.min ||
    days > RETENTION_DAYS.max
  )
    push({
      field: 'retentionDays',
      zh: `应为 ${RETENTION_DAYS.min}–${RETENTION_DAYS.max} 之间的整数天数`,
      en: `must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`,
    });

  if (!Array.isArray(s.disabledConsoles) || s.disabledConsoles.some((x) => typeof x !== 'string'))
    push({ field: 'disabledConsoles', zh: '应为控制台 id 的列表', en: 'must be a list of console ids' });

  push(pickerKeyIssue(s.pickerKey));

  const clock = s.clock;
  if (clock === null || typeof clock !== 'object' || Array.isArray(clock)) {
    push({ field: 'clock', zh: '应为对象', en: 'must be an object' });
  } else {
    for (const [platform, settings] of Object.entries(clock)) {
      if (!(PLATFORMS as readonly string[]).includes(platform)) {
        push({ field: `clock.${platform}`, zh: '未知平台', en: 'is not a known platform' });
        continue;
      }
      for (const e of validateClockSettings(settings)) {
        const [zh, en] = CLOCK_MESSAGES[e.code];
        const range = e.code === 'out-of-range' ? RANGES[e.field] : undefined;
        issues.push({
          field: `clock.${platform as Platform}.${e.field}`,
          zh: range ? `应在 ${range[0]}–${range[1]} 之间` : zh,
          en: range ? `must be between ${range[0]} and ${range[1]}` : en,
        });
      }
    }
  }

  return issues;
}

/**
 * Stored settings as they are used: completed with the defaults of fields added since they were
 * saved, and with the default in place of any value the checks refuse (saved by a version with
 * other checks, or edited by hand): a bad value never reaches the clock or the picker.
 * `repaired` names the fields replaced (a platform's clock settings go whole, back to its preset;
 * `''`: nothing stored was usable).
 */
export function readSettings(stored: unknown): { settings: Settings; repaired: string[] } {
  if (stored === null || stored === undefined) return { settings: DEFAULT_SETTINGS, repaired: [] };
  if (typeof stored !== 'object' || Array.isArray(stored))
    return { settings: DEFAULT_SETTINGS, repaired: [''] };
  const settings: Settings = { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
  const issues = validateSettings(settings);
  if (issues.length === 0) return { settings, repaired: [] };
  const repaired: string[] = [];
  const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
  const fixed = settings as unknown as Record<string, unknown>;
  for (const { field } of issues) {
    const [top = '', platform] = field.split('.');
    const clock = settings.clock as Record<string, unknown> | null;
    const where =
      top === 'clock' && platform && clock && typeof clock === 'object' ? `clock.${platform}` : top;
    if (repaired.includes(where)) continue;
    if (where === top && !(top in defaults)) return { settings: DEFAULT_SETTINGS, repaired: [''] };
    repaired.push(where);
    if (where === top) fixed[top] = defaults[top];
    else {
      const { [platform as string]: _, ...rest } = clock as Record<string, unknown>;
      settings.clock = rest as Settings['clock'];
    }
  }
  // what the checks still refuse (nothing known should be left): the defaults, whole
  if (validateSettings(settings).length > 0) return { settings: DEFAULT_SETTINGS, repaired: [''] };
  return { settings, repaired };
}
