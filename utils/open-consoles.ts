/**
 * The consoles already open when KefuGuard is installed or updated get it at once. Chromium runs a
 * manifest's content scripts only in pages loaded after the install, and an update cuts the open
 * pages' scripts off (their overlay steps aside): an agent's console, open all shift, would lose its
 * countdowns with a store update until a reload nobody tells them to make. So the background runs
 * the console script in every open console tab then (all its frames, as the manifest does), unless
 * this version runs there already. Where an older copy still runs, cut off, the new one stops it
 * (WXT's content script context) and restores the session the old one kept in the tab (session
 * storage). Firefox runs them in open pages itself.
 */
import { browser } from 'wxt/browser';
import { matchesUrl } from './consoles';
import type { RequestType } from './messages';

/** The content script WXT builds from `entrypoints/console.content/`. */
export const CONSOLE_SCRIPT_FILE = 'content-scripts/console.js';

/** Where a console content script runs: the manifest's, or a pack console's registered one. */
export interface ScriptPages {
  matches?: readonly string[];
  excludeMatches?: readonly string[];
  js?: readonly string[];
}

/** An open tab as the browser lists it (its url only where we hold host permission). */
export interface OpenTab {
  id?: number;
  url?: string;
  discarded?: boolean;
}

/**
 * The tabs whose page a console script belongs in (pure): those whose address one of `scripts`
 * matches and does not exclude. A discarded tab is left out: it loads again, scripts and all, when
 * the agent comes back to it.
 */
export function consoleTabs(tabs: readonly OpenTab[], scripts: readonly ScriptPages[]): number[] {
  const consoleScripts = scripts.filter((s) => s.js?.includes(CONSOLE_SCRIPT_FILE));
  const out: number[] = [];
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url || tab.discarded) continue;
    const url = tab.url;
    const runs = consoleScripts.some(
      (s) => matchesUrl(s.matches ?? [], url) && !matchesUrl(s.excludeMatches ?? [], url),
    );
    if (runs && !out.includes(tab.id)) out.push(tab.id);
  }
  return out;
}

/** Whether a frame of the tab runs this version of the console script (it answers). */
async function runsHere(tabId: number): Promise<boolean> {
  const ask: { type: Extract<RequestType, 'console:alive'> } = { type: 'console:alive' };
  return browser.tabs.sendMessage(tabId, ask).then(
    (answer) => answer === true,
    () => false,
  );
}

/** Every console script: the manifest's and those registered for pack consoles. */
export async function allConsoleScripts(): Promise<ScriptPages[]> {
  const declared: ScriptPages[] = (browser.runtime.getManifest().content_scripts ?? []).map((s) => ({
    matches: s.matches,
    excludeMatches: s.exclude_matches,
    js: s.js,
  }));
  const listed = browser.scripting?.getRegisteredContentScripts
    ? browser.scripting.getRegisteredContentScripts()
    : [];
  const registered: ScriptPages[] = (await listed).map((s) => ({
    matches: s.matches,
    excludeMatches: s.excludeMatches,
    js: s.js,
  }));
  return [...declared, ...registered];
}

/**
 * Runs the console script in the open tabs `scripts` belong in (after an install or an update,
 * every console script; after a pack console is switched on, its own); returns the tabs it ran in.
 */
export async function startInOpenConsoles(scripts: readonly ScriptPages[]): Promise<number[]> {
  if (import.meta.env.FIREFOX || !browser.scripting?.executeScript || scripts.length === 0) return [];
  const tabs = consoleTabs(await browser.tabs.query({}), scripts);
  const ran: number[] = [];
  await Promise.all(
    tabs.map(async (tabId) => {
      // a page that runs this version already (it loaded since the install) is left as it is
      if (await runsHere(tabId)) return;
      try {
        await browser.scripting.executeScript({
          target: { tabId, allFrames: true },
          files: [`/${CONSOLE_SCRIPT_FILE}` as const],
        });
        ran.push(tabId);
      } catch (e) {
        // an error page, a tab closed meanwhile: that page gets it with its next load
        console.warn('KefuGuard: could not start in an open console tab', tabId, e);
      }
    }),
  );
  return ran;
}
