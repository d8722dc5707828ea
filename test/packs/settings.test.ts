/** Settings are validated before they are saved; every error names its field. */
import { describe, expect, test } from 'vitest';
import { presetFor } from '../../utils/clock';
import { validateSettings } from '../../utils/settings-schema';

const good = () => ({
  language: 'zh-CN',
  agentName: '小美',
  shopName: 'Acme 旗舰店',
  notifyBeforeBreach: true,
  sound: false,
  clock: { kuaishou: presetFor('kuaishou'), taobao: { ...presetFor('taobao'), warnSeconds: 90 } },
  retentionDays: 90,
  disabledConsoles: ['feige'],
  pickerKey: { code: 'KeyK', ctrl: false, alt: true, shift: false, meta: false },
});
const key = (patch: object) => ({ pickerKey: { ...good().pickerKey, ...patch } });

describe('validateSettings', () => {
  test('good settings pass', () => {
    expect(validateSettings(good())).toEqual([]);
  });

  test.each([
    ['language', { language: 'fr' }],
    ['agentName', { agentName: 5 }],
    ['agentName', { agentName: '名'.repeat(31) }],
    ['shopName', { shopName: 'A\u0007' }],
    ['notifyBeforeBreach', { notifyBeforeBreach: 'yes' }],
    ['sound', { sound: 1 }],
    ['retentionDays', { retentionDays: 0 }],
    ['retentionDays', { retentionDays: 3.5 }],
    ['retentionDays', { retentionDays: 366 }],
    ['retentionDays', { retentionDays: Number.NaN }],
    ['disabledConsoles', { disabledConsoles: 'feige' }],
    ['clock', { clock: null }],
    ['clock.wechat', { clock: { wechat: presetFor('taobao') } }],
    ['clock.taobao.warnSeconds', { clock: { taobao: { ...presetFor('taobao'), warnSeconds: 200 } } }],
    ['clock.taobao.breachSeconds', { clock: { taobao: { ...presetFor('taobao'), breachSeconds: -1 } } }],
    ['clock.douyin.windowStart', { clock: { douyin: { ...presetFor('douyin'), windowStart: '8点' } } }],
    [
      'clock.douyin.windowEnd',
      { clock: { douyin: { ...presetFor('douyin'), windowEnd: '08:00', windowStart: '08:00' } } },
    ],
    ['clock.jd.target', { clock: { jd: { ...presetFor('jd'), target: 80 } } }],
    ['clock.jd.warnSeconds', { clock: { jd: { ...presetFor('jd'), warnSeconds: undefined } } }],
    ['pickerKey', { pickerKey: 'Ctrl+K' }],
    ['pickerKey', { pickerKey: undefined }],
    ['pickerKey', key({ alt: 'yes' })],
    ['pickerKey', key({ alt: false })],
    ['pickerKey', key({ code: 'Enter' })],
    ['pickerKey', key({ code: 'KeyC', alt: false, ctrl: true })],
  ])('%s is named', (field, patch) => {
    const issues = validateSettings({ ...good(), ...patch });
    expect(issues.map((i) => i.field)).toContain(field);
    const issue = issues.find((i) => i.field === field);
    expect(issue?.zh.length).toBeGreaterThan(1);
    expect(issue?.en.length).toBeGreaterThan(3);
  });

  test('warn after breach: the error is on warnSeconds, in words an agent understands', () => {
    const issues = validateSettings({
      ...good(),
      clock: { pinduoduo: { ...presetFor('pinduoduo'), warnSeconds: 4000 } },
    });
    expect(issues).toEqual([
      {
        field: 'clock.pinduoduo.warnSeconds',
        zh: '提醒时间必须早于超时时间',
        en: 'must be less than the breach time',
      },
    ]);
  });

  test("the picker's key: each problem said as the agent would fix it", () => {
    const said = (patch: object) => validateSettings({ ...good(), ...key(patch) })[0]?.zh;
    expect(said({ alt: false })).toContain('Ctrl 或 Alt');
    expect(said({ code: 'KeyV', alt: false, meta: true })).toContain('粘贴');
    expect(said({ code: 'ArrowUp' })).toContain('F1–F12');
    expect(validateSettings({ ...good(), ...key({ code: 'F2', alt: false }) })).toEqual([]);
  });

  test('not an object', () => {
    expect(validateSettings(null)[0]?.field).toBe('');
  });

  test('fields added later by others are left alone', () => {
    expect(validateSettings({ ...good(), somethingNew: 1 })).toEqual([]);
  });
});
