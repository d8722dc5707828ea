import { describe, expect, test } from 'vitest';
import {
  compileRules,
  createScanner,
  type Finding,
  type Rule,
  rulesFromPack,
  scan,
  usableScanner,
  worstSeverity,
} from '../../utils/rules';

const base = { reason: '理由', reasonEn: 'reason' } as const;

const rules: Rule[] = [
  {
    ...base,
    id: 'wechat',
    category: 'off-platform',
    severity: 'block',
    phrases: ['微信', 'vx'],
    exceptions: ['不能加微信'],
    alternative: '在这里说就好',
    alternativeEn: 'tell me here',
  },
  {
    ...base,
    id: 'first',
    category: 'ad-absolute',
    severity: 'warn',
    phrases: ['第一'],
    exceptions: ['第一时间'],
  },
  { ...base, id: 'best', category: 'ad-absolute', severity: 'block', phrases: ['最佳', '最好的'] },
  { ...base, id: 'insult', category: 'attitude', severity: 'block', phrases: ['sb'] },
  { ...base, id: 'haha', category: 'attitude', severity: 'info', phrases: ['哈哈'] },
  { ...base, id: 'mobile', category: 'off-platform', severity: 'block', pattern: 'builtin:mobile-cn' },
  { ...base, id: 'wechat-id', category: 'off-platform', severity: 'block', pattern: 'builtin:wechat-id' },
  { ...base, id: 'qq', category: 'off-platform', severity: 'block', pattern: 'builtin:qq-number' },
  { ...base, id: 'url', category: 'off-platform', severity: 'warn', pattern: 'builtin:url' },
  { ...base, id: 'pay', category: 'off-platform', severity: 'block', pattern: 'builtin:payment-link' },
  { ...base, id: 'regex', category: 'false-guarantee', severity: 'warn', pattern: '赔[十百千万]+' },
];

const scanner = createScanner(rules);

function spans(findings: readonly Finding[]): [string, number, number, string][] {
  return findings.map((f) => [f.ruleId, f.start, f.end, f.text]);
}

describe('scan', () => {
  test('returns findings with the rule data and original offsets', () => {
    const [finding] = scanner.scan('亲，加微信吧');
    expect(finding).toEqual({
      ruleId: 'wechat',
      category: 'off-platform',
      severity: 'block',
      start: 3,
      end: 5,
      text: '微信',
      reason: '理由',
      reasonEn: 'reason',
      alternative: '在这里说就好',
      alternativeEn: 'tell me here',
    });
    expect(scanner.scan('第一')[0]?.alternative).toBeNull();
  });

  test('maps offsets back through separators, emoji, surrogate pairs and full width', () => {
    const text = '😀😀加微😀信，ＶＸ！';
    const found = spans(scanner.scan(text));
    expect(found).toEqual([
      ['wechat', 5, 9, '微😀信'],
      ['wechat', 10, 12, 'ＶＸ'],
    ]);
    expect(spans(scanner.scan('𝐯𝐱'))).toEqual([['wechat', 0, 4, '𝐯𝐱']]);
    expect(spans(scanner.scan('微\u200b\u200b信'))).toEqual([['wechat', 0, 4, '微\u200b\u200b信']]);
    expect(spans(scanner.scan('最️‍佳'))).toEqual([['best', 0, 4, '最️‍佳']]);
  });

  test('an overlapping exception makes the hit harmless, elsewhere the hit stays', () => {
    expect(scanner.scan('这边不能加微信哦')).toEqual([]);
    expect(spans(scanner.scan('不能加微信，但可以加微信号'))).toEqual([['wechat', 10, 12, '微信']]);
    expect(scanner.scan('第一时间处理')).toEqual([]);
    expect(spans(scanner.scan('第一时间处理，销量第一'))).toEqual([['first', 9, 11, '第一']]);
  });

  test('merges overlapping hits of one rule and sorts by start', () => {
    expect(spans(scanner.scan('哈哈哈哈'))).toEqual([['haha', 0, 4, '哈哈哈哈']]);
    expect(spans(scanner.scan('微信 哈哈 最好的最佳'))).toEqual([
      ['wechat', 0, 2, '微信'],
      ['haha', 3, 5, '哈哈'],
      ['best', 6, 9, '最好的'],
      ['best', 9, 11, '最佳'],
    ]);
  });

  test('a Latin phrase does not match inside a word', () => {
    expect(scanner.scan('USB接口')).toEqual([]);
    expect(spans(scanner.scan('你SB吧'))).toEqual([['insult', 1, 3, 'SB']]);
  });

  test('detects mobile numbers, not order numbers or prices', () => {
    expect(spans(scanner.scan('电话13812345678'))).toEqual([['mobile', 2, 13, '13812345678']]);
    expect(spans(scanner.scan('1 3 8-1234-5678'))).toEqual([['mobile', 0, 15, '1 3 8-1234-5678']]);
    expect(spans(scanner.scan('一三八😀一二三四五六七八'))).toEqual([
      ['mobile', 0, 13, '一三八😀一二三四五六七八'],
    ]);
    expect(scanner.scan('订单号 13812345678')).toEqual([]);
    expect(scanner.scan('订单 202311221234567890')).toEqual([]);
    expect(scanner.scan('运单YT13812345678')).toEqual([]);
    expect(scanner.scan('12812345678')).toEqual([]);
    expect(scanner.scan('价格138元，运费12元，共150元')).toEqual([]);
  });

  test('detects WeChat ids and QQ numbers after their trigger words', () => {
    expect(spans(scanner.scan('加我vx: abc_123'))).toEqual([['wechat-id', 2, 13, 'vx: abc_123']]);
    expect(spans(scanner.scan('微信号是 wxid_k8s9d'))).toEqual([['wechat-id', 0, 15, '微信号是 wxid_k8s9d']]);
    expect(spans(scanner.scan('V：kefu2024'))).toEqual([['wechat-id', 0, 10, 'V：kefu2024']]);
    expect(scanner.scan('V领毛衣 vivo x100')).toEqual([]);
    expect(spans(scanner.scan('QQ号：12345678'))).toEqual([['qq', 0, 12, 'QQ号：12345678']]);
    expect(spans(scanner.scan('扣扣 一二三四五六'))).toEqual([['qq', 0, 9, '扣扣 一二三四五六']]);
    expect(scanner.scan('QQ弹弹的，5块钱')).toEqual([]);
  });

  test('detects off-platform and payment links, not platform links', () => {
    expect(spans(scanner.scan('看 www.myshop.com/a?b=1 哦'))).toEqual([
      ['url', 2, 22, 'www.myshop.com/a?b=1'],
    ]);
    expect(spans(scanner.scan('付 https://qr.alipay.com/x1'))).toEqual([
      ['pay', 2, 26, 'https://qr.alipay.com/x1'],
    ]);
    expect(spans(scanner.scan('ｗｗｗ．ａｂｃ．ｃｏｍ'))).toEqual([['url', 0, 11, 'ｗｗｗ．ａｂｃ．ｃｏｍ']]);
    expect(scanner.scan('https://item.taobao.com/item.htm?id=1 和 m.tb.cn/h.abc')).toEqual([]);
    expect(scanner.scan('价格 13.8 元，重 2.5kg')).toEqual([]);
  });

  test('runs regular-expression rules on the normalised text', () => {
    expect(spans(scanner.scan('假一赔 十 万'))).toEqual([['regex', 2, 7, '赔 十 万']]);
  });

  test('drops a milder finding inside a finding of the same category', () => {
    const findings = scanner.scan('vx: abc_123');
    expect(spans(findings)).toEqual([['wechat-id', 0, 11, 'vx: abc_123']]);
  });

  test('an empty text or a clean one gives nothing', () => {
    expect(scanner.scan('')).toEqual([]);
    expect(scanner.scan('好的亲，马上为您安排发货')).toEqual([]);
  });

  test('scan() with a compiled set equals the scanner', () => {
    const compiled = compileRules(rules);
    expect(scan(compiled, '加微信 13812345678')).toEqual(scanner.scan('加微信 13812345678'));
  });
});

describe('worstSeverity', () => {
  test('picks block over warn over info, null for none', () => {
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity(scanner.scan('哈哈'))).toBe('info');
    expect(worstSeverity(scanner.scan('哈哈 销量第一'))).toBe('warn');
    expect(worstSeverity(scanner.scan('哈哈 销量第一 最佳'))).toBe('block');
  });
});

describe('compileRules validation', () => {
  test('counts phrases', () => {
    expect(compileRules(rules).phraseCount).toBe(7);
  });

  test.each([
    [{ ...base, id: 'empty', category: 'attitude', severity: 'warn' }, /"empty": phrases and pattern/],
    [
      { ...base, id: 'bad-re', category: 'attitude', severity: 'warn', pattern: '(' },
      /"bad-re": pattern is not a valid/,
    ],
    [
      { ...base, id: 'bad-det', category: 'attitude', severity: 'warn', pattern: 'builtin:fax' },
      /"bad-det": pattern names an unknown/,
    ],
    [
      { ...base, id: 'blank', category: 'attitude', severity: 'warn', phrases: [' - '] },
      /"blank": phrases\[0\]/,
    ],
    [{ ...base, id: 'cat', category: 'rude', severity: 'warn', phrases: ['x'] }, /"cat": category/],
    [{ ...base, id: 'sev', category: 'attitude', severity: 'stop', phrases: ['x'] }, /"sev": severity/],
    [
      { id: 'why', category: 'attitude', severity: 'warn', phrases: ['x'], reason: '', reasonEn: '' },
      /"why": reason/,
    ],
  ])('rejects %o', (rule, message) => {
    expect(() => compileRules([rule as Rule])).toThrow(message);
  });

  test('rejects duplicate ids', () => {
    const rule: Rule = { ...base, id: 'dup', category: 'attitude', severity: 'warn', phrases: ['x'] };
    expect(() => compileRules([rule, rule])).toThrow(/"dup": id is used by another rule/);
  });
});

describe('rulesFromPack', () => {
  test('reads the rules section of a pack', () => {
    const loaded = rulesFromPack({
      format: 'kefu-guard-pack',
      version: 1,
      rules: [
        { id: 'a', category: 'attitude', severity: 'warn', phrases: ['呵呵', 3], reason: 'r', reasonEn: 'r' },
      ],
    });
    expect(loaded).toEqual([
      {
        id: 'a',
        category: 'attitude',
        severity: 'warn',
        phrases: ['呵呵'],
        reason: 'r',
        reasonEn: 'r',
        alternative: null,
        alternativeEn: null,
      },
    ]);
    expect(createScanner(loaded).scan('呵呵')).toHaveLength(1);
  });

  test('accepts a bare list and rejects what has no rules', () => {
    expect(rulesFromPack([])).toEqual([]);
    expect(() => rulesFromPack({ rules: 'no' })).toThrow(/"rules" must be an array/);
    expect(() => rulesFromPack(null)).toThrow(/"rules" must be an array/);
    expect(() => rulesFromPack({ rules: [1] })).toThrow(/rules\[0\] is not an object/);
  });
});

describe('usableScanner: a rule this version cannot use goes alone', () => {
  const bad = (id: string) => ({ ...base, id, category: 'attitude', severity: 'warn', pattern: '(' }) as Rule;

  test('the rules beside a bad one still warn; the bad one is named', () => {
    const { scanner: usable, leftOut } = usableScanner([bad('broken'), ...rules, bad('broken-too')]);
    expect(leftOut.map((r) => [r.id, r.field])).toEqual([
      ['broken', 'pattern'],
      ['broken-too', 'pattern'],
    ]);
    expect(leftOut[0]?.message).toMatch(/"broken": pattern is not a valid regular expression/);
    expect(usable?.scan('加微信吧').map((f) => f.ruleId)).toEqual(['wechat']);
    expect(usable?.compiled.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
  });

  test('good rules: all of them, nothing said', () => {
    const { scanner: usable, leftOut } = usableScanner(rules);
    expect(leftOut).toEqual([]);
    expect(usable?.compiled.rules).toHaveLength(rules.length);
  });

  test('past the limit, none of the list is trusted', () => {
    const { scanner: usable, leftOut } = usableScanner([bad('a'), bad('b'), bad('c'), ...rules], 2);
    expect(usable).toBeNull();
    expect(leftOut.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
