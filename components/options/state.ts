/** The options page's view of storage: installed packs and settings, kept current by watchers. */
import { useEffect, useState } from 'preact/hooks';
import type { InstalledPack } from '../../utils/packs';
import { packsItem } from '../../utils/packs';
import { DEFAULT_SETTINGS, type Settings, settingsItem, withDefaults } from '../../utils/settings';
import { type SettingsIssue, validateSettings } from '../../utils/settings-schema';
import { download } from '../download';

export function usePacks(): InstalledPack[] | null {
  const [packs, setPacks] = useState<InstalledPack[] | null>(null);
  useEffect(() => {
    let live = true;
    void packsItem.getValue().then((p) => live && setPacks(p ?? []));
    const unwatch = packsItem.watch((p) => setPacks(p ?? []));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return packs;
}

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void settingsItem.getValue().then((s) => live && setSettings(withDefaults(s)));
    const unwatch = settingsItem.watch((s) => setSettings(withDefaults(s)));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}

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
