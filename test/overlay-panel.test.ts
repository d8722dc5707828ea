/** The status panel is drawn again only when what it shows changed (`samePanel`). */
import { describe, expect, test } from 'vitest';
import { samePanel } from '../components/Overlay';
import type { OverlayState } from '../utils/console-session';
import { customer } from './support/waiting';

const state = (over: Partial<OverlayState> = {}): OverlayState => ({
  status: 'recognised',
  consoleId: 'demo',
  consoleName: '演示控制台',
  platform: 'taobao',
  waiting: [customer(), customer({ conversation: 'c2', since: 1_010_000 })],
  breachedToday: 0,
  threadHeader: null,
  activeConversation: null,
  activeNick: null,
  lastCustomer: null,
  now: 1_030_000,
  ...over,
});

describe('samePanel', () => {
  test('the same figures are the same panel, whatever else changed', () => {
    const a = state();
    expect(samePanel(a, a)).toBe(true);
    // badges-only changes: another customer's countdown, the open conversation, the thread
    const b = state({
      waiting: [customer(), customer({ conversation: 'c3', since: 1_020_000, label: '2:50' })],
      activeConversation: 'c3',
      lastCustomer: { id: 'm9', text: '在吗' },
      now: 1_030_400,
    });
    expect(samePanel(a, b)).toBe(true);
  });

  test('anything the panel shows makes it different', () => {
    const a = state();
    const changes: Partial<OverlayState>[] = [
      { status: 'unrecognised' },
      { consoleId: 'qianniu' },
      { consoleName: '千牛' },
      { breachedToday: 1 },
      { waiting: [customer()] },
      { waiting: [customer({ conversation: 'c9' }), customer({ conversation: 'c2' })] },
      { waiting: [customer({ nick: '买家乙' }), customer({ conversation: 'c2' })] },
      { waiting: [customer({ state: 'warn' }), customer({ conversation: 'c2' })] },
      { waiting: [customer({ active: true }), customer({ conversation: 'c2' })] },
      { waiting: [customer({ row: {} as Element }), customer({ conversation: 'c2' })] },
      // the longest wait's seconds
      { now: 1_031_000 },
      { waiting: [] },
    ];
    for (const change of changes)
      expect(samePanel(a, state(change)), JSON.stringify(Object.keys(change))).toBe(false);
  });
});
