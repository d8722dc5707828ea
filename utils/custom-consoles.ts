/**
 * Consoles defined in team packs: their host permission, granted through the options page's
 * 「授权并启用」 button (`optional_host_permissions`), and the console content script registered
 * for their pages at run time (`scripting.registerContentScripts`, the same built file as the
 * manifest's, in every frame). The background keeps the registrations in step with the packs,
 * the consoles the agent enabled and the permissions the browser holds: on start, when packs or
 * choices change, and when a permission is added or revoked.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { ConsoleDefinition } from './consoles/types';
import { CONSOLE_SCRIPT_FILE, type ScriptPages, startInOpenConsoles } from './open-consoles';
import { type InstalledPack, packsItem } from './packs';

/** Pack consoles the agent enabled with 「授权并启用」, as `packId/consoleId`. */
export const enabledCustomConsolesItem = storage.defineItem<string[]>('local:custom-consoles', {
  fallback: [],
  version: 1,
});

const SCRIPT_PREFIX = 'kg-pack-console:';

export const consoleKey = (packId: string, consoleId: string): string => `${packId}/${consoleId}`;
export const scriptIdFor = (key: string): string => `${SCRIPT_PREFIX}${key}`;

export interface CustomConsole {
  key: string;
  packId: string;
  packName: string;
  packEnabled: boolean;
  definition: ConsoleDefinition;
}

/** Every console of every installed pack. */
export function customConsoles(packs: readonly InstalledPack[]): CustomConsole[] {
  return packs.flatMap((p) =>
    (p.pack.consoles ?? []).map((definition) => ({
      key: consoleKey(p.pack.id, definition.id),
      packId: p.pack.id,
      packName: p.pack.name,
      packEnabled: p.enabled,
      definition,
    })),
  );
}

/** Whether the browser holds host permission for all of `matches`. */
export async function originsGranted(matches: readonly string[]): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [...matches] });
  } catch {
    return false;
  }
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

/** Brings the registrations in line; returns the pages of those it added. */
async function sync(): Promise<ScriptPages[]> {
  if (!browser.scripting?.registerContentScripts) return [];
  const [packs, enabled] = await Promise.all([packsItem.getValue(), enabledCustomConsolesItem.getValue()]);
  const wanted = new Map<string, string[]>();
  for (const c of customConsoles(packs ?? [])) {
    if (!c.packEnabled || !(enabled ?? []).includes(c.key)) continue;
    if (!(await originsGranted(c.definition.matches))) continue;
    wanted.set(scriptIdFor(c.key), [...c.definition.matches]);
  }
  const ours = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
    s.id.startsWith(SCRIPT_PREFIX),
  );
  const stale = ours.filter((s) => !wanted.has(s.id) || !sameList(s.matches, wanted.get(s.id)));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  const kept = new Set(ours.filter((s) => !stale.includes(s)).map((s) => s.id));
  const added = [...wanted].filter(([id]) => !kept.has(id));
  if (added.length > 0)
    await browser.scripting.registerContentScripts(
      added.map(([id, matches]) => ({
        id,
        matches,
        js: [CONSOLE_SCRIPT_FILE],
        allFrames: true,
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  return added.map(([, matches]) => ({ matches, js: [CONSOLE_SCRIPT_FILE] }));
}

let queue: Promise<ScriptPages[]> = Promise.resolve([]);

/**
 * Brings the registrations in line with packs, choices and permissions (calls run one at a time);
 * gives the pages of the registrations it added.
 */
export function syncCustomConsoles(): Promise<ScriptPages[]> {
  const run = () =>
    sync().catch((e: unknown) => {
      console.warn('KefuGuard: custom console registration failed', e);
      return [];
    });
  queue = queue.then(run, run);
  return queue;
}

/** Background: keeps the registrations in step from now on (registered at the worker's start). */
export function startCustomConsoles(): void {
  const again = () => void syncCustomConsoles();
  // a console the agent switched on starts in its pages already open (no reload asked of them)
  const andStart = () => void syncCustomConsoles().then(startInOpenConsoles);
  packsItem.watch(andStart);
  enabledCustomConsolesItem.watch(andStart);
  browser.permissions.onAdded.addListener(andStart);
  browser.permissions.onRemoved.addListener(again);
  browser.runtime.onStartup?.addListener(again);
  browser.runtime.onInstalled.addListener(again);
  again();
}

// ————— options page —————

/**
 * 「授权并启用」: asks the browser for the console's hosts (call it straight from the click, the
 * browser needs the user's gesture) and, when granted, enables it; the background registers it.
 */
export async function grantCustomConsole(c: CustomConsole): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [...c.definition.matches] });
  if (!granted) return false;
  const keys = (await enabledCustomConsolesItem.getValue()) ?? [];
  if (!keys.includes(c.key)) await enabledCustomConsolesItem.setValue([...keys, c.key]);
  return true;
}

/** Switches a custom console off and gives back the host permission no other enabled console needs. */
export async function disableCustomConsole(c: CustomConsole, all: readonly CustomConsole[]): Promise<void> {
  const keys = ((await enabledCustomConsolesItem.getValue()) ?? []).filter((k) => k !== c.key);
  await enabledCustomConsolesItem.setValue(keys);
  const stillNeeded = new Set(all.filter((x) => keys.includes(x.key)).flatMap((x) => x.definition.matches));
  const origins = c.definition.matches.filter((m) => !stillNeeded.has(m));
  if (origins.length > 0) await browser.permissions.remove({ origins }).catch(() => false);
}

/** Forgets the consoles of a removed pack (its registrations go with the next sync). */
export async function forgetPackConsoles(packId: string): Promise<void> {
  const keys = (await enabledCustomConsolesItem.getValue()) ?? [];
  const left = keys.filter((k) => !k.startsWith(`${packId}/`));
  if (left.length !== keys.length) await enabledCustomConsolesItem.setValue(left);
}

/** Keys of the custom consoles whose content script is registered now. */
export async function registeredConsoleKeys(): Promise<Set<string>> {
  if (!browser.scripting?.getRegisteredContentScripts) return new Set();
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return new Set(
    scripts.filter((s) => s.id.startsWith(SCRIPT_PREFIX)).map((s) => s.id.slice(SCRIPT_PREFIX.length)),
  );
}
