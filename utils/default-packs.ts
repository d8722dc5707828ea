/**
 * The rule and template packs KefuGuard ships (public/packs/*.json). The background worker puts
 * them into storage once per version, so pages and content scripts read them like any pack,
 * without carrying a copy in every bundle.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { rulesFromPack } from './rules';
import type { Rule } from './rules/types';
import type { Template } from './templates';

export interface DefaultPacks {
  /** The extension version they came with. */
  version: string;
  rules: Rule[];
  templates: Template[];
}

export const defaultPacksItem = storage.defineItem<DefaultPacks | null>('local:default-packs', {
  fallback: null,
});

/** Loads the shipped packs into storage when they are missing or from another version (background). */
export async function ensureDefaultPacks(): Promise<DefaultPacks> {
  const version = browser.runtime.getManifest().version;
  const known = await defaultPacksItem.getValue();
  if (known?.version === version && known.rules.length > 0) return known;
  const read = async (path: string) =>
    (await fetch(browser.runtime.getURL(path as '/'))).json() as Promise<unknown>;
  const [rules, templates] = await Promise.all([
    read('/packs/default-rules.json'),
    read('/packs/default-templates.json'),
  ]);
  const packs: DefaultPacks = {
    version,
    rules: rulesFromPack(rules),
    templates: (templates as { templates: Template[] }).templates,
  };
  await defaultPacksItem.setValue(packs);
  return packs;
}
