/**
 * Scan a draft with a compiled rule set: one pass of the automaton, then (only when the pass saw
 * reason to) the built-in detectors and regular-expression rules, then exceptions, merging and
 * ordering. Offsets are UTF-16 indices into the original text.
 *
 * The bookkeeping after the pass works in reused typed arrays: on the common path (no contact
 * details, no regular-expression rules) a scan allocates only the findings it returns.
 */

import { runAutomaton } from './automaton';
import {
  type CompiledRules,
  compileRules,
  KEY_EXCEPTION,
  KEY_PHRASE,
  RuleError,
  type RuleInfo,
  SEVERITY_RANK,
} from './compile';
import { detectLinks, detectMobiles, qqNumberAfter, wechatIdAfter } from './detectors';
import { asciiLetterAt, normaliseWithMap } from './normalise';
import type { Finding, Rule, Severity } from './types';

/** A growable list of fixed-width integer records, reused from scan to scan. */
class Records {
  data: Int32Array;
  length = 0;

  constructor(readonly width: number) {
    this.data = new Int32Array(width * 32);
  }

  /** Index of a new record (its fields are to be written by the caller). */
  add(): number {
    const at = this.length * this.width;
    if (at + this.width > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.length++;
    return at;
  }

  push3(a: number, b: number, c: number): void {
    const at = this.add();
    const d = this.data;
    d[at] = a;
    d[at + 1] = b;
    d[at + 2] = c;
  }
}

// Scratch space. Scans are synchronous, so one set serves every compiled rule set.
const hits = new Records(3); // rule, start, end
const exceptions = new Records(3); // rule, start, end
const triggers = new Records(4); // detector, start, end, needs colon
const merged = new Records(3);
let order = new Int32Array(64);

function runDetectors(compiled: CompiledRules, text: string): void {
  const { detectors, detectorRules, raw } = compiled;
  const emitFor = (d: number) => (start: number, end: number) => {
    for (const r of detectorRules[d] ?? []) hits.push3(r, start, end);
  };
  const t = triggers.data;
  for (let i = 0; i < triggers.length * 4; i += 4) {
    const d = t[i] as number;
    const end = t[i + 2] as number;
    const idEnd =
      detectors[d] === 'wechat-id' ? wechatIdAfter(text, end, t[i + 3] === 1) : qqNumberAfter(text, end);
    if (idEnd > 0) emitFor(d)(t[i + 1] as number, idEnd);
  }
  let url = -1;
  let payment = -1;
  for (let d = 0; d < detectors.length; d++) {
    const name = detectors[d];
    if (name === 'mobile-cn' && raw.digits >= 11) detectMobiles(text, emitFor(d));
    else if (name === 'url') url = d;
    else if (name === 'payment-link') payment = d;
  }
  if (raw.urlHint && (url >= 0 || payment >= 0)) {
    detectLinks(text, url >= 0 ? emitFor(url) : null, payment >= 0 ? emitFor(payment) : null);
  }
}

function runPatterns(compiled: CompiledRules, text: string): void {
  const normal = normaliseWithMap(text);
  for (const { rule, regex } of compiled.regexRules) {
    regex.lastIndex = 0;
    for (let m = regex.exec(normal.text); m !== null; m = regex.exec(normal.text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const a = m.index;
      const b = a + m[0].length - 1;
      hits.push3(rule, normal.starts[a] as number, normal.ends[b] as number);
    }
  }
}

/** Drop hits that an exception of the same rule overlaps (in place). */
function applyExceptions(): void {
  if (exceptions.length === 0) return;
  const h = hits.data;
  const e = exceptions.data;
  const m = exceptions.length * 3;
  let kept = 0;
  for (let i = 0; i < hits.length * 3; i += 3) {
    const rule = h[i] as number;
    const start = h[i + 1] as number;
    const end = h[i + 2] as number;
    let excused = false;
    for (let j = 0; j < m; j += 3) {
      if (e[j] === rule && (e[j + 1] as number) < end && start < (e[j + 2] as number)) {
        excused = true;
        break;
      }
    }
    if (!excused) {
      h[kept] = rule;
      h[kept + 1] = start;
      h[kept + 2] = end;
      kept += 3;
    }
  }
  hits.length = kept / 3;
}

/**
 * Record offsets (index × 3) of `data` in order: by rule, then start, then longer first.
 * Insertion sort, as hits are few.
 */
function sortByRule(data: Int32Array, n: number): Int32Array {
  if (order.length < n) order = new Int32Array(n * 2);
  const o = order;
  for (let i = 0; i < n; i++) {
    const x = i * 3;
    const rule = data[x] as number;
    const start = data[x + 1] as number;
    const end = data[x + 2] as number;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = o[j] as number;
      const r = data[y] as number;
      const st = data[y + 1] as number;
      if (r < rule || (r === rule && (st < start || (st === start && (data[y + 2] as number) >= end)))) break;
      o[j + 1] = y;
    }
    o[j + 1] = x;
  }
  return o;
}

/** Record offsets of `data` in order: by start, then longer first, then more severe, then rule. */
function sortByStart(data: Int32Array, n: number, rank: Uint8Array): Int32Array {
  if (order.length < n) order = new Int32Array(n * 2);
  const o = order;
  for (let i = 0; i < n; i++) {
    const x = i * 3;
    const rule = data[x] as number;
    const start = data[x + 1] as number;
    const end = data[x + 2] as number;
    const severity = rank[rule] as number;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = o[j] as number;
      const st = data[y + 1] as number;
      if (st < start) break;
      if (st === start) {
        const en = data[y + 2] as number;
        if (en > end) break;
        if (en === end) {
          const sv = rank[data[y] as number] as number;
          if (sv > severity || (sv === severity && (data[y] as number) < rule)) break;
        }
      }
      o[j + 1] = y;
    }
    o[j + 1] = x;
  }
  return o;
}

function finding(rule: RuleInfo, text: string, start: number, end: number): Finding {
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    start,
    end,
    text: text.slice(start, end),
    reason: rule.reason,
    reasonEn: rule.reasonEn,
    alternative: rule.alternative,
    alternativeEn: rule.alternativeEn,
  };
}

/**
 * Merge overlapping hits of one rule, drop a hit that lies inside a no-milder hit of the same
 * category, and build the findings in order of start.
 */
function findings(compiled: CompiledRules, text: string): Finding[] {
  const n = hits.length;
  const rules = compiled.info;
  const h = hits.data;
  if (n === 1) return [finding(rules[h[0] as number] as RuleInfo, text, h[1] as number, h[2] as number)];

  // Overlapping hits of one rule are merged; they are rare, so look for them first (n is small).
  let overlapping = n > 16;
  for (let i = 0; i < n * 3 && !overlapping; i += 3) {
    for (let j = i + 3; j < n * 3; j += 3) {
      if (
        h[i] === h[j] &&
        (h[i + 1] as number) < (h[j + 2] as number) &&
        (h[j + 1] as number) < (h[i + 2] as number)
      ) {
        overlapping = true;
        break;
      }
    }
  }
  let source = hits;
  if (overlapping) {
    merged.length = 0;
    const byRule = sortByRule(h, n);
    for (let i = 0; i < n; i++) {
      const x = byRule[i] as number;
      const rule = h[x] as number;
      const start = h[x + 1] as number;
      const end = h[x + 2] as number;
      const last = (merged.length - 1) * 3;
      const m = merged.data;
      if (last >= 0 && m[last] === rule && start < (m[last + 2] as number)) {
        if (end > (m[last + 2] as number)) m[last + 2] = end;
      } else merged.push3(rule, start, end);
    }
    source = merged;
  }

  const rank = compiled.ruleRank;
  const category = compiled.ruleCategory;
  const m = source.data;
  const count = source.length;
  const byPosition = sortByStart(m, count, rank);
  const out: Finding[] = [];
  // Offsets of the records kept so far sit in `byPosition[0…kept)` (reused in place).
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const x = byPosition[i] as number;
    const rule = m[x] as number;
    const start = m[x + 1] as number;
    const end = m[x + 2] as number;
    let covered = false;
    for (let j = 0; j < kept; j++) {
      const k = byPosition[j] as number;
      const other = m[k] as number;
      if (
        (m[k + 1] as number) <= start &&
        end <= (m[k + 2] as number) &&
        category[other] === category[rule] &&
        (rank[other] as number) >= (rank[rule] as number)
      ) {
        covered = true;
        break;
      }
    }
    if (covered) continue;
    byPosition[kept++] = x;
    out.push(finding(rules[rule] as RuleInfo, text, start, end));
  }
  return out;
}

/** Every rule broken by `text`, sorted by start (longer first at the same start). */
export function scan(compiled: CompiledRules, text: string): Finding[] {
  const raw = compiled.raw;
  runAutomaton(compiled.automaton, text, raw);
  const maybeContact = compiled.detectors.length > 0 && (raw.digits >= 11 || raw.urlHint);
  if (raw.count === 0 && !maybeContact && compiled.regexRules.length === 0) return [];

  hits.length = 0;
  exceptions.length = 0;
  triggers.length = 0;
  const { keyKind, keyOwner, keyLatinStart, keyNeedsColon } = compiled;
  const rawKey = raw.key;
  const rawStart = raw.start;
  const rawEnd = raw.end;
  const count = raw.count;
  for (let j = 0; j < count; j++) {
    const key = rawKey[j] as number;
    const start = rawStart[j] as number;
    if (keyLatinStart[key] === 1 && asciiLetterAt(text, start - 1) !== 0) continue;
    const kind = keyKind[key];
    const owner = keyOwner[key] as number;
    const end = rawEnd[j] as number;
    if (kind === KEY_PHRASE) hits.push3(owner, start, end);
    else if (kind === KEY_EXCEPTION) exceptions.push3(owner, start, end);
    else {
      const at = triggers.add();
      const t = triggers.data;
      t[at] = owner;
      t[at + 1] = start;
      t[at + 2] = end;
      t[at + 3] = keyNeedsColon[key] as number;
    }
  }
  if (maybeContact || triggers.length > 0) runDetectors(compiled, text);
  if (compiled.regexRules.length > 0) runPatterns(compiled, text);
  applyExceptions();
  if (hits.length === 0) return [];
  return findings(compiled, text);
}

/** The most severe level among `findings`, or `null` when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const finding of findings) {
    if (worst === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst]) worst = finding.severity;
  }
  return worst;
}

export interface Scanner {
  readonly compiled: CompiledRules;
  scan(text: string): Finding[];
}

/** Compile `rules` once and return a scanner for drafts. */
export function createScanner(rules: readonly Rule[]): Scanner {
  const compiled = compileRules(rules);
  return { compiled, scan: (text: string) => scan(compiled, text) };
}

/** A rule `usableScanner` left out: its id (null when it has none), the field at fault, and why. */
export interface LeftOutRule {
  id: string | null;
  field: string;
  detail: string;
  message: string;
}

/**
 * A scanner of the rules that compile, and those left out. Packs are checked when installed, so a
 * rule left out here is one a later version's checks refuse: it alone goes, not the rules beside
 * it. After `maxLeftOut` such rules, none of the list is trusted (`scanner` null).
 */
export function usableScanner(
  rules: readonly Rule[],
  maxLeftOut = 20,
): { scanner: Scanner | null; leftOut: LeftOutRule[] } {
  let list = rules;
  const leftOut: LeftOutRule[] = [];
  for (;;) {
    try {
      return { scanner: createScanner(list), leftOut };
    } catch (error) {
      if (!(error instanceof RuleError)) {
        const message = String((error as Error)?.message ?? error);
        leftOut.push({ id: null, field: '', detail: message, message });
        return { scanner: null, leftOut };
      }
      const id = (list[error.index] as Rule | undefined)?.id;
      leftOut.push({
        id: typeof id === 'string' ? id : null,
        field: error.field,
        detail: error.detail,
        message: error.message,
      });
      if (leftOut.length > maxLeftOut) return { scanner: null, leftOut };
      list = list.filter((_, i) => i !== error.index);
    }
  }
}
