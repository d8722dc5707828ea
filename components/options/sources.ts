/** Which pack each rule or template in force comes from (for the editors' lists). */
import { type InstalledPack, inForce, LOCAL_PACK_ID, type Pack } from '../../utils/pack-model';

export const DEFAULT_SOURCE = 'default';

export interface Sourced<T> {
  item: T;
  /** The pack id it comes from (`default` for the shipped defaults, `local-edits` for the agent's). */
  from: string;
  fromName: string;
  /** The same id also exists below the agent's edit (a default or a pack's): "revert" restores it. */
  overrides: T | null;
}

/** Everything in force, in the order of the defaults then packs; disabled rules included. */
export function sourced<T extends { id: string }>(
  defaults: readonly T[],
  packs: readonly InstalledPack[],
  pick: (p: Pack) => readonly T[] | undefined,
): Sourced<T>[] {
  return inForce(defaults, packs, pick).map(({ item, from, below }) => ({
    item,
    from: from?.id ?? DEFAULT_SOURCE,
    fromName: from?.name ?? '',
    overrides: from?.id === LOCAL_PACK_ID ? below : null,
  }));
}
