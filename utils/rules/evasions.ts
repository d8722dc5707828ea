/**
 * Homophone and look-alike spellings agents use to get past filters, expanded per phrase at
 * compile time: a rule that lists 加微信 also catches 加薇信, 加威信 and 加v信.
 *
 * They are not folded in `normalise.ts` because the characters are ordinary elsewhere (威力,
 * 危险, 蔷薇): only inside a rule's phrase do they stand for the word they imitate.
 */

export interface Evasion {
  /** The word as rules write it (normalised). */
  key: string;
  /** Spellings that stand for it (normalised). */
  variants: readonly string[];
  /** Expand a phrase that is only this word (else only longer phrases containing it). */
  alone: boolean;
}

export const EVASIONS: readonly Evasion[] = [
  {
    key: '微信',
    variants: ['薇信', '威信', '徽信', '危信', '嶶信', '溦信', 'v信', 'wei信', '微xin'],
    alone: true,
  },
  { key: '加微', variants: ['加薇', '加威', '加徽'], alone: true },
  { key: 'qq', variants: ['扣扣', '抠抠', '企鹅'], alone: false },
  { key: '支付宝', variants: ['支附宝', '支付保', '吱付宝', 'zfb'], alone: false },
  { key: '手机', variants: ['手鸡'], alone: false },
  { key: '好评', variants: ['hp', '好p'], alone: false },
  { key: '差评', variants: ['差p'], alone: false },
  { key: '返现', variants: ['反现', '返xian'], alone: true },
  { key: '红包', variants: ['hb', '红bao'], alone: false },
  { key: '刷单', variants: ['shua单', '涮单'], alone: true },
];

/** First characters of the default keys: a phrase with none of them has nothing to expand. */
const KEY_STARTS = new Set(EVASIONS.map((e) => e.key.charCodeAt(0)));

function mayHoldKey(phrase: string): boolean {
  for (let i = 0; i < phrase.length; i++) if (KEY_STARTS.has(phrase.charCodeAt(i))) return true;
  return false;
}

/** Most spellings one phrase may expand to. */
const MAX_VARIANTS = 64;

/** `phrase` (normalised) and the evasive spellings of it, without duplicates. */
export function expandEvasions(phrase: string, evasions: readonly Evasion[] = EVASIONS): string[] {
  if (evasions === EVASIONS && !mayHoldKey(phrase)) return [phrase];
  const out = [phrase];
  const seen = new Set(out);
  for (const evasion of evasions) {
    if (!evasion.alone && phrase === evasion.key) continue;
    const count = out.length;
    for (let i = 0; i < count && out.length < MAX_VARIANTS; i++) {
      const base = out[i] as string;
      if (!base.includes(evasion.key)) continue;
      for (const variant of evasion.variants) {
        const spelled = base.split(evasion.key).join(variant);
        if (!seen.has(spelled) && out.length < MAX_VARIANTS) {
          seen.add(spelled);
          out.push(spelled);
        }
      }
    }
  }
  return out;
}
