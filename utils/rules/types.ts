/**
 * Shapes of the forbidden-phrase rules and of what a scan reports.
 *
 * Pure data: no `browser`, no DOM. Packs (JSON) hold `Rule` objects as they are written here.
 */

/** How hard a finding stops the agent: `block` stops the send and asks, `warn` marks, `info` hints. */
export type Severity = 'block' | 'warn' | 'info';

export const SEVERITIES: readonly Severity[] = ['block', 'warn', 'info'];

/**
 * What kind of rule is broken.
 *
 * - `off-platform`: leading the buyer off the platform (WeChat, QQ, phone numbers, payment links).
 * - `review-manipulation`: buying, changing or deleting reviews, fake orders (刷单).
 * - `consumer-rights`: refusing returns, refunds or invoices the buyer is entitled to.
 * - `attitude`: insults, curses, threats, sarcasm, cold brush-offs.
 * - `ad-absolute`: absolute terms of the advertising law (国家级, 最佳, 第一 …).
 * - `medical`: cure and efficacy claims for goods that are not medicines.
 * - `false-guarantee`: promises the shop cannot keep (稳赚, 假一赔十) and false urgency.
 */
export type RuleCategory =
  | 'off-platform'
  | 'review-manipulation'
  | 'consumer-rights'
  | 'attitude'
  | 'ad-absolute'
  | 'medical'
  | 'false-guarantee';

export const RULE_CATEGORIES: readonly RuleCategory[] = [
  'off-platform',
  'review-manipulation',
  'consumer-rights',
  'attitude',
  'ad-absolute',
  'medical',
  'false-guarantee',
];

/**
 * One rule. It matches when any of its `phrases` occurs, or its `pattern` matches, in the
 * normalised text (see `normalise.ts`), unless one of its `exceptions` overlaps that occurrence.
 *
 * `pattern` is either the source of a regular expression, run on the normalised text (lower case,
 * half-width, simplified, separators removed), or the name of a built-in detector written
 * `builtin:<name>` (see `BUILTIN_DETECTORS` in `detectors.ts`: `mobile-cn`, `wechat-id`,
 * `qq-number`, `url`, `payment-link`).
 */
export interface Rule {
  id: string;
  category: RuleCategory;
  severity: Severity;
  phrases?: readonly string[];
  pattern?: string | null;
  /** Why this is not allowed, in plain zh-CN a new agent understands. */
  reason: string;
  reasonEn: string;
  /** A compliant way to say it (zh-CN). */
  alternative?: string | null;
  alternativeEn?: string | null;
  /** Phrases that make a hit of this rule harmless when they overlap it (「不能加微信」 for 微信). */
  exceptions?: readonly string[];
  /** In a pack: switches off the rule of the same id (e.g. a default rule a team doesn't want). */
  disabled?: boolean;
}

/** One occurrence of a broken rule. Offsets are UTF-16 indices into the scanned (original) text. */
export interface Finding {
  ruleId: string;
  category: RuleCategory;
  severity: Severity;
  start: number;
  end: number;
  /** `text.slice(start, end)` of the original text. */
  text: string;
  reason: string;
  reasonEn: string;
  alternative: string | null;
  alternativeEn: string | null;
}
