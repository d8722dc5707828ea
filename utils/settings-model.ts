/** What the settings are, and their defaults (pure: the storage items are in settings.ts). */
import type { ClockSettings } from './clock';
import type { Platform } from './consoles/types';
import { DEFAULT_PICKER_KEY, type KeyCombo } from './picker-key';

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
