import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  gapText,
  greeting,
  renderTemplate,
  suggestTemplates,
  type Template,
  TemplateIndex,
  unknownVariables,
} from '../utils/templates';

const pack = JSON.parse(
  readFileSync(new URL('../public/packs/default-templates.json', import.meta.url), 'utf8'),
) as {
  templates: Template[];
};
const defaults = pack.templates;
const at = (h: number, m = 0) => new Date(2026, 10, 20, h, m);

describe('variables', () => {
  test.each([
    [4, '晚上好'],
    [5, '早上好'],
    [10, '早上好'],
    [11, '中午好'],
    [12, '中午好'],
    [13, '下午好'],
    [17, '下午好'],
    [18, '晚上好'],
    [23, '晚上好'],
  ])('greeting at %i:00 → %s', (h, g) => {
    expect(greeting(at(h))).toBe(g);
  });

  test('fills known values, the greeting and the date; the caret goes to {光标}', () => {
    const r = renderTemplate(
      '{问候语}，{买家昵称}！{光标}今天是{日期}。',
      { 买家昵称: 'tb_小鱼儿88' },
      at(9, 30),
    );
    expect(r.text).toBe('早上好，tb_小鱼儿88！今天是11月20日。');
    expect(r.caret).toBe('早上好，tb_小鱼儿88！'.length);
    expect(r.gaps).toEqual([]);
  });

  test('a missing value leaves a visible gap (never a literal {…}), the first one to be selected', () => {
    const r = renderTemplate('订单号{订单号}，商品{商品名}', { 订单号: null }, at(15));
    expect(r.text).toBe(`订单号${gapText('订单号')}，商品${gapText('商品名')}`);
    expect(r.text).not.toMatch(/[{}]/);
    expect(r.gaps.map((g) => r.text.slice(g.start, g.end))).toEqual(['【订单号】', '【商品名】']);
    expect(r.caret).toBe(r.text.length);
  });

  test('unknown variables are gaps too, and are reported for pack validation', () => {
    const r = renderTemplate('你好{会员等级}', {}, at(15));
    expect(r.text).toBe('你好【会员等级】');
    expect(unknownVariables('你好{会员等级}{买家昵称}{光标}')).toEqual(['会员等级']);
  });

  test('no default template uses an unknown variable', () => {
    for (const t of defaults) expect(unknownVariables(t.body), t.id).toEqual([]);
  });
});

describe('search', () => {
  const index = new TemplateIndex(defaults);
  const ids = (q: string, uses?: Map<string, number>) => index.search(q, uses).map((h) => h.template.id);

  test('pinyin initials: fp finds the invoice templates first', () => {
    expect(ids('fp').slice(0, 1)).toEqual(['invoice-yes']);
    expect(ids('fp')).toContain('invoice-company');
  });
  test('shortcut codes (with or without the slash) rank first', () => {
    expect(ids('/th')[0]).toBe('return-7day');
    expect(ids('wl')[0]).toBe('track');
  });
  test('title, tags and body text', () => {
    expect(ids('破损')[0]).toBe('damaged');
    expect(ids('七天')).toContain('return-exceptions');
    expect(ids('纳税人识别号')).toEqual(['invoice-company']);
  });
  test('most used first among equals; an empty query lists everything', () => {
    const uses = new Map([['close-later', 50]]);
    expect(ids('', uses)[0]).toBe('close-later');
    expect(ids('').length).toBe(defaults.length);
  });
  test('no match, no hit', () => {
    expect(ids('zzzzqqq')).toEqual([]);
  });
  test('byShortcut', () => {
    expect(index.byShortcut('/fp')?.id).toBe('invoice-yes');
    expect(index.byShortcut('nope')).toBeNull();
  });
});

describe('suggestions from the customer’s last message', () => {
  test.each([
    ['可以开发票吗？要开公司抬头', 'invoice-company'],
    ['收到了尺码不合适，可以退货吗', 'exchange-size'],
    ['怎么还没发货', 'ship-time'],
    ['物流三天没动了', 'delay'],
    ['加个微信聊吧，方便点', 'offplatform-decline'],
    ['好评有返现吗', 'review-decline'],
    ['你们什么破服务，再不回复我就投诉了！', 'calm-angry'],
  ])('%s → %s among the top 3', (message, id) => {
    expect(suggestTemplates(message, defaults).map((t) => t.id)).toContain(id);
  });
  test('at most three, none for an empty or unrelated message', () => {
    expect(suggestTemplates('可以开发票吗 退货 物流 发货', defaults).length).toBe(3);
    expect(suggestTemplates('', defaults)).toEqual([]);
    expect(suggestTemplates('嗯嗯', defaults)).toEqual([]);
  });
});

describe('the default templates are compliant', () => {
  test('no default template (variables filled) triggers a warn or block rule', async () => {
    const { createScanner, rulesFromPack } = await import('../utils/rules');
    const rules = JSON.parse(
      readFileSync(new URL('../public/packs/default-rules.json', import.meta.url), 'utf8'),
    );
    const scanner = createScanner(rulesFromPack(rules));
    const values = {
      买家昵称: 'tb_小鱼儿88',
      客服昵称: '小林',
      店铺名: '森屿家居旗舰店',
      订单号: '3912784512035567',
      商品名: '北欧简约四件套',
    };
    for (const t of defaults) {
      const text = renderTemplate(t.body, values, at(10)).text;
      const bad = scanner.scan(text).filter((f) => f.severity !== 'info');
      expect(
        bad.map((f) => `${f.ruleId}「${f.text}」`),
        t.id,
      ).toEqual([]);
    }
  });
});

describe('suggestTemplates ranks as the plain definition does', () => {
  test('random messages made of the keywords: the same templates in the same order', () => {
    const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    /** The definition: every distinct keyword found scores 10 + its length; uses break ties; list order last. */
    const reference = (message: string, uses: Map<string, number>) => {
      const text = fold(message);
      return defaults
        .map((t, at) => {
          const kws = [...new Set((t.keywords ?? []).map(fold))].filter((k) => k && text.includes(k));
          const s = kws.reduce((n, k) => n + 10 + k.length, 0);
          return { t, at, s: s > 0 ? s + Math.log2(1 + (uses.get(t.id) ?? 0)) : 0 };
        })
        .filter((r) => r.s > 0)
        .sort((a, b) => b.s - a.s || a.at - b.at)
        .slice(0, 3)
        .map((r) => r.t.id);
    };
    const words = [...new Set(defaults.flatMap((t) => t.keywords ?? []))];
    expect(words.length).toBeGreaterThan(40);
    let seed = 3;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 500; i++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        random() < 0.8 ? (words[Math.floor(random() * words.length)] ?? '') : '请问一下',
      );
      const message = parts.join(random() < 0.5 ? '，' : ' ');
      const uses = new Map(defaults.slice(0, 5).map((t, k) => [t.id, Math.floor(random() * 3) * k] as const));
      expect(
        suggestTemplates(message, defaults, uses).map((t) => t.id),
        message,
      ).toEqual(reference(message, uses));
    }
  });
});

describe('TemplateIndex: search while typing', () => {
  test('narrowing to what the shorter query matched finds what a search from scratch finds', () => {
    // 2,000 templates: the defaults many times over, with shortcuts of both kinds
    const many: Template[] = Array.from({ length: 2000 }, (_, i) => {
      const t = defaults[i % defaults.length] as Template;
      return {
        ...t,
        id: `${t.id}-${i}`,
        title: `${t.title}${i % 7 === 0 ? ' 加急' : ''}`,
        shortcut: i % 5 === 0 ? `/fp${i % 13}` : i % 11 === 0 ? `/售${i % 3}` : t.shortcut,
      };
    });
    const typing = new TemplateIndex(many);
    // searched from scratch: an empty query forgets the last one (the only state an index keeps),
    // so one index serves (a new index of 2,000 templates per keystroke took seconds)
    const scratch = new TemplateIndex(many);
    const fromScratch = (q: string, uses: ReadonlyMap<string, number>) => {
      scratch.search('');
      return scratch.search(q, uses);
    };
    let seed = 5;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const words = [
      'fp',
      'fp1',
      'fp12',
      '售',
      '售后',
      '售1',
      'thh',
      '发票',
      '亲',
      'fh',
      '退货',
      'jj',
      'wl',
      '加急',
    ];
    for (let round = 0; round < 60; round++) {
      const word = words[Math.floor(random() * words.length)] ?? 'fp';
      const uses = new Map(
        many.slice(0, 40).map((t, k) => [t.id, Math.floor(random() * 4) * (k % 3)] as const),
      );
      // typed one character at a time, sometimes with a backspace, then cleared
      const steps: string[] = [];
      for (let i = 1; i <= word.length; i++) steps.push(word.slice(0, i));
      if (random() < 0.5) steps.push(word.slice(0, -1));
      steps.push('');
      for (const q of steps)
        expect(
          typing.search(q, uses).map((h) => h.template.id),
          `${steps.join(' → ')} at ${q}`,
        ).toEqual(fromScratch(q, uses).map((h) => h.template.id));
    }
  });
});
