/**
 * Team packs: templates, rules and console definitions shared as one JSON file. This module holds
 * the pack's shape, where installed packs live, and how they combine with the defaults the
 * extension ships. (Validation of packs from outside lives in `pack-schema.ts`.)
 */
import { storage } from 'wxt/utils/storage';
import type { ConsoleDefinition } from './consoles/types';
import type { Rule } from './rules';
import type { Template } from './templates';

export interface Pack {
  format: 'kefu-guard-pack';
  version: 1;
  id: string;
  name: string;
  /** YYYY-MM-DD: a pack with the same id and a newer date replaces the old one. */
  updated: string;
  author?: string;
  templates?: Template[];
  rules?: Rule[];
  consoles?: ConsoleDefinition[];
}

export interface InstalledPack {
  pack: Pack;
  enabled: boolean;
  /** Where it came from: a subscription URL refreshes from it. */
  source: { kind: 'file' | 'text' | 'url' | 'local'; url?: string; etag?: string | null };
  installedAt: number;
}

/** The agent's own edits (rules switched off or changed, templates added) live in this pack. */
export const LOCAL_PACK_ID = 'local-edits';

/** Installed packs, in the order they were added. */
export const packsItem = storage.defineItem<InstalledPack[]>('local:packs', { fallback: [], version: 1 });

/** The defaults, then every enabled pack's section; a later rule or template with the same id wins. */
function combine<T extends { id: string }>(
  defaults: readonly T[],
  packs: readonly InstalledPack[],
  pick: (p: Pack) => T[] | undefined,
): T[] {
  const byId = new Map<string, T>();
  for (const x of defaults) byId.set(x.id, x);
  for (const p of packs) if (p.enabled) for (const x of pick(p.pack) ?? []) byId.set(x.id, x);
  return [...byId.values()];
}

/** Rules in force: a pack's rule replaces the one with its id; `disabled: true` switches it off. */
export const activeRules = (defaults: readonly Rule[], packs: readonly InstalledPack[]) =>
  combine(defaults, packs, (p) => p.rules).filter((r) => !r.disabled);

export const activeTemplates = (defaults: readonly Template[], packs: readonly InstalledPack[]) =>
  combine(defaults, packs, (p) => p.templates);

export const packConsoles = (packs: readonly InstalledPack[]) => combine([], packs, (p) => p.consoles);
