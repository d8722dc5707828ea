/**
 * Response-clock settings: the thresholds and the working window, one preset per platform
 * (DOMAIN.md §1), and a validator that names the field at fault.
 */
import type { Platform } from '../consoles/types';

export interface ClockSettings {
  /** Seconds of waiting after which the countdown turns amber (Taobao's own 慢响应提醒 fires at 100 s). */
  warnSeconds: number;
  /** Seconds of waiting after which a round is late (not answered "within" the limit). */
  breachSeconds: number;
  /** Start of the graded working window, local time, `HH:MM` (00:00–23:59). */
  windowStart: string;
  /** End of the graded working window, local time, `HH:MM` (00:00–24:00), exclusive. Earlier than the start = the window runs past midnight. */
  windowEnd: string;
  /** The share of graded rounds that must be answered in time (0–1), e.g. 0.8 for Taobao's ≥ 80%. */
  target: number;
}

/**
 * Defaults per platform. Values not in a public rule are marked *unverified* in DOMAIN.md and are
 * settings for that reason.
 */
export const CLOCK_PRESETS: Readonly<Record<Platform, Readonly<ClockSettings>>> = {
  // 3分钟人工响应率 ≥ 80%, 08:00–23:00; the console's 慢响应提醒 at 100 s.
  taobao: { warnSeconds: 100, breachSeconds: 180, windowStart: '08:00', windowEnd: '23:00', target: 0.8 },
  // 飞鸽 3分钟人工回复率: same limit as Taobao; warn like Taobao's console. Target unverified: 80%.
  douyin: { warnSeconds: 100, breachSeconds: 180, windowStart: '08:00', windowEnd: '23:00', target: 0.8 },
  // 有效回复率: a customer counts as unanswered after 1 h; the console itself counts down 5 min,
  // so we warn when that countdown runs out. Target unverified: 80%.
  pinduoduo: { warnSeconds: 300, breachSeconds: 3600, windowStart: '08:00', windowEnd: '23:00', target: 0.8 },
  // 5分钟回复率 (bots count), 08:00–24:00. Warn at 3 min: two minutes left, and the same moment
  // agents already know from the 3-minute platforms. Target unverified: 80%.
  kuaishou: { warnSeconds: 180, breachSeconds: 300, windowStart: '08:00', windowEnd: '24:00', target: 0.8 },
  // No public rule known: Taobao's numbers, the strictest common standard.
  jd: { warnSeconds: 100, breachSeconds: 180, windowStart: '08:00', windowEnd: '23:00', target: 0.8 },
  other: { warnSeconds: 100, breachSeconds: 180, windowStart: '08:00', windowEnd: '23:00', target: 0.8 },
};

/** A fresh copy of the platform's preset (callers may change it). */
export function presetFor(platform: Platform): ClockSettings {
  return { ...(CLOCK_PRESETS[platform] ?? CLOCK_PRESETS.other) };
}

export type ClockSettingsErrorCode =
  | 'required'
  | 'not-a-number'
  | 'out-of-range'
  | 'warn-not-before-breach'
  | 'bad-time'
  | 'empty-window';

export interface ClockSettingsError {
  field: keyof ClockSettings;
  code: ClockSettingsErrorCode;
  /** English, for logs; UIs translate `code`. */
  message: string;
}

const HHMM = /^(\d{2}):(\d{2})$/;
const DAY_MINUTES = 24 * 60;

/** Minutes after midnight of `HH:MM` (`24:00` → 1440 only when `allow24`), or null if malformed. */
export function parseHHMM(value: string, allow24 = false): number | null {
  const m = HHMM.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0 && allow24) return DAY_MINUTES;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** Checks settings from storage or a form: an empty list means valid. */
export function validateClockSettings(value: unknown): ClockSettingsError[] {
  const errors: ClockSettingsError[] = [];
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const err = (field: keyof ClockSettings, code: ClockSettingsErrorCode, message: string) =>
    errors.push({ field, code, message });

  const num = (field: keyof ClockSettings, min: number, max: number): number | null => {
    const x = v[field];
    if (x === undefined || x === null) {
      err(field, 'required', `${field} is required`);
      return null;
    }
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      err(field, 'not-a-number', `${field} must be a number`);
      return null;
    }
    if (x < min || x > max) {
      err(field, 'out-of-range', `${field} must be between ${min} and ${max}`);
      return null;
    }
    return x;
  };
  const warn = num('warnSeconds', 1, 86_400);
  const breach = num('breachSeconds', 1, 86_400);
  if (warn !== null && breach !== null && warn >= breach)
    err('warnSeconds', 'warn-not-before-breach', 'warnSeconds must be less than breachSeconds');
  num('target', 0, 1);

  const time = (field: 'windowStart' | 'windowEnd', allow24: boolean): number | null => {
    const x = v[field];
    if (x === undefined || x === null) {
      err(field, 'required', `${field} is required`);
      return null;
    }
    const minutes = typeof x === 'string' ? parseHHMM(x, allow24) : null;
    if (minutes === null)
      err(field, 'bad-time', `${field} must be HH:MM between 00:00 and ${allow24 ? '24:00' : '23:59'}`);
    return minutes;
  };
  const start = time('windowStart', false);
  const end = time('windowEnd', true);
  if (start !== null && end !== null && start === end)
    err(
      'windowEnd',
      'empty-window',
      'windowEnd equals windowStart: the window is empty (use 00:00–24:00 for the whole day)',
    );
  return errors;
}
