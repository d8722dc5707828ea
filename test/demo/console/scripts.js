// Scripted content of the KefuGuard demo console: the shop, its products, the customers' personas
// and the line pools used for generated (benchmark) history. Plain data, no logic.
//
// A persona's `history` is what is already on screen when the page opens (only the first few
// personas have one); `script` is what the simulator makes the customer say afterwards. A script
// step is either an array of lines (sent as one quick burst) or `{ sys, status }` (a system notice
// that also moves the order to `status`). `nudges` are sent when the agent keeps the customer
// waiting; `bye` is said once after the agent answers the last step.

export const SHOP = { name: '森屿家居旗舰店', logo: '森' };
export const AGENT = { name: '森屿-小林', short: '林' };

export const PRODUCTS = [
  { name: '北欧简约全棉四件套 磨毛加厚', sku: '1.8m床 · 燕麦色', price: 299, tone: '#d9c7a7' },
  { name: '实木折叠餐桌椅组合 一桌四椅', sku: '原木色 · 1.2m', price: 1099, tone: '#b98a5a' },
  { name: '加厚珊瑚绒毛毯 午睡盖毯', sku: '150×200cm · 雾霾蓝', price: 89, tone: '#8fa9c4' },
  { name: '日式釉下彩陶瓷餐具套装 28头', sku: '青竹款 · 礼盒装', price: 268, tone: '#7fa38c' },
  { name: '慢回弹记忆棉护颈枕', sku: '成人款 · 高10cm', price: 129, tone: '#c9ccd6' },
  { name: '懒人沙发豆袋 可拆洗', sku: '大号 · 奶咖色', price: 359, tone: '#c8a27c' },
  { name: 'ins风三脚落地灯 卧室床头', sku: '暖光 · 遥控款', price: 219, tone: '#e2c07a' },
  { name: '香薰蜡烛礼盒 无烟大豆蜡', sku: '三只装 · 白茶味', price: 79, tone: '#d6b4b8' },
  { name: '棉麻收纳筐 三件套', sku: '米白 · 大中小', price: 59, tone: '#cfc3ae' },
  { name: '纯棉A类婴儿盖毯', sku: '110×110cm · 奶白', price: 139, tone: '#efd9c4' },
];

export const LEVELS = [
  '超级会员 V5',
  '淘气值 1260',
  '普通会员',
  '88VIP',
  '超级会员 V3',
  '新客',
  '淘气值 860',
];
/** [所在地区, masked delivery address] */
export const REGIONS = [
  ['浙江 杭州', '浙江省杭州市西湖区 ****'],
  ['广东 深圳', '广东省深圳市南山区 ****'],
  ['江苏 苏州', '江苏省苏州市工业园区 ****'],
  ['北京 朝阳', '北京市朝阳区 ****'],
  ['四川 成都', '四川省成都市武侯区 ****'],
  ['上海 浦东', '上海市浦东新区 ****'],
  ['湖北 武汉', '湖北省武汉市洪山区 ****'],
];
export const SOURCES = ['手机淘宝', '天猫 App', '淘宝 PC 端', '手机淘宝 · 商品详情页'];
export const COURIERS = ['中通快递', '韵达快递', '顺丰速运', '圆通速递'];

export const BOT_GREETING = '您好，欢迎光临森屿家居旗舰店~ 我是智能助手小森，人工客服马上为您服务，请稍等哦';

/** Compliant quick phrases offered by the toolbar's 快捷短语 menu. */
export const QUICK_PHRASES = [
  '亲，在的哦，请问有什么可以帮您？',
  '亲，这款是现货的，今天16点前付款当天发出~',
  '亲，发票可以开的，麻烦提供抬头和税号，确认收货后3个工作日内开具哦',
  '亲，支持7天无理由退换货，商品不影响二次销售即可，在订单页申请就可以啦',
  '已经帮您催促仓库了，稍后把物流单号同步给您，请您放心',
  '感谢您的耐心等待，祝您生活愉快~',
];

export const PERSONAS = [
  {
    nick: 'tb_小鱼儿88',
    product: 0,
    status: '待付款',
    history: [
      ['customer', '在吗'],
      ['customer', '这款四件套1.8米的床能用吗？'],
      ['agent', '亲，在的哦~ 1.8m床选这个规格就可以，被套是200×230cm的'],
      ['customer', '是纯棉的吗？洗了会不会起球'],
      ['agent', '是100%新疆长绒棉磨毛的，正常机洗不起球，第一次洗建议冷水反面洗哦'],
      ['customer', '燕麦色还有货吗，什么时候能发货'],
    ],
    script: [
      ['能便宜点吗？我想买两套', '老顾客了'],
      ['好吧，那我先拍一套'],
      { sys: '系统：买家已付款', status: '待发货' },
      ['付好了，麻烦尽快发货哦', '好评有返现吗？我一般都会晒图的'],
    ],
    nudges: ['在吗？', '？？'],
    bye: '好的，谢谢亲',
  },
  {
    nick: '橙子不酸',
    product: 1,
    status: '已签收',
    history: [
      ['customer', '你好，我上周买的餐桌椅已经收到了'],
      ['agent', '您好亲，收到就好，使用上有什么问题随时找我们哦'],
      ['customer', '可以开发票吗？要开公司抬头'],
    ],
    script: [
      ['抬头：杭州橙意文化传媒有限公司', '税号 91330106MA2H3XK21Q'],
      ['普票就行，开好了发我邮箱可以吗'],
      ['大概多久能开好？月底要报销'],
    ],
    nudges: ['还在吗', '发票的事怎么说？'],
    bye: '好的，麻烦了',
  },
  {
    nick: 'jd_王先生',
    product: 0,
    status: '已签收',
    history: [
      ['system', '买家已进入会话'],
      ['customer', '收到了尺码不合适，可以退货吗'],
      ['agent', '亲，可以的，支持7天无理由退换，请问是哪里不合适呢？'],
      ['customer', '被套小了，我家是2米的床'],
      ['agent', '明白了，给您换成2.0m规格可以吗？差价我们这边帮您处理'],
    ],
    script: [
      ['换货的话运费谁出？', '我拆了包装但是没用过'],
      ['行，那就换2.0m的吧', '颜色还要燕麦色'],
      ['退回的地址发我一下'],
    ],
    nudges: ['？', '人呢'],
    bye: '好的，我今天就寄回去',
  },
  {
    nick: 'momo_小暖',
    product: 2,
    status: '待发货',
    script: [
      ['怎么还没发货', '都拍下三天了'],
      ['能给个准话吗，今天能发吗'],
      ['发了的话单号给我一下'],
      { sys: '系统：卖家已发货', status: '已发货' },
      ['看到了，谢谢'],
    ],
    nudges: ['在不在啊', '怎么没人回'],
    bye: '辛苦了',
  },
  {
    nick: '风吹麦浪007',
    product: 5,
    status: '已发货',
    script: [
      ['我的豆袋到底什么时候到', '物流三天没动了'],
      ['你们什么破服务，再不回复我就投诉了！'],
      ['这样吧，今天到不了我就退款', '然后给差评'],
    ],
    nudges: ['人呢？？？', '我等了多久了你们自己看看', '投诉了'],
    bye: '行吧，那我再等等',
  },
  {
    nick: '甜甜圈不甜',
    product: 3,
    status: '待付款',
    script: [
      ['这套餐具是釉下彩的吗', '能用洗碗机吗'],
      ['加个微信聊吧，方便点', '我朋友也想买，可以拉群一起团'],
      ['那这边买两套送礼，能包装好一点吗'],
      { sys: '系统：买家已付款', status: '待发货' },
      ['拍好了，送人的记得别放价格单'],
    ],
    nudges: ['在吗亲', '？'],
    bye: '好嘞，谢谢',
  },
  {
    nick: '一只喵喵酱',
    product: 4,
    status: '待付款',
    script: [
      ['护颈枕有几个高度呀', '我是侧睡的'],
      ['材质是什么，有没有味道'],
      ['好评有返现吗', '晒图的话给不给红包'],
    ],
    nudges: ['？', '还在吗'],
    bye: '好的我考虑一下',
  },
  {
    nick: 'dy_李女士',
    product: 6,
    status: '已发货',
    script: [
      ['落地灯收到了，灯不亮', '插座是好的'],
      ['能换一个吗，或者退款也行'],
      ['可以开发票吗？要开公司抬头'],
    ],
    nudges: ['有人吗', '麻烦快点处理'],
    bye: '好的，谢谢处理',
  },
];

/** Finished conversations already in the list when the page opens (all answered, no script). */
export const PAST_CHATS = [
  {
    nick: '布丁不甜',
    product: 7,
    status: '已发货',
    endAgoMin: 18,
    history: [
      ['customer', '香薰蜡烛是什么味道的'],
      ['agent', '亲，这款是白茶味的，清淡不刺鼻，燃烧时间约40小时哦'],
      ['customer', '好的，谢谢'],
      ['agent', '不客气亲，有问题随时找我们~'],
    ],
  },
  {
    nick: '南风知我意',
    product: 8,
    status: '已签收',
    endAgoMin: 41,
    history: [
      ['customer', '收纳筐有点压痕'],
      ['agent', '亲，棉麻材质运输中会有轻微压痕，用手整理一下或者喷点水就能恢复哦'],
      ['customer', '弄好了，挺好看的'],
      ['agent', '太好啦，感谢亲的支持~'],
    ],
  },
  {
    nick: 'tb_陈小姐1993',
    product: 9,
    status: '待发货',
    endAgoMin: 67,
    history: [
      ['customer', '婴儿盖毯是A类的吗'],
      ['agent', '是的亲，婴幼儿A类标准，有检测报告，详情页最后一张可以查看'],
      ['customer', '那我拍了'],
      ['system', '系统：买家已付款'],
      ['agent', '收到亲，今天下午就给您安排发货'],
    ],
  },
];

/** Extra nicks for customers beyond the personas and for benchmark conversations. */
export const NICK_PARTS = {
  prefixes: ['tb_', 'jd_', '', '', 'dy_', 'momo_'],
  names: [
    '小太阳',
    '阿杰',
    '布丁不甜',
    '南风知我意',
    '陈小姐',
    '快乐星球',
    '糖果屋',
    '张先生',
    '木子李',
    '柠檬精',
    '晚风',
    '大橘为重',
    '周末去哪儿',
    '小熊软糖',
    '青柠',
    '不吃香菜',
  ],
};

/** Customer questions and agent answers for generated history (paired by index when possible). */
export const CUSTOMER_POOL = [
  '在吗',
  '这个有现货吗',
  '什么时候发货？',
  '能便宜点吗',
  '尺寸是多大的',
  '是什么材质的',
  '发什么快递',
  '可以开发票吗？要开公司抬头',
  '收到了尺码不合适，可以退货吗',
  '怎么还没发货',
  '包邮吗？新疆能发吗',
  '有没有赠品',
  '颜色和图片一样吗，会不会有色差',
  '买两件能优惠吗',
  '好的，那我拍了',
  '物流怎么一直不更新',
  '可以改地址吗，刚拍错了',
  '洗了会不会缩水',
];

export const AGENT_POOL = [
  '亲，在的哦，请问有什么可以帮您？',
  '亲，现货的哦，放心拍~',
  '今天16点前付款当天发出，之后次日发出哦',
  '亲，已经是活动价了，领店铺券还能再减10元哦',
  '尺寸在详情页第三张图有标注，您可以参考一下',
  '面料是100%纯棉的，亲肤透气',
  '默认发中通，需要顺丰可以补差价哦',
  '亲，发票可以开的，麻烦提供抬头和税号哦',
  '支持7天无理由退换货，在订单页申请就可以啦',
  '已经帮您催促仓库了，今天一定发出',
  '亲，全国包邮的，偏远地区需要补运费哦',
  '现在下单送同款收纳袋一个哦',
  '实物拍摄的，不同屏幕会有一点点色差，请以实物为准',
  '两件可以打九五折，拍下后联系我改价',
  '好的亲，拍下后我们尽快安排发货',
  '物流有时更新会延迟，我这边帮您联系快递查一下',
  '可以的，地址发我一下，我帮您备注修改',
  '建议冷水轻柔洗，基本不缩水的',
];
