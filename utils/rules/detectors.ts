/**
 * Built-in detectors for contact details that no phrase list can hold: phone numbers, WeChat ids,
 * QQ numbers and links. A rule uses one with `"pattern": "builtin:<name>"`.
 *
 * They cost nothing on ordinary text: the automaton pass counts digits (a phone number needs 11)
 * and notes URL hints (`.` before a letter, `//`), and the WeChat and QQ detectors only look right
 * after their trigger words, which are compiled into the same automaton as the phrases.
 * They read the original text through the normalisation table, so full-width, circled and
 * Chinese digits and separators between characters are handled as everywhere else.
 */

import { DOT, foldWidth, HIGH_SURROGATE, NORM, PHONE_DIGIT, SKIP } from './normalise';

export type DetectorName = 'mobile-cn' | 'wechat-id' | 'qq-number' | 'url' | 'payment-link';

export const BUILTIN_DETECTORS: readonly DetectorName[] = [
  'mobile-cn',
  'wechat-id',
  'qq-number',
  'url',
  'payment-link',
];

export const BUILTIN_PREFIX = 'builtin:';

/** The detector name a rule's pattern gives (`builtin:<name>`, known or not); null for a regular expression. */
export function builtinName(pattern: string): string | null {
  return pattern.startsWith(BUILTIN_PREFIX) ? pattern.slice(BUILTIN_PREFIX.length) : null;
}

export function isDetectorName(name: string): name is DetectorName {
  return (BUILTIN_DETECTORS as readonly string[]).includes(name);
}

/**
 * Trigger words (normalised; evasive spellings are added at compile time) after which the
 * detector looks. `v` alone only counts when a colon or `=` follows it (`V: abc_123`).
 */
export const DETECTOR_TRIGGERS: Readonly<Record<DetectorName, readonly string[]>> = {
  'mobile-cn': [],
  'wechat-id': ['微信', 'vx', 'wx', 'weixin', 'wechat', '加v', 'v'],
  'qq-number': ['qq', '扣扣', '抠抠', '企鹅'],
  url: [],
  'payment-link': [],
};

/** Triggers that need an explicit colon before the id. */
const COLON_ONLY_TRIGGERS = new Set(['v']);

export function triggerNeedsColon(trigger: string): boolean {
  return COLON_ONLY_TRIGGERS.has(trigger);
}

const CH_HAO = 0x53f7; // 号
const CH_SHI = 0x662f; // 是
const CH_WEI = 0x4e3a; // 为
const CH_QUN = 0x7fa4; // 群
const CH_MA = 0x7801; // 码

/** Width of the (possibly astral) unit at `i`, and whether it is skippable (separator, emoji). */
function skippableWidth(text: string, i: number): number {
  const u = NORM[text.charCodeAt(i)] as number;
  if (u === SKIP || u === DOT) return 1;
  if (u === HIGH_SURROGATE) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) {
      const cp = ((text.charCodeAt(i) - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
      if (cp >= 0x1f000 && cp <= 0x1faff) return 2; // emoji between characters
    }
  }
  return 0;
}

function isIdChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x5f || c === 0x2d || c === 0xff3f || c === 0xff0d) return true; // _ - ＿ －
  const u = NORM[c] as number;
  return (u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39);
}

/**
 * A WeChat id (a letter, then 5–19 letters, digits, `_` or `-`) right after a trigger ending at
 * `from`, past a colon, 号, 是 or separators. Returns the id's end, or -1.
 */
export function wechatIdAfter(text: string, from: number, needsColon: boolean): number {
  let j = from;
  let colon = false;
  let steps = 0;
  while (j < text.length && steps < 8) {
    const c = text.charCodeAt(j);
    const u = NORM[c] as number;
    if (u === 0x3a || c === 0x3d || c === 0xff1d) {
      colon = true;
      j++;
    } else if (c === CH_HAO || c === CH_SHI || c === CH_WEI) {
      j++;
    } else {
      const w = skippableWidth(text, j);
      if (w === 0 || c === 0x5f || c === 0x2d) break;
      j += w;
    }
    steps++;
  }
  if (needsColon && !colon) return -1;
  const first = NORM[text.charCodeAt(j)] as number;
  if (!(first >= 0x61 && first <= 0x7a)) return -1;
  let end = j;
  while (end < text.length && isIdChar(text, end)) end++;
  const length = end - j;
  return length >= 6 && length <= 20 ? end : -1;
}

/** A QQ number (5–12 digits, not starting with 0) right after a trigger ending at `from`, or -1. */
export function qqNumberAfter(text: string, from: number): number {
  let j = from;
  let steps = 0;
  while (j < text.length && steps < 8) {
    const c = text.charCodeAt(j);
    const u = NORM[c] as number;
    if (PHONE_DIGIT[c] !== -1) break;
    if (u === 0x3a || c === CH_HAO || c === CH_SHI || c === CH_WEI || c === CH_QUN || c === CH_MA) j++;
    else {
      const w = skippableWidth(text, j);
      if (w === 0) return -1;
      j += w;
    }
    steps++;
  }
  let count = 0;
  let end = -1;
  let gap = 0;
  let k = j;
  while (k < text.length) {
    const d = PHONE_DIGIT[text.charCodeAt(k)] as number;
    if (d >= 0) {
      if (count === 0 && d === 0) return -1;
      count++;
      gap = 0;
      k++;
      end = k;
      continue;
    }
    const w = skippableWidth(text, k);
    if (w === 0 || gap >= 2) break;
    gap++;
    k += w;
  }
  return count >= 5 && count <= 12 ? end : -1;
}

/** Words before a long number that make it an order, waybill or ticket number, not a phone. */
const NUMBER_CONTEXT = [
  '订单',
  '单号',
  '运单',
  '快递',
  '物流',
  '编号',
  '工单',
  '交易号',
  '流水号',
  '条码',
  '序列号',
];

/**
 * Mainland mobile numbers: 11 digits starting 1[3-9] (optionally after 86), written with ASCII,
 * full-width, circled or Chinese digits, with up to two separators between digits. Longer digit
 * runs (order numbers), runs glued to letters (waybills like SF…) and runs after 订单/单号/快递…
 * are not phones. Calls `emit(start, end)` for each.
 */
export function detectMobiles(text: string, emit: (start: number, end: number) => void): void {
  const digits = new Uint8Array(24);
  let count = 0;
  let runStart = -1;
  let runEnd = -1;
  let gap = 0;
  const finish = () => {
    if (count === 11 || (count === 13 && digits[0] === 8 && digits[1] === 6)) {
      const o = count - 11;
      const second = digits[o + 1] as number;
      if (digits[o] === 1 && second >= 3 && looksLikePhone(text, runStart, runEnd)) emit(runStart, runEnd);
    }
    count = 0;
    gap = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const d = PHONE_DIGIT[text.charCodeAt(i)] as number;
    if (d >= 0) {
      if (count === 0) runStart = i;
      if (count < digits.length) digits[count] = d;
      count++;
      runEnd = i + 1;
      gap = 0;
      continue;
    }
    if (count === 0) continue;
    const w = skippableWidth(text, i);
    if (w > 0 && gap < 2) {
      gap++;
      i += w - 1;
      continue;
    }
    finish();
  }
  if (count > 0) finish();
}

function looksLikePhone(text: string, start: number, end: number): boolean {
  let p = start - 1;
  while (p >= 0 && skippableWidth(text, p) === 1) p--;
  if (p >= 0) {
    const u = NORM[text.charCodeAt(p)] as number;
    if (u >= 0x61 && u <= 0x7a) return false; // a waybill like YT…
  }
  const after = NORM[text.charCodeAt(end)] as number;
  if (after >= 0x61 && after <= 0x7a) return false;
  const before = text.slice(Math.max(0, start - 8), start);
  return !NUMBER_CONTEXT.some((word) => before.includes(word));
}

const TLDS =
  'com|cn|net|org|top|xyz|cc|vip|shop|store|site|online|link|club|me|io|co|info|biz|tv|app|wang|ltd|ink|' +
  'fun|pub|live|ren|tech|mobi|asia|hk|tw|la|icu|work|pro|cloud|group|red|kim|love|life|world|space|' +
  'website|plus|cool|run|tk|ml|ga|cf|gq|ru|jp|us|uk';
const URL_CHARS = "[a-z0-9\\-._~:/?#\\[\\]@!$&'*+,;=%]";
const URL_RE = new RegExp(
  `\\b(?:https?|wxp|alipays?|weixin)://${URL_CHARS}+` +
    `|\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})(?![a-z0-9-])(?::\\d{1,5})?(?:[/?#]${URL_CHARS}*)?`,
  'gi',
);

/** Hosts of the platforms and their couriers: links there are part of the job. */
export const PLATFORM_HOSTS: readonly string[] = [
  'taobao.com',
  'tmall.com',
  'tmall.hk',
  'tb.cn',
  '1688.com',
  'alicdn.com',
  'cainiao.com',
  'jd.com',
  'jd.hk',
  '3.cn',
  'pinduoduo.com',
  'yangkeduo.com',
  'jinritemai.com',
  'douyin.com',
  'iesdouyin.com',
  'kuaishou.com',
  'kwai.com',
  'sf-express.com',
  'kuaidi100.com',
  'ems.com.cn',
  'yto.net.cn',
  'zto.com',
  'sto.cn',
  'yundaex.com',
  'jtexpress.cn',
  'deppon.com',
];

/** Payment hosts and schemes: a link there is a request to pay outside the platform. */
const PAYMENT_HOSTS = [
  'alipay.com',
  'alipayobjects.com',
  'tenpay.com',
  'pay.weixin.qq.com',
  'wxpay.wxutil.com',
];
const PAYMENT_SCHEMES = ['wxp', 'alipay', 'alipays', 'weixin'];

function hostMatches(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Links in `text`: `emitUrl` for links off the platform, `emitPayment` for payment links
 * (支付宝/微信 transfer and QR links). An e-mail address counts as a link to its host.
 */
export function detectLinks(
  text: string,
  emitUrl: ((start: number, end: number) => void) | null,
  emitPayment: ((start: number, end: number) => void) | null,
): void {
  const folded = foldWidth(text);
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(folded); m !== null; m = URL_RE.exec(folded)) {
    let start = m.index;
    const match = m[0].replace(/[.,;:!?'\])]+$/, '');
    if (match.length === 0) continue;
    const lower = match.toLowerCase();
    const scheme = /^([a-z]+):\/\//.exec(lower);
    const rest = scheme ? lower.slice(scheme[0].length) : lower;
    const host = (rest.split(/[/:?#]/)[0] ?? '').replace(/^.*@/, '');
    const payment =
      (scheme !== null && PAYMENT_SCHEMES.includes(scheme[1] ?? '')) || hostMatches(host, PAYMENT_HOSTS);
    if (!payment && hostMatches(host, PLATFORM_HOSTS)) continue;
    if (start > 0 && folded[start - 1] === '@') {
      // An e-mail address: the whole of it.
      start--;
      while (start > 0 && /[a-z0-9._-]/i.test(folded[start - 1] ?? '')) start--;
    }
    const end = m.index + match.length;
    if (payment) emitPayment?.(start, end);
    else emitUrl?.(start, end);
  }
}
