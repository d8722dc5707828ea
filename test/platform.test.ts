import { describe, expect, test } from 'vitest';
import { runsOnMac } from '../utils/platform';

describe('runsOnMac', () => {
  test.each([
    [{ platform: 'MacIntel' }, true],
    [{ platform: '', userAgentData: { platform: 'macOS' } }, true],
    [{ platform: 'Win32' }, false],
    [{ platform: 'Linux x86_64', userAgentData: { platform: 'Linux' } }, false],
    [{ platform: 'MacIntel', userAgentData: { platform: 'Windows' } }, false],
  ])('%j: %s', (nav, expected) => {
    expect(runsOnMac(nav)).toBe(expected);
  });
});
