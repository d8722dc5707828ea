/**
 * How a validated pack joins the installed ones, and the agent's own edits (pure: lists in,
 * lists out; `pack-store.ts` reads and writes storage).
 *
 * - A pack with a new id is added. One with the id of an installed pack replaces it when its
 *   `updated` date is newer; an older or equal date needs the agent's yes first (`confirmed`).
 *   A replaced pack keeps its place and its on/off state.
 * - The agent's edits live in the pack `local-edits`, which always comes last so they win.
 */
import { type InstalledPack, LOCAL_PACK_ID, type Pack } from './pack-model';
import type { Rule } from './rules';
import type { Template } from './templates';

export type InstallPlan =
  | { kind: 'new' }
  | { kind: 'newer'; old: InstalledPack }
  | { kind: 'same'; old: InstalledPack }
  | { kind: 'older'; old: InstalledPack };

/** What installing `pack` would do. `same` and `older` need the agent's confirmation. */
export function planInstall(list: readonly InstalledPack[], pack: Pack): InstallPlan {
  const old = list.find((p) => p.pack.id === pack.id);
  if (!old) return { kind: 'new' };
  if (pack.updated > old.pack.updated) return { kind: 'newer', old };
  return pack.updated === old.pack.updated ? { kind: 'same', old } : { kind: 'older', old };
}

export const needsConfirmation = (plan: InstallPlan): boolean =>
  plan.kind === 'same' || plan.kind === 'older';

/** The local edits pack goes last (its rules and templates override every other pack's). */
function localLast(list: InstalledPack[]): InstalledPack[] {
  const local = list.filter((p) => p.pack.id === LOCAL_PACK_ID);
  return local.length === 0 ? list : [...list.filter((p) => p.pack.id !== LOCAL_PACK_ID), ...local];
}

export class InstallRefused extends Error {
  constructor(readonly plan: InstallPlan) {
    super(`pack "${plan.kind === 'new' ? '' : plan.old.pack.id}" is not newer than the installed one`);
  }
}

/**
 * The list with `pack` installed. Throws `InstallRefused` when the installed pack of that id is
 * as new or newer and the agent has not confirmed.
 */
export function installPack(
  list: readonly InstalledPack[],
  pack: Pack,
  source: InstalledPack['source'],
  now: number,
  confirmed = false,
): InstalledPack[] {
  const plan = planInstall(list, pack);
  if (needsConfirmation(plan) && !confirmed) throw new InstallRefused(plan);
  if (plan.kind === 'new') return localLast([...list, { pack, enabled: true, source, installedAt: now }]);
  return localLast(
    list.map((p) => (p.pack.id === pack.id ? { pack, enabled: p.enabled, source, installedAt: now } : p)),
  );
}

export function removePack(list: readonly InstalledPack[], id: string): InstalledPack[] {
  return list.filter((p) => p.pack.id !== id);
}

export function setPackEnabled(
  list: readonly InstalledPack[],
  id: string,
  enabled: boolean,
): InstalledPack[] {
  return list.map((p) => (p.pack.id === id ? { ...p, enabled } : p));
}

/** `YYYY-MM-DD` of `now` in local time. */
export function localDate(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ————— the agent's own edits —————

export const LOCAL_PACK_NAME = '我的修改';

export function emptyLocalPack(now: number): Pack {
  return {
    format: 'kefu-guard-pack',
    version: 1,
    id: LOCAL_PACK_ID,
    name: LOCAL_PACK_NAME,
    updated: localDate(now),
  };
}

export const localPackOf = (list: readonly InstalledPack[]): InstalledPack | undefined =>
  list.find((p) => p.pack.id === LOCAL_PACK_ID);

/** The local pack after `edit`, dated today; created when missing. */
export function editLocalPack(
  list: readonly InstalledPack[],
  now: number,
  edit: (pack: Pack) => Pack,
): InstalledPack[] {
  const current = localPackOf(list);
  const base = current?.pack ?? emptyLocalPack(now);
  const pack = { ...edit(base), updated: localDate(now) };
  if (!current)
    return localLast([...list, { pack, enabled: true, source: { kind: 'local' }, installedAt: now }]);
  return localLast(list.map((p) => (p.pack.id === LOCAL_PACK_ID ? { ...p, pack } : p)));
}

function upsert<T extends { id: string }>(items: readonly T[] | undefined, item: T): T[] {
  const list = [...(items ?? [])];
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
  return list;
}

export const upsertLocalTemplate = (list: readonly InstalledPack[], t: Template, now: number) =>
  editLocalPack(list, now, (p) => ({ ...p, templates: upsert(p.templates, t) }));

export const removeLocalTemplate = (list: readonly InstalledPack[], id: string, now: number) =>
  editLocalPack(list, now, (p) => ({ ...p, templates: (p.templates ?? []).filter((t) => t.id !== id) }));

export const upsertLocalRule = (list: readonly InstalledPack[], r: Rule, now: number) =>
  editLocalPack(list, now, (p) => ({ ...p, rules: upsert(p.rules, r) }));

export const removeLocalRule = (list: readonly InstalledPack[], id: string, now: number) =>
  editLocalPack(list, now, (p) => ({ ...p, rules: (p.rules ?? []).filter((r) => r.id !== id) }));

/** A fresh id for something the agent adds (`my-…`), unique among `taken`. */
export function newLocalId(prefix: string, taken: ReadonlySet<string>, now: number): string {
  let n = 0;
  for (;;) {
    const id = `${prefix}-${now.toString(36)}${n === 0 ? '' : `-${n}`}`;
    if (!taken.has(id)) return id;
    n++;
  }
}

// ————— export —————

/** The pack as a file: its fields in the documented order, two-space indented, UTF-8. */
export function packFileText(pack: Pack): string {
  const ordered: Pack = {
    format: 'kefu-guard-pack',
    version: 1,
    id: pack.id,
    name: pack.name,
    updated: pack.updated,
    ...(pack.author !== undefined ? { author: pack.author } : {}),
    ...(pack.templates ? { templates: pack.templates } : {}),
    ...(pack.rules ? { rules: pack.rules } : {}),
    ...(pack.consoles ? { consoles: pack.consoles } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export const packFileName = (pack: Pack): string => `${pack.id}-${pack.updated}.kefu-pack.json`;
