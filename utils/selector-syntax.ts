/**
 * A CSS selector syntax check that needs no DOM (the background worker has none). Pure.
 *
 * It accepts the selectors `querySelector` understands that make sense for finding a console's
 * parts: type, `*`, `#id`, `.class`, attribute selectors with every operator and the `i`/`s` flags,
 * the combinators (descendant, `>`, `+`, `~`), selector lists, and the structural and state
 * pseudo-classes (including `:not()`, `:is()`, `:where()`, `:has()` and `:nth-*()`). Pseudo-elements
 * (`::before`) never match an element and are rejected. Where a DOM exists, callers also run the
 * browser's own parser (see `pack-schema.ts`), so a selector passes only when both accept it.
 */

const PSEUDO_PLAIN = new Set([
  'active',
  'any-link',
  'checked',
  'default',
  'defined',
  'disabled',
  'empty',
  'enabled',
  'first-child',
  'first-of-type',
  'focus',
  'focus-visible',
  'focus-within',
  'hover',
  'in-range',
  'indeterminate',
  'invalid',
  'last-child',
  'last-of-type',
  'link',
  'only-child',
  'only-of-type',
  'optional',
  'out-of-range',
  'placeholder-shown',
  'read-only',
  'read-write',
  'required',
  'root',
  'scope',
  'target',
  'valid',
  'visited',
]);
const PSEUDO_SELECTOR_ARG = new Set(['not', 'is', 'where', 'has']);
const PSEUDO_NTH = new Set(['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type']);
const PSEUDO_IDENT_ARG = new Set(['lang', 'dir']);

/** Thrown inside the parser; turned into the returned message. */
class SyntaxProblem extends Error {}

const NAME_START = /[A-Za-z_\u0080-\uffff]/;
const NAME_CHAR = /[A-Za-z0-9_\-\u0080-\uffff]/;

class SelectorParser {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new SyntaxProblem(`${what} at position ${this.i + 1}`);
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  ws(): boolean {
    const start = this.i;
    while (/\s/.test(this.peek()) && this.i < this.s.length) this.i++;
    return this.i > start;
  }

  /** An identifier, with CSS escapes (`\31 23`, `\:`). */
  ident(): string {
    const start = this.i;
    if (this.peek() === '-') {
      this.i++;
      if (this.peek() === '-') this.i++;
    }
    const first = this.peek();
    if (first === '\\') this.escape();
    else if (NAME_START.test(first)) this.i++;
    else this.fail('expected a name');
    for (;;) {
      const c = this.peek();
      if (c === '\\') this.escape();
      else if (c !== '' && NAME_CHAR.test(c)) this.i++;
      else break;
    }
    return this.s.slice(start, this.i);
  }

  escape(): void {
    this.i++; // backslash
    if (this.i >= this.s.length || this.peek() === '\n') this.fail('unfinished escape');
    const hex = /^[0-9a-fA-F]{1,6}\s?/.exec(this.s.slice(this.i));
    this.i += hex ? hex[0].length : 1;
  }

  string(): void {
    const quote = this.peek();
    this.i++;
    while (this.i < this.s.length && this.peek() !== quote) {
      if (this.peek() === '\n') this.fail('line break in a string');
      if (this.peek() === '\\') this.i++;
      this.i++;
    }
    if (this.peek() !== quote) this.fail('unclosed string');
    this.i++;
  }

  /** selector-list := complex ( ',' complex )* */
  list(relative = false): void {
    for (;;) {
      this.ws();
      this.complex(relative);
      this.ws();
      if (this.peek() !== ',') return;
      this.i++;
    }
  }

  complex(relative: boolean): void {
    if (relative && /[>+~]/.test(this.peek())) {
      this.i++;
      this.ws();
    }
    this.compound();
    for (;;) {
      const hadSpace = this.ws();
      const c = this.peek();
      if (c === '>' || c === '+' || c === '~') {
        this.i++;
        this.ws();
        this.compound();
      } else if (hadSpace && c !== '' && c !== ',' && c !== ')') {
        this.compound();
      } else return;
    }
  }

  compound(): void {
    let parts = 0;
    const c0 = this.peek();
    if (c0 === '*') {
      this.i++;
      parts++;
    } else if (c0 === '\\' || c0 === '-' || NAME_START.test(c0)) {
      this.ident();
      parts++;
    }
    for (;;) {
      const c = this.peek();
      if (c === '#') {
        this.i++;
        // an id may start with a digit only when escaped; CSS identifiers follow
        this.ident();
      } else if (c === '.') {
        this.i++;
        this.ident();
      } else if (c === '[') this.attribute();
      else if (c === ':') this.pseudo();
      else break;
      parts++;
    }
    if (parts === 0)
      this.fail(this.peek() === '' ? 'selector ends too early' : `unexpected "${this.peek()}"`);
  }

  attribute(): void {
    this.i++; // [
    this.ws();
    this.ident();
    this.ws();
    const op = /^[~|^$*]?=/.exec(this.s.slice(this.i));
    if (op) {
      this.i += op[0].length;
      this.ws();
      const q = this.peek();
      if (q === '"' || q === "'") this.string();
      else this.ident();
      this.ws();
      if (/[iIsS]/.test(this.peek()) && /[\s\]]/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        this.ws();
      }
    }
    if (this.peek() !== ']') this.fail('expected "]"');
    this.i++;
  }

  pseudo(): void {
    this.i++; // :
    if (this.peek() === ':') this.fail('pseudo-elements (::) never match an element');
    const name = this.ident().toLowerCase();
    if (this.peek() !== '(') {
      if (PSEUDO_PLAIN.has(name)) return;
      if (PSEUDO_SELECTOR_ARG.has(name) || PSEUDO_NTH.has(name) || PSEUDO_IDENT_ARG.has(name))
        this.fail(`:${name} needs an argument`);
      this.fail(`unknown pseudo-class ":${name}"`);
    }
    this.i++; // (
    if (PSEUDO_SELECTOR_ARG.has(name)) this.list(name === 'has');
    else if (PSEUDO_NTH.has(name)) this.nth();
    else if (PSEUDO_IDENT_ARG.has(name)) {
      this.ws();
      this.ident();
      this.ws();
    } else this.fail(`unknown pseudo-class ":${name}()"`);
    if (this.peek() !== ')') this.fail('expected ")"');
    this.i++;
  }

  /** an+b, odd, even, optionally `of S` (for nth-child) */
  nth(): void {
    this.ws();
    const m = /^(odd|even|[+-]?\d*n(\s*[+-]\s*\d+)?|[+-]?\d+)/i.exec(this.s.slice(this.i));
    if (!m || m[0] === '') this.fail('expected an+b, odd or even');
    this.i += m[0].length;
    this.ws();
    if (/^of\s/i.test(this.s.slice(this.i))) {
      this.i += 2;
      this.list();
    }
  }
}

/** Null when `selector` is a valid CSS selector, else what is wrong (English). */
export function selectorSyntaxError(selector: string): string | null {
  if (selector.trim() === '') return 'is empty';
  if (/[{};<]/.test(selector)) return 'contains "{", "}", ";" or "<", which no selector has';
  const p = new SelectorParser(selector);
  try {
    p.list();
    p.ws();
    if (p.i < selector.length) p.fail(`unexpected "${p.peek()}"`);
    return null;
  } catch (e) {
    if (e instanceof SyntaxProblem) return e.message;
    throw e;
  }
}
