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

/** An item of a pack's section as the list needs it: an object with an id. */
const isItem = (x: unknown): x is { id: string } =>
  typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string';

/** An item in force: the pack it comes from (null: the defaults) and the item of its id it replaced. */
export interface InForce<T> {
  item: T;
  from: Pack | null;
  below: T | null;
}

/**
 * The defaults, then every enabled pack's section; a later rule or template with the same id wins,
 * and the agent's own edits (`local-edits`) win over every pack. Packs are checked when installed;
 * what a stored pack holds that is no item (saved under other checks) is passed over, not thrown
 * on: one bad entry must not take the overlay or the options down.
 */
export function inForce<T extends { id: string }>(
  defaults: readonly T[],
  packs: readonly InstalledPack[],
  pick: (p: Pack) => readonly T[] | undefined,
): InForce<T>[] {
  const byId = new Map<string, InForce<T>>();
  for (const item of defaults) byId.set(item.id, { item, from: null, below: null });
  const stored = packs.filter((p) => isItem(p?.pack));
  const ordered = [
    ...stored.filter((p) => p.pack.id !== LOCAL_PACK_ID),
    ...stored.filter((p) => p.pack.id === LOCAL_PACK_ID),
  ];
  for (const p of ordered) {
    const items: unknown = p.enabled ? pick(p.pack) : undefined;
    if (!Array.isArray(items)) continue;
    for (const x of items)
      if (isItem(x)) byId.set(x.id, { item: x as T, from: p.pack, below: byId.get(x.id)?.item ?? null });
  }
  return [...byId.values()];
}

const combine = <T extends { id: string }>(
  defaults: readonly T[],
  packs: readonly InstalledPack[],
  pick: (p: Pack) => readonly T[] | undefined,
): T[] => inForce(defaults, packs, pick).map((x) => x.item);

/** Rules in force: a pack's rule replaces the one with its id; `disabled: true` switches it off. */
export const activeRules = (defaults: readonly Rule[], packs: readonly InstalledPack[]) =>
  combine(defaults, packs, (p) => p.rules).filter((r) => !r.disabled);

export const activeTemplates = (defaults: readonly Template[], packs: readonly InstalledPack[]) =>
  combine(defaults, packs, (p) => p.templates)
    .filter(usableTemplate)
    .map((t) => (t.group === undefined ? { ...t, group: '' } : t));

export const packConsoles = (packs: readonly InstalledPack[]) =>
  combine([], packs, (p) => p.consoles).filter(usableConsole);

const strings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** A template the picker and the suggestions can read (its text fields text; no group reads as none). */
export function usableTemplate(t: Template): boolean {
  return (
    typeof t.title === 'string' &&
    typeof t.body === 'string' &&
    (t.group === undefined || typeof t.group === 'string') &&
    (t.tags === undefined || strings(t.tags)) &&
    (t.keywords === undefined || strings(t.keywords)) &&
    (t.shortcut === undefined || typeof t.shortcut === 'string')
  );
}

/** A console the content script can look for (its pages and selectors as it reads them). */
export function usableConsole(c: ConsoleDefinition): boolean {
  return (
    typeof c.name === 'string' &&
    typeof c.platform === 'string' &&
    strings(c.matches) &&
    typeof c.selectors === 'object' &&
    c.selectors !== null
  );
}
