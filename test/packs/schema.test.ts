/**
 * Pack validation: valid packs pass whole; malformed and hostile ones are refused, each with a
 * clear error naming its path, and refusing changes nothing installed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { installPack } from '../../utils/pack-install';
import type { InstalledPack } from '../../utils/pack-model';
import {
  documentSelectorCheck,
  formatIssue,
  matchPatternIssue,
  PACK_LIMITS,
  type PackCheck,
  parsePackText,
  validatePack,
} from '../../utils/pack-schema';
import { ROOT } from '../support/server';
import { clone, fullPack } from './fixtures';

const fast = { skipRegexTiming: true } as const;
type AnyPack = ReturnType<typeof fullPack>;
type Obj = Record<string, unknown>;
const at = <T = Obj>(x: unknown, ...path: (string | number)[]): T =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], x) as T;

function issuesOf(check: PackCheck) {
  if (check.ok) throw new Error('expected the pack to be refused');
  return check.issues;
}

describe('valid packs', () => {
  test.each(['default-rules.json', 'default-templates.json'])('the shipped %s', (file) => {
    const check = parsePackText(readFileSync(join(ROOT, 'public', 'packs', file), 'utf8'));
    expect(check.ok).toBe(true);
  });

  test('the full example: every section, kept as written', () => {
    const check = validatePack(fullPack());
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.pack.templates?.[0]).toEqual(fullPack().templates?.[0]);
    expect(check.pack.rules?.map((r) => r.id)).toEqual([
      'acme-internal-price',
      'acme-order-no',
      'acme-wechat-id',
    ]);
    expect(check.pack.consoles?.[0]?.selectors.sendButton).toEqual(['button.acme-send', 'text=发送']);
    expect(check.pack.consoles?.[0]?.nameEn).toBe('Acme service desk');
  });

  test('every section is optional', () => {
    const check = validatePack({
      format: 'kefu-guard-pack',
      version: 1,
      id: 'empty',
      name: '空包',
      updated: '2026-01-31',
    });
    expect(check.ok).toBe(true);
  });

  test('a template without group or tags gets group ""', () => {
    const check = validatePack({
      format: 'kefu-guard-pack',
      version: 1,
      id: 'bare',
      name: 'bare',
      updated: '2026-01-31',
      templates: [{ id: 't', title: '标题', body: '内容' }],
    });
    expect(check.ok && check.pack.templates?.[0]).toEqual({
      id: 't',
      title: '标题',
      body: '内容',
      group: '',
    });
  });

  test.each([
    ['a <script> in a body', ['templates', 0, 'body'], '亲<script>alert(document.cookie)</script>您好'],
    ['a <script> in a title', ['templates', 0, 'title'], '<script>alert(1)</script>'],
    ['javascript: in a body', ['templates', 1, 'body'], '点这里 javascript:alert(1) 领券'],
    ['an <img onerror> in a pack name', ['name'], '<img src=x onerror=alert(1)>'],
    ['javascript: in a rule reason', ['rules', 0, 'reason'], 'javascript:void(0)'],
    ['markup in a console name', ['consoles', 0, 'name'], '<b>Acme</b>'],
  ])('%s is accepted as text, unchanged', (_label, path, value) => {
    const pack = fullPack();
    const parent = at(pack, ...path.slice(0, -1));
    parent[path.at(-1) as string] = value;
    const check = validatePack(pack, fast);
    expect(check.ok).toBe(true);
    if (check.ok) expect(at<string>(check.pack, ...path)).toBe(value);
  });

  test('a UTF-8 BOM before the JSON is fine', () => {
    expect(parsePackText(`\uFEFF${JSON.stringify(fullPack())}`).ok).toBe(true);
  });
});

type Case = [label: string, make: () => unknown, path: string, code: string];
const set = (path: (string | number)[], value: unknown) => () => {
  const pack = clone(fullPack()) as AnyPack;
  const parent = at(pack, ...path.slice(0, -1));
  parent[path.at(-1) as string] = value;
  return pack;
};
const drop = (path: (string | number)[]) => () => {
  const pack = clone(fullPack()) as AnyPack;
  delete at(pack, ...path.slice(0, -1))[path.at(-1) as string];
  return pack;
};
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
const template = (i: number) => ({ id: `t${i}`, title: `话术${i}`, body: `内容${i}` });
const selectorCase = (field: string, value: unknown) => set(['consoles', 0, 'selectors', field], value);

const CASES: Case[] = [
  // the envelope
  ['not an object', () => 'hello', '', 'not-a-pack'],
  ['an array', () => [fullPack()], '', 'not-a-pack'],
  ['null', () => null, '', 'not-a-pack'],
  ['a wrong format', set(['format'], 'kefu-guard'), 'format', 'literal'],
  ['a missing format', drop(['format']), 'format', 'required'],
  ['a future version', set(['version'], 2), 'version', 'literal'],
  ['a version as a string', set(['version'], '1'), 'version', 'literal'],
  ['a missing id', drop(['id']), 'id', 'required'],
  ['an id with spaces', set(['id'], 'acme cs'), 'id', 'id-format'],
  ['an id with a slash', set(['id'], '../acme'), 'id', 'id-format'],
  ['an id that is a number', set(['id'], 42), 'id', 'type'],
  ['an overlong id', set(['id'], 'a'.repeat(65)), 'id', 'too-long'],
  ['an empty name', set(['name'], ''), 'name', 'empty'],
  ['a blank name', set(['name'], '   '), 'name', 'blank'],
  ['a huge name', set(['name'], '名'.repeat(10_000)), 'name', 'too-long'],
  ['a name with control characters', set(['name'], 'Acme\u0000'), 'name', 'control-chars'],
  ['a date in another format', set(['updated'], '2026/11/01'), 'updated', 'date'],
  ['a date that does not exist', set(['updated'], '2026-02-30'), 'updated', 'date'],
  ['a date as a number', set(['updated'], 20261101), 'updated', 'type'],
  ['an author that is an object', set(['author'], { name: 'x' }), 'author', 'type'],
  ['an unknown top-level field', set(['extra'], true), 'extra', 'unknown-field'],
  ['templates as an object', set(['templates'], { a: 1 }), 'templates', 'type'],
  ['rules as a string', set(['rules'], 'none'), 'rules', 'type'],
  // templates
  ['a template that is a string', set(['templates', 1], 'hello'), 'templates[1]', 'type'],
  ['a template without a body', drop(['templates', 1, 'body']), 'templates[1].body', 'required'],
  ['a template with an empty body', set(['templates', 1, 'body'], ''), 'templates[1].body', 'empty'],
  [
    'a template body of 100k characters',
    set(['templates', 0, 'body'], 'x'.repeat(100_000)),
    'templates[0].body',
    'too-long',
  ],
  ['a template title that is a number', set(['templates', 0, 'title'], 5), 'templates[0].title', 'type'],
  ['template tags as a string', set(['templates', 0, 'tags'], '问候'), 'templates[0].tags', 'type'],
  [
    'a template tag that is a number',
    set(['templates', 0, 'tags'], ['ok', 7]),
    'templates[0].tags[1]',
    'type',
  ],
  [
    'too many keywords',
    set(
      ['templates', 0, 'keywords'],
      many(51, (i) => `k${i}`),
    ),
    'templates[0].keywords',
    'too-long',
  ],
  ['a shortcut with spaces', set(['templates', 0, 'shortcut'], '/f p'), 'templates[0].shortcut', 'shortcut'],
  [
    'an unknown variable',
    set(['templates', 1, 'body'], '您的{快递单号}已发出'),
    'templates[1].body',
    'unknown-variable',
  ],
  ['a misspelt template field', set(['templates', 0, 'bdy'], 'x'), 'templates[0].bdy', 'unknown-field'],
  ['two templates with one id', set(['templates', 1, 'id'], 'acme-hello'), 'templates[1].id', 'duplicate'],
  ['a template id with a space', set(['templates', 0, 'id'], 'a b'), 'templates[0].id', 'id-format'],
  ['100k templates', () => ({ ...fullPack(), templates: many(100_000, template) }), 'templates', 'too-many'],
  [
    '5,001 templates',
    () => ({ ...fullPack(), templates: many(PACK_LIMITS.templates + 1, template) }),
    'templates',
    'too-many',
  ],
  // rules
  ['an unknown category', set(['rules', 0, 'category'], 'politics'), 'rules[0].category', 'one-of'],
  ['an unknown severity', set(['rules', 0, 'severity'], 'fatal'), 'rules[0].severity', 'one-of'],
  ['a missing severity', drop(['rules', 0, 'severity']), 'rules[0].severity', 'required'],
  ['a missing reason', drop(['rules', 1, 'reason']), 'rules[1].reason', 'required'],
  ['phrases as a string', set(['rules', 0, 'phrases'], '内部价'), 'rules[0].phrases', 'type'],
  ['a phrase that is a number', set(['rules', 0, 'phrases'], ['内部价', 3]), 'rules[0].phrases[1]', 'type'],
  [
    'a phrase of only symbols',
    set(['rules', 0, 'phrases'], ['内部价', '***']),
    'rules[0].phrases[1]',
    'phrase-empty',
  ],
  [
    'a rule with neither phrases nor pattern',
    drop(['rules', 1, 'pattern']),
    'rules[1].phrases',
    'rule-needs-match',
  ],
  ['disabled as a string', set(['rules', 0, 'disabled'], 'yes'), 'rules[0].disabled', 'type'],
  ['two rules with one id', set(['rules', 1, 'id'], 'acme-internal-price'), 'rules[1].id', 'duplicate'],
  ['an invalid regex', set(['rules', 1, 'pattern'], '订单号[0-9'), 'rules[1].pattern', 'regex-invalid'],
  ['an unbalanced group', set(['rules', 1, 'pattern'], '(订单'), 'rules[1].pattern', 'regex-invalid'],
  ['catastrophic (a+)+', set(['rules', 1, 'pattern'], '(a+)+$'), 'rules[1].pattern', 'regex-nested'],
  ['catastrophic (.*)*', set(['rules', 1, 'pattern'], '(.*)*x'), 'rules[1].pattern', 'regex-nested'],
  ['catastrophic (a|a)*', set(['rules', 1, 'pattern'], '(a|a)*b'), 'rules[1].pattern', 'regex-overlap'],
  [
    'catastrophic (\\d+\\s?)+',
    set(['rules', 1, 'pattern'], '(\\d+\\s?)+元'),
    'rules[1].pattern',
    'regex-nested',
  ],
  ['catastrophic (a|ab)*', set(['rules', 1, 'pattern'], '^(a|ab)*c'), 'rules[1].pattern', 'regex-overlap'],
  [
    'a regex over 500 characters',
    set(['rules', 1, 'pattern'], 'a'.repeat(501)),
    'rules[1].pattern',
    'too-long',
  ],
  [
    'an unknown builtin detector',
    set(['rules', 2, 'pattern'], 'builtin:email'),
    'rules[2].pattern',
    'unknown-detector',
  ],
  [
    '20,001 phrases',
    () => ({
      ...fullPack(),
      rules: [{ ...at<Obj>(fullPack(), 'rules', 0), phrases: many(20_001, (i) => `词${i}`) }],
    }),
    'rules',
    'too-many-phrases',
  ],
  // consoles
  ['a console without selectors', drop(['consoles', 0, 'selectors']), 'consoles[0].selectors', 'required'],
  [
    'a console missing replyBox',
    drop(['consoles', 0, 'selectors', 'replyBox']),
    'consoles[0].selectors.replyBox',
    'required',
  ],
  [
    'an unknown selector field',
    selectorCase('sendBtn', '.send'),
    'consoles[0].selectors.sendBtn',
    'unknown-field',
  ],
  [
    'a selector that is a number',
    selectorCase('message', 5),
    'consoles[0].selectors.message',
    'selector-list',
  ],
  ['an empty list of fallbacks', selectorCase('message', []), 'consoles[0].selectors.message', 'empty'],
  [
    'an invalid selector',
    selectorCase('replyBox', 'textarea[name='),
    'consoles[0].selectors.replyBox',
    'selector-invalid',
  ],
  [
    'a trailing combinator',
    selectorCase('message', ['.ok', 'div >']),
    'consoles[0].selectors.message[1]',
    'selector-invalid',
  ],
  [
    'a pseudo-element',
    selectorCase('messageText', 'p::before'),
    'consoles[0].selectors.messageText',
    'selector-invalid',
  ],
  [
    'CSS rules in a selector',
    selectorCase('replyBox', 'textarea{color:red}'),
    'consoles[0].selectors.replyBox',
    'selector-invalid',
  ],
  [
    'javascript: as a selector',
    selectorCase('replyBox', 'javascript:alert(1)'),
    'consoles[0].selectors.replyBox',
    'javascript',
  ],
  [
    'attr: where it is not read',
    selectorCase('message', 'attr:data-x'),
    'consoles[0].selectors.message',
    'selector-attr-field',
  ],
  [
    'text= outside sendButton',
    selectorCase('replyBox', 'text=回复'),
    'consoles[0].selectors.replyBox',
    'selector-text-field',
  ],
  [
    'attr: with an invalid name',
    selectorCase('messageTime', 'attr:data ts'),
    'consoles[0].selectors.messageTime',
    'selector-attr',
  ],
  ['an unknown platform', set(['consoles', 0, 'platform'], 'wechat'), 'consoles[0].platform', 'one-of'],
  ['an English name that is a number', set(['consoles', 0, 'nameEn'], 7), 'consoles[0].nameEn', 'type'],
  ['a blank English name', set(['consoles', 0, 'nameEn'], '  '), 'consoles[0].nameEn', 'blank'],
  ['a console id with capitals', set(['consoles', 0, 'id'], 'Acme'), 'consoles[0].id', 'console-id-format'],
  ['no match patterns', set(['consoles', 0, 'matches'], []), 'consoles[0].matches', 'empty'],
  ['<all_urls>', set(['consoles', 0, 'matches'], ['<all_urls>']), 'consoles[0].matches[0]', 'all-urls'],
  ['*://*/*', set(['consoles', 0, 'matches'], ['*://*/*']), 'consoles[0].matches[0]', 'match-broad'],
  [
    'https://*/*',
    set(['consoles', 0, 'matches'], ['https://chat.example.com/*', 'https://*/*']),
    'consoles[0].matches[1]',
    'match-broad',
  ],
  [
    'a wildcard top-level domain',
    set(['consoles', 0, 'matches'], ['https://*.com/*']),
    'consoles[0].matches[0]',
    'match-broad',
  ],
  [
    'a wildcard .com.cn',
    set(['consoles', 0, 'matches'], ['https://*.com.cn/*']),
    'consoles[0].matches[0]',
    'match-broad',
  ],
  [
    'a file: pattern',
    set(['consoles', 0, 'matches'], ['file:///*']),
    'consoles[0].matches[0]',
    'match-scheme',
  ],
  [
    'a javascript: pattern',
    set(['consoles', 0, 'matches'], ['javascript:alert(1)']),
    'consoles[0].matches[0]',
    'javascript',
  ],
  [
    'a ws: pattern',
    set(['consoles', 0, 'matches'], ['wss://chat.example.com/*']),
    'consoles[0].matches[0]',
    'match-scheme',
  ],
  [
    'a pattern without a path',
    set(['consoles', 0, 'matches'], ['https://chat.example.com']),
    'consoles[0].matches[0]',
    'match-invalid',
  ],
  [
    'a pattern with a port',
    set(['consoles', 0, 'matches'], ['https://chat.example.com:8443/*']),
    'consoles[0].matches[0]',
    'match-invalid',
  ],
  [
    'a wildcard inside the host',
    set(['consoles', 0, 'matches'], ['https://chat.*.com/*']),
    'consoles[0].matches[0]',
    'match-invalid',
  ],
  [
    '21 consoles',
    () => ({
      ...fullPack(),
      consoles: many(21, (i) => ({ ...at<Obj>(fullPack(), 'consoles', 0), id: `c${i}` })),
    }),
    'consoles',
    'too-many',
  ],
  [
    'two consoles with one id',
    () => ({ ...fullPack(), consoles: [at(fullPack(), 'consoles', 0), at(fullPack(), 'consoles', 0)] }),
    'consoles[1].id',
    'duplicate',
  ],
  // prototype pollution
  [
    '__proto__ at the top',
    () => JSON.parse(`{"format":"kefu-guard-pack","__proto__":{"polluted":true}}`),
    '__proto__',
    'forbidden-key',
  ],
  [
    '__proto__ in a template',
    () =>
      JSON.parse(
        JSON.stringify(fullPack()).replace('"id":"acme-bye"', '"__proto__":{"x":1},"id":"acme-bye"'),
      ),
    'templates[1].__proto__',
    'forbidden-key',
  ],
  [
    'constructor in a rule',
    set(['rules', 0, 'constructor'], { prototype: { polluted: true } }),
    'rules[0].constructor',
    'forbidden-key',
  ],
  [
    'prototype in selectors',
    selectorCase('prototype', 'x'),
    'consoles[0].selectors.prototype',
    'forbidden-key',
  ],
  [
    'nesting 100 deep',
    () => ({ ...fullPack(), author: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) }),
    `author${'[0]'.repeat(12)}`,
    'too-deep',
  ],
];

describe('malformed and hostile packs', () => {
  test('there are at least 60 of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  const installed: InstalledPack[] = [
    {
      pack: { ...fullPack(), updated: '2026-10-01' },
      enabled: true,
      source: { kind: 'file' },
      installedAt: 1,
    },
  ];

  test.each(CASES)('%s → %s', (_label, make, path, code) => {
    const input = make();
    const check = validatePack(input);
    const issues = issuesOf(check);
    const issue = issues.find((i) => i.path === path && i.code === code);
    expect(issue, JSON.stringify(issues.slice(0, 5))).toBeDefined();
    if (!issue) return;
    // a clear message in both languages, naming the path
    expect(issue.zh.length).toBeGreaterThan(2);
    expect(issue.en.length).toBeGreaterThan(5);
    expect(issue.zh).not.toMatch(/\{\w+\}/);
    expect(issue.en).not.toMatch(/\{\w+\}/);
    if (path) {
      expect(formatIssue(issue, 'zh-CN').startsWith(`${path}：`)).toBe(true);
      expect(formatIssue(issue, 'en').startsWith(`${path}: `)).toBe(true);
    }
    // and nothing installed changes: an invalid pack never reaches installPack
    const before = JSON.stringify(installed);
    const after = check.ok ? installPack(installed, check.pack, { kind: 'file' }, 2) : installed;
    expect(JSON.stringify(after)).toBe(before);
    expect(({} as Obj).polluted).toBeUndefined();
  });

  test('100,000 templates are refused at once, as one issue of their number: none of them is checked', () => {
    const templates = many(100_000, template);
    // an invalid one among them gets no issue of its own
    (templates[5] as { title: string }).title = '';
    const issues = issuesOf(validatePack({ ...fullPack(), templates }));
    expect(issues.map((i) => i.path)).toEqual(['templates']);
    // as ten, it has
    expect(
      issuesOf(validatePack({ ...fullPack(), templates: templates.slice(0, 10) })).map((i) => i.path),
    ).toEqual(['templates[5].title']);
  });

  test('text over 2 MB is refused before it is parsed', () => {
    const huge = JSON.stringify({ ...fullPack(), author: 'x'.repeat(2 * 1024 * 1024) });
    const issues = issuesOf(parsePackText(huge));
    expect(issues[0]).toMatchObject({ path: '', code: 'too-large' });
    expect(issues[0]?.zh).toContain('2 MB');
  });

  test('invalid JSON says where', () => {
    const issues = issuesOf(parsePackText('{"format": "kefu-guard-pack",, }'));
    expect(issues[0]?.code).toBe('json');
  });

  test('a slow regex the shape check misses is caught by the time check', () => {
    const issues = issuesOf(validatePack(set(['rules', 1, 'pattern'], '.*.*.*.*=.*')()));
    expect(issues[0]).toMatchObject({ path: 'rules[1].pattern', code: 'regex-slow' });
  });

  test('many problems: all reported with paths, at most 50, and the total', () => {
    const pack = { ...fullPack(), templates: many(80, (i) => ({ id: `t${i}`, title: i })) };
    const check = validatePack(pack);
    if (check.ok) throw new Error('accepted');
    expect(check.issues).toHaveLength(PACK_LIMITS.issues);
    expect(check.total).toBe(160);
    expect(check.issues[0]?.path).toBe('templates[0].title');
  });

  test('__proto__ keys never reach an object prototype', () => {
    validatePack(JSON.parse('{"__proto__":{"polluted":1},"templates":[{"__proto__":{"polluted":1}}]}'));
    expect(({} as Obj).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('selectors with a DOM (happy-dom here, the options page in the browser)', () => {
  const window = new Window();
  const domSelectorCheck = documentSelectorCheck(window.document as unknown as Document);

  test('the DOM check joins the syntax check', () => {
    expect(validatePack(fullPack(), { ...fast, domSelectorCheck }).ok).toBe(true);
    const issues = issuesOf(
      validatePack(selectorCase('replyBox', 'textarea[')(), { ...fast, domSelectorCheck }),
    );
    expect(issues[0]?.path).toBe('consoles[0].selectors.replyBox');
  });

  test('a selector the DOM refuses is refused even if the syntax check let it through', () => {
    const refuseAll = () => false;
    const issues = issuesOf(validatePack(fullPack(), { ...fast, domSelectorCheck: refuseAll }));
    expect(issues.every((i) => i.code === 'selector-dom')).toBe(true);
    expect(issues.map((i) => i.path)).toContain('consoles[0].selectors.conversation');
  });
});

describe('match patterns', () => {
  test.each([
    ['https://chat.example.com/*', null],
    ['*://chat.example.com/im/*', null],
    ['http://127.0.0.1/fixtures/pages/custom-console.html*', null],
    ['https://*.example.com/*', null],
    ['https://*.acme.com.cn/*', null],
    ['<all_urls>', 'all-urls'],
    ['*://*/*', 'match-broad'],
    ['http://*/*', 'match-broad'],
    ['https://*.cn/*', 'match-broad'],
    ['ftp://files.example.com/*', 'match-scheme'],
    ['chrome://settings/*', 'match-invalid'],
    ['JavaScript:alert(1)//', 'javascript'],
    ['example.com', 'match-invalid'],
  ])('%s → %s', (pattern, code) => {
    expect(matchPatternIssue(pattern)?.code ?? null).toBe(code);
  });
});

describe('the README', () => {
  test('the documented example is a valid pack', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## 团队话术包 Team packs'));
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(json).toBeDefined();
    const check = parsePackText(json ?? '');
    expect(check.ok ? [] : check.issues).toEqual([]);
  });
});
