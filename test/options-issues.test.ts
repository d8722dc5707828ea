import { describe, expect, test } from 'vitest';
import { editorIssue } from '../components/options/issues';
import { settingsFieldLabel } from '../components/options/strings';
import { emptyLocalPack, removeLocalTemplate, upsertLocalTemplate } from '../utils/pack-install';
import type { InstalledPack, Pack } from '../utils/pack-model';
import { type PackIssue, validatePack } from '../utils/pack-schema';

const NOW = Date.UTC(2026, 10, 25, 3);
const good = { id: 'my-ok', title: '我的好话术', body: '亲，在的～', group: '售前' };
const bad = { id: 'my-bad', title: '我的坏话术', body: '亲，{未知变量}', group: '售前' };

/** The agent's pack holding `templates`, as stored. */
const stored = (templates: Pack['templates']): InstalledPack[] => [
  { pack: { ...emptyLocalPack(NOW), templates }, enabled: true, source: { kind: 'local' }, installedAt: NOW },
];

/** The problems of the local pack after `edit`, and the pack that was checked. */
function check(list: InstalledPack[]): { issues: PackIssue[]; pack: Pack } {
  const pack = (list[0] as InstalledPack).pack;
  const result = validatePack(pack);
  if (result.ok) throw new Error('expected the pack to be refused');
  return { issues: result.issues, pack };
}

describe('problems of an edit, said about the form or row', () => {
  test("the edited item's own field is named by its label alone", () => {
    const { issues, pack } = check(upsertLocalTemplate(stored([good]), bad, NOW));
    const said = issues.map((i) => editorIssue(i, 'zh-CN', { pack, item: 'my-bad' }));
    expect(said).toEqual([expect.stringMatching(/^内容：.*未知变量/)]);
  });

  test('a problem of another item names that item, in both languages', () => {
    // removing the good one: the bad one, already stored, is what the pack is refused for
    const { issues, pack } = check(
      removeLocalTemplate(stored([good, bad, { ...good, id: 'x' }]), 'my-ok', NOW),
    );
    expect(issues.map((i) => editorIssue(i, 'zh-CN', { pack, item: 'my-ok' }))).toEqual([
      expect.stringMatching(/^「我的坏话术」的内容：.*未知变量/),
    ]);
    expect(issues.map((i) => editorIssue(i, 'en', { pack, item: 'my-ok' }))).toEqual([
      expect.stringMatching(/^Text of “我的坏话术”: /),
    ]);
  });

  test('without the checked pack, or for a path that is not a field, the path or label stays', () => {
    const { issues } = check(upsertLocalTemplate(stored([]), bad, NOW));
    expect(editorIssue(issues[0] as PackIssue, 'zh-CN')).toMatch(/^内容：/);
    const whole: PackIssue = { path: '', code: 'type', zh: '不是话术包', en: 'Not a pack' };
    expect(editorIssue(whole, 'en')).toBe('Not a pack');
    const elsewhere: PackIssue = { path: 'consoles[0].matches[0]', code: 'type', zh: '地址不对', en: 'Bad' };
    expect(editorIssue(elsewhere, 'zh-CN')).toBe('consoles[0].matches[0]：地址不对');
  });
});

describe('settings fields named as the options label them', () => {
  test.each([
    ['zh-CN', 'retentionDays', '统计明细保留天数（retentionDays）'],
    ['en', 'pickerKey', 'Open the templates (pressed in the reply box) (pickerKey)'],
    ['zh-CN', 'clock.taobao', '响应计时 · 淘宝 / 天猫（clock.taobao）'],
    ['zh-CN', 'clock.mars', '响应计时 · mars（clock.mars）'],
    ['zh-CN', 'clock', '响应计时（clock）'],
    ['zh-CN', 'disabledConsoles', '内置工作台（disabledConsoles）'],
    ['en', 'somethingNew', 'somethingNew'],
  ] as const)('%s %s → %s', (lang, field, label) => {
    expect(settingsFieldLabel(lang, field)).toBe(label);
  });
});
