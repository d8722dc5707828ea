/**
 * Benchmark of the rule engine: 20,000 phrases (the default pack plus generated e-commerce
 * phrases), realistic 300-character drafts with a few hits, measured in Node with
 * `process.hrtime.bigint()`.
 *
 * Compared with two baselines over the same phrases and drafts: one V8 regular expression
 * alternation (escaped, `g`, longest alternatives first) and `mint-filter` (an object-tree
 * Aho–Corasick). Also checks that, on the plain phrases, our occurrences equal the regex's: ours
 * are all occurrences, reduced to leftmost-longest non-overlapping ones, which is what a
 * longest-first alternation returns.
 *
 * Each implementation is timed in blocks of 200 drafts; the blocks of the three are taken in turns
 * and the medians reported (µs per draft).
 *
 * Run directly: `npx tsx test/bench/rules.ts`.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Mint } from 'mint-filter';
import { RawHits, runAutomaton } from '../../utils/rules/automaton';
import { type CompiledRules, compileRules, KEY_PHRASE } from '../../utils/rules/compile';
import { normalise } from '../../utils/rules/normalise';
import { rulesFromPack } from '../../utils/rules/pack';
import { scan } from '../../utils/rules/scan';
import { RULE_CATEGORIES, type Rule } from '../../utils/rules/types';
import type { BenchResult } from './types';

const PHRASE_COUNT = 20_000;
const DRAFT_COUNT = 200;
const DRAFT_LENGTH = 300;

/** A small seeded generator, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MODIFIERS =
  '超值 特惠 限量 爆款 新品 正品 进口 原装 手工 加厚 加绒 轻薄 透气 速干 防水 防晒 保暖 宽松 修身 复古 ' +
  '百搭 简约 高腰 低帮 大码 儿童 男士 女士 情侣 学生 商务 户外 家用 车载 便携 迷你 无线 蓝牙 智能 静音 ' +
  '纯棉 真丝 羊毛 实木 陶瓷 玻璃 不锈钢 硅胶 竹纤维 天然 有机 低糖 无糖 高钙 即食 冷冻 散装 礼盒 定制 清仓';
const GOODS =
  '面膜 口红 粉底 眼霜 精华 防晒霜 洗面奶 卫衣 外套 衬衫 长裙 短裤 牛仔裤 羽绒服 毛衣 袜子 运动鞋 凉鞋 ' +
  '拖鞋 背包 钱包 手表 耳机 充电器 数据线 手机壳 键盘 鼠标 台灯 水杯 保温杯 餐具 炒锅 菜刀 床单 枕头 ' +
  '被子 毛巾 牙刷 洗发水 沐浴露 纸巾 坚果 茶叶 咖啡 奶粉 饼干 牛肉干 蜂蜜 大米 食用油 玩具 积木 绘本 ' +
  '文具 笔记本 收纳盒 衣架 拖把 花盆 宠物粮 猫砂';
const CLAIMS =
  '套装 组合 专用 同款 旗舰款 升级版 加大号 家庭装 体验装 尝鲜装 特供版 经典款 豪华版 基础款 礼品装 ' +
  '两件套 三件套 替换装 补充装 试用装';

/** Ordinary service sentences the drafts are made of (no separators, so nothing is skipped). */
const SENTENCES = [
  '亲，您好，欢迎光临本店，请问有什么可以帮您的吗？',
  '这款目前有现货，今天下单的话明天就可以发出。',
  '尺码建议参考详情页的尺码表，按平时的尺码拍就可以。',
  '快递默认发中通和圆通，偏远地区可能会慢一两天。',
  '收到货以后如果有任何问题，随时联系我们处理。',
  '这边已经帮您备注了，仓库会优先安排发货的。',
  '颜色以实物为准，不同显示器可能会有一点色差。',
  '赠品是随机发的，数量有限，送完为止哦。',
  '活动价到今晚十二点结束，喜欢的话可以早点下单。',
  '您的订单已经发出了，物流信息一般晚上会更新。',
  '不好意思让您久等了，刚才咨询的人比较多。',
  '这款面料是棉和涤纶混纺的，穿着比较舒服。',
  '洗涤的时候建议手洗，不要用漂白剂，阴干就可以。',
  '退换货的话在订单页面申请就可以，我们会尽快处理。',
  '您拍下以后我这边帮您改一下价格，稍等一下哦。',
  '这个型号和您之前买的是通用的，可以放心使用。',
  '发票可以开的，在订单里提交开票信息就行。',
  '抱歉给您带来不便，我马上帮您联系快递核实一下。',
  '这款的保修期是一年，期间有问题可以免费维修。',
  '如果尺码不合适，七天内可以申请退换，运费险可以报销。',
  '感谢您的耐心等待，祝您购物愉快，生活顺心。',
  '目前这款卖得很好，库存不多了，需要的话尽快拍哦。',
];

function words(list: string): string[] {
  return list.split(' ').filter((w) => w !== '');
}

/** The default pack's phrases that normalise to themselves, then generated ones up to 20,000. */
export function buildPhrases(packRules: readonly Rule[], count = PHRASE_COUNT, seed = 7): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    if (out.length < count && !seen.has(p) && normalise(p) === p) {
      seen.add(p);
      out.push(p);
    }
  };
  for (const rule of packRules) for (const p of rule.phrases ?? []) add(p);
  const next = random(seed);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)] as string;
  const modifiers = words(MODIFIERS);
  const goods = words(GOODS);
  const claims = words(CLAIMS);
  for (const m of modifiers) for (const g of goods) add(m + g);
  while (out.length < count) {
    const shape = next();
    if (shape < 0.4) add(pick(modifiers) + pick(modifiers) + pick(goods));
    else if (shape < 0.8) add(pick(modifiers) + pick(goods) + pick(claims));
    else add(pick(goods) + pick(claims));
  }
  return out;
}

/** Drafts of exactly 300 characters: service sentences with a few phrases slipped in. */
export function buildDrafts(phrases: readonly string[], count = DRAFT_COUNT, seed = 11): string[] {
  const next = random(seed);
  const drafts: string[] = [];
  for (let d = 0; d < count; d++) {
    const parts: string[] = [];
    let length = 0;
    const hits = 1 + Math.floor(next() * 3);
    const hitAt = new Set(Array.from({ length: hits }, () => Math.floor(next() * 8)));
    for (let i = 0; length < DRAFT_LENGTH + 40; i++) {
      const sentence = SENTENCES[Math.floor(next() * SENTENCES.length)] as string;
      const part = hitAt.has(i) ? `${phrases[Math.floor(next() * phrases.length)]}，${sentence}` : sentence;
      parts.push(part);
      length += part.length;
    }
    // A flat string, as a text box's value is (a slice would be a view into a longer string).
    drafts.push(Array.from(parts.join('').slice(0, DRAFT_LENGTH)).join(''));
  }
  return drafts;
}

/** The pack's rules, plus the generated phrases as rules of 100 phrases each (categories in turn). */
function phraseRules(packRules: readonly Rule[], phrases: readonly string[]): Rule[] {
  const inPack = new Set(packRules.flatMap((r) => r.phrases ?? []));
  const extra = phrases.filter((p) => !inPack.has(p));
  const rules = [...packRules];
  for (let i = 0; i < extra.length; i += 100) {
    rules.push({
      id: `generated-${i / 100}`,
      category: RULE_CATEGORIES[(i / 100) % RULE_CATEGORIES.length] ?? 'ad-absolute',
      severity: 'warn',
      phrases: extra.slice(i, i + 100),
      reason: '基准测试生成的规则',
      reasonEn: 'Generated for the benchmark',
    });
  }
  return rules;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** µs per draft of one call of `run` (which scans `per` drafts). */
function timeOnce(run: () => void, per: number): number {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1000 / per;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Our occurrences of the plain phrases, reduced to leftmost-longest non-overlapping spans. */
function ourSpans(compiled: CompiledRules, plain: ReadonlySet<string>, text: string, raw: RawHits): string {
  runAutomaton(compiled.automaton, text, raw);
  const found: [number, number][] = [];
  for (let j = 0; j < raw.count; j++) {
    const key = raw.key[j] as number;
    if (compiled.keyKind[key] !== KEY_PHRASE || !plain.has(compiled.keys[key] as string)) continue;
    found.push([raw.start[j] as number, raw.end[j] as number]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: string[] = [];
  let end = -1;
  for (const [s, e] of found) {
    if (s < end) continue;
    out.push(`${s}-${e}`);
    end = e;
  }
  return out.join(',');
}

function regexSpans(regex: RegExp, text: string): string {
  const out: string[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text))
    out.push(`${m.index}-${m.index + m[0].length}`);
  return out.join(',');
}

export async function benchRules(): Promise<BenchResult[]> {
  const packPath = fileURLToPath(new URL('../../public/packs/default-rules.json', import.meta.url));
  const packRules = rulesFromPack(JSON.parse(readFileSync(packPath, 'utf8')));
  const phrases = buildPhrases(packRules);
  const drafts = buildDrafts(phrases);
  const rules = phraseRules(packRules, phrases);

  // Compile time: warm once, then the median of several.
  compileRules(rules);
  const compileTimes: number[] = [];
  for (let i = 0; i < 11; i++) compileTimes.push(timeOnce(() => compileRules(rules), 1) / 1000);
  const compileMs = median(compileTimes);
  const compiled = compileRules(rules);

  let sink = 0;
  // KefuGuard scan, normalisation and findings included.
  const ours = () => {
    for (const draft of drafts) sink += scan(compiled, draft).length;
  };
  // One big alternation, longest phrases first.
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const regex = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
  const viaRegex = () => {
    for (const draft of drafts) {
      regex.lastIndex = 0;
      while (regex.exec(draft) !== null) sink++;
    }
  };
  // mint-filter.
  const mint = new Mint(phrases);
  const viaMint = () => {
    for (const draft of drafts) sink += mint.filter(draft, { replace: false }).words.length;
  };

  // Warm all three, then sample them in blocks taken in turns (ours, mint-filter, regex, and again),
  // so that a busy moment of the machine weighs on all of them alike while each block runs warm;
  // report medians.
  for (let w = 0; w < 300; w++) ours();
  for (let w = 0; w < 5; w++) viaMint();
  for (let w = 0; w < 2; w++) viaRegex();
  const oursTimes: number[] = [];
  const mintTimes: number[] = [];
  const regexTimes: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (let w = 0; w < 20; w++) ours();
    for (let k = 0; k < 60; k++) oursTimes.push(timeOnce(ours, drafts.length));
    for (let k = 0; k < 10; k++) mintTimes.push(timeOnce(viaMint, drafts.length));
    for (let k = 0; k < 3; k++) regexTimes.push(timeOnce(viaRegex, drafts.length));
  }
  const oursUs = median(oursTimes);
  const mintUs = median(mintTimes);
  const regexUs = median(regexTimes);

  // Same occurrences as the regex on the plain phrases.
  const plain = new Set(phrases);
  const raw = new RawHits();
  let differing = 0;
  let occurrences = 0;
  for (const draft of drafts) {
    const a = ourSpans(compiled, plain, draft, raw);
    const b = regexSpans(regex, draft);
    if (a !== b) differing++;
    occurrences += b === '' ? 0 : b.split(',').length;
  }
  if (sink < 0) console.log(sink);

  return [
    {
      name: `rules: KefuGuard scan, ${phrases.length} phrases, ${DRAFT_LENGTH}-char draft (median)`,
      value: oursUs,
      unit: 'µs',
      target: '≤ 5 µs',
      ok: oursUs <= 5,
    },
    {
      name: 'rules: V8 regex alternation, same phrases and drafts',
      value: regexUs,
      unit: 'µs',
      target: 'baseline',
      ok: true,
    },
    {
      name: 'rules: mint-filter, same phrases and drafts',
      value: mintUs,
      unit: 'µs',
      target: 'baseline',
      ok: true,
    },
    {
      name: 'rules: regex ÷ KefuGuard',
      value: regexUs / oursUs,
      unit: '×',
      target: '≥ 4×',
      ok: regexUs / oursUs >= 4,
    },
    {
      name: 'rules: mint-filter ÷ KefuGuard',
      value: mintUs / oursUs,
      unit: '×',
      target: '≥ 25×',
      ok: mintUs / oursUs >= 25,
    },
    {
      name: `rules: compile ${phrases.length} phrases`,
      value: compileMs,
      unit: 'ms',
      target: '≤ 100 ms',
      ok: compileMs <= 100,
    },
    {
      name: `rules: drafts whose occurrences differ from the regex (${occurrences} occurrences in ${drafts.length} drafts)`,
      value: differing,
      unit: 'drafts',
      target: '= 0',
      ok: differing === 0 && occurrences > 0,
    },
  ];
}

function printTable(results: readonly BenchResult[]): void {
  console.table(
    results.map((r) => ({
      name: r.name,
      value: Number(r.value.toFixed(2)),
      unit: r.unit,
      target: r.target,
      ok: r.ok,
    })),
  );
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

// Run directly (`npx tsx test/bench/rules.ts`): print the table.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchRules().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
