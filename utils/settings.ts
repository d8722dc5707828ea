/**
 * Settings, stored by WXT storage items (versioned). Content scripts and pages watch them.
 */
import { storage } from 'wxt/utils/storage';
import { type ClockSettings, presetFor } from './clock';
import type { Platform } from './consoles/types';
import type { SendKeys } from './send-keys';
import { readSettings } from './settings-check';
import { DEFAULT_SETTINGS, type Settings } from './settings-model';

export { DEFAULT_SETTINGS, type Language, type Settings } from './settings-model';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Stored settings as they are used (see `readSettings`). */
export const withDefaults = (stored: unknown): Settings => readSettings(stored).settings;

export async function loadSettings(): Promise<Settings> {
  return withDefaults(await settingsItem.getValue());
}

/** The clock settings in force for a platform. */
export function clockSettingsFor(settings: Settings, platform: Platform): ClockSettings {
  return settings.clock[platform] ?? presetFor(platform);
}

/** The per-install salt for conversation pseudonyms (made once by the background). */
export const saltItem = storage.defineItem<string>('local:install-salt', { fallback: '' });

/** The corner the agent moved the status panel to (see panel-corner.ts). */
export const panelCornerItem = storage.defineItem<string>('local:panel-corner', { fallback: 'top-right' });

/** What each send key was seen to do, per console definition id (see send-keys.ts). */
export const sendKeysItem = storage.defineItem<Record<string, SendKeys>>('local:send-keys', { fallback: {} });

/** How often each template was used (most used first in the picker). */
export const templateUsesItem = storage.defineItem<Record<string, number>>('local:template-uses', {
  fallback: {},
});
