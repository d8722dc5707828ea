/**
 * Team packs: templates, rules and console definitions shared as one JSON file. This module holds
 * where installed packs live; the pack's shape and how packs combine with the defaults are in
 * `pack-model.ts` (pure), validation of packs from outside in `pack-schema.ts`.
 */
import { storage } from 'wxt/utils/storage';
import type { InstalledPack } from './pack-model';

export * from './pack-model';

/** Installed packs, in the order they were added. */
export const packsItem = storage.defineItem<InstalledPack[]>('local:packs', { fallback: [], version: 1 });
