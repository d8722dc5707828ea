import { describe, expect, test } from 'vitest';
import { type CommandDeps, forwardCommand, JUMP_COMMAND } from '../utils/commands';

function deps(active: number | undefined, listening: readonly number[]) {
  const sent: [number, unknown][] = [];
  const d: CommandDeps = {
    activeTab: async () => active,
    send: async (tabId, message) => {
      sent.push([tabId, message]);
      if (!listening.includes(tabId)) throw new Error('Could not establish connection');
    },
  };
  return { d, sent };
}

describe('forwardCommand', () => {
  test('the shortcut goes to the tab it was pressed in', async () => {
    const { d, sent } = deps(9, [3]);
    expect(await forwardCommand(JUMP_COMMAND, 3, d)).toBe(true);
    expect(sent).toEqual([[3, { type: 'command:jump-longest' }]]);
  });

  test('without a tab, to the active one', async () => {
    const { d, sent } = deps(9, [9]);
    expect(await forwardCommand(JUMP_COMMAND, undefined, d)).toBe(true);
    expect(sent.map(([id]) => id)).toEqual([9]);
  });

  test('a tab with no console of ours (nothing listens), no tab at all, or another command: false, nothing thrown', async () => {
    expect(await forwardCommand(JUMP_COMMAND, 4, deps(undefined, []).d)).toBe(false);
    expect(await forwardCommand(JUMP_COMMAND, undefined, deps(undefined, [1]).d)).toBe(false);
    const other = deps(1, [1]);
    expect(await forwardCommand('_execute_action', 1, other.d)).toBe(false);
    expect(other.sent).toEqual([]);
  });
});
