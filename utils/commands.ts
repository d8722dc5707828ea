/**
 * The keyboard shortcuts (the browser's extension commands: the agent can change them in the
 * browser's shortcut settings). The background forwards a press to the tab it was made in.
 */

/** Opens the customer waiting longest (other than the one open). */
export const JUMP_COMMAND = 'jump-longest';
/** Its key until the agent sets another. */
export const JUMP_SUGGESTED_KEY = 'Alt+Shift+J';

export interface CommandDeps {
  /** The active tab of the focused window (a press without a tab). */
  activeTab(): Promise<number | undefined>;
  /** Sends to every frame of a tab (rejects when none listens). */
  send(tabId: number, message: { type: 'command:jump-longest' }): Promise<unknown>;
}

/** Forwards a command to the tab it was pressed in; true when a tab took it. */
export async function forwardCommand(
  command: string,
  tabId: number | undefined,
  deps: CommandDeps,
): Promise<boolean> {
  if (command !== JUMP_COMMAND) return false;
  const target = tabId ?? (await deps.activeTab());
  if (target === undefined) return false;
  // a tab without a console has no content script of ours: nothing to do there
  return deps.send(target, { type: 'command:jump-longest' }).then(
    () => true,
    () => false,
  );
}
