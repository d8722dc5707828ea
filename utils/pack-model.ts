/**
 * The pack model (pure, no storage): a pack's shape, an installed pack, and how installed packs
 * combine with the defaults the extension ships. `packs.ts` adds where they are stored.
 */
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

/** A problem worth showing beside a pack, in both languages. */
export interface SourceError {
  zh: string;
  en: string;
}

export interface PackSource {
  kind: 'file' | 'text' | 'url' | 'local';
  /** A subscription's URL (kind `url`): refreshed on a schedule. */
  url?: string;
  /** The ETag of the version installed from `url` (sent as If-None-Match). */
  etag?: string | null;
  /** When `url` was last asked for a new version (epoch ms). */
  lastChecked?: number;
  /** Why the last refresh kept the installed version (null after a good one). */
  lastError?: SourceError | null;
}

export interface InstalledPack {
  pack: Pack;
  enabled: boolean;
  /** Where it came from: a subscription URL refreshes from it. */
  source: PackSource;
  installedAt: number;
}

/** The agent's own edits (rules switched off or changed, templates added) live in this pack. */
export const LOCAL_PACK_ID = 'local-edits';

/**
 * The defaults, then every enabled pack's section; a later rule or template with the same id wins,
 * and the agent's own edits (`local-edits`) win over every pack.
 */
function combine<T extends { id: string }>(
  defaults: readonly T[],
  packs: readonly InstalledPack[],
  pick: (p: Pack) => T[] | undefined,
): T[] {
  const byId = new Map<string, T>();
  for (const x of defaults) byId.set(x.id, x);
  const ordered = [
    ...packs.filter((p) => p.pack.id !== LOCAL_PACK_ID),
    ...packs.filter((p) => p.pack.id === LOCAL_PACK_ID),
  ];
  for (const p of ordered) if (p.enabled) for (const x of pick(p.pack) ?? []) byId.set(x.id, x);
  return [...byId.values()];
}

/** Rules in force: a pack's rule replaces the one with its id; `disabled: true` switches it off. */
export const activeRules = (defaults: readonly Rule[], packs: readonly InstalledPack[]) =>
  combine(defaults, packs, (p) => p.rules).filter((r) => !r.disabled);

export const activeTemplates = (defaults: readonly Template[], packs: readonly InstalledPack[]) =>
  combine(defaults, packs, (p) => p.templates);

export const packConsoles = (packs: readonly InstalledPack[]) => combine([], packs, (p) => p.consoles);
