/**
 * Compile a rule set once into one automaton; `scan.ts` then reads a text in one pass.
 *
 * Every phrase (with its evasive spellings, see `evasions.ts`), every exception and every trigger
 * word of a built-in detector becomes a key of the same Aho–Corasick automaton, marked with its
 * kind and its rule, so one pass finds hits, exceptions and triggers together.
 * Rules whose `pattern` is a regular expression (not `builtin:`) run that expression over the
 * normalised text, one expression per such rule (packs are expected to have few of them).
 */

import { type Automaton, buildAutomaton, RawHits } from './automaton';
import {
  BUILTIN_DETECTORS,
  builtinName,
  DETECTOR_TRIGGERS,
  type DetectorName,
  isDetectorName,
  triggerNeedsColon,
} from './detectors';
import { EVASIONS, expandEvasions } from './evasions';
import { normalise } from './normalise';
import { RULE_CATEGORIES, type Rule, type RuleCategory, SEVERITIES, type Severity } from './types';

/** Severity as a number: higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { block: 3, warn: 2, info: 1 };

export const KEY_PHRASE = 0;
export const KEY_EXCEPTION = 1;
export const KEY_TRIGGER = 2;

/** What a finding repeats of its rule; built alike for every rule (one object shape). */
export interface RuleInfo {
  readonly id: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly reason: string;
  readonly reasonEn: string;
  readonly alternative: string | null;
  readonly alternativeEn: string | null;
}

/** A rule set ready to scan with. Treat it as opaque; only `rules` and the counts are stable. */
export interface CompiledRules {
  readonly rules: readonly Rule[];
  /** Per rule, the data its findings carry. */
  readonly info: readonly RuleInfo[];
  /** Phrases as the rules list them (after de-duplication per rule). */
  readonly phraseCount: number;
  /** Keys in the automaton: phrases with their evasive spellings, exceptions, trigger words. */
  readonly keyCount: number;
  /** The automaton's keys (normalised), indexed like the `key*` arrays. */
  readonly keys: readonly string[];
  readonly automaton: Automaton;
  /** Per key: its kind (`KEY_*`), its rule (or detector) index, flags. */
  readonly keyKind: Uint8Array;
  readonly keyOwner: Int32Array;
  /** Key starts with an ASCII letter: it must not continue a Latin word (sb in usb). */
  readonly keyLatinStart: Uint8Array;
  /** Trigger key needs a colon before the detected id (`v: abc_123`). */
  readonly keyNeedsColon: Uint8Array;
  /** Detector name per detector index, and the rules that use it. */
  readonly detectors: readonly DetectorName[];
  readonly detectorRules: readonly (readonly number[])[];
  readonly regexRules: readonly { readonly rule: number; readonly regex: RegExp }[];
  /** Per rule: severity rank (block 3, warn 2, info 1) and category index (in `RULE_CATEGORIES`). */
  readonly ruleRank: Uint8Array;
  readonly ruleCategory: Uint8Array;
  /** Scratch space for scans. */
  readonly raw: RawHits;
}

/**
 * A rule `compileRules` cannot use: its place in the list, the field at fault and what is wrong
 * with it; the message names the rule too (`Rule "id": pattern is not a valid …`).
 */
export class RuleError extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    readonly detail: string,
    rule: Rule | undefined,
  ) {
    const id = rule && typeof rule.id === 'string' && rule.id !== '' ? `"${rule.id}"` : `#${index}`;
    super(`Rule ${id}: ${field} ${detail}`);
    this.name = 'RuleError';
  }
}

function fail(rule: Rule | undefined, index: number, field: string, message: string): never {
  throw new RuleError(index, field, message, rule);
}

/** Compile `rules`. Throws a `RuleError` naming the rule and the field for a rule it cannot use. */
export function compileRules(rules: readonly Rule[]): CompiledRules {
  const keys: string[] = [];
  const kinds: number[] = [];
  const owners: number[] = [];
  const needsColon: number[] = [];
  const detectors: DetectorName[] = [];
  const detectorRules: number[][] = [];
  const regexRules: { rule: number; regex: RegExp }[] = [];
  const ids = new Set<string>();
  let phraseCount = 0;

  /** Add `text` as a key unless `seen` (the keys of this kind and owner so far) has it. */
  const addKey = (seen: Set<string>, text: string, kind: number, owner: number, colon = false) => {
    if (seen.has(text)) return;
    seen.add(text);
    keys.push(text);
    kinds.push(kind);
    owners.push(owner);
    needsColon.push(colon ? 1 : 0);
  };

  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as Rule;
    if (rule === null || typeof rule !== 'object') fail(undefined, r, 'rule', 'is not an object');
    if (typeof rule.id !== 'string' || rule.id === '') fail(rule, r, 'id', 'must be a non-empty string');
    if (ids.has(rule.id)) fail(rule, r, 'id', 'is used by another rule');
    ids.add(rule.id);
    if (!RULE_CATEGORIES.includes(rule.category))
      fail(rule, r, 'category', `must be one of ${RULE_CATEGORIES.join(', ')}`);
    if (!SEVERITIES.includes(rule.severity))
      fail(rule, r, 'severity', `must be one of ${SEVERITIES.join(', ')}`);
    if (typeof rule.reason !== 'string' || rule.reason === '')
      fail(rule, r, 'reason', 'must be a non-empty string');
    const phrases = rule.phrases ?? [];
    if (!Array.isArray(phrases)) fail(rule, r, 'phrases', 'must be an array of strings');
    const pattern = rule.pattern ?? null;
    if (phrases.length === 0 && (pattern === null || pattern === '')) {
      fail(rule, r, 'phrases', 'and pattern are both missing: a rule needs one or more phrases or a pattern');
    }
    const listed = new Set<string>();
    const spelled = new Set<string>();
    for (let p = 0; p < phrases.length; p++) {
      const phrase = phrases[p];
      if (typeof phrase !== 'string') fail(rule, r, `phrases[${p}]`, 'must be a string');
      const norm = normalise(phrase);
      if (norm === '')
        fail(rule, r, `phrases[${p}]`, `(${JSON.stringify(phrase)}) is empty once separators are removed`);
      if (!listed.has(norm)) {
        listed.add(norm);
        phraseCount++;
      }
      for (const spelling of expandEvasions(norm, EVASIONS)) addKey(spelled, spelling, KEY_PHRASE, r);
    }
    const exceptions = rule.exceptions ?? [];
    if (!Array.isArray(exceptions)) fail(rule, r, 'exceptions', 'must be an array of strings');
    const excepted = new Set<string>();
    for (let p = 0; p < exceptions.length; p++) {
      const exception = exceptions[p];
      if (typeof exception !== 'string') fail(rule, r, `exceptions[${p}]`, 'must be a string');
      const norm = normalise(exception);
      if (norm === '') fail(rule, r, `exceptions[${p}]`, 'is empty once separators are removed');
      for (const spelling of expandEvasions(norm, EVASIONS)) addKey(excepted, spelling, KEY_EXCEPTION, r);
    }
    if (pattern !== null && pattern !== '') {
      if (typeof pattern !== 'string') fail(rule, r, 'pattern', 'must be a string');
      const name = builtinName(pattern);
      if (name !== null) {
        if (!isDetectorName(name)) {
          fail(
            rule,
            r,
            'pattern',
            `names an unknown detector "${name}" (known: ${BUILTIN_DETECTORS.join(', ')})`,
          );
        }
        let d = detectors.indexOf(name);
        if (d === -1) {
          d = detectors.length;
          detectors.push(name);
          detectorRules.push([]);
          const triggers = new Set<string>();
          for (const trigger of DETECTOR_TRIGGERS[name]) {
            for (const spelling of expandEvasions(trigger, EVASIONS)) {
              addKey(triggers, spelling, KEY_TRIGGER, d, triggerNeedsColon(spelling));
            }
          }
        }
        detectorRules[d]?.push(r);
      } else {
        let regex: RegExp;
        try {
          regex = new RegExp(pattern, 'g');
        } catch (error) {
          fail(rule, r, 'pattern', `is not a valid regular expression (${(error as Error).message})`);
        }
        regexRules.push({ rule: r, regex });
      }
    }
  }

  const automaton = buildAutomaton(keys);
  const keyLatinStart = new Uint8Array(keys.length);
  keys.forEach((key, k) => {
    const c = key.charCodeAt(0);
    keyLatinStart[k] = c >= 0x61 && c <= 0x7a ? 1 : 0;
  });
  const info = rules.map(
    (rule): RuleInfo => ({
      id: rule.id,
      category: rule.category,
      severity: rule.severity,
      reason: rule.reason,
      reasonEn: typeof rule.reasonEn === 'string' ? rule.reasonEn : '',
      alternative: typeof rule.alternative === 'string' ? rule.alternative : null,
      alternativeEn: typeof rule.alternativeEn === 'string' ? rule.alternativeEn : null,
    }),
  );
  return {
    rules,
    info,
    phraseCount,
    keyCount: keys.length,
    keys,
    automaton,
    keyKind: Uint8Array.from(kinds),
    keyOwner: Int32Array.from(owners),
    keyLatinStart,
    keyNeedsColon: Uint8Array.from(needsColon),
    detectors,
    detectorRules,
    regexRules,
    ruleRank: Uint8Array.from(rules, (rule) => SEVERITY_RANK[rule.severity]),
    ruleCategory: Uint8Array.from(rules, (rule) => RULE_CATEGORIES.indexOf(rule.category)),
    raw: new RawHits(),
  };
}
