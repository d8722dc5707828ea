import { describe, expect, test } from 'vitest';
import { t } from '../utils/i18n';

describe('i18n', () => {
  test('zh-CN first, English second, both complete', () => {
    expect(t('zh-CN', 'notRecognised')).toBe('未识别到聊天界面');
    expect(t('en', 'notRecognised')).toBe('Chat console not recognised');
    for (const key of ['brand', 'waiting', 'eventsToday', 'privacy'] as const) {
      expect(t('zh-CN', key)).not.toBe('');
      expect(t('en', key)).not.toBe('');
      expect(t('en', key)).not.toBe(t('zh-CN', key));
    }
  });
});
