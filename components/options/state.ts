/** The options page's view of storage: installed packs and settings, kept current by watchers. */
import { useEffect, useState } from 'preact/hooks';
import type { InstalledPack } from '../../utils/packs';
import { packsItem } from '../../utils/packs';
import { readSendKeys, type SendKeys } from '../../utils/send-keys';
import { DEFAULT_SETTINGS, type Settings, sendKeysItem, settingsItem } from '../../utils/settings';
import { readSettings, type SettingsIssue, validateSettings } from '../../utils/settings-schema';
import { download } from '../download';

/** A stored item as `read` makes it (null until first read), kept current by its watcher. */
function useStored<Raw, T>(
  item: { getValue(): Promise<Raw>; watch(cb: (value: Raw) => void): () => void },
  read: (raw: Raw) => T,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void item.getValue().then((raw) => live && setValue(read(raw)));
    const unwatch = item.watch((raw) => setValue(read(raw)));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return value;
}

export const usePacks = (): InstalledPack[] | null => useStored(packsItem, (p) => p ?? []);

/** The settings in use, and the stored fields whose defaults stand in for values the checks refuse. */
export const useSettings = (): { settings: Settings; repaired: string[] } | null =>
  useStored(settingsItem, readSettings);

/** What was seen of each console's send key (the consoles' tabs learn it). */
export const useSendKeys = (): Record<string, SendKeys> | null => useStored(sendKeysItem, readSendKeys);

/** Validates and saves; with any problem nothing is saved and the problems are returned. */
export async function saveSettings(next: Settings): Promise<SettingsIssue[]> {
  const issues = validateSettings(next);
  if (issues.length === 0) await settingsItem.setValue(next);
  return issues;
}

export { DEFAULT_SETTINGS };

/** Saves a file the agent downloads (an exported pack). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  download([text], `${type};charset=utf-8`, fileName);
}

export const formatTime = (ms: number, lang: string): string =>
  new Date(ms).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
