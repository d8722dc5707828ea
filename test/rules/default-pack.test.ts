import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  createScanner,
  type Finding,
  normalise,
  RULE_CATEGORIES,
  type RuleCategory,
  rulesFromPack,
  type Severity,
  worstSeverity,
} from '../../utils/rules';

const pack: unknown = JSON.parse(
  readFileSync(new URL('../../public/packs/default-rules.json', import.meta.url), 'utf8'),
);
const rules = rulesFromPack(pack);
const scanner = createScanner(rules);

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.ruleId}/${f.severity}「${f.text}」`).join(' ') || '(none)';
}

describe('default rule pack', () => {
  test('has the team-pack envelope', () => {
    expect(pack).toMatchObject({
      format: 'kefu-guard-pack',
      version: 1,
      id: 'kefu-guard-default-rules',
      name: '默认违禁词规则',
      author: 'KefuGuard',
    });
  });

  test('compiles and has at least 300 phrases over every category', () => {
    expect(scanner.compiled.phraseCount).toBeGreaterThanOrEqual(300);
    const byCategory = new Map<RuleCategory, number>();
    for (const rule of rules) {
      byCategory.set(rule.category, (byCategory.get(rule.category) ?? 0) + (rule.phrases?.length ?? 0));
    }
    for (const category of RULE_CATEGORIES) expect(byCategory.get(category) ?? 0).toBeGreaterThanOrEqual(20);
  });

  test('every rule has a reason in both languages and an alternative where it blocks', () => {
    for (const rule of rules) {
      expect(rule.reason.length, rule.id).toBeGreaterThan(10);
      expect(rule.reasonEn.length, rule.id).toBeGreaterThan(10);
      if (rule.severity === 'block') expect(rule.alternative, rule.id).toBeTruthy();
      if (rule.alternative) expect(rule.alternativeEn, rule.id).toBeTruthy();
    }
  });

  test('最 alone is never a phrase, and no phrase of a rule contains another of the same rule', () => {
    for (const rule of rules) {
      const phrases = (rule.phrases ?? []).map(normalise);
      expect(phrases, rule.id).not.toContain('最');
      for (const a of phrases) {
        for (const b of phrases) if (a !== b) expect(a.includes(b), `${rule.id}: ${a} ⊃ ${b}`).toBe(false);
      }
    }
  });

  test('rule ids are unique and every exception can overlap one of its rule phrases', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      const phrases = (rule.phrases ?? []).map(normalise);
      for (const exception of (rule.exceptions ?? []).map(normalise)) {
        const overlaps = phrases.some((p) => {
          if (exception.includes(p) || p.includes(exception)) return true;
          for (let k = 1; k < Math.min(p.length, exception.length); k++) {
            if (exception.endsWith(p.slice(0, k)) || p.endsWith(exception.slice(0, k))) return true;
          }
          return false;
        });
        expect(overlaps, `${rule.id}: exception ${exception}`).toBe(true);
      }
    }
  });
});

/** [draft, category expected at `severity` (default block), severity]; null: nothing may block. */
type Case = [string, RuleCategory | null, Severity?];

const cases: Case[] = [
  // off-platform: words, evasions, ids, numbers, links
  ['加我微 信聊', 'off-platform'],
  ['加我微信聊吧', 'off-platform'],
  ['ｖｘ：abc123', 'off-platform'],
  ['VX同号', 'off-platform'],
  ['有事加薇信', 'off-platform'],
  ['加个威信吧', 'off-platform'],
  ['我的徽信多少你知道', 'off-platform'],
  ['加V信详聊', 'off-platform'],
  ['加我 v❤x', 'off-platform'],
  ['微😀信联系', 'off-platform'],
  ['微-信：kefu_2024', 'off-platform'],
  ['微❤️信 abc_123', 'off-platform'],
  ['私我 wx: zhangsan88', 'off-platform'],
  ['V: abc_123', 'off-platform'],
  ['+V ivan_2023 发你图', 'off-platform'],
  ['𝐯𝐱 详聊', 'off-platform'],
  ['發個微信給你', 'off-platform'],
  ['加QQ聊', 'off-platform'],
  ['扣扣号 12345678', 'off-platform'],
  ['ＱＱ：８８６６５５４４', 'off-platform'],
  ['qq 一二三四五六七', 'off-platform'],
  ['打我电话 13812345678', 'off-platform'],
  ['电话 138 1234 5678', 'off-platform'],
  ['138-1234-5678 找我', 'off-platform'],
  ['一三八一二三四五六七八', 'off-platform'],
  ['①③⑧①②③④⑤⑥⑦⑧', 'off-platform'],
  ['幺三八 幺二三四 五六七八', 'off-platform'],
  ['+86 139 0000 1111', 'off-platform'],
  ['１３９１２３４５６７８', 'off-platform'],
  ['直接支付宝转账给我就行', 'off-platform'],
  ['zfb转我', 'off-platform'],
  ['扫这个收款码付款', 'off-platform'],
  ['我们私下交易更便宜', 'off-platform'],
  ['不走平台可以便宜五十', 'off-platform'],
  ['付款链接 https://qr.alipay.com/fkx12345', 'off-platform'],
  ['wxp://f2f0abcdef 扫一下', 'off-platform'],
  ['去我们官网 www.myshop123.com 下单', 'off-platform', 'warn'],
  ['发邮件到 kefu888@qq.com', 'off-platform', 'warn'],
  ['关注公众号领券', 'off-platform', 'warn'],
  ['方便留个电话吗', 'off-platform', 'warn'],
  ['QQ上说', 'off-platform'],
  ['用企鹅号联系', 'off-platform'],
  // off-platform look-alikes that must not block
  ['抱歉，我们不能加微信哦，有问题在这里说就好', null],
  ['淘宝不支持微信支付哦，可以用支付宝付款', null],
  ['订单号：123456789012345678', null],
  ['您的订单号是 202311221234567890', null],
  ['快递单号SF1234567890123', null],
  ['运单号：13812345678', null],
  ['价格是138元，现在下单送运费险', null],
  ['我们的客服热线 400-123-4567', null],
  ['这款QQ糖很好吃', null],
  ['口感QQ弹弹的', null],
  ['麻烦核对一下收货手机号是否正确', null],
  ['退款会原路退回您的支付宝账户', null],
  ['商品链接 https://item.taobao.com/item.htm?id=123', null],
  ['可以在顺丰官网 www.sf-express.com 查询物流', null],
  ['这款vivo x100 pro 有现货', null],
  ['TV信号不好的话可以重启一下', null],
  ['这个可以增加微量元素', null],
  ['可以加我们店铺会员领券', null],
  ['5V2A 的充电头就可以', null],
  ['我们不私下交易哦', null],
  ['请不要转账给任何个人', null],
  ['亲，这边不能加QQ哦', null],
  ['抖音下单可以用微信支付', null],
  ['规格 2.5米，重量 13.8kg', null],
  // review manipulation
  ['好评返现5元', 'review-manipulation'],
  ['五星好评送小礼品', 'review-manipulation'],
  ['晒图返现3元哦', 'review-manipulation'],
  ['好 评 返 现', 'review-manipulation'],
  ['好評返現', 'review-manipulation'],
  ['好评反现', 'review-manipulation'],
  ['hp返现', 'review-manipulation'],
  ['追评有礼', 'review-manipulation'],
  ['评价截图返现', 'review-manipulation'],
  ['删差评给红包', 'review-manipulation'],
  ['麻烦把差评删了，给您补偿', 'review-manipulation'],
  ['可以帮忙撤销差评吗', 'review-manipulation'],
  ['改成好评给您返10元', 'review-manipulation'],
  ['我们这边可以刷单', 'review-manipulation'],
  ['需要刷好评吗', 'review-manipulation'],
  ['拍A发B', 'review-manipulation'],
  ['有空包代发', 'review-manipulation'],
  ['收到货满意的话给个五星好评哦', 'review-manipulation', 'info'],
  ['下单返现10元', 'review-manipulation', 'warn'],
  ['感谢您的好评，欢迎下次光临', null],
  ['您给差评的原因可以和我说说吗', null],
  ['刷手机的时候注意休息', null],
  ['评价返回页面就能看到', null],
  // consumer rights
  ['特价商品概不退换', 'consumer-rights'],
  ['售出不退', 'consumer-rights'],
  ['不退不换哦亲', 'consumer-rights'],
  ['不 退 不 换', 'consumer-rights'],
  ['不退不換', 'consumer-rights'],
  ['清仓商品一律不退', 'consumer-rights'],
  ['特价不退换', 'consumer-rights'],
  ['我们拒绝退款', 'consumer-rights'],
  ['我们不开发票', 'consumer-rights'],
  ['不開發票', 'consumer-rights'],
  ['发票要加税点', 'consumer-rights'],
  ['开票另加6个点', 'consumer-rights'],
  ['发票另收费用', 'consumer-rights'],
  ['这个价格不含发票', 'consumer-rights'],
  ['本店没有发票', 'consumer-rights'],
  ['出了质量问题本店概不负责', 'consumer-rights'],
  ['拆封不退', 'consumer-rights', 'warn'],
  ['这个不能退货', 'consumer-rights', 'warn'],
  ['快递弄坏的你自己找快递', 'consumer-rights', 'warn'],
  ['价格不含税', 'consumer-rights', 'warn'],
  ['支持七天无理由退换货', null],
  ['可以开发票的', null],
  ['亲，发票可以免费开的', null],
  ['发票不用加税点，免费开', null],
  ['我们支持退换货', null],
  ['定制商品不支持七天无理由退货哦', null],
  ['这边给您申请仅退款不退货', null],
  ['商品签收后七天内都可以申请退货', null],
  // attitude
  ['你自己不会看吗', 'attitude'],
  ['爱买不买', 'attitude'],
  ['你有病吧', 'attitude'],
  ['你 有 病', 'attitude'],
  ['SB', 'attitude'],
  ['傻 逼', 'attitude'],
  ['脑残吧你', 'attitude'],
  ['滚蛋', 'attitude'],
  ['他妈的烦死了', 'attitude'],
  ['卧槽', 'attitude'],
  ['说了多少遍了', 'attitude'],
  ['买不起就别问', 'attitude'],
  ['嫌贵别买', 'attitude'],
  ['随便投诉，我不怕', 'attitude'],
  ['你给我等着', 'attitude'],
  ['信不信我弄死你', 'attitude'],
  ['知道你住哪', 'attitude'],
  ['你是不是傻', 'attitude'],
  ['听不懂人话吗', 'attitude'],
  ['呵呵', 'attitude', 'warn'],
  ['详情页写着呢，自己看', 'attitude', 'warn'],
  ['不好意思让您久等了', null],
  ['这款洗衣机是滚筒的', null],
  ['去死皮膏每周用一次就可以', null],
  ['这款是傻瓜式操作，老人也会用', null],
  ['我们的USB接口是3.0的', null],
  ['给妈妈的礼物可以备注', null],
  ['这家物流很靠谱', null],
  ['水滚开后放入面条煮三分钟', null],
  ['您可以自己查一下物流', null],
  // advertising-law absolute terms
  ['本店全网最低价', 'ad-absolute'],
  ['这是国家级产品', 'ad-absolute'],
  ['顶级品质', 'ad-absolute'],
  ['最佳选择', 'ad-absolute'],
  ['最 佳', 'ad-absolute'],
  ['最好的面料', 'ad-absolute'],
  ['史无前例的优惠', 'ad-absolute'],
  ['永久保修', 'ad-absolute'],
  ['世界级工艺', 'ad-absolute'],
  ['100%正品', 'ad-absolute'],
  ['１００％有效', 'ad-absolute'],
  ['百分百满意', 'ad-absolute'],
  ['国家机关特供', 'ad-absolute'],
  ['驰名商标', 'ad-absolute'],
  ['独一无二的设计', 'ad-absolute'],
  ['史上最低价', 'ad-absolute'],
  ['国家級', 'ad-absolute'],
  ['最高級', 'ad-absolute'],
  ['销量第一', 'ad-absolute', 'warn'],
  ['全网首发', 'ad-absolute', 'warn'],
  ['独家配方', 'ad-absolute', 'warn'],
  ['这款是店里卖得最好的之一', 'ad-absolute', 'warn'],
  ['这是最受欢迎的颜色', 'ad-absolute', 'warn'],
  ['NO.1 的品牌', 'ad-absolute', 'warn'],
  ['好的亲，最快明天发货', null],
  ['第一时间为您处理', null],
  ['第一次购买可以领新人券', null],
  ['您最好先量一下脚长再选尺码', null],
  ['建议您最好用温水手洗', null],
  ['亲，您最好看一下尺码表哦', null],
  ['开封后最好吃完', null],
  ['这个是我们的最低起订量', null],
  ['最迟后天发货', null],
  ['这款是纯棉的，100%棉，亲肤透气', null],
  ['成分：棉100%', null],
  ['最佳赏味期是三个月', null],
  ['厨房水龙头在第二个链接', null],
  ['这款有唯一码可以查真伪', null],
  // medical
  ['这款面膜可以治疗痘痘', 'medical'],
  ['能根治脚气', 'medical'],
  ['药到病除', 'medical'],
  ['有消炎作用', 'medical'],
  ['天然抗癌', 'medical'],
  ['纯天然无副作用', 'medical'],
  ['能降血压', 'medical'],
  ['可以增强免疫力', 'medical'],
  ['治療效果好', 'medical'],
  ['减肥效果明显', 'medical', 'warn'],
  ['本品为普通食品，不能代替药物治疗', null],
  ['如果身体不适请及时就医治疗', null],
  ['高温杀菌的牛奶可以常温保存', null],
  ['这款是治愈系玩偶', null],
  ['祝您早日康复', null],
  // false guarantee
  ['假一赔十', 'false-guarantee'],
  ['稳赚不赔', 'false-guarantee'],
  ['保本保息', 'false-guarantee'],
  ['零风险投资', 'false-guarantee'],
  ['保证有效，无效退款', 'false-guarantee'],
  ['一次见效', 'false-guarantee'],
  ['今天是限时最后一天', 'false-guarantee', 'warn'],
  ['明天涨价', 'false-guarantee', 'warn'],
  ['今天是您申请退货的最后一天哦', null],
  ['我们会确保本次发货准确无误', null],
  ['正品保障，假一赔四是天猫的服务', null],
];

describe('category table', () => {
  test('has at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  test.each(cases)('%s → %s %s', (text, category, severity = 'block') => {
    const findings = scanner.scan(text);
    if (category === null) {
      expect(
        findings.filter((f) => f.severity === 'block'),
        describeFindings(findings),
      ).toEqual([]);
      return;
    }
    const match = findings.find((f) => f.category === category && f.severity === severity);
    expect(match, describeFindings(findings)).toBeDefined();
    if (severity !== 'block') expect(worstSeverity(findings), describeFindings(findings)).toBe(severity);
    for (const f of findings) expect(f.text).toBe(text.slice(f.start, f.end));
  });
});

/** Replies agents send every day: none may be blocked. */
const ordinary = [
  '亲，在的，请问有什么可以帮您？',
  '好的亲，最快明天发货',
  '第一时间为您处理',
  '支持七天无理由',
  '可以开发票',
  '亲，发票可以免费开的',
  '不好意思让您久等了',
  '我们支持退换货',
  '这款是店里卖得最好的之一',
  '您最好先量一下尺码再拍哦',
  '已经帮您备注优先发货了',
  '这个问题我马上帮您反馈给售后',
  '第一步先申请退货，第二步填写快递单号',
  '商品签收后七天内，不影响二次销售都可以退',
  '快递员会提前打电话联系您',
  '退款会原路退回到您的支付宝',
  '这款是纯棉的，100%棉，亲肤透气',
  '活动价到今晚12点结束',
  '可以先加购物车，等活动开始再下单',
  '京东快递一般次日达',
  '您可以在订单详情里查看物流',
  '吊牌不要拆，不影响二次销售的话都可以退',
  '赠品是随机发的哈',
  '这边帮您登记了，到货第一时间通知您',
  '全国包邮，偏远地区除外',
  '我们会尽最大努力帮您解决',
  '快递丢件的话我们会给您补发',
  '亲，七天无理由退货的运费需要您先垫付，收到后给您报销',
  '这个尺寸最大可以放下15寸电脑',
  '亲，这款最新到货了',
  '这个颜色最近卖得很好',
  '收到后有任何问题随时联系我们',
  '我们不会泄露您的个人信息',
  '亲，这个需要您自己选一下颜色哦',
  '您看一下最底部的链接',
  '最迟后天一定发出',
  '这款手洗最好，机洗也可以',
  '已经给您改好地址了',
  '抱歉给您带来不便，我们马上处理',
  '感谢您的耐心等待，祝您生活愉快',
  '亲，可以的，拍下后备注颜色就行',
  '这款是今年的新款，面料很舒服',
  '您的包裹已经到达派送站点了',
  '如果收到有任何质量问题，我们包退包换',
  '这款适合165左右的身高',
  '亲，这边已经给您申请退款了，请留意',
  '您好，换货需要您先寄回原商品哦',
  '麻烦您提供一下商品问题的照片，我们帮您处理',
  '亲，这款的保修期是一年',
  '开具发票请在订单页面申请，电子发票会发到您的邮箱',
  '可以用花呗分期付款',
  '这款买二送一，活动截止到周日',
];

describe('ordinary service replies', () => {
  test('at least 40 of them', () => {
    expect(ordinary.length).toBeGreaterThanOrEqual(40);
  });

  test.each(ordinary)('%s → no block', (text) => {
    const findings = scanner.scan(text);
    expect(worstSeverity(findings) === 'block', describeFindings(findings)).toBe(false);
  });
});
