/**
 * Normalisation of chat text before rule matching.
 *
 * Agents dodge filters with full-width letters (ＶＸ), capitals, traditional characters (發票),
 * separators and emoji between characters (微 信, 微-信, 微❤信, 微😀信), look-alike letters from
 * other scripts and circled digits (①③⑧). Every BMP code unit is mapped once, through one
 * precomputed table (`NORM`), to its normalised unit or to one of three instructions:
 *
 * - `SKIP`: ignore it (spaces, separators, symbols, emoji pieces, zero-width and combining marks);
 * - `DOT`: ignore it like a separator, but it may belong to a URL (`.` and `/`);
 * - `HIGH_SURROGATE`: decode it with the next unit (`astralUnit`): emoji are skipped, mathematical
 *   and enclosed letters/digits (𝐯𝐱, 🅥🅧) become ASCII, anything else is a character no rule holds.
 *
 * Sentence punctuation (，。！？；：、) is kept, so phrases do not match across sentences.
 * Chinese numerals stay what they are for phrases (第一 is not 第1); the phone detector reads them
 * as digits through its own table (`PHONE_DIGIT`).
 *
 * Homophone evasions (薇信, 威信 …) are not folded here, because 威 and 危 are ordinary characters:
 * they are expanded per phrase at compile time (see `evasions.ts`).
 */

/** Ignore this unit. */
export const SKIP = 0xffff;
/** A high surrogate: decode it with the unit after it. */
export const HIGH_SURROGATE = 0xfffe;
/** `.` or `/`: ignored like a separator, but a hint that the text may hold a URL. */
export const DOT = 0xfffd;
/** Table values from here up are instructions, not characters. */
export const SPECIAL_MIN = 0xfffd;
/** Stands for a character outside the BMP that no rule can hold (it breaks phrases). */
export const OPAQUE = 0xfffc;

/** Chinese numerals read as digits in phone numbers (the order is their digit value modulo 10). */
export const CN_DIGITS: readonly (readonly [string, number])[] = [
  ['〇', 0],
  ['零', 0],
  ['一', 1],
  ['幺', 1],
  ['壹', 1],
  ['二', 2],
  ['贰', 2],
  ['三', 3],
  ['叁', 3],
  ['四', 4],
  ['肆', 4],
  ['五', 5],
  ['伍', 5],
  ['六', 6],
  ['陆', 6],
  ['七', 7],
  ['柒', 7],
  ['八', 8],
  ['捌', 8],
  ['九', 9],
  ['玖', 9],
];

/**
 * Traditional → simplified, for the characters of the rule vocabulary and everyday chat.
 * Pairs of (traditional, simplified). Characters that are also common simplified characters with
 * another meaning (著, 乾) are left out.
 */
const TRAD_SIMP =
  '發发 髮发 換换 貨货 價价 錢钱 買买 賣卖 優优 評评 論论 現现 曬晒 圖图 刪删 紅红 個个 單单 號号 碼码 ' +
  '聯联 繫系 係系 絡络 電电 話话 機机 訊讯 絕绝 對对 國国 級级 際际 頂顶 獨独 網网 無无 療疗 癒愈 藥药 ' +
  '腫肿 證证 賠赔 贈赠 務务 愛爱 滾滚 豬猪 腦脑 殘残 懶懒 嗎吗 麼么 們们 這这 樣样 說说 請请 讓让 確确 ' +
  '實实 應应 該该 開开 與与 為为 會会 來来 時时 間间 東东 車车 長长 門门 問问 聞闻 見见 覺觉 視视 親亲 ' +
  '觀观 學学 體体 點点 條条 當当 後后 從从 裡里 裏里 邊边 還还 過过 進进 運运 達达 遠远 選选 遲迟 適适 ' +
  '遞递 連连 週周 產产 業业 廣广 廠厂 歷历 曆历 壓压 廳厅 縣县 區区 醫医 華华 協协 衛卫 員员 圓圆 團团 ' +
  '園园 氣气 風风 飛飞 鳥鸟 魚鱼 馬马 龍龙 齊齐 齒齿 黃黄 質质 費费 貴贵 資资 貼贴 購购 財财 負负 責责 ' +
  '賬账 帳帐 販贩 貿贸 賺赚 賽赛 贏赢 趕赶 軟软 較较 輕轻 載载 輸输 轉转 辦办 農农 鄉乡 鐘钟 鈕钮 銀银 ' +
  '銷销 鋪铺 舖铺 錯错 鍵键 鎖锁 鏈链 閉闭 閃闪 閱阅 闆板 陸陆 陳陈 陽阳 隊队 階阶 隨随 險险 雙双 雜杂 ' +
  '難难 靈灵 靜静 韓韩 頁页 項项 順顺 須须 預预 領领 頭头 頻频 題题 額额 顏颜 願愿 類类 顧顾 顯显 餘余 ' +
  '館馆 驗验 騙骗 髒脏 鬧闹 黨党 齡龄 壞坏 備备 傳传 傷伤 僅仅 儲储 兩两 內内 冊册 凍冻 劃划 劑剂 動动 ' +
  '勝胜 勞劳 勢势 勵励 卻却 厲厉 參参 變变 吳吴 啟启 喪丧 嘗尝 噸吨 嚴严 圍围 場场 塊块 塗涂 壽寿 夠够 ' +
  '夢梦 奪夺 奮奋 婦妇 媽妈 嬰婴 寶宝 寧宁 審审 寫写 寬宽 將将 專专 尋寻 導导 屆届 屬属 歲岁 島岛 幣币 ' +
  '幫帮 庫库 廢废 張张 強强 彈弹 歸归 錄录 徑径 復复 徵征 態态 總总 戀恋 惡恶 噁恶 慮虑 慣惯 憂忧 憑凭 ' +
  '懷怀 戰战 戲戏 戶户 拋抛 捨舍 掃扫 掛挂 採采 損损 搖摇 搶抢 擁拥 擇择 擊击 擔担 據据 擠挤 擬拟 擴扩 ' +
  '擺摆 攔拦 攝摄 攤摊 敗败 敵敌 數数 斷断 於于 暢畅 曉晓 暫暂 書书 極极 構构 標标 樂乐 樓楼 橋桥 檔档 ' +
  '檢检 權权 歡欢 殺杀 殼壳 毀毁 決决 沒没 況况 淚泪 淺浅 測测 濕湿 溫温 滅灭 滿满 漢汉 漲涨 潔洁 潛潜 ' +
  '澀涩 濃浓 濟济 濾滤 灣湾 災灾 爐炉 烏乌 煙烟 熱热 燈灯 燒烧 營营 爭争 爺爷 牆墙 狀状 猶犹 獎奖 獲获 ' +
  '環环 瑪玛 畫画 盡尽 監监 盤盘 眾众 衆众 礎础 禮礼 禍祸 種种 稱称 穩稳 窮穷 競竞 筆笔 築筑 簡简 簽签 ' +
  '籃篮 糧粮 紀纪 約约 紙纸 紛纷 細细 終终 組组 結结 給给 統统 絲丝 經经 綠绿 維维 綿绵 緊紧 線线 編编 ' +
  '緣缘 練练 縮缩 績绩 織织 繩绳 繼继 續续 罰罚 罵骂 羅罗 義义 習习 聖圣 聲声 聽听 職职 膚肤 腳脚 臉脸 ' +
  '臟脏 興兴 舉举 舊旧 艙舱 莊庄 萬万 葉叶 蘇苏 蘋苹 蟲虫 術术 衝冲 補补 製制 複复 襪袜 規规 覽览 觸触 ' +
  '計计 訂订 認认 討讨 訓训 記记 訪访 設设 許许 診诊 証证 詞词 試试 詩诗 詳详 誇夸 誤误 誰谁 課课 調调 ' +
  '談谈 諒谅 謝谢 識识 譽誉 護护 讀读 豐丰 貝贝 趙赵 跡迹 躍跃 軍军 輛辆 輪轮 辭辞 遊游 違违 遺遗 郵邮 ' +
  '醜丑 釋释 針针 鈣钙 鋼钢 鐵铁 鑽钻 閒闲 關关 陰阴 隱隐 雖虽 雞鸡 離离 霧雾 響响 頓顿 顆颗 飯饭 飲饮 ' +
  '飾饰 飽饱 餅饼 養养 餓饿 騎骑 騷骚 驚惊 鬆松 魯鲁 鮮鲜 鳳凤 麥麦 黴霉 倉仓 倫伦 偉伟 側侧 僑侨 億亿 ' +
  '儀仪 紐纽 謊谎 詐诈 賭赌 癢痒 瘡疮 蟎螨 脫脱 減减 鬱郁 蓋盖 臺台 檯台 颱台 彙汇 匯汇 佈布 併并 嚇吓 ' +
  '罷罢 豈岂 贊赞 讚赞 鑑鉴 鑒鉴 貪贪 辯辩 擾扰 懼惧 彌弥 稅税 貸贷 憤愤 厭厌 瘋疯 癡痴 賤贱 屍尸 殭僵 ' +
  '蠻蛮 幹干 準准 範范 麵面 隻只 衹只 穀谷 薑姜 傑杰 竊窃 騰腾 鄰邻 剛刚 廚厨 漿浆 燦灿 繪绘 聰聪 蔥葱 ' +
  '蘭兰 虧亏 蝦虾 螢萤 襯衬 譯译 豎竖 賓宾 賴赖 趨趋 蹤踪 軌轨 輔辅 輯辑 轟轰 迴回 遙遥 鄭郑 醬酱 鉤钩 ' +
  '鋁铝 鋒锋 錦锦 鍋锅 鏡镜 闖闯 陣阵 雲云 頒颁 頸颈 顫颤 颳刮 飄飘 餵喂 饞馋 駕驾 駛驶 驅驱 驢驴 驟骤 ' +
  '鬍胡 鬥斗 鴨鸭 鵝鹅 鷹鹰 鹽盐 麗丽 齋斋 儘尽 劍剑 勁劲 廁厕 嘆叹 歎叹 嘔呕 噴喷 嚨咙 囑嘱 墳坟 墜坠 ' +
  '奧奥 妝妆 孫孙 寢寝 尷尴 屜屉 嶺岭 彎弯 徹彻 恆恒 悅悦 惱恼 慚惭 慘惨 慶庆 憐怜 懇恳 懲惩 懸悬 捲卷 ' +
  '揀拣 揚扬 搗捣 摯挚 撈捞 撐撑 撥拨 撫抚 撲扑 撿捡 擋挡 攏拢 攜携 敘叙 斂敛 斬斩 暈晕 柵栅 棄弃 棗枣 ' +
  '楊杨 槍枪 樁桩 樸朴 櫃柜 櫻樱 欄栏 歐欧 毆殴 汙污 沖冲 洩泄 淒凄 湧涌 溝沟 滬沪 滯滞 滲渗 滷卤 漁渔 ' +
  '潑泼 澆浇 澤泽 濱滨 瀉泻 灑洒 灘滩 煉炼 煩烦 燙烫 燭烛 爛烂 牽牵 犧牺 狹狭 獅狮 獵猎 獸兽 獻献 痺痹 ' +
  '癟瘪 癥症 皺皱 盜盗 盞盏 矚瞩 碩硕 磚砖 礦矿 祿禄 禪禅 窩窝 竄窜 竅窍 筍笋 節节 篩筛 簍篓 簾帘 籌筹 ' +
  '籠笼 糞粪 糾纠 紋纹 納纳 紡纺 紮扎 紹绍 絞绞 絨绒 綁绑 綜综 綢绸 綱纲 綴缀 緒绪 締缔 緩缓 緯纬 縫缝 ' +
  '縱纵 繞绕 繡绣 繭茧 纏缠 羨羡 翹翘 肅肃 脅胁 脈脉 脹胀 腎肾 膠胶 膩腻 膽胆 膿脓 臘腊 艦舰 艷艳 豔艳 ' +
  '莖茎 蒼苍 蓮莲 蔔卜 蕩荡 薦荐 藍蓝 藝艺 蘆芦 處处 虛虚 蛻蜕 蝕蚀 蟬蝉 蠅蝇 蠟蜡 裝装 褲裤 襖袄 覓觅 ' +
  '詛诅 詭诡 誌志 誠诚 誦诵 諸诸 諾诺 謀谋 謂谓 謎谜 謙谦 講讲 謹谨 譏讥 譜谱 貓猫 貞贞 貢贡 貫贯 貶贬 ' +
  '賀贺 賂赂 賄贿 賊贼 賜赐 賞赏 賢贤 賦赋 贖赎 踐践 軀躯 軸轴 輝辉 輩辈 轄辖 遜逊 邏逻 釀酿 鈍钝 鈔钞 ' +
  '鉛铅 銅铜 銘铭 鋸锯 錘锤 錫锡 鍍镀 鎮镇 鏟铲 鑄铸 鑰钥 閘闸 閣阁 闊阔 雛雏 韌韧 頃顷 頌颂 頗颇 頑顽 ' +
  '顛颠 飢饥 飼饲 餃饺 餌饵 餡馅 饅馒 駁驳 駐驻 驕骄 骯肮 鯉鲤 鳴鸣 鴿鸽 鶴鹤 龜龟 貳贰 憶忆 鹼碱 闡阐 ' +
  '賣卖 搾榨 侶侣 樹树 懂懂 瀏浏 爾尔 妳你 祕秘 秘秘 嶄崭 鎊镑 剎刹 覆覆 恥耻 鬼鬼 孃娘 蘊蕴 診诊 褻亵';

/** Look-alike letters of other scripts (after lower-casing), and capitals that lower-case wrongly. */
const HOMOGLYPHS: readonly (readonly [number, string])[] = [
  // Greek capitals first: Ν (nu) looks like N, but its lower case ν looks like v.
  [0x391, 'a'],
  [0x392, 'b'],
  [0x395, 'e'],
  [0x396, 'z'],
  [0x397, 'h'],
  [0x399, 'i'],
  [0x39a, 'k'],
  [0x39c, 'm'],
  [0x39d, 'n'],
  [0x39f, 'o'],
  [0x3a1, 'p'],
  [0x3a4, 't'],
  [0x3a5, 'y'],
  [0x3a7, 'x'],
  [0x3b1, 'a'],
  [0x3b5, 'e'],
  [0x3b9, 'i'],
  [0x3ba, 'k'],
  [0x3bd, 'v'],
  [0x3bf, 'o'],
  [0x3c1, 'p'],
  [0x3c4, 't'],
  [0x3c5, 'u'],
  [0x3c7, 'x'],
  [0x3c9, 'w'],
  // Cyrillic capitals and small letters.
  [0x410, 'a'],
  [0x412, 'b'],
  [0x415, 'e'],
  [0x41a, 'k'],
  [0x41c, 'm'],
  [0x41d, 'h'],
  [0x41e, 'o'],
  [0x420, 'p'],
  [0x421, 'c'],
  [0x422, 't'],
  [0x423, 'y'],
  [0x425, 'x'],
  [0x430, 'a'],
  [0x435, 'e'],
  [0x43a, 'k'],
  [0x43e, 'o'],
  [0x440, 'p'],
  [0x441, 'c'],
  [0x443, 'y'],
  [0x445, 'x'],
  [0x455, 's'],
  [0x456, 'i'],
  [0x458, 'j'],
  [0x474, 'v'],
  [0x475, 'v'],
  [0x51b, 'q'],
  [0x51d, 'w'],
];

/** Sentence punctuation that is kept (as its half-width form) so phrases do not run across it. */
const KEEP_PUNCT = new Set([
  0x21, // !
  0x2c, // ,
  0x3a, // :
  0x3b, // ;
  0x3f, // ?
  0x3001, // 、
  0x3002, // 。
  0xff61, // ｡
  0xff64, // ､
]);

function inRange(c: number, lo: number, hi: number): boolean {
  return c >= lo && c <= hi;
}

/** Separators, symbols, marks and invisible units that are dropped. */
function isSkippable(c: number): boolean {
  if (c <= 0x20 || c === 0x7f || inRange(c, 0x80, 0xa0)) return true;
  if (c < 0x7f) return '"#$&\'()*-<=>@[\\]^_`{|}~'.includes(String.fromCharCode(c));
  if (inRange(c, 0xa1, 0xbf)) return c !== 0xa5 && c !== 0xb0 && c !== 0xa3; // keep ¥ £ °
  if (c === 0xd7 || c === 0xf7) return true; // × ÷
  if (inRange(c, 0x2b0, 0x2ff)) return true; // spacing modifier letters
  if (inRange(c, 0x300, 0x36f)) return true; // combining diacritics (strike-through evasions)
  if (c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x180e) return true;
  if (inRange(c, 0x1ab0, 0x1aff) || inRange(c, 0x1dc0, 0x1dff)) return true;
  if (inRange(c, 0x2000, 0x206f)) return true; // spaces, zero-width, dashes, quotes, bullets, …
  if (inRange(c, 0x20d0, 0x20ff)) return true; // combining marks for symbols (keycap ⃣)
  if (inRange(c, 0x2190, 0x245f)) return true; // arrows, maths, technical, control pictures
  if (inRange(c, 0x2500, 0x2775)) return true; // box drawing, shapes, misc symbols, dingbats
  if (inRange(c, 0x2794, 0x2bff)) return true; // dingbat arrows, maths, misc symbols (⭐)
  if (inRange(c, 0x2e00, 0x2e7f)) return true; // supplemental punctuation
  if (c === 0x3000 || c === 0x3003 || inRange(c, 0x3008, 0x3020) || c === 0x3030 || c === 0x303d) return true;
  if (c === 0x30fb || c === 0x3164) return true; // ・, Hangul filler
  if (inRange(c, 0xe000, 0xf8ff)) return true; // private use (custom emoji fonts)
  if (inRange(c, 0xfe00, 0xfe0f) || inRange(c, 0xfe20, 0xfe4f)) return true; // variation selectors, …
  if (c === 0xfeff || inRange(c, 0xfff0, 0xffff)) return true;
  if (inRange(c, 0xff5f, 0xff60) || c === 0xff62 || c === 0xff63 || c === 0xff65) return true;
  if (inRange(c, 0xffe0, 0xffee)) return c !== 0xffe5 && c !== 0xffe1; // ￥ ￡ are folded below
  return false;
}

/** Enclosed and circled digits and letters of the BMP → ASCII (or null). */
function enclosed(c: number): string | null {
  const digit = (base: number, from: number) => String.fromCharCode(0x30 + from + (c - base));
  if (inRange(c, 0x2460, 0x2468)) return digit(0x2460, 1); // ①-⑨
  if (inRange(c, 0x2474, 0x247c)) return digit(0x2474, 1); // ⑴-⑼
  if (inRange(c, 0x2488, 0x2490)) return digit(0x2488, 1); // ⒈-⒐
  if (inRange(c, 0x249c, 0x24b5)) return String.fromCharCode(0x61 + c - 0x249c); // ⒜-⒵
  if (inRange(c, 0x24b6, 0x24cf)) return String.fromCharCode(0x61 + c - 0x24b6); // Ⓐ-Ⓩ
  if (inRange(c, 0x24d0, 0x24e9)) return String.fromCharCode(0x61 + c - 0x24d0); // ⓐ-ⓩ
  if (c === 0x24ea || c === 0x24ff || c === 0x1f10b) return '0'; // ⓪ ⓿
  if (inRange(c, 0x24f5, 0x24fd)) return digit(0x24f5, 1); // ⓵-⓽
  if (inRange(c, 0x2776, 0x277e)) return digit(0x2776, 1); // ❶-❾
  if (inRange(c, 0x2780, 0x2788)) return digit(0x2780, 1); // ➀-➈
  if (inRange(c, 0x278a, 0x2792)) return digit(0x278a, 1); // ➊-➒
  if (inRange(c, 0x3220, 0x3228)) return digit(0x3220, 1); // ㈠-㈨
  if (inRange(c, 0x3280, 0x3288)) return digit(0x3280, 1); // ㊀-㊈
  return null;
}

function normaliseUnit(c: number, trad: Map<number, number>, homoglyphs: Map<number, number>): number {
  if (inRange(c, 0xd800, 0xdbff)) return HIGH_SURROGATE;
  if (inRange(c, 0xdc00, 0xdfff)) return SKIP; // a low surrogate without its high half
  let u = c;
  if (inRange(u, 0xff01, 0xff5e))
    u -= 0xfee0; // full-width ASCII
  else if (u === 0xffe5)
    u = 0xa5; // ￥
  else if (u === 0xffe1)
    u = 0xa3; // ￡
  else if (u === 0xff61)
    u = 0x3002; // ｡
  else if (u === 0xff64)
    u = 0x3001; // ､
  else if (u === 0xfe50)
    u = 0x2c; // small forms
  else if (u === 0xfe51) u = 0x3001;
  else if (u === 0xfe52) u = 0x2e;
  else if (inRange(u, 0xfe54, 0xfe57)) u = [0x3b, 0x3a, 0x3f, 0x21][u - 0xfe54] as number;
  else if (inRange(u, 0xfe58, 0xfe6b)) return SKIP;
  if (u === 0x2e || u === 0x2f) return DOT;
  if (u === 0x2b) return 0x52a0; // + reads as 加 (加V → +V)
  const circled = enclosed(u);
  if (circled !== null) return circled.charCodeAt(0);
  const glyph = homoglyphs.get(u);
  if (glyph !== undefined) return glyph;
  if (u < 0x530) {
    const lower = String.fromCharCode(u).toLowerCase();
    if (lower.length === 1) u = lower.charCodeAt(0);
    const lowerGlyph = homoglyphs.get(u);
    if (lowerGlyph !== undefined) return lowerGlyph;
    if (inRange(u, 0xc0, 0x24f)) {
      const base = String.fromCharCode(u).normalize('NFD').toLowerCase().charCodeAt(0);
      if (base < 0x80) u = base; // é → e, İ → i
    }
  }
  if (KEEP_PUNCT.has(u)) return u;
  if (isSkippable(u)) return SKIP;
  return trad.get(u) ?? u;
}

function buildTables(): { norm: Uint16Array; phoneDigit: Int8Array } {
  const trad = new Map<number, number>();
  for (const pair of TRAD_SIMP.split(' ')) {
    const t = pair.charCodeAt(0);
    const s = pair.charCodeAt(1);
    if (t !== s && !trad.has(t)) trad.set(t, s);
  }
  const homoglyphs = new Map<number, number>();
  for (const [code, ascii] of HOMOGLYPHS) homoglyphs.set(code, ascii.charCodeAt(0));
  const norm = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) norm[c] = normaliseUnit(c, trad, homoglyphs);
  const phoneDigit = new Int8Array(0x10000).fill(-1);
  for (let c = 0; c < 0x10000; c++) {
    const n = norm[c] as number;
    if (n >= 0x30 && n <= 0x39) phoneDigit[c] = n - 0x30;
  }
  const cnDigit = new Map<number, number>();
  for (const [ch, value] of CN_DIGITS) cnDigit.set(ch.charCodeAt(0), value);
  for (let c = 0; c < 0x10000; c++) {
    const value = cnDigit.get(norm[c] as number);
    if (value !== undefined) phoneDigit[c] = value;
  }
  return { norm, phoneDigit };
}

const tables = buildTables();

/** BMP code unit → normalised code unit, or `SKIP` / `DOT` / `HIGH_SURROGATE`. */
export const NORM: Uint16Array = tables.norm;

/** BMP code unit → its digit in a phone number (ASCII, full-width, circled, Chinese), or -1. */
export const PHONE_DIGIT: Int8Array = tables.phoneDigit;

/**
 * A code point outside the BMP → the ASCII code it stands for (𝐯 → v, 🅥 → v, 𝟏 → 1),
 * -1 to skip it (emoji, pictographs, tags, variation selectors), or 0 for any other character.
 */
export function astralUnit(cp: number): number {
  if (cp >= 0x1d400 && cp <= 0x1d6a3) {
    const k = (cp - 0x1d400) % 52; // 13 alphabets of A–Z a–z
    return 0x61 + (k % 26);
  }
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return 0x30 + ((cp - 0x1d7ce) % 10); // mathematical digits
  if (cp >= 0x1fbf0 && cp <= 0x1fbf9) return 0x30 + (cp - 0x1fbf0); // segmented digits
  if (cp >= 0x1f130 && cp <= 0x1f149) return 0x61 + (cp - 0x1f130); // 🄰 squared
  if (cp >= 0x1f150 && cp <= 0x1f169) return 0x61 + (cp - 0x1f150); // 🅐 negative circled
  if (cp >= 0x1f170 && cp <= 0x1f189) return 0x61 + (cp - 0x1f170); // 🅰 negative squared
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return 0x61 + (cp - 0x1f1e6); // 🇦 regional indicators
  if (cp === 0x1f10b || cp === 0x1f10c) return 0x30; // 🄋 🄌
  if (cp >= 0x1f000 && cp <= 0x1fbff) return -1; // emoji, pictographs, symbols
  if (cp >= 0xe0000 && cp <= 0xe01ef) return -1; // tags, variation selectors supplement
  if (cp >= 0xf0000) return -1; // private use
  return 0;
}

/** The normalised text and, for each of its units, where it came from in the original. */
export interface NormalisedText {
  text: string;
  /** `starts[k]`: index in the original of the first unit behind normalised unit k. */
  starts: Int32Array;
  /** `ends[k]`: index in the original just after the last unit behind normalised unit k. */
  ends: Int32Array;
}

/** Normalise `text`, keeping the way back to the original offsets. */
export function normaliseWithMap(text: string): NormalisedText {
  const len = text.length;
  const units = new Uint16Array(len);
  const starts = new Int32Array(len);
  const ends = new Int32Array(len);
  let k = 0;
  for (let i = 0; i < len; i++) {
    const start = i;
    let u = NORM[text.charCodeAt(i)] as number;
    if (u === SKIP || u === DOT) continue;
    if (u === HIGH_SURROGATE) {
      const lo = text.charCodeAt(i + 1);
      if (!(lo >= 0xdc00 && lo <= 0xdfff)) continue;
      i++;
      const a = astralUnit(((text.charCodeAt(start) - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
      if (a < 0) continue;
      u = a === 0 ? OPAQUE : a;
    }
    units[k] = u;
    starts[k] = start;
    ends[k] = i + 1;
    k++;
  }
  let out = '';
  for (let j = 0; j < k; j += 4096) {
    out += String.fromCharCode(...units.subarray(j, Math.min(k, j + 4096)));
  }
  return { text: out, starts: starts.slice(0, k), ends: ends.slice(0, k) };
}

/** Normalise `text` (for phrases, and to show what the rules see). */
export function normalise(text: string): string {
  let i = 0;
  while (i < text.length && NORM[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  return i === text.length ? text : normaliseWithMap(text).text;
}

/** `text` with full-width ASCII folded to ASCII, one unit for one unit (offsets unchanged). */
export function foldWidth(text: string): string {
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      wide = true;
      break;
    }
  }
  if (!wide) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : text[i];
  }
  return out;
}

/** Lower-case ASCII letter of the normalised unit at `i` of `text`, or 0. */
export function asciiLetterAt(text: string, i: number): number {
  if (i < 0 || i >= text.length) return 0;
  const u = NORM[text.charCodeAt(i)] as number;
  return u >= 0x61 && u <= 0x7a ? u : 0;
}
