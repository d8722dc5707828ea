import { describe, expect, test } from 'vitest';
import { ruleName } from '../components/rule-name';
import defaultRules from '../public/packs/default-rules.json';
import type { Rule } from '../utils/rules/types';

describe('a rule in a few words', () => {
  test('its first three phrases, then an ellipsis', () => {
    expect(ruleName({ id: 'r', phrases: ['微信', '加微', 'vx', 'v信'] }, 'zh-CN')).toBe('微信、加微、vx …');
    expect(ruleName({ id: 'r', phrases: ['第一', '首发'] }, 'en')).toBe('第一, 首发');
  });

  test('a detector rule: what it finds; a pattern of its own or nothing readable: its id', () => {
    expect(ruleName({ id: 'm', pattern: 'builtin:mobile-cn' }, 'zh-CN')).toMatch(/^手机号码/);
    expect(ruleName({ id: 'm', pattern: 'builtin:mobile-cn' }, 'en')).toMatch(/^mobile numbers/);
    expect(ruleName({ id: 'custom', pattern: '加.{0,2}我' }, 'zh-CN')).toBe('custom');
    expect(ruleName({ id: 'x', pattern: 'builtin:nothing' }, 'zh-CN')).toBe('x');
    // stored under other checks
    const odd = { id: 'odd', phrases: [3, '', '  '], pattern: 7 } as unknown as Rule;
    expect(ruleName(odd, 'zh-CN')).toBe('odd');
  });

  test('every default rule has a name that is not its id', () => {
    for (const rule of (defaultRules as { rules: Rule[] }).rules)
      expect(ruleName(rule, 'zh-CN')).not.toBe(rule.id);
  });
});
