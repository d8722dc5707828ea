/**
 * Installed packs in storage: installing, switching on and off, removing, the agent's edits, and
 * subscriptions (refreshed by an alarm in the background and by the options page's update button).
 * Every change validates the whole pack first: an invalid one changes nothing.
 */
import { browser } from 'wxt/browser';
import { forgetPackConsoles } from './custom-consoles';
import { subscriptionUrlIssue } from './pack-import';
import { installPack, removePack, setPackEnabled } from './pack-install';
import {
  documentSelectorCheck,
  type PackCheck,
  parsePackText,
  type ValidateOptions,
  validatePack,
} from './pack-schema';
import { downloadPack, REFRESH_MINUTES, type RefreshOutcome, refreshInstalled } from './pack-subscriptions';
import { type InstalledPack, LOCAL_PACK_ID, type Pack, type PackSource, packsItem } from './packs';

/** Plain-http subscriptions from 127.0.0.1 / localhost: only in the e2e build. */
export const ALLOW_LOCAL_HTTP = import.meta.env.MODE === 'e2e';

/** The checks of this context: a DOM's own selector parser where there is one. */
export function validateOptions(): ValidateOptions {
  return typeof document === 'undefined' ? {} : { domSelectorCheck: documentSelectorCheck(document) };
}

export async function readPacks(): Promise<InstalledPack[]> {
  return (await packsItem.getValue()) ?? [];
}

/** Reads, changes and writes the list (the change runs on the latest list). */
export async function updatePacks(
  change: (list: InstalledPack[]) => InstalledPack[],
): Promise<InstalledPack[]> {
  const next = change(await readPacks());
  await packsItem.setValue(next);
  return next;
}

/** Installs a validated pack; throws `InstallRefused` when it is not newer and not `confirmed`. */
export function savePack(pack: Pack, source: PackSource, confirmed = false): Promise<InstalledPack[]> {
  return updatePacks((list) => installPack(list, pack, source, Date.now(), confirmed));
}

export const setEnabled = (id: string, enabled: boolean) =>
  updatePacks((l) => setPackEnabled(l, id, enabled));

export async function deletePack(id: string): Promise<void> {
  await updatePacks((l) => removePack(l, id));
  await forgetPackConsoles(id);
}

/**
 * Saves an edit of the agent's own pack (`local-edits`) after validating the pack it makes, like
 * any imported pack: an edit that breaks it saves nothing and returns the problems.
 */
export async function saveLocalEdit(change: (list: InstalledPack[]) => InstalledPack[]): Promise<PackCheck> {
  const next = change(await readPacks());
  const local = next.find((p) => p.pack.id === LOCAL_PACK_ID);
  if (!local) {
    await packsItem.setValue(next);
    return {
      ok: true,
      pack: { format: 'kefu-guard-pack', version: 1, id: LOCAL_PACK_ID, name: '', updated: '' },
    };
  }
  const check = validatePack(local.pack, validateOptions());
  if (check.ok) await packsItem.setValue(next);
  return check;
}

/** Downloads and validates a pack to subscribe to (installing it is the caller's next step). */
export async function fetchPackFromUrl(url: string): Promise<{ check: PackCheck; etag: string | null }> {
  const bad = subscriptionUrlIssue(url, ALLOW_LOCAL_HTTP);
  if (bad) return { check: { ok: false, issues: [bad], total: 1 }, etag: null };
  const got = await downloadPack(url, null, { fetch: (u, init) => fetch(u, init) });
  if (got.kind === 'error') return { check: { ok: false, issues: [got.issue], total: 1 }, etag: null };
  if (got.kind === 'not-modified') return { check: { ok: false, issues: [], total: 0 }, etag: null };
  return { check: parsePackText(got.text, validateOptions()), etag: got.etag };
}

/** Refreshes one subscription now and stores the result (the installed version stays on failure). */
export async function refreshSubscription(id: string, force = false): Promise<RefreshOutcome | null> {
  const installed = (await readPacks()).find((p) => p.pack.id === id);
  if (installed?.source.kind !== 'url') return null;
  const { next, outcome } = await refreshInstalled(installed, {
    ...validateOptions(),
    fetch: (u, init) => fetch(u, init),
    now: Date.now(),
    force,
  });
  // written onto the latest list: the pack may have been switched off meanwhile
  await updatePacks((list) =>
    list.map((p) => (p.pack.id === id ? { ...next, enabled: p.enabled, installedAt: p.installedAt } : p)),
  );
  return outcome;
}

export async function refreshAllSubscriptions(): Promise<void> {
  for (const p of await readPacks()) {
    if (p.source.kind !== 'url') continue;
    try {
      await refreshSubscription(p.pack.id);
    } catch (e) {
      console.warn('KefuGuard: refreshing a pack subscription failed', p.pack.id, e);
    }
  }
}

const REFRESH_ALARM = 'kg-pack-refresh';

/** Background: refresh subscriptions every six hours. */
export function startPackSubscriptions(): void {
  if (!browser.alarms) return;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refreshAllSubscriptions();
  });
  void browser.alarms.get(REFRESH_ALARM).then((existing) => {
    if (!existing)
      void browser.alarms.create(REFRESH_ALARM, { delayInMinutes: 5, periodInMinutes: REFRESH_MINUTES });
  });
}
