/**
 * Settings, stored by WXT storage items (versioned). Content scripts and pages watch them.
 */
import { storage } from 'wxt/utils/storage';
import { type ClockSettings, presetFor } from './clock';
import type { Platform } from './consoles/types';
import { DEFAULT_PICKER_KEY, type KeyCombo } from './picker-key';
import type { SendKeys } from './send-keys';

export type Language = 'zh-CN' | 'en';

export interface Settings {
  language: Language;
  /** Shown in stats per agent and filled into templates ({客服昵称}); empty = not set. */
  agentName: string;
  /** Filled into templates ({店铺名}); empty = not set. */
  shopName: string;
  /** A desktop notification 20 s before a customer's wait breaches, while the console tab is hidden. */
  notifyBeforeBreach: boolean;
  /** A short sound with that notification. */
  sound: boolean;
  /** Per-platform clock settings that differ from the presets. */
  clock: Partial<Record<Platform, ClockSettings>>;
  /** Days raw stats events are kept (per-day rollups are kept a year). */
  retentionDays: number;
  /** Built-in consoles switched off (by id). */
  disabledConsoles: string[];
  /** The key that opens the template picker in the reply box (see picker-key.ts). */
  pickerKey: KeyCombo;
}

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-CN',
  agentName: '',
  shopName: '',
  notifyBeforeBreach: true,
  sound: false,
  clock: {},
  retentionDays: 90,
  disabledConsoles: [],
  pickerKey: DEFAULT_PICKER_KEY,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Stored settings completed with the defaults of fields added since they were saved. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

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
