import { describe, expect, test } from 'vitest';
import { labelled, quoted, t } from '../utils/i18n';

describe('i18n', () => {
  test('zh-CN first, English second, both complete', () => {
    expect(t('zh-CN', 'notRecognised')).toBe('未识别到聊天界面');
    expect(t('en', 'notRecognised')).toBe('Chat console not recognised');
    for (const key of ['brand', 'waiting', 'longest', 'breachedToday'] as const) {
      expect(t('zh-CN', key)).not.toBe('');
      expect(t('en', key)).not.toBe('');
      expect(t('en', key)).not.toBe(t('zh-CN', key));
    }
  });

  test('punctuation follows the language: full-width in Chinese, ASCII colon and curly quotes in English', () => {
    expect(labelled('zh-CN', '改为', '亲，已为您安排')).toBe('改为：亲，已为您安排');
    expect(labelled('en', 'Use', '亲，已为您安排')).toBe('Use: 亲，已为您安排');
    expect(quoted('zh-CN', '微信')).toBe('「微信」');
    expect(quoted('en', '微信')).toBe('“微信”');
  });

  test('texts that name a key leave the key to the caller, in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(t(lang, 'openPicker')).toContain('{key}');
      expect(t(lang, 'pressModEnter')).toContain('{key}');
      expect(t(lang, 'pressEnter')).not.toContain('{');
    }
  });
});
