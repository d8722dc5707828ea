/**
 * Validation of team packs from outside (a file, a URL, pasted text). Pure: no `browser`; a DOM
 * is used only when the caller passes a selector check that has one.
 *
 * A pack is accepted whole or not at all. Every problem names its place in the pack
 * (`templates[3].body`) and says what is wrong in zh-CN and English. Checks, in order:
 * 1. size (≤ 2 MB of JSON) and JSON syntax;
 * 2. `__proto__` / `constructor` / `prototype` keys anywhere, nesting deeper than any pack needs;
 * 3. counts (≤ 5,000 templates, ≤ 20,000 phrases and exceptions, ≤ 5,000 rules, ≤ 20 consoles),
 *    before the per-item checks, so a pack of 100,000 templates is turned away at once;
 * 4. the shape (valibot): types, required fields, lengths, formats, no unknown fields;
 * 5. meaning: unique ids, known template variables, rules the engine can compile, regular
 *    expressions that are valid and cannot backtrack catastrophically, CSS selectors that parse,
 *    match patterns that are http(s) and no broader than one site.
 *
 * Text in templates and rules is data: `<script>` or `javascript:` in a body or a name is kept as
 * text (the UI renders it as text, never as HTML). `javascript:` is refused in selectors and match
 * patterns, which the extension acts on.
 */
import * as v from 'valibot';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { type ConsoleDefinition, type ConsoleSelectors, PLATFORMS } from './consoles/types';
import type { Pack } from './pack-model';
import { checkRegex, MAX_PATTERN_LENGTH, type RegexProblem } from './regex-safety';
import {
  BUILTIN_DETECTORS,
  builtinName,
  compileRules,
  isDetectorName,
  normalise,
  RULE_CATEGORIES,
  type Rule,
  RuleError,
  SEVERITIES,
} from './rules';
import { selectorSyntaxError } from './selector-syntax';
import { type Template, unknownVariables, VARIABLES } from './templates';

export const PACK_LIMITS = {
  /** Bytes of the pack's JSON (UTF-8). */
  bytes: 2 * 1024 * 1024,
  templates: 5000,
  rules: 5000,
  /** Phrases and exceptions of all rules together. */
  phrases: 20_000,
  /** Rules with a regular expression (each runs on every keystroke). */
  regexRules: 200,
  consoles: 20,
  /** Problems reported at most (the first ones; the count says how many there were). */
  issues: 50,
  depth: 12,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// ————— problems —————

export interface PackIssue {
  /** Where: `templates[3].body`; empty for the pack as a whole. */
  path: string;
  code: IssueCode;
  zh: string;
  en: string;
}

export type PackCheck = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[]; total: number };

type Params = Record<string, string | number>;
const MESSAGES = {
  'too-large': ['话术包太大：{size}，最大 2 MB', 'The pack is too large: {size}; at most 2 MB'],
  json: ['不是有效的 JSON：{detail}', 'Not valid JSON: {detail}'],
  'not-a-pack': [
    '这不是客服守卫话术包（应为 JSON 对象）',
    'This is not a KefuGuard pack (expected a JSON object)',
  ],
  'url-invalid': ['网址无效', 'The URL is not valid'],
  'url-https': ['只能从 https 网址订阅话术包', 'Packs can be subscribed to from https URLs only'],
  'fetch-failed': ['下载失败：{detail}', 'Download failed: {detail}'],
  'http-status': ['服务器返回 {status}', 'The server answered {status}'],
  'id-changed': [
    '网址上的话术包 id 变成了 "{id}"，与已安装的 "{old}" 不同',
    'The pack at the URL now has the id "{id}", not the installed "{old}"',
  ],
  'not-newer': [
    '网址上的版本（{date}）不比已安装的（{old}）新，未更新',
    'The version at the URL ({date}) is not newer than the installed one ({old}); not updated',
  ],
  'forbidden-key': ['不允许使用键名 "{key}"', 'the key "{key}" is not allowed'],
  'too-deep': ['嵌套层级过深', 'is nested too deeply'],
  'not-plain': ['只能是普通的 JSON 对象', 'must be a plain JSON object'],
  'too-many': ['数量过多：{count} 个，最多 {max} 个', 'has too many items: {count}, at most {max}'],
  'too-many-phrases': [
    '违禁词和例外词共 {count} 个，最多 {max} 个',
    'has {count} phrases and exceptions in all, at most {max}',
  ],
  'too-many-regex': [
    '使用正则表达式的规则有 {count} 条，最多 {max} 条',
    'has {count} rules with a regular expression, at most {max}',
  ],
  required: ['缺少必填项', 'is required'],
  'unknown-field': ['不认识的字段（拼写错误？）', 'is not a known field (a typo?)'],
  type: [
    '类型不对：应为{expected}，实际是 {received}',
    'has the wrong type: expected {expectedEn}, got {received}',
  ],
  literal: ['应为 {expected}', 'must be {expected}'],
  'one-of': ['应为以下之一：{expected}', 'must be one of {expected}'],
  empty: ['不能为空', 'must not be empty'],
  'too-short': ['至少需要 {min} 项', 'needs at least {min} items'],
  'too-long': ['太长：最多 {max} 个字符（或项）', 'is too long: at most {max} characters (or items)'],
  blank: ['不能只有空格', 'must not be blank'],
  'id-format': [
    '只能用字母、数字、点、下划线和连字符，且以字母或数字开头',
    'may hold only letters, digits, dots, underscores and hyphens, starting with a letter or digit',
  ],
  'console-id-format': [
    '只能用小写字母、数字和连字符（最多 40 个）',
    'may hold only lower-case letters, digits and hyphens (at most 40)',
  ],
  date: ['应为 YYYY-MM-DD 格式的日期', 'must be a date written YYYY-MM-DD'],
  shortcut: [
    '快捷码应为 / 加最多 20 个字母或数字，如 /fp',
    'must be / and up to 20 letters or digits, e.g. /fp',
  ],
  'control-chars': ['含有不可见的控制字符', 'contains control characters'],
  'selector-list': [
    '应为一个选择器，或最多 10 个备选选择器的数组',
    'must be a selector or an array of up to 10 fallbacks',
  ],
  duplicate: ['与 {other} 的 id 重复', 'repeats the id of {other}'],
  'unknown-variable': [
    '未知变量 {{name}}；可用：{known}',
    'uses the unknown variable {{name}}; known: {known}',
  ],
  'rule-needs-match': [
    '规则至少需要一个违禁词（phrases）或一个 pattern',
    'a rule needs at least one phrase or a pattern',
  ],
  'phrase-empty': ['去掉空格和符号后为空', 'is empty once spaces and symbols are removed'],
  'unknown-detector': [
    '未知的内置检测器 "{name}"；可用：{known}',
    'names an unknown detector "{name}"; known: {known}',
  ],
  'regex-invalid': ['正则表达式无效：{detail}', 'is not a valid regular expression: {detail}'],
  'regex-too-long': ['正则表达式太长：最多 {max} 个字符', 'is too long: at most {max} characters'],
  'regex-nested': [
    '正则表达式含嵌套的重复（{at}），可能导致页面卡死',
    'repeats a group that itself repeats ({at}): it can freeze the page',
  ],
  'regex-overlap': [
    '正则表达式在重复中含可匹配相同文字的分支（{at}），可能导致页面卡死',
    'repeats alternatives that can match the same text ({at}): it can freeze the page',
  ],
  'regex-slow': [
    '正则表达式太慢：{sample} 个字符的测试文本用了 {ms} 毫秒',
    'is too slow: {ms} ms on a test text of {sample} characters',
  ],
  'rule-compile': ['规则无法使用：{detail}', 'cannot be used: {detail}'],
  'selector-invalid': ['CSS 选择器无效：{detail}', 'is not a valid CSS selector: {detail}'],
  'selector-dom': ['浏览器无法解析这个 CSS 选择器', 'is not a CSS selector the browser can parse'],
  'selector-attr': ['attr:NAME 中的属性名无效', 'has an invalid attribute name after attr:'],
  'selector-attr-field': [
    'attr:NAME 只能用于 conversationId、messageId、messageTime',
    'attr:NAME is allowed only in conversationId, messageId and messageTime',
  ],
  'selector-text-field': ['text=… 只能用于 sendButton', 'text=… is allowed only in sendButton'],
  'selector-text-empty': ['text= 后面需要按钮文字', 'needs the button text after text='],
  javascript: ['不允许出现 javascript:', 'must not contain javascript:'],
  'all-urls': ['<all_urls> 会匹配所有网站，不允许', '<all_urls> matches every site and is not allowed'],
  'match-invalid': ['匹配规则无效：{detail}', 'is not a valid match pattern: {detail}'],
  'match-scheme': ['只能匹配 http 或 https 网页', 'may match only http or https pages'],
  'match-broad': [
    '主机名范围太大（{host}）：请写出具体的网站，如 chat.example.com 或 *.example.com',
    'matches too many hosts ({host}): name the site, e.g. chat.example.com or *.example.com',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type IssueCode = keyof typeof MESSAGES;

const fill = (s: string, params: Params) =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

export function makeIssue(path: string, code: IssueCode, params: Params = {}): PackIssue {
  const [zh, en] = MESSAGES[code];
  return { path, code, zh: fill(zh, params), en: fill(en, params) };
}

/** One line per issue: `templates[3].body：不能为空` / `templates[3].body: must not be empty`. */
export function formatIssue(issue: PackIssue, lang: 'zh-CN' | 'en'): string {
  if (lang === 'en') return issue.path ? `${issue.path}: ${issue.en}` : issue.en;
  return issue.path ? `${issue.path}：${issue.zh}` : issue.zh;
}

// ————— paths —————

type PathItem = string | number;
export function pathText(items: readonly PathItem[]): string {
  let out = '';
  for (const k of items) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(k)) out += out === '' ? k : `.${k}`;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out;
}

// ————— step 2: keys, depth, plain objects —————

function scanKeys(value: unknown, path: PathItem[], issues: PackIssue[], depth = 0): void {
  if (issues.length >= PACK_LIMITS.issues) return;
  if (value === null || typeof value !== 'object') return;
  if (depth > PACK_LIMITS.depth) {
    issues.push(makeIssue(pathText(path), 'too-deep'));
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) scanKeys(value[i], [...path, i], issues, depth + 1);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    issues.push(makeIssue(pathText(path), 'not-plain'));
    return;
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') continue;
    if (FORBIDDEN_KEYS.has(key)) {
      issues.push(makeIssue(pathText([...path, key]), 'forbidden-key', { key }));
      continue;
    }
    scanKeys((value as Record<string, unknown>)[key], [...path, key], issues, depth + 1);
  }
}

// ————— step 4: the shape —————

const code = (c: IssueCode) => `code:${c}`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max),
    v.check((s) => !CONTROL.test(s), code('control-chars')),
  );
const required = (max: number) =>
  v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(max),
    v.check((s) => s.trim() !== '', code('blank')),
    v.check((s) => !CONTROL.test(s), code('control-chars')),
  );
const id = (max = 100) =>
  v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.regex(ID, code('id-format')));
const words = (maxItems: number, maxLen: number) => v.pipe(v.array(required(maxLen)), v.maxLength(maxItems));

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const TemplateSchema = v.strictObject({
  id: id(),
  title: required(100),
  body: required(5000),
  group: v.optional(text(30)),
  tags: v.optional(words(20, 30)),
  keywords: v.optional(words(50, 30)),
  shortcut: v.optional(v.pipe(v.string(), v.regex(/^(\/?[A-Za-z0-9]{1,20})?$/, code('shortcut')))),
});

const RuleSchema = v.strictObject({
  id: id(),
  category: v.picklist(RULE_CATEGORIES),
  severity: v.picklist(SEVERITIES),
  phrases: v.optional(words(PACK_LIMITS.phrases, 100)),
  pattern: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_PATTERN_LENGTH)))),
  reason: required(1000),
  reasonEn: v.optional(text(1000)),
  alternative: v.optional(v.nullable(text(1000))),
  alternativeEn: v.optional(v.nullable(text(1000))),
  exceptions: v.optional(words(PACK_LIMITS.phrases, 100)),
  disabled: v.optional(v.boolean()),
});

const Selector = v.pipe(v.string(), v.minLength(1), v.maxLength(500));
const SelectorList = v.union(
  [Selector, v.pipe(v.array(Selector), v.minLength(1), v.maxLength(10))],
  code('selector-list'),
);
/** The selector fields, in the order they are documented. */
export const SELECTOR_KEYS = [
  'conversation',
  'conversationId',
  'conversationNick',
  'activeConversation',
  'unread',
  'conversationWait',
  'conversationLast',
  'threadNick',
  'thread',
  'message',
  'customerMessage',
  'agentMessage',
  'systemMessage',
  'messageText',
  'messageTime',
  'messageId',
  'orderNumber',
  'replyBox',
  'sendButton',
] as const satisfies readonly (keyof ConsoleSelectors)[];
export type SelectorKey = (typeof SELECTOR_KEYS)[number];
/** The selectors a pack's console must have: without them no message can be read, or no reply box found. */
export const REQUIRED_SELECTORS: ReadonlySet<string> = new Set<SelectorKey>([
  'message',
  'customerMessage',
  'agentMessage',
  'messageText',
  'replyBox',
]);
const ATTR_FIELDS = new Set<string>(['conversationId', 'messageId', 'messageTime']);

const SelectorsSchema = v.strictObject(
  Object.fromEntries(
    SELECTOR_KEYS.map((k) => [k, REQUIRED_SELECTORS.has(k) ? SelectorList : v.optional(SelectorList)]),
  ) as Record<(typeof SELECTOR_KEYS)[number], typeof SelectorList>,
);

const ConsoleSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, code('console-id-format'))),
  name: required(60),
  /** Its name in the English UI; `name` when absent. */
  nameEn: v.optional(required(60)),
  platform: v.picklist(PLATFORMS),
  matches: v.pipe(
    v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(500))),
    v.minLength(1),
    v.maxLength(20),
  ),
  selectors: SelectorsSchema,
});

const PackSchema = v.strictObject({
  format: v.literal('kefu-guard-pack'),
  version: v.literal(1),
  id: id(64),
  name: required(100),
  updated: v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, code('date')),
    v.check(isRealDate, code('date')),
  ),
  author: v.optional(text(100)),
  templates: v.optional(v.array(TemplateSchema)),
  rules: v.optional(v.array(RuleSchema)),
  consoles: v.optional(v.array(ConsoleSchema)),
});

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['文本', 'a string'],
  number: ['数字', 'a number'],
  boolean: ['true 或 false', 'true or false'],
  array: ['数组', 'an array'],
  object: ['对象', 'an object'],
  strict_object: ['对象', 'an object'],
  null: ['null', 'null'],
};
const kindOf = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x === 'object' ? 'object' : typeof x;

function fromValibot(issue: v.BaseIssue<unknown>): PackIssue {
  const items: PathItem[] = (issue.path ?? []).map((p) => p.key as PathItem);
  const path = pathText(items);
  if (issue.message.startsWith('code:')) {
    const c = issue.message.slice(5) as IssueCode;
    return makeIssue(path, c in MESSAGES ? c : 'type');
  }
  switch (issue.type) {
    case 'strict_object':
      if (issue.expected === 'never') return makeIssue(path, 'unknown-field');
      break;
    case 'literal':
      return issue.input === undefined
        ? makeIssue(path, 'required')
        : makeIssue(path, 'literal', { expected: String(issue.expected) });
    case 'picklist':
      return issue.input === undefined
        ? makeIssue(path, 'required')
        : makeIssue(path, 'one-of', {
            expected: String(issue.expected).replace(/[()"]/g, '').replace(/ \| /g, ', '),
          });
    case 'min_length': {
      const min = Number(issue.requirement);
      return min <= 1 ? makeIssue(path, 'empty') : makeIssue(path, 'too-short', { min });
    }
    case 'max_length':
      return makeIssue(path, 'too-long', { max: Number(issue.requirement) });
  }
  if (issue.input === undefined) return makeIssue(path, 'required');
  const [zh, en] = TYPE_NAMES[issue.type] ?? [issue.type, issue.type];
  return makeIssue(path, 'type', { expected: zh, expectedEn: en, received: kindOf(issue.input) });
}

// ————— step 5: meaning —————

const AFFIX_SUFFIXES = new Set([
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'edu.cn',
  'com.hk',
  'co.uk',
  'co.jp',
]);

/** Null when `pattern` is an acceptable console match pattern, else the issue (without path). */
export function matchPatternIssue(pattern: string, path = ''): PackIssue | null {
  if (/javascript:/i.test(pattern)) return makeIssue(path, 'javascript');
  if (pattern === '<all_urls>') return makeIssue(path, 'all-urls');
  try {
    new MatchPattern(pattern);
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^Invalid match pattern "[^"]*": /, '') : String(e);
    return makeIssue(path, 'match-invalid', { detail });
  }
  const m = /^([^:]*):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return makeIssue(path, 'match-invalid', { detail: 'scheme://host/path' });
  const [, scheme = '', host = ''] = m;
  if (scheme !== 'http' && scheme !== 'https' && scheme !== '*') return makeIssue(path, 'match-scheme');
  const rest = host.startsWith('*.') ? host.slice(2) : null;
  if (host === '' || host === '*' || (rest !== null && (!rest.includes('.') || AFFIX_SUFFIXES.has(rest))))
    return makeIssue(path, 'match-broad', { host: host || '""' });
  return null;
}

export interface ValidateOptions {
  /**
   * The browser's own selector parser, where a DOM exists (the options page): returns false when
   * `querySelector` throws for the selector. The DOM-free syntax check runs everywhere as well.
   */
  domSelectorCheck?: (selector: string) => boolean;
  /** Skip the regular-expression time check (never in production; tests of other things). */
  skipRegexTiming?: boolean;
}

/** A selector check backed by a real DOM: `querySelector` on an empty fragment. */
export function documentSelectorCheck(doc: Document): (selector: string) => boolean {
  const fragment = doc.createDocumentFragment();
  return (selector) => {
    try {
      fragment.querySelector(selector);
      return true;
    } catch {
      return false;
    }
  };
}

function selectorIssues(
  field: string,
  list: string | readonly string[],
  path: PathItem[],
  options: ValidateOptions,
): PackIssue[] {
  const out: PackIssue[] = [];
  const all = typeof list === 'string' ? [list] : list;
  all.forEach((sel, i) => {
    const at = pathText(typeof list === 'string' ? path : [...path, i]);
    if (/javascript:/i.test(sel)) {
      out.push(makeIssue(at, 'javascript'));
      return;
    }
    if (sel.startsWith('attr:')) {
      if (!ATTR_FIELDS.has(field)) out.push(makeIssue(at, 'selector-attr-field'));
      else if (!/^[A-Za-z_:][-A-Za-z0-9_:.]*$/.test(sel.slice(5))) out.push(makeIssue(at, 'selector-attr'));
      return;
    }
    if (sel.startsWith('text=')) {
      if (field !== 'sendButton') out.push(makeIssue(at, 'selector-text-field'));
      else if (sel.slice(5).trim() === '') out.push(makeIssue(at, 'selector-text-empty'));
      return;
    }
    const problem = selectorSyntaxError(sel);
    if (problem) out.push(makeIssue(at, 'selector-invalid', { detail: problem }));
    else if (options.domSelectorCheck && !options.domSelectorCheck(sel))
      out.push(makeIssue(at, 'selector-dom'));
  });
  return out;
}

function regexIssue(problem: RegexProblem, path: string): PackIssue {
  switch (problem.code) {
    case 'invalid':
      return makeIssue(path, 'regex-invalid', { detail: problem.detail });
    case 'too-long':
      return makeIssue(path, 'regex-too-long', { max: problem.max });
    case 'nested-quantifier':
      return makeIssue(path, 'regex-nested', { at: problem.at });
    case 'overlapping-alternation':
      return makeIssue(path, 'regex-overlap', { at: problem.at });
    case 'slow':
      return makeIssue(path, 'regex-slow', { ms: problem.ms, sample: problem.sample });
  }
}

function duplicates<T extends { id: string }>(items: readonly T[], section: string): PackIssue[] {
  const seen = new Map<string, number>();
  const out: PackIssue[] = [];
  items.forEach((x, i) => {
    const first = seen.get(x.id);
    if (first === undefined) seen.set(x.id, i);
    else out.push(makeIssue(`${section}[${i}].id`, 'duplicate', { other: `${section}[${first}]` }));
  });
  return out;
}

type ParsedPack = v.InferOutput<typeof PackSchema>;

function meaningIssues(p: ParsedPack, options: ValidateOptions): PackIssue[] {
  const issues: PackIssue[] = [];
  const templates = p.templates ?? [];
  const rules = p.rules ?? [];
  const consoles = p.consoles ?? [];
  issues.push(
    ...duplicates(templates, 'templates'),
    ...duplicates(rules, 'rules'),
    ...duplicates(consoles, 'consoles'),
  );

  templates.forEach((t, i) => {
    const unknown = unknownVariables(t.body);
    if (unknown.length > 0)
      issues.push(
        makeIssue(`templates[${i}].body`, 'unknown-variable', {
          name: unknown[0] ?? '',
          known: VARIABLES.map((x) => `{${x}}`).join(' '),
        }),
      );
  });

  let regexRules = 0;
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    const pattern = r.pattern ?? '';
    if ((r.phrases ?? []).length === 0 && pattern === '')
      issues.push(makeIssue(`${at}.phrases`, 'rule-needs-match'));
    for (const key of ['phrases', 'exceptions'] as const) {
      (r[key] ?? []).forEach((phrase, j) => {
        if (normalise(phrase) === '') issues.push(makeIssue(`${at}.${key}[${j}]`, 'phrase-empty'));
      });
    }
    if (pattern === '') return;
    if (/javascript:/i.test(pattern)) {
      issues.push(makeIssue(`${at}.pattern`, 'javascript'));
      return;
    }
    const name = builtinName(pattern);
    if (name !== null) {
      if (!isDetectorName(name))
        issues.push(
          makeIssue(`${at}.pattern`, 'unknown-detector', { name, known: BUILTIN_DETECTORS.join(', ') }),
        );
      return;
    }
    regexRules++;
    const problem = options.skipRegexTiming
      ? checkRegex(pattern, Number.POSITIVE_INFINITY)
      : checkRegex(pattern);
    if (problem) issues.push(regexIssue(problem, `${at}.pattern`));
  });
  if (regexRules > PACK_LIMITS.regexRules)
    issues.push(makeIssue('rules', 'too-many-regex', { count: regexRules, max: PACK_LIMITS.regexRules }));

  consoles.forEach((c, i) => {
    c.matches.forEach((m, j) => {
      const issue = matchPatternIssue(m, `consoles[${i}].matches[${j}]`);
      if (issue) issues.push(issue);
    });
    for (const [field, list] of Object.entries(c.selectors)) {
      if (list === undefined) continue;
      issues.push(...selectorIssues(field, list, ['consoles', i, 'selectors', field], options));
    }
  });

  // what the rule engine itself refuses (e.g. a phrase that normalises to an evasion clash)
  if (issues.length === 0 && rules.length > 0) {
    const enabled = rules.filter((r) => !r.disabled);
    try {
      compileRules(enabled as Rule[]);
    } catch (e) {
      // the rule's place among all the pack's rules (the engine saw the enabled ones)
      const index = e instanceof RuleError ? rules.indexOf(enabled[e.index] as (typeof rules)[number]) : -1;
      const path = e instanceof RuleError && index >= 0 ? `rules[${index}].${e.field}` : 'rules';
      const detail = e instanceof RuleError ? e.detail : e instanceof Error ? e.message : String(e);
      issues.push(makeIssue(path, 'rule-compile', { detail }));
    }
  }
  return issues;
}

// ————— the result —————

function toPack(p: ParsedPack): Pack {
  const pack: Pack = { format: 'kefu-guard-pack', version: 1, id: p.id, name: p.name, updated: p.updated };
  if (p.author !== undefined) pack.author = p.author;
  if (p.templates)
    pack.templates = p.templates.map((t) => {
      const out: Template = { id: t.id, title: t.title, body: t.body, group: t.group ?? '' };
      if (t.tags) out.tags = t.tags;
      if (t.keywords) out.keywords = t.keywords;
      if (t.shortcut) out.shortcut = t.shortcut;
      return out;
    });
  if (p.rules)
    pack.rules = p.rules.map((r) => {
      const out: Rule = {
        id: r.id,
        category: r.category,
        severity: r.severity,
        reason: r.reason,
        reasonEn: r.reasonEn ?? '',
      };
      if (r.phrases) out.phrases = r.phrases;
      if (r.pattern) out.pattern = r.pattern;
      if (r.alternative !== undefined) out.alternative = r.alternative;
      if (r.alternativeEn !== undefined) out.alternativeEn = r.alternativeEn;
      if (r.exceptions) out.exceptions = r.exceptions;
      if (r.disabled) out.disabled = true;
      return out;
    });
  if (p.consoles)
    pack.consoles = p.consoles.map(
      (c): ConsoleDefinition => ({
        id: c.id,
        name: c.name,
        ...(c.nameEn ? { nameEn: c.nameEn } : {}),
        platform: c.platform,
        matches: c.matches,
        selectors: c.selectors as ConsoleSelectors,
      }),
    );
  return pack;
}

function fail(issues: PackIssue[]): PackCheck {
  return { ok: false, issues: issues.slice(0, PACK_LIMITS.issues), total: issues.length };
}

const arrayLength = (x: unknown): number => (Array.isArray(x) ? x.length : 0);

/** Validates a parsed pack (any value). */
export function validatePack(input: unknown, options: ValidateOptions = {}): PackCheck {
  const early: PackIssue[] = [];
  scanKeys(input, [], early);
  if (early.length > 0) return fail(early);
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return fail([makeIssue('', 'not-a-pack')]);

  // counts first: a pack of 100,000 templates is refused before any of them is looked at
  const raw = input as Record<string, unknown>;
  const limits: [string, number][] = [
    ['templates', PACK_LIMITS.templates],
    ['rules', PACK_LIMITS.rules],
    ['consoles', PACK_LIMITS.consoles],
  ];
  for (const [key, max] of limits) {
    const count = arrayLength(raw[key]);
    if (count > max) early.push(makeIssue(key, 'too-many', { count, max }));
  }
  let phrases = 0;
  if (Array.isArray(raw.rules))
    for (const r of raw.rules as unknown[])
      if (r !== null && typeof r === 'object') {
        phrases += arrayLength((r as Record<string, unknown>).phrases);
        phrases += arrayLength((r as Record<string, unknown>).exceptions);
      }
  if (phrases > PACK_LIMITS.phrases)
    early.push(makeIssue('rules', 'too-many-phrases', { count: phrases, max: PACK_LIMITS.phrases }));
  if (early.length > 0) return fail(early);

  const parsed = v.safeParse(PackSchema, input, { abortEarly: false, abortPipeEarly: true });
  if (!parsed.success) return fail(parsed.issues.map(fromValibot));
  const issues = meaningIssues(parsed.output, options);
  if (issues.length > 0) return fail(issues);
  return { ok: true, pack: toPack(parsed.output) };
}

/** Bytes of a string in UTF-8. */
export const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** Validates a pack's JSON text (a file's contents, a download, pasted text). */
export function parsePackText(source: string, options: ValidateOptions = {}): PackCheck {
  // a UTF-16 string of n units is at least n bytes: refuse huge texts before encoding them
  const bytes = source.length > PACK_LIMITS.bytes ? source.length : utf8Length(source);
  if (bytes > PACK_LIMITS.bytes) return fail([makeIssue('', 'too-large', { size: formatSize(bytes) })]);
  let json: unknown;
  try {
    json = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail([makeIssue('', 'json', { detail })]);
  }
  return validatePack(json, options);
}
