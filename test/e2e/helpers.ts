/** Shared steps of the real-browser tests. */
import type { Page } from 'playwright-core';
import type { StoredEvent } from '../../utils/events';
import type { Settings } from '../../utils/settings';
import { type ExtensionBrowser, launchWithExtension } from '../support/browser';
import { type StaticServer, startServer } from '../support/server';

export interface Harness {
  browser: ExtensionBrowser;
  server: StaticServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server = await startServer();
  const browser = await launchWithExtension();
  return {
    browser,
    server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Stores settings; fields left out take their defaults (every reader completes them). */
/** Writes `value` under `key` in the extension's local storage (as a version or a hand edit may have). */
export async function setStored(browser: ExtensionBrowser, key: string, value: unknown): Promise<void> {
  const page = await browser.openExtensionPage('popup.html');
  await page.evaluate(
    ([k, v]) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }
      ).chrome.storage.local.set({ [k as string]: v }),
    [key, value] as const,
  );
  await page.close();
}

export const setSettings = (browser: ExtensionBrowser, patch: Partial<Settings>): Promise<void> =>
  setStored(browser, 'settings', patch);

/** Reads every stored event through an extension page (the extension origin owns the database). */
export async function storedEvents(
  browser: Pick<ExtensionBrowser, 'openExtensionPage'>,
): Promise<StoredEvent[]> {
  const page = await browser.openExtensionPage('popup.html');
  try {
    return await page.evaluate(
      () =>
        new Promise<StoredEvent[]>((resolve, reject) => {
          const open = indexedDB.open('kefu-guard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('events')) {
              db.close();
              resolve([]);
              return;
            }
            const req = db.transaction('events').objectStore('events').getAll();
            req.onsuccess = () => {
              db.close();
              resolve(req.result as StoredEvent[]);
            };
            req.onerror = () => reject(req.error);
          };
        }),
    );
  } finally {
    await page.close();
  }
}

/** Polls until `check` passes or the time is up (then rethrows its last failure). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, stepMs = 150): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}

/** The text and data of an element inside our shadow root. */
export async function overlayAttr(page: Page, kg: string, attr: string): Promise<string | null> {
  return page.evaluate(
    ([k, a]) =>
      document
        .querySelector('kefu-guard')
        ?.shadowRoot?.querySelector(`[data-kg="${k}"]`)
        ?.getAttribute(a as string) ?? null,
    [kg, attr] as const,
  );
}

export async function overlayText(page: Page, kg: string): Promise<string | null> {
  return page.evaluate(
    (k) =>
      document.querySelector('kefu-guard')?.shadowRoot?.querySelector(`[data-kg="${k}"]`)?.textContent ??
      null,
    kg,
  );
}
