/** Installing, replacing, removing packs; the agent's own edits; export as a pack file. */
import { describe, expect, test } from 'vitest';
import {
  editLocalPack,
  InstallRefused,
  installPack,
  localDate,
  packFileName,
  packFileText,
  planInstall,
  removeLocalRule,
  removeLocalTemplate,
  removePack,
  setPackEnabled,
  upsertLocalRule,
  upsertLocalTemplate,
} from '../../utils/pack-install';
import {
  activeRules,
  activeTemplates,
  type InstalledPack,
  LOCAL_PACK_ID,
  type Pack,
  packConsoles,
} from '../../utils/pack-model';
import { parsePackText, validatePack } from '../../utils/pack-schema';
import type { Rule } from '../../utils/rules';
import { clone, fullPack } from './fixtures';

const pack = (id: string, updated: string, extra: Partial<Pack> = {}): Pack => ({
  format: 'kefu-guard-pack',
  version: 1,
  id,
  name: id,
  updated,
  ...extra,
});
const entry = (p: Pack, enabled = true): InstalledPack => ({
  pack: p,
  enabled,
  source: { kind: 'file' },
  installedAt: 1,
});
const NOW = Date.UTC(2026, 10, 20, 4);

describe('merge and update rules', () => {
  const installed = [entry(pack('a', '2026-11-01')), entry(pack('b', '2026-11-01'), false)];

  test('a new id is added at the end', () => {
    expect(planInstall(installed, pack('c', '2026-01-01')).kind).toBe('new');
    const next = installPack(installed, pack('c', '2026-01-01'), { kind: 'file' }, NOW);
    expect(next.map((p) => p.pack.id)).toEqual(['a', 'b', 'c']);
    expect(next[2]?.enabled).toBe(true);
  });

  test('the same id with a newer date replaces it, keeping its place and its on/off state', () => {
    const newer = pack('b', '2026-11-02', { templates: [{ id: 't', title: 't', body: 'b', group: '' }] });
    expect(planInstall(installed, newer).kind).toBe('newer');
    const next = installPack(installed, newer, { kind: 'url', url: 'https://x.test/p.json' }, NOW);
    expect(next.map((p) => p.pack.id)).toEqual(['a', 'b']);
    expect(next[1]?.pack).toBe(newer);
    expect(next[1]?.enabled).toBe(false);
    expect(next[1]?.source.kind).toBe('url');
  });

  test.each([
    ['same', '2026-11-01'],
    ['older', '2026-10-31'],
  ])('a %s date asks first: refused without confirmation, nothing changes', (kind, updated) => {
    const p = pack('a', updated);
    expect(planInstall(installed, p).kind).toBe(kind);
    const before = JSON.stringify(installed);
    expect(() => installPack(installed, p, { kind: 'file' }, NOW)).toThrow(InstallRefused);
    expect(JSON.stringify(installed)).toBe(before);
    const confirmed = installPack(installed, p, { kind: 'file' }, NOW, true);
    expect(confirmed[0]?.pack.updated).toBe(updated);
  });

  test('an invalid pack changes nothing (it never gets past validation)', () => {
    const bad = clone(fullPack()) as Record<string, unknown>;
    bad.updated = '2027-01-01';
    (bad.templates as Record<string, unknown>[])[0] = { id: 'x' };
    const list = [entry(fullPack())];
    const before = JSON.stringify(list);
    const check = validatePack(bad);
    expect(check.ok).toBe(false);
    const after = check.ok ? installPack(list, check.pack, { kind: 'file' }, NOW) : list;
    expect(JSON.stringify(after)).toBe(before);
  });

  test('remove and switch', () => {
    expect(removePack(installed, 'a').map((p) => p.pack.id)).toEqual(['b']);
    expect(setPackEnabled(installed, 'b', true)[1]?.enabled).toBe(true);
  });

  test('the local edits pack stays last, so it wins', () => {
    const withLocal = upsertLocalTemplate(installed, { id: 'x', title: 'x', body: 'x', group: '' }, NOW);
    const next = installPack(withLocal, pack('z', '2026-01-01'), { kind: 'file' }, NOW);
    expect(next.map((p) => p.pack.id)).toEqual(['a', 'b', 'z', LOCAL_PACK_ID]);
  });
});

describe('the agent’s edits (local-edits)', () => {
  const rule: Rule = {
    id: 'r1',
    category: 'attitude',
    severity: 'warn',
    phrases: ['爱买不买'],
    reason: '态度',
    reasonEn: '',
  };
  const team = entry(
    pack('team', '2026-11-01', {
      rules: [rule],
      templates: [{ id: 'hi', title: '问候', body: '您好', group: '售前' }],
    }),
  );

  test('a new local pack is made on the first edit, dated today', () => {
    const next = upsertLocalTemplate([], { id: 'mine', title: '我的', body: '内容', group: '' }, NOW);
    expect(next).toHaveLength(1);
    expect(next[0]?.pack).toMatchObject({ id: LOCAL_PACK_ID, updated: localDate(NOW) });
    expect(next[0]?.source.kind).toBe('local');
    expect(validatePack(next[0]?.pack).ok).toBe(true);
  });

  test('changing a severity and switching a rule off override the pack’s rule, and revert', () => {
    let list = upsertLocalRule([team], { ...rule, severity: 'block' }, NOW);
    expect(activeRules([], list).find((r) => r.id === 'r1')?.severity).toBe('block');
    list = upsertLocalRule(list, { ...rule, disabled: true }, NOW);
    expect(activeRules([], list).some((r) => r.id === 'r1')).toBe(false);
    list = removeLocalRule(list, 'r1', NOW);
    expect(activeRules([], list).find((r) => r.id === 'r1')?.severity).toBe('warn');
  });

  test('editing a template overrides it even when the local pack was installed first', () => {
    const local = upsertLocalTemplate(
      [],
      { id: 'hi', title: '问候', body: '亲，您好呀', group: '售前' },
      NOW,
    );
    const list = [...local, team]; // e.g. an old list where the team pack came later
    expect(activeTemplates([], list).find((t) => t.id === 'hi')?.body).toBe('亲，您好呀');
    expect(activeTemplates([], removeLocalTemplate(list, 'hi', NOW)).find((t) => t.id === 'hi')?.body).toBe(
      '您好',
    );
  });

  test('editLocalPack keeps other sections', () => {
    const list = upsertLocalRule(
      upsertLocalTemplate([], { id: 'a', title: 'a', body: 'a', group: '' }, NOW),
      rule,
      NOW,
    );
    const next = editLocalPack(list, NOW, (p) => ({ ...p, name: '我的修改' }));
    expect(next[0]?.pack.templates).toHaveLength(1);
    expect(next[0]?.pack.rules).toHaveLength(1);
  });
});

describe('export', () => {
  test('a pack file re-imports to the same pack', () => {
    const p = validatePack(fullPack());
    if (!p.ok) throw new Error('invalid');
    const text = packFileText(p.pack);
    expect(text.startsWith('{\n  "format": "kefu-guard-pack",\n  "version": 1,\n  "id": "acme-cs"')).toBe(
      true,
    );
    const again = parsePackText(text);
    expect(again.ok && again.pack).toEqual(p.pack);
    expect(packFileName(p.pack)).toBe('acme-cs-2026-11-01.kefu-pack.json');
  });

  test('the local edits export as a valid pack', () => {
    const list = upsertLocalTemplate(
      [],
      { id: 'mine', title: '我的<script>', body: 'javascript:1', group: '' },
      NOW,
    );
    const local = list[0]?.pack as Pack;
    expect(parsePackText(packFileText(local)).ok).toBe(true);
  });
});

describe('stored packs as the console reads them (saved under other checks, or edited by hand)', () => {
  const good = { id: 'ok', title: '好的', body: '亲，在的', group: '售前' };
  const broken = (templates: unknown, consoles: unknown = []) =>
    entry({ ...pack('odd', '2026-11-01'), templates, consoles } as unknown as Pack);

  test('entries that are no item, or that the picker cannot read, are passed over; the rest stay', () => {
    const list = [
      broken([null, 'x', { id: 5, title: 't' }, { id: 'no-title', body: 'b', group: '' }, good]),
      entry(pack('fine', '2026-11-01', { templates: [{ ...good, id: 'fine' }] })),
    ];
    expect(activeTemplates([], list).map((t) => t.id)).toEqual(['ok', 'fine']);
    // a section that is no list, and a pack that is no pack
    const odd = [
      broken('lots'),
      { pack: null } as unknown as InstalledPack,
      entry(pack('fine', '2026-11-01')),
    ];
    expect(activeTemplates([good], odd)).toEqual([good]);
  });

  test('a template with tags or keywords that are no words is passed over; one with no group reads as none', () => {
    const list = [
      broken([
        { ...good, id: 't1', tags: '售前' },
        { ...good, id: 't2', keywords: [1] },
        { id: 't3', title: '无分组', body: '亲' },
      ]),
    ];
    expect(activeTemplates([], list)).toEqual([{ id: 't3', title: '无分组', body: '亲', group: '' }]);
  });

  test('a console whose pages or selectors cannot be read is passed over', () => {
    const console = { id: 'c', name: 'C', platform: 'other', matches: ['https://c.test/*'], selectors: {} };
    const list = [
      broken(
        [],
        [
          console,
          { ...console, id: 'no-matches', matches: 'https://c.test/*' },
          { ...console, id: 'sel', selectors: null },
        ],
      ),
    ];
    expect(packConsoles(list).map((c) => c.id)).toEqual(['c']);
  });
});
