/** Settings are validated before they are saved; every error names its field. */
import { describe, expect, test } from 'vitest';
import { presetFor } from '../../utils/clock';
import { DEFAULT_SETTINGS } from '../../utils/settings-model';
import { readSettings, validateSettings } from '../../utils/settings-schema';

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

describe('readSettings: stored settings as they are used', () => {
  test('good settings are used as stored, completed with fields added since', () => {
    const { pickerKey: _, ...older } = good();
    const read = readSettings(older);
    expect(read.repaired).toEqual([]);
    expect(read.settings).toEqual({ ...older, pickerKey: DEFAULT_SETTINGS.pickerKey });
  });

  test('nothing stored: the defaults, nothing to say', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, repaired: [] });
    expect(readSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, repaired: [] });
  });

  test('a refused value gives way to its default, the rest stays; each field named once', () => {
    const stored = {
      ...good(),
      retentionDays: 3,
      pickerKey: { code: 'KeyK', ctrl: false, alt: false, shift: false, meta: false },
      clock: { ...good().clock, taobao: { ...presetFor('taobao'), warnSeconds: 500, windowEnd: '25:00' } },
    };
    const read = readSettings(stored);
    expect(read.repaired.sort()).toEqual(['clock.taobao', 'pickerKey', 'retentionDays']);
    expect(read.settings).toEqual({
      ...good(),
      retentionDays: DEFAULT_SETTINGS.retentionDays,
      pickerKey: DEFAULT_SETTINGS.pickerKey,
      // the platform's own settings go whole: its preset is used
      clock: { kuaishou: presetFor('kuaishou') },
    });
    expect(validateSettings(read.settings)).toEqual([]);
    // what was stored is not touched
    expect(stored.retentionDays).toBe(3);
  });

  test('a clock that is no object, and an unknown platform in it', () => {
    expect(readSettings({ ...good(), clock: 'fast' })).toMatchObject({
      settings: { clock: {} },
      repaired: ['clock'],
    });
    const read = readSettings({ ...good(), clock: { ...good().clock, mars: presetFor('taobao') } });
    expect(read.repaired).toEqual(['clock.mars']);
    expect(read.settings.clock).toEqual(good().clock);
  });

  test('not settings at all: every default, said as such', () => {
    for (const stored of ['x', 42, [good()]])
      expect(readSettings(stored)).toEqual({ settings: DEFAULT_SETTINGS, repaired: [''] });
  });
});
