/**
 * Pinyin initials of Chinese text (发票 → fp), for searching templates by their initials.
 * Uses the browser's own pinyin collation (ICU): a character's initial is the last of these
 * boundary characters — the first character of each initial in pinyin order — that sorts
 * before or equal to it. No dictionary to ship; polyphones take their collation reading.
 */
const BOUNDARIES = '阿八嚓咑妸发旮哈丌咔垃妈拏噢妑七呥仨他屲夕丫帀';
const LETTERS = 'abcdefghjklmnopqrstwxyz';

let collator: Intl.Collator | null = null;
const cache = new Map<string, string>();

function initialOf(ch: string): string {
  const known = cache.get(ch);
  if (known !== undefined) return known;
  collator ??= new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  let lo = 0;
  let hi = BOUNDARIES.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (collator.compare(ch, BOUNDARIES[mid] ?? '') >= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const initial = found < 0 ? '' : (LETTERS[found] ?? '');
  cache.set(ch, initial);
  return initial;
}

const HAN = /[\u3400-\u9fff]/;

/** Initials of the Han characters; letters and digits kept (lower case); the rest dropped. */
export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text) {
    if (HAN.test(ch)) out += initialOf(ch);
    else if (/[a-z0-9]/i.test(ch)) out += ch.toLowerCase();
  }
  return out;
}
