/**
 * The packs the extension ships, read by its pages from its own files (`public/packs/`) rather
 * than bundled into each page a second time (the content script reads them from storage).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type Rule, rulesFromPack } from '../utils/rules';
import type { Template } from '../utils/templates';

export interface Defaults {
  rules: readonly Rule[];
  templates: readonly Template[];
}

type PackFile = '/packs/default-rules.json' | '/packs/default-templates.json';
const read = (path: PackFile) =>
  fetch(browser.runtime.getURL(path)).then((r) => r.json() as Promise<unknown>);

/** The shipped rules and templates. */
export async function readDefaults(): Promise<Defaults> {
  const [rules, templates] = await Promise.all([
    read('/packs/default-rules.json'),
    read('/packs/default-templates.json'),
  ]);
  return {
    rules: rulesFromPack(rules),
    templates: (templates as { templates?: Template[] }).templates ?? [],
  };
}

/** The shipped rules and templates (null until read). */
export function useDefaults(): Defaults | null {
  const [defaults, setDefaults] = useState<Defaults | null>(null);
  useEffect(() => {
    void readDefaults().then(setDefaults);
  }, []);
  return defaults;
}
