/**
 * The checks settings must pass (pure, no words): each problem names its field
 * (`clock.taobao.warnSeconds`, `retentionDays`) and its kind. `settings-schema.ts` says them in
 * zh-CN and English for the options page; the console and the worker use the checks alone
 * (`readSettings`), so their bundles carry none of those words.
 */
import { type ClockSettingsErrorCode, validateClockSettings } from './clock';
import { PLATFORMS } from './consoles/types';
import { asKeyCombo, type KeyComboProblem, keyComboProblem } from './picker-key';
import { DEFAULT_SETTINGS, type Settings } from './settings-model';

export const RETENTION_DAYS = { min: 7, max: 365 } as const;
export const NAME_MAX = 30;
const SHOP_NAME_MAX = 50;

export type SettingsProblemCode =
  | 'not-an-object'
  | 'language'
  | 'not-text'
  | 'too-long'
  | 'control-characters'
  | 'not-a-switch'
  | 'retention-days'
  | 'console-ids'
  | 'not-a-key-combo'
  | KeyComboProblem
  | 'clock-not-an-object'
  | 'unknown-platform'
  | ClockSettingsErrorCode;

export interface SettingsProblem {
  field: string;
  code: SettingsProblemCode;
  /** `too-long`: the most characters; `out-of-range`: the clock field (its range is the words'). */
  max?: number;
  clockField?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

function nameProblem(field: string, value: unknown, max: number): SettingsProblem | null {
  if (typeof value !== 'string') return { field, code: 'not-text' };
  if ([...value].length > max) return { field, code: 'too-long', max };
  if (CONTROL.test(value)) return { field, code: 'control-characters' };
  return null;
}

/** The problem with the picker's key (null: none). */
export function pickerKeyProblem(value: unknown): SettingsProblem | null {
  const field = 'pickerKey';
  const combo = asKeyCombo(value);
  if (!combo) return { field, code: 'not-a-key-combo' };
  const problem = keyComboProblem(combo);
  return problem ? { field, code: problem } : null;
}

/**
 * Problems with `value` as settings; an empty list means it may be saved. Fields this module does
 * not know are left alone (a newer field is checked where it is added).
 */
export function settingsProblems(value: unknown): SettingsProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [{ field: '', code: 'not-an-object' }];
  const s = value as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  const push = (p: SettingsProblem | null) => {
    if (p) problems.push(p);
  };
  if (s.language !== 'zh-CN' && s.language !== 'en') push({ field: 'language', code: 'language' });
  push(nameProblem('agentName', s.agentName, NAME_MAX));
  push(nameProblem('shopName', s.shopName, SHOP_NAME_MAX));
  for (const f of ['notifyBeforeBreach', 'sound'] as const)
    if (typeof s[f] !== 'boolean') push({ field: f, code: 'not-a-switch' });
  const days = s.retentionDays;
  if (
    typeof days !== 'number' ||
    !Number.isInteger(days) ||
    days < RETENTION_DAYS.min ||
    days > RETENTION_DAYS.max
  )
    push({ field: 'retentionDays', code: 'retention-days' });
  if (!Array.isArray(s.disabledConsoles) || s.disabledConsoles.some((x) => typeof x !== 'string'))
    push({ field: 'disabledConsoles', code: 'console-ids' });
  push(pickerKeyProblem(s.pickerKey));
  const clock = s.clock;
  if (clock === null || typeof clock !== 'object' || Array.isArray(clock)) {
    push({ field: 'clock', code: 'clock-not-an-object' });
  } else {
    for (const [platform, settings] of Object.entries(clock)) {
      if (!(PLATFORMS as readonly string[]).includes(platform)) {
        push({ field: `clock.${platform}`, code: 'unknown-platform' });
        continue;
      }
      for (const e of validateClockSettings(settings))
        push({ field: `clock.${platform}.${e.field}`, code: e.code, clockField: e.field });
    }
  }
  return problems;
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
  const issues = settingsProblems(settings);
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
  if (settingsProblems(settings).length > 0) return { settings: DEFAULT_SETTINGS, repaired: [''] };
  return { settings, repaired };
}
