/**
 * Rules named in words where they are listed without their form (the popup's rules run into
 * most; the options' rule list says what a detector finds).
 */
import { builtinName, type DetectorName, isDetectorName } from '../utils/rules/detectors';
import type { Rule } from '../utils/rules/types';
import type { Language } from '../utils/settings-model';

/** What each built-in detector finds (a rule's `builtin:<name>` pattern), in words. */
export const DETECTOR_LABELS: Record<Language, Record<DetectorName, string>> = {
  'zh-CN': {
    'mobile-cn': '手机号码（含空格、横线、中文数字写法）',
    'wechat-id': '微信号（微信/vx/V 后面跟着的账号）',
    'qq-number': 'QQ 号码（QQ/扣扣 后面跟着的号码）',
    url: '站外网址',
    'payment-link': '支付宝、微信的收款和转账链接',
  },
  en: {
    'mobile-cn': 'mobile numbers (also with spaces, dashes or Chinese numerals)',
    'wechat-id': 'WeChat ids (an account after 微信/vx/V)',
    'qq-number': 'QQ numbers (a number after QQ/扣扣)',
    url: 'links to other sites',
    'payment-link': 'Alipay and WeChat payment or transfer links',
  },
};

/** How many of a rule's phrases name it. */
const NAMED_BY = 3;

/**
 * A rule in a few words: its first phrases, else what its built-in detector finds, else its id.
 * A stored rule is read as it is (a pack saved under other checks may hold anything).
 */
export function ruleName(rule: Pick<Rule, 'id' | 'phrases' | 'pattern'>, lang: Language): string {
  const phrases = Array.isArray(rule.phrases)
    ? rule.phrases.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : [];
  if (phrases.length > 0)
    return (
      phrases.slice(0, NAMED_BY).join(lang === 'en' ? ', ' : '、') + (phrases.length > NAMED_BY ? ' …' : '')
    );
  const detector = typeof rule.pattern === 'string' ? builtinName(rule.pattern) : null;
  if (detector !== null && isDetectorName(detector)) return DETECTOR_LABELS[lang][detector];
  return rule.id;
}
