/**
 * Settings, stored by WXT storage items (versioned). Content scripts and pages watch them.
 */
import { storage } from 'wxt/utils/storage';

export type Language = 'zh-CN' | 'en';

export interface Settings {
  language: Language;
  /** Shown in stats per agent; empty = not set. */
  agentName: string;
}

export const DEFAULT_SETTINGS: Settings = { language: 'zh-CN', agentName: '' };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The per-install salt for conversation pseudonyms (made once by the background). */
export const saltItem = storage.defineItem<string>('local:install-salt', { fallback: '' });
