/**
 * An Aho–Corasick automaton over normalised UTF-16 code units, in flat typed arrays.
 *
 * Layout:
 * - `symInfo` maps every BMP code unit of the *original* text straight to a symbol (normalisation
 *   and alphabet compression in one lookup). Symbol 0 is "in no key" and sends the automaton back
 *   to the root; 1–3 are the instructions (skip, dot, high surrogate), the only units that leave
 *   the hot loop. The same word holds the root's transition on that symbol, so a step from the
 *   root is free, and a flag for digits (ASCII, full-width, circled, Chinese numerals), counted
 *   for the phone detector without a branch.
 * - Other transitions are a double array: state `s` has a child on symbol `c` at slot
 *   `t = base[s] + c` when `check[t] === s`, so a hit and a miss cost the same two loads. A missing
 *   edge follows the failure link (`fail`). Base and check of a slot sit side by side (`trans`),
 *   and the check also flags slots where keys end.
 * - Outputs: `outKeys[outStart[s] … outStart[s+1]]` are the keys ending at state `s`; `term[s]`
 *   is `s` itself or its nearest suffix state with outputs (-1 for none), `dictLink` chains on.
 *
 * `runAutomaton` is the one pass over the text: it skips separators, decodes surrogate pairs,
 * counts digits (for the phone detector), notes URL hints and records every key occurrence with
 * its start and end in the original text (the start is found by walking back over the key's units,
 * only when a key ends, so the pass itself stores nothing per character).
 */

import { astralUnit, DOT, HIGH_SURROGATE, NORM, PHONE_DIGIT, SKIP, SPECIAL_MIN } from './normalise';

/** Symbols for the instructions of the normalisation table. */
const SYM_SKIP = 1;
const SYM_DOT = 2;
const SYM_HIGH = 3;
const SYM_FIRST = 4;
const ROOT_CHILD = 0x10000;
const ROOT_OUTPUT = 0x20000;
/** The top flag of `symInfo`, so `info >>> DIGIT_SHIFT` is 1 for a digit and 0 otherwise. */
const DIGIT_SHIFT = 18;

export interface Automaton {
  readonly keyCount: number;
  /** States of the trie (slots of the double array are a few more). */
  readonly stateCount: number;
  readonly alphabetSize: number;
  /**
   * Per BMP code unit: its symbol (low 16 bits), plus `ROOT_CHILD` when the root has a child on
   * it (at slot `base[0] + symbol`), `ROOT_OUTPUT` when keys end at that child, and bit 18 when it
   * is a digit. From the root, a step costs no lookup but this one.
   */
  readonly symInfo: Int32Array;
  /**
   * Two numbers per slot `s`, side by side: `[s*2]` base, `[s*2+1]` check: the parent slot times
   * two, plus one when `term[s]` is not -1 (so the load that confirms a step also says whether
   * keys end there); -1 when the slot is free or is the root's.
   */
  readonly trans: Int32Array;
  /** Failure slot per slot. */
  readonly fail: Int32Array;
  /** The slot itself or its nearest suffix slot where keys end; -1 for none. */
  readonly term: Int32Array;
  readonly depth: Int32Array;
  readonly dictLink: Int32Array;
  readonly outStart: Int32Array;
  readonly outKeys: Int32Array;
}

/** Where `runAutomaton` writes; reused from scan to scan (no allocation while scanning). */
export class RawHits {
  key: Int32Array;
  start: Int32Array;
  end: Int32Array;
  count = 0;
  /** Digits and Chinese numerals seen (phone numbers need 11). */
  digits = 0;
  /** A `.` before a letter or a `//` was seen: the text may hold a URL. */
  urlHint = false;
  /**
   * Index after the last unit the pass skipped or read as a pair: a key ending at least its own
   * length after it starts at `end - length`, without walking back.
   */
  irregular = -1;
  /** The automaton's state between stretches of the pass. */
  state = 0;

  constructor(capacity = 64) {
    this.key = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  push(key: number, start: number, end: number): void {
    if (this.count === this.key.length) this.grow();
    this.key[this.count] = key;
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }

  private grow(): void {
    const size = this.key.length * 2;
    const key = new Int32Array(size);
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    key.set(this.key);
    start.set(this.start);
    end.set(this.end);
    this.key = key;
    this.start = start;
    this.end = end;
  }
}

/**
 * Build the automaton for `keys` (already normalised: BMP code units, no instructions).
 * Key `i` is reported as `i`. Empty keys are not allowed.
 */
export function buildAutomaton(keys: readonly string[]): Automaton {
  // Alphabet: after the three instructions, the units the keys use.
  const normSym = new Uint16Array(0x10000);
  let alphabetSize = SYM_FIRST;
  let totalLength = 0;
  for (const key of keys) {
    if (key.length === 0) throw new Error('buildAutomaton: empty key');
    totalLength += key.length;
    for (let i = 0; i < key.length; i++) {
      const u = key.charCodeAt(i);
      if (u >= SPECIAL_MIN) throw new Error(`buildAutomaton: key ${JSON.stringify(key)} is not normalised`);
      if (normSym[u] === 0) normSym[u] = alphabetSize++;
    }
  }
  if (alphabetSize > 0xffff) throw new Error('buildAutomaton: the keys use more than 65,535 characters');
  const symOf = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const n = NORM[c] as number;
    symOf[c] =
      n === SKIP ? SYM_SKIP : n === DOT ? SYM_DOT : n === HIGH_SURROGATE ? SYM_HIGH : (normSym[n] as number);
  }
  const A = alphabetSize;

  // 1. The trie, with its edges in a map (node ids in creation order).
  const cap = totalLength + 1;
  const firstChild = new Int32Array(cap).fill(-1);
  const nextSibling = new Int32Array(cap).fill(-1);
  const nodeSym = new Int32Array(cap);
  const parent = new Int32Array(cap);
  const nodeDepth = new Int32Array(cap);
  const edges = new Map<number, number>();
  const keyNode = new Int32Array(keys.length);
  let nodes = 1;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    let s = 0;
    for (let i = 0; i < key.length; i++) {
      const sym = normSym[key.charCodeAt(i)] as number;
      const id = s * A + sym;
      let t = edges.get(id);
      if (t === undefined) {
        t = nodes++;
        edges.set(id, t);
        nodeSym[t] = sym;
        parent[t] = s;
        nodeDepth[t] = (nodeDepth[s] as number) + 1;
        nextSibling[t] = firstChild[s] as number;
        firstChild[s] = t;
      }
      s = t;
    }
    keyNode[k] = s;
  }

  // 2. Failure links, breadth first (the order also places the double array).
  const order = new Int32Array(nodes);
  const nodeFail = new Int32Array(nodes);
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const s = order[head++] as number;
    if ((nodeDepth[s] as number) > 1) {
      const sym = nodeSym[s] as number;
      let f = nodeFail[parent[s] as number] as number;
      for (;;) {
        const t = edges.get(f * A + sym);
        if (t !== undefined) {
          nodeFail[s] = t;
          break;
        }
        if (f === 0) break;
        f = nodeFail[f] as number;
      }
    }
    for (let c = firstChild[s] as number; c !== -1; c = nextSibling[c] as number) order[tail++] = c;
  }

  // 3. Double array: give every node a slot so that its children sit at base + symbol.
  let size = 1;
  while (size < nodes * 2 + A + 2) size <<= 1;
  let base = new Int32Array(size);
  let check = new Int32Array(size).fill(-1);
  check[0] = -2; // the root's own slot
  // `free[i]` leads to the first free slot at or after i (union–find with path halving), so a
  // search never walks over used slots.
  let free = Int32Array.from({ length: size + 1 }, (_, i) => i);
  free[0] = 1;
  const grow = () => {
    const old = size;
    size *= 2;
    const grownBase = new Int32Array(size);
    grownBase.set(base);
    base = grownBase;
    const grownCheck = new Int32Array(size).fill(-1);
    grownCheck.set(check);
    check = grownCheck;
    const grownFree = new Int32Array(size + 1);
    grownFree.set(free.subarray(0, old));
    for (let i = old; i <= size; i++) grownFree[i] = i;
    free = grownFree;
  };
  const firstFree = (from: number): number => {
    let x = from;
    while (free[x] !== x) {
      const next = free[free[x] as number] as number;
      free[x] = next;
      x = next;
    }
    return x;
  };
  const slot = new Int32Array(nodes);
  const syms: number[] = [];
  // A node with one child (most of them) takes the first free slot at or after its symbol. A node
  // with several children tries free slots from `nextCheck` on; after many failed tries,
  // later searches start further on (the holes left are few), so placement stays near linear.
  let nextCheck = 1;
  let maxBase = 0;
  let maxSlot = 0;
  for (let o = 0; o < nodes; o++) {
    const s = order[o] as number;
    const only = firstChild[s] as number;
    if (only === -1) continue;
    let low: number;
    let p: number;
    if (nextSibling[only] === -1) {
      low = nodeSym[only] as number;
      p = firstFree(low);
    } else {
      syms.length = 0;
      for (let c = only; c !== -1; c = nextSibling[c] as number) syms.push(nodeSym[c] as number);
      syms.sort((a, b) => a - b);
      low = syms[0] as number;
      nextCheck = firstFree(nextCheck);
      p = firstFree(Math.max(nextCheck, low));
      let tries = 0;
      for (;;) {
        while (p + A >= size) grow();
        const b = p - low;
        let fits = true;
        for (let j = 1; j < syms.length; j++) {
          if (check[b + (syms[j] as number)] !== -1) {
            fits = false;
            break;
          }
        }
        if (fits) break;
        tries++;
        p = firstFree(p + 1);
      }
      if (tries > 32 && p > nextCheck) nextCheck = p;
    }
    while (p + A >= size) grow();
    const b = p - low;
    const here = slot[s] as number;
    base[here] = b;
    if (b > maxBase) maxBase = b;
    for (let c = firstChild[s] as number; c !== -1; c = nextSibling[c] as number) {
      const t = b + (nodeSym[c] as number);
      check[t] = here;
      free[t] = t + 1;
      slot[c] = t;
      if (t > maxSlot) maxSlot = t;
    }
  }
  const length = Math.max(maxBase + A, maxSlot + 1);
  base = base.slice(0, length);
  check = check.slice(0, length);

  // 4. Per-slot data: failure, depth, outputs, dictionary links.
  const fail = new Int32Array(length);
  const depth = new Int32Array(length);
  for (let s = 0; s < nodes; s++) {
    const here = slot[s] as number;
    fail[here] = slot[nodeFail[s] as number] as number;
    depth[here] = nodeDepth[s] as number;
  }
  const outStart = new Int32Array(length + 1);
  for (let k = 0; k < keys.length; k++) {
    const here = slot[keyNode[k] as number] as number;
    outStart[here + 1] = (outStart[here + 1] as number) + 1;
  }
  for (let i = 0; i < length; i++) outStart[i + 1] = (outStart[i + 1] as number) + (outStart[i] as number);
  const outKeys = new Int32Array(keys.length);
  const fill = outStart.slice(0, length);
  for (let k = 0; k < keys.length; k++) {
    const here = slot[keyNode[k] as number] as number;
    outKeys[fill[here] as number] = k;
    fill[here] = (fill[here] as number) + 1;
  }
  const hasOutput = (t: number) => (outStart[t + 1] as number) > (outStart[t] as number);
  const dictLink = new Int32Array(length).fill(-1);
  const term = new Int32Array(length).fill(-1);
  for (let o = 1; o < nodes; o++) {
    const here = slot[order[o] as number] as number;
    const f = fail[here] as number;
    dictLink[here] = f !== 0 && hasOutput(f) ? f : (dictLink[f] as number);
    term[here] = hasOutput(here) ? here : (dictLink[here] as number);
  }

  const trans = new Int32Array(length * 2);
  for (let i = 0; i < length; i++) {
    const parentSlot = check[i] as number;
    trans[i * 2] = base[i] as number;
    trans[i * 2 + 1] = parentSlot < 0 ? -1 : parentSlot * 2 + ((term[i] as number) >= 0 ? 1 : 0);
  }
  const rootBase = base[0] as number;
  const symInfo = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const sym = symOf[c] as number;
    let info = sym;
    if (sym > 0) {
      const t = rootBase + sym;
      if (check[t] === 0) info |= ROOT_CHILD | ((term[t] as number) >= 0 ? ROOT_OUTPUT : 0);
    }
    symInfo[c] = info | ((PHONE_DIGIT[c] as number) >= 0 ? 1 << DIGIT_SHIFT : 0);
  }
  return {
    keyCount: keys.length,
    stateCount: nodes,
    alphabetSize: A,
    symInfo,
    trans,
    fail,
    term,
    depth,
    dictLink,
    outStart,
    outKeys,
  };
}

/**
 * The rare units of the pass, kept out of its loop: a separator (-1: skip), a dot (-1, noting a
 * URL hint) or a high surrogate (the symbol of the pair it starts, -1 to skip an emoji, 0 for other
 * characters). The loop never moves `i` itself: a pair is read at its high half, and its low half,
 * on its own a skipped unit, is skipped on the next turn.
 */
function rareUnit(a: Automaton, text: string, i: number, sym: number, out: RawHits): number {
  out.irregular = i + 2;
  if (sym === SYM_SKIP) return -1;
  if (sym === SYM_DOT) {
    const next = NORM[text.charCodeAt(i + 1)] as number;
    if ((next >= 0x61 && next <= 0x7a) || next === DOT) out.urlHint = true;
    return -1;
  }
  const lo = text.charCodeAt(i + 1);
  if (!(lo >= 0xdc00 && lo <= 0xdfff)) return -1; // a lone high surrogate
  const u = astralUnit(((text.charCodeAt(i) - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
  if (u <= 0) return u;
  const info = a.symInfo[u] as number;
  out.digits += info >>> DIGIT_SHIFT;
  return info & 0xffff;
}

/**
 * The hot loop: run from `from` in state `out.state` until the end of the text (returns its
 * length), a rare unit (returns its index, the state before it in `out.state`) or a state where
 * keys end (returns `~index` of the unit that reached it, the state in `out.state`). Kept small
 * so that the engine keeps it tight; everything rare happens in `runAutomaton`.
 */
function advance(a: Automaton, text: string, from: number, out: RawHits): number {
  const symInfo = a.symInfo;
  const trans = a.trans;
  const fail = a.fail;
  const rootBase = trans[0] as number;
  const len = text.length;
  let s = out.state;
  let digits = 0;
  let i = from;
  for (; i < len; i++) {
    const info = symInfo[text.charCodeAt(i)] as number;
    const sym = info & 0xffff;
    // One unsigned comparison sets apart the instructions (1–3).
    if ((sym - 1) >>> 0 < SYM_FIRST - 1) break;
    digits += info >>> DIGIT_SHIFT;
    if (s !== 0) {
      if (sym === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        const t = (trans[s * 2] as number) + sym;
        const check = trans[t * 2 + 1] as number;
        if (check >> 1 === s) {
          s = t;
          if ((check & 1) === 1) {
            out.state = s;
            out.digits += digits;
            return ~i;
          }
          break;
        }
        s = fail[s] as number;
        if (s === 0) break;
      }
      if (s !== 0) continue;
    }
    // At the root: its row is folded into `symInfo`.
    if ((info & ROOT_CHILD) !== 0) {
      s = rootBase + sym;
      if ((info & ROOT_OUTPUT) !== 0) {
        out.state = s;
        out.digits += digits;
        return ~i;
      }
    }
  }
  out.state = s;
  out.digits += digits;
  return i;
}

/** One transition from `s` on `sym` (not 0), following failure links. */
function step(a: Automaton, s: number, sym: number): number {
  const trans = a.trans;
  for (;;) {
    const t = (trans[s * 2] as number) + sym;
    if ((trans[t * 2 + 1] as number) >> 1 === s) return t;
    if (s === 0) return 0;
    s = a.fail[s] as number;
  }
}

/**
 * Run the automaton over `text` (the original, not normalised), writing every key occurrence to
 * `out` with its start and end in `text`. Also counts digits and notes URL hints in `out`.
 */
export function runAutomaton(a: Automaton, text: string, out: RawHits): void {
  out.count = 0;
  out.digits = 0;
  out.urlHint = false;
  out.irregular = -1;
  out.state = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const r = advance(a, text, i, out);
    if (r === len) break;
    if (r < 0) {
      // Keys end at the state reached by the unit at ~r.
      emit(a, text, out.state, ~r + 1, out);
      i = ~r + 1;
      continue;
    }
    // A rare unit at r: read it, then take its step here.
    i = r + 1;
    const sym = rareUnit(a, text, r, (a.symInfo[text.charCodeAt(r)] as number) & 0xffff, out);
    if (sym < 0) continue;
    if (sym === 0) {
      out.state = 0;
      continue;
    }
    const s = step(a, out.state, sym);
    out.state = s;
    if (s !== 0 && ((a.trans[s * 2 + 1] as number) & 1) === 1) emit(a, text, s, r + 1, out);
  }
}

/** Record the keys ending at state `s` (and its suffix states) at `end` in `text`. */
function emit(a: Automaton, text: string, s: number, at: number, out: RawHits): void {
  const { term, dictLink, depth, outStart, outKeys } = a;
  // A key ending in a character read as a surrogate pair ends after the pair's low half.
  const high = text.charCodeAt(at - 1);
  const end = high >= 0xd800 && high <= 0xdbff && (text.charCodeAt(at) & 0xfc00) === 0xdc00 ? at + 1 : at;
  for (let t = term[s] as number; t >= 0; t = dictLink[t] as number) {
    const units = depth[t] as number;
    const from = end - units >= out.irregular ? end - units : startOf(text, end, units);
    const last = outStart[t + 1] as number;
    for (let j = outStart[t] as number; j < last; j++) out.push(outKeys[j] as number, from, end);
  }
}

/**
 * Where the last `units` normalised units before `end` start in `text`: walks back skipping what
 * the forward pass skips (separators, emoji, lone surrogates) and taking surrogate pairs whole.
 */
export function startOf(text: string, end: number, units: number): number {
  let j = end;
  let n = 0;
  while (n < units && j > 0) {
    j--;
    const c = text.charCodeAt(j);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const high = text.charCodeAt(j - 1);
      if (high >= 0xd800 && high <= 0xdbff) {
        j--;
        if (astralUnit(((high - 0xd800) << 10) + (c - 0xdc00) + 0x10000) >= 0) n++;
      }
      continue;
    }
    const u = NORM[c] as number;
    if (u === SKIP || u === DOT || (c >= 0xd800 && c <= 0xdbff)) continue;
    n++;
  }
  return j;
}
