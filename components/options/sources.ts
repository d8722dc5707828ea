/** Which pack each rule or template in force comes from (for the editors' lists). */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type InstalledPack, inForce, LOCAL_PACK_ID, type Pack } from '../../utils/pack-model';
import { type Rule, rulesFromPack } from '../../utils/rules';
import type { Template } from '../../utils/templates';

export const DEFAULT_SOURCE = 'default';

export interface Defaults {
  rules: readonly Rule[];
  templates: readonly Template[];
}

/**
 * The packs the extension ships, read from its own files (`public/packs/`) rather than bundled
 * into the page a second time.
 */
export function useDefaults(): Defaults | null {
  const [defaults, setDefaults] = useState<Defaults | null>(null);
  useEffect(() => {
    const read = (path: '/packs/default-rules.json' | '/packs/default-templates.json') =>
      fetch(browser.runtime.getURL(path)).then((r) => r.json() as Promise<unknown>);
    void Promise.all([read('/packs/default-rules.json'), read('/packs/default-templates.json')]).then(
      ([rules, templates]) =>
        setDefaults({
          rules: rulesFromPack(rules),
          templates: (templates as { templates?: Template[] }).templates ?? [],
        }),
    );
  }, []);
  return defaults;
}

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
