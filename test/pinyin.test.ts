import { describe, expect, test } from 'vitest';
import { pinyinInitials } from '../utils/pinyin';

describe('pinyin initials', () => {
  test.each([
    ['发票', 'fp'],
    ['退货', 'th'],
    ['物流', 'wl'],
    ['尺码', 'cm'],
    ['催付', 'cf'],
    ['安抚', 'af'],
    ['结束语', 'jsy'],
    ['售后', 'sh'],
    ['换货', 'hh'],
    ['快递', 'kd'],
    ['优惠', 'yh'],
    ['您好', 'nh'],
    ['质量', 'zl'],
    ['破损', 'ps'],
    ['赠品', 'zp'],
    ['运费', 'yf'],
    ['晚上好', 'wsh'],
    ['买卖', 'mm'],
    ['订单', 'dd'],
    ['抱歉', 'bq'],
    ['签收', 'qs'],
    ['热烈', 'rl'],
    ['欧', 'o'],
    ['额', 'e'],
    ['7天无理由', '7twly'],
    ['VIP 会员', 'viphy'],
  ])('%s → %s', (text, initials) => {
    expect(pinyinInitials(text)).toBe(initials);
  });
});
