/**
 * Is a regular expression from a pack safe to run on every keystroke? (pure)
 *
 * Three checks, cheapest first:
 * 1. it compiles (with the flags the rule engine uses);
 * 2. its shape: no repeated group that itself holds an unbounded repeat (`(a+)+`, `(.*)*`), and no
 *    repeated alternation whose branches can start with the same character or match nothing
 *    (`(a|a)*`, `(a|ab)+`, `(a|)*`): the shapes of catastrophic backtracking;
 * 3. a time check: the expression runs against pathological strings of growing length built from
 *    its own characters; a run over the limit rejects it when two more runs of the same string are
 *    over it too (a garbage collection or another process can stall one run; a slow expression is
 *    slow every time). The ladder stops at the first slow step, so a bad expression costs tens of
 *    milliseconds, never a hang.
 */

export type RegexProblem =
  | { code: 'invalid'; detail: string }
  | { code: 'too-long'; max: number }
  | { code: 'nested-quantifier'; at: string }
  | { code: 'overlapping-alternation'; at: string }
  | { code: 'slow'; ms: number; sample: number };

export const MAX_PATTERN_LENGTH = 500;
/**
 * A pattern whose runs over one test string all take longer than this is "slow". A common e-mail
 * pattern (`[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`, quadratic on a run of letters) takes ~11 ms on
 * the longest string (2,048 characters) on a slow machine: the limit leaves it room on slower or
 * busy ones, where its verdict must not change (at 15 ms a busy test run refused it now and then).
 */
export const SLOW_RUN_MS = 30;

// ————— a small parser for the shape check —————

type CharTest = (c: string) => boolean;

interface Atom {
  kind: 'char' | 'set' | 'group' | 'assert' | 'backref';
  /** For char/set: the characters it matches. */
  test?: CharTest;
  /** For groups: the alternatives. */
  alts?: Atom[][];
  min: number;
  max: number;
  /** Source text of the atom (for messages). */
  src: string;
}

const isDigit: CharTest = (c) => c >= '0' && c <= '9';
const isWord: CharTest = (c) => /\w/.test(c);
const isSpace: CharTest = (c) => /\s/.test(c);
const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  D: (c) => !isDigit(c),
  w: isWord,
  W: (c) => !isWord(c),
  s: isSpace,
  S: (c) => !isSpace(c),
};

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  parseAlternatives(): Atom[][] {
    const alts: Atom[][] = [[]];
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const start = this.i;
      const atom = this.parseAtom();
      this.parseQuantifier(atom);
      atom.src = this.src.slice(start, this.i);
      (alts[alts.length - 1] as Atom[]).push(atom);
    }
    return alts;
  }

  parseAtom(): Atom {
    const c = this.src[this.i] as string;
    if (c === '(') {
      this.i++;
      let assertion = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
        this.i += 2;
        assertion = true;
      } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        this.i += 3;
        assertion = true;
      } else if (this.src.startsWith('?<', this.i)) {
        const close = this.src.indexOf('>', this.i);
        this.i = close < 0 ? this.src.length : close + 1;
      }
      const alts = this.parseAlternatives();
      this.i++; // ')'
      return { kind: assertion ? 'assert' : 'group', alts, min: 1, max: 1, src: '' };
    }
    if (c === '[') return this.parseClass();
    if (c === '\\') return this.parseEscape();
    this.i++;
    if (c === '^' || c === '$') return { kind: 'assert', min: 1, max: 1, src: c };
    if (c === '.') return { kind: 'set', test: (x) => x !== '\n' && x !== '\r', min: 1, max: 1, src: c };
    return { kind: 'char', test: (x) => x === c, min: 1, max: 1, src: c };
  }

  parseClass(): Atom {
    const start = this.i;
    this.i++; // '['
    if (this.src[this.i] === '^') this.i++;
    if (this.src[this.i] === ']') this.i++; // `[]]` is not JS, but `[^]` is: handled by the RegExp below
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      if (this.src[this.i] === '\\') this.i++;
      this.i++;
    }
    this.i++;
    const body = this.src.slice(start, this.i);
    let re: RegExp;
    try {
      re = new RegExp(`^${body}$`);
    } catch {
      re = /^[\s\S]$/;
    }
    return { kind: 'set', test: (x) => re.test(x), min: 1, max: 1, src: body };
  }

  parseEscape(): Atom {
    this.i++;
    const c = this.src[this.i] ?? '';
    this.i++;
    const cls = CLASS_ESCAPES[c];
    if (cls) return { kind: 'set', test: cls, min: 1, max: 1, src: `\\${c}` };
    if (c === 'b' || c === 'B') return { kind: 'assert', min: 1, max: 1, src: `\\${c}` };
    if (c >= '1' && c <= '9') {
      while (isDigit(this.src[this.i] ?? '')) this.i++;
      return { kind: 'backref', min: 1, max: 1, src: '\\' };
    }
    if (c === 'k' && this.src[this.i] === '<') {
      const close = this.src.indexOf('>', this.i);
      this.i = close < 0 ? this.src.length : close + 1;
      return { kind: 'backref', min: 1, max: 1, src: '\\k' };
    }
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
    let ch = simple[c] ?? c;
    if (c === 'x' || c === 'u') {
      const len = c === 'x' ? 2 : 4;
      const hex = this.src.slice(this.i, this.i + len);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
        ch = String.fromCharCode(Number.parseInt(hex, 16));
        this.i += len;
      }
    }
    return { kind: 'char', test: (x) => x === ch, min: 1, max: 1, src: `\\${c}` };
  }

  parseQuantifier(atom: Atom): void {
    const c = this.src[this.i];
    if (c === '*') [atom.min, atom.max] = [0, Infinity];
    else if (c === '+') [atom.min, atom.max] = [1, Infinity];
    else if (c === '?') [atom.min, atom.max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return;
      atom.min = Number(m[1]);
      atom.max = m[2] === undefined ? atom.min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy
  }
}

/** Characters that decide whether two branches can start alike. */
const SAMPLES: readonly string[] = (() => {
  const out: string[] = ['\n', '\t', '\r'];
  for (let c = 0x20; c < 0x7f; c++) out.push(String.fromCharCode(c));
  out.push('微', '信', '的', '一', '，', '。', '０', 'ａ', '\u00a0');
  return out;
})();

/** The tests for the characters an alternative can start with; null when it can match nothing. */
function firstTests(alt: readonly Atom[]): CharTest[] | null {
  const tests: CharTest[] = [];
  for (const atom of alt) {
    if (atom.kind === 'assert') continue;
    if (atom.kind === 'backref') return null; // unknown: treat as overlapping
    if (atom.kind === 'group') {
      let nullable = false;
      for (const inner of atom.alts ?? []) {
        const t = firstTests(inner);
        if (t === null) nullable = true;
        else tests.push(...t);
      }
      if (!nullable && atom.min > 0) return tests;
      continue;
    }
    if (atom.test) tests.push(atom.test);
    if (atom.min > 0) return tests;
  }
  return null;
}

function overlaps(a: readonly CharTest[], b: readonly CharTest[], literals: readonly string[]): boolean {
  for (const c of [...SAMPLES, ...literals]) if (a.some((t) => t(c)) && b.some((t) => t(c))) return true;
  return false;
}

const hasUnboundedRepeat = (alts: readonly Atom[][]): boolean =>
  alts.some((alt) =>
    alt.some((a) => a.max === Infinity || (a.alts !== undefined && hasUnboundedRepeat(a.alts))),
  );

function shapeProblem(atoms: readonly Atom[][], literals: readonly string[]): RegexProblem | null {
  for (const alt of atoms) {
    for (const atom of alt) {
      if (!atom.alts) continue;
      if (atom.kind === 'group' && atom.max === Infinity) {
        if (hasUnboundedRepeat(atom.alts)) return { code: 'nested-quantifier', at: atom.src };
        if (atom.alts.length > 1) {
          const firsts = atom.alts.map(firstTests);
          for (let i = 0; i < firsts.length; i++) {
            const fi = firsts[i];
            if (fi === null || fi === undefined) return { code: 'overlapping-alternation', at: atom.src };
            for (let j = i + 1; j < firsts.length; j++) {
              const fj = firsts[j];
              if (fj === null || fj === undefined || overlaps(fi, fj, literals))
                return { code: 'overlapping-alternation', at: atom.src };
            }
          }
        }
      }
      const inner = shapeProblem(atom.alts, literals);
      if (inner) return inner;
    }
  }
  return null;
}

// ————— the time check —————

function seedChars(source: string): string[] {
  const seeds = new Set<string>(['a', '0', ' ', '微', 'x']);
  for (const ch of source.replace(/\\[dDwWsSbBnrtfv]/g, '')) {
    if (seeds.size >= 12) break;
    if (!/[\\()[\]{}|*+?^$.]/.test(ch)) seeds.add(ch);
  }
  return [...seeds];
}

/** Runs over one string before it is judged slow (the fastest counts). */
const RUNS_WHEN_SLOW = 3;

/**
 * The slowest string's time (ms: the fastest of its runs) and its length, stopping at the first
 * string over `limitMs`. `now` is the clock (tests give their own).
 */
function timeCheck(
  regex: RegExp,
  source: string,
  limitMs: number,
  now: () => number,
): { ms: number; sample: number } {
  const seeds = seedChars(source);
  const literals = seeds.join('');
  let worst = { ms: 0, sample: 0 };
  const once = (s: string): number => {
    const t0 = now();
    regex.lastIndex = 0;
    regex.test(s);
    return now() - t0;
  };
  const run = (s: string): boolean => {
    let ms = once(s);
    // over the limit: the string again, and the fastest run counts
    for (let i = 1; i < RUNS_WHEN_SLOW && ms > limitMs; i++) ms = Math.min(ms, once(s));
    if (ms > worst.ms) worst = { ms, sample: s.length };
    return ms > limitMs;
  };
  // exponential blow-ups show on short strings; polynomial ones on long strings
  for (const n of [8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]) {
    for (const c of seeds) if (run(`${c.repeat(n)}\u0001`)) return worst;
    if (run(`${literals.repeat(Math.ceil(n / literals.length))}\u0001`)) return worst;
  }
  for (const n of [40, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048]) {
    for (const c of seeds) if (run(`${c.repeat(n)}\u0001`)) return worst;
  }
  return worst;
}

/**
 * Checks a pattern the way the rule engine will run it (`new RegExp(source, 'g')`).
 * Returns null when it is safe, else the first problem found.
 */
export function checkRegex(
  source: string,
  limitMs = SLOW_RUN_MS,
  now: () => number = () => performance.now(),
): RegexProblem | null {
  if (source.length > MAX_PATTERN_LENGTH) return { code: 'too-long', max: MAX_PATTERN_LENGTH };
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'g');
  } catch (e) {
    return { code: 'invalid', detail: e instanceof Error ? e.message : String(e) };
  }
  const parser = new Parser(source);
  const atoms = parser.parseAlternatives();
  const shape = shapeProblem(atoms, seedChars(source));
  if (shape) return shape;
  const timed = timeCheck(regex, source, limitMs, now);
  return timed.ms > limitMs ? { code: 'slow', ms: Math.round(timed.ms), sample: timed.sample } : null;
}
