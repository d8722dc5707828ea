/**
 * Reply templates (pure): variables, search as you type, suggestions from the customer's message.
 */
import { pinyinInitials } from './pinyin';

export interface Template {
  id: string;
  title: string;
  body: string;
  group: string;
  tags?: string[];
  /** Words in a customer's message that make this template a suggestion. */
  keywords?: string[];
  /** A code typed in the picker, e.g. `/fp`. */
  shortcut?: string;
}

/** The groups agents know, in the order the picker shows them. */
export const GROUPS = ['售前', '售中', '售后', '退换货', '发票', '物流', '催付', '安抚', '结束语'] as const;

// ————— variables —————

export const VARIABLES = [
  '买家昵称',
  '客服昵称',
  '店铺名',
  '订单号',
  '商品名',
  '问候语',
  '日期',
  '光标',
] as const;
export type VariableName = (typeof VARIABLES)[number];

export type VariableValues = Partial<
  Record<Exclude<VariableName, '问候语' | '日期' | '光标'>, string | null>
>;

export interface Gap {
  name: string;
  start: number;
  end: number;
}

export interface Rendered {
  text: string;
  /** Where the caret goes ({光标}, else the end). */
  caret: number;
  /** Values that were missing: visible placeholders the agent must fill (the first is selected). */
  gaps: Gap[];
}

/** 早上好 / 中午好 / 下午好 / 晚上好 by the local hour. */
export function greeting(date: Date): string {
  const h = date.getHours();
  if (h >= 5 && h < 11) return '早上好';
  if (h >= 11 && h < 13) return '中午好';
  if (h >= 13 && h < 18) return '下午好';
  return '晚上好';
}

const VAR = /\{([^{}\n]{1,12})\}/g;

/** A missing value shows as 【name】: visible, selected after insertion, never a literal {…}. */
export const gapText = (name: string) => `【${name}】`;

/** Fills a template body. Unknown or missing variables become gaps. */
export function renderTemplate(body: string, values: VariableValues, now: Date): Rendered {
  let text = '';
  let caret = -1;
  const gaps: Gap[] = [];
  let last = 0;
  for (const m of body.matchAll(VAR)) {
    const name = m[1] ?? '';
    text += body.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    if (name === '光标') {
      if (caret < 0) caret = text.length;
      continue;
    }
    let value: string | null | undefined;
    if (name === '问候语') value = greeting(now);
    else if (name === '日期') value = `${now.getMonth() + 1}月${now.getDate()}日`;
    else value = values[name as keyof VariableValues];
    if (value) {
      text += value;
    } else {
      const g = gapText(name);
      gaps.push({ name, start: text.length, end: text.length + g.length });
      text += g;
    }
  }
  text += body.slice(last);
  return { text, caret: caret < 0 ? text.length : caret, gaps };
}

/** Variables a body uses that the renderer does not know (for pack validation). */
export function unknownVariables(body: string): string[] {
  const known = new Set<string>(VARIABLES);
  return [...body.matchAll(VAR)].map((m) => m[1] ?? '').filter((n) => !known.has(n));
}

// ————— search —————

interface Entry {
  t: Template;
  /** Position by title in pinyin order (ties of the ranking go alphabetically). */
  order: number;
  title: string;
  body: string;
  tags: string;
  initials: string;
  shortcut: string;
  groupRank: number;
}

export interface SearchHit {
  template: Template;
  score: number;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** A search index over templates: built once per template set, queried on every keystroke. */
export class TemplateIndex {
  private readonly entries: Entry[];
  /** The empty query's order (group, then title) and the entries by template id. */
  private readonly byDefault: Entry[];
  private readonly byId: Map<string, Entry>;
  /** The last query, and every entry that matched it (the next keystroke searches only those). */
  private last: { q: string; matched: Entry[] } | null = null;

  constructor(readonly templates: readonly Template[]) {
    const collator = new Intl.Collator('zh-Hans-CN');
    const order = new Map(
      [...templates].sort((a, b) => collator.compare(a.title, b.title)).map((t, i) => [t, i] as const),
    );
    this.entries = templates.map((t) => ({
      t,
      order: order.get(t) ?? 0,
      title: fold(t.title),
      body: fold(t.body),
      tags: fold((t.tags ?? []).join(' ')),
      initials: `${pinyinInitials(t.title)} ${pinyinInitials((t.tags ?? []).join(' '))}`,
      shortcut: fold(t.shortcut ?? '').replace(/^\//, ''),
      groupRank: groupRank(t.group),
    }));
    this.byDefault = [...this.entries].sort((a, b) => a.groupRank - b.groupRank || a.order - b.order);
    this.byId = new Map();
    for (const e of this.entries) if (!this.byId.has(e.t.id)) this.byId.set(e.t.id, e);
  }

  /**
   * Templates matching `query` (title, body, tags, pinyin initials, shortcut), best first; with an
   * empty query, all of them by use. `uses` counts how often each template id was used.
   */
  search(query: string, uses: ReadonlyMap<string, number> = new Map(), limit = 50): SearchHit[] {
    const q = fold(query).replace(/^\//, '');
    if (q === '') {
      this.last = null;
      return this.all(uses, limit);
    }
    const latin = /^[a-z0-9]+$/.test(q);
    // typing on: only what matched the shorter query can match this one
    const pool = this.last && q.startsWith(this.last.q) ? this.last.matched : this.entries;
    const matched: Entry[] = [];
    // the best `limit` kept as they come (no object per match: a keystroke makes little garbage)
    const top: { e: Entry; score: number }[] = [];
    for (const e of pool) {
      const s = score(e, q, latin);
      // (a shortcut only begun matches no clause yet, but may match the next keystroke's)
      if (s > 0 || (e.shortcut !== '' && e.shortcut.startsWith(q))) matched.push(e);
      if (s > 0) keep(top, limit, e, s + Math.log2(1 + (uses.get(e.t.id) ?? 0)));
    }
    this.last = { q, matched };
    return top.map((r) => ({ template: r.e.t, score: r.score }));
  }

  /** Every template, most used first, then by group and title (the used ones are few: no full sort). */
  private all(uses: ReadonlyMap<string, number>, limit: number): SearchHit[] {
    const used: { e: Entry; score: number }[] = [];
    for (const [id, n] of uses) {
      const e = n > 0 ? this.byId.get(id) : undefined;
      if (e) used.push({ e, score: 1 + Math.log2(1 + n) });
    }
    used.sort(byRank);
    const out = used.slice(0, limit).map((r) => ({ template: r.e.t, score: r.score }));
    const taken = new Set(used.map((r) => r.e));
    for (const e of this.byDefault) {
      if (out.length >= limit) break;
      if (!taken.has(e)) out.push({ template: e.t, score: 1 });
    }
    return out;
  }

  byShortcut(code: string): Template | null {
    const c = fold(code).replace(/^\//, '');
    return c ? (this.entries.find((e) => e.shortcut === c)?.t ?? null) : null;
  }
}

function groupRank(group: string): number {
  const i = (GROUPS as readonly string[]).indexOf(group);
  return i < 0 ? GROUPS.length : i;
}

const byRank = (a: { e: Entry; score: number }, b: { e: Entry; score: number }) =>
  b.score - a.score || a.e.groupRank - b.e.groupRank || a.e.order - b.e.order;

/**
 * Keeps `top` the best `n` seen so far in `byRank` order (ties: the earlier one first, as a stable
 * sort would), making an object only for an entry that gets in.
 */
function keep(top: { e: Entry; score: number }[], n: number, e: Entry, score: number): void {
  if (top.length === n && !ranksBefore(e, score, top[n - 1] as { e: Entry; score: number })) return;
  let i = top.length === n ? n - 1 : top.length;
  while (i > 0 && ranksBefore(e, score, top[i - 1] as { e: Entry; score: number })) i--;
  top.splice(i, 0, { e, score });
  if (top.length > n) top.pop();
}

/** Whether `e` with `score` comes before `x` (`byRank`; an equal one stays after). */
function ranksBefore(e: Entry, score: number, x: { e: Entry; score: number }): boolean {
  if (score !== x.score) return score > x.score;
  if (e.groupRank !== x.e.groupRank) return e.groupRank < x.e.groupRank;
  return e.order < x.e.order;
}

function score(e: Entry, q: string, latin: boolean): number {
  let s = 0;
  if (e.shortcut && e.shortcut === q) s += 100;
  if (e.title.startsWith(q)) s += 40;
  else if (e.title.includes(q)) s += 25;
  if (latin) {
    if (e.initials.startsWith(q)) s += 30;
    else if (e.initials.includes(q)) s += 15;
    if (e.shortcut.startsWith(q)) s += 20;
  }
  if (e.tags.includes(q)) s += 15;
  if (e.body.includes(q)) s += 8;
  return s;
}

// ————— suggestions —————

/**
 * Up to `limit` templates whose keywords appear in the customer's message, best first: more and
 * longer keywords matched rank higher, then more used.
 */
/** A template set's keywords, folded once and filed by their first character. */
interface KeywordIndex {
  byFirst: Map<string, { kw: string; t: Template; at: number; id: number }[]>;
}
const keywordIndexes = new WeakMap<readonly Template[], KeywordIndex>();
function keywordIndex(templates: readonly Template[]): KeywordIndex {
  let index = keywordIndexes.get(templates);
  if (index) return index;
  const byFirst: KeywordIndex['byFirst'] = new Map();
  let id = 0;
  templates.forEach((t, at) => {
    for (const kw of new Set((t.keywords ?? []).map(fold))) {
      if (!kw) continue;
      const first = kw[0] as string;
      const entry = { kw, t, at, id: id++ };
      const list = byFirst.get(first);
      if (list) list.push(entry);
      else byFirst.set(first, [entry]);
    }
  });
  index = { byFirst };
  keywordIndexes.set(templates, index);
  return index;
}

/**
 * Templates for a customer's message: each keyword found in it scores 10 plus its length (once,
 * however often it occurs), use breaks near-ties; one pass over the message, not one per keyword.
 */
export function suggestTemplates(
  message: string,
  templates: readonly Template[],
  uses: ReadonlyMap<string, number> = new Map(),
  limit = 3,
): Template[] {
  const text = fold(message);
  if (!text) return [];
  const { byFirst } = keywordIndex(templates);
  const found = new Set<number>();
  const scores = new Map<Template, { s: number; at: number }>();
  for (let i = 0; i < text.length; i++) {
    const candidates = byFirst.get(text[i] as string);
    if (!candidates) continue;
    for (const e of candidates) {
      if (found.has(e.id) || !text.startsWith(e.kw, i)) continue;
      found.add(e.id);
      const known = scores.get(e.t);
      if (known) known.s += 10 + e.kw.length;
      else scores.set(e.t, { s: 10 + e.kw.length, at: e.at });
    }
  }
  const ranked: { t: Template; s: number; at: number }[] = [];
  for (const [t, { s, at }] of scores) ranked.push({ t, s: s + Math.log2(1 + (uses.get(t.id) ?? 0)), at });
  ranked.sort((a, b) => b.s - a.s || a.at - b.at);
  return ranked.slice(0, limit).map((r) => r.t);
}
