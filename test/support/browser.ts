/** Launches Debian's Chromium with the built extension loaded (Playwright over CDP). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { findChromium } from './chromium';
import { ROOT } from './server';

export const E2E_EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3-e2e');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (re-read after it was stopped: it changes). */
  worker(): Promise<Worker>;
  /** Opens an extension page (e.g. `popup.html`). */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  extensionDir?: string;
  viewport?: { width: number; height: number };
  slowMo?: number;
}

/** `null`: no extension; `later`: none yet, installed by the test over the debugging pipe. */
async function launch(options: LaunchOptions, extensionDir: string | null | 'later') {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (set CHROMIUM_PATH or apt-get install chromium)');
  const headless = options.headless ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'kefu-guard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: false,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    slowMo: options.slowMo,
    locale: 'zh-CN',
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
      ...(extensionDir === 'later'
        ? ['--enable-unsafe-extension-debugging']
        : extensionDir
          ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
          : ['--disable-extensions']),
    ],
    // Playwright's own --disable-extensions would keep a later install from running
    ...(extensionDir === 'later' ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
  });
  return {
    context,
    /** Closes the browser and removes its profile. */
    async close(): Promise<void> {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens an extension page (e.g. `popup.html`) of the extension `id`. */
async function openExtensionPage(context: BrowserContext, id: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/${path}`);
  return page;
}

/** The same browser without the extension (baselines). */
export function launchPlain(
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launch(options, null);
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? E2E_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build:e2e\` first`);
  }
  const { context, close } = await launch(options, extensionDir);
  const worker = async (): Promise<Worker> => {
    const found = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return found ?? context.waitForEvent('serviceworker', { timeout: 20_000 });
  };
  const first = await worker();
  const extensionId = new URL(first.url()).host;
  // the background's install work done (it starts KefuGuard in consoles already open): pages
  // opened from now on get it once, from the manifest
  await first.evaluate(() =>
    Promise.race([
      (globalThis as { kgInstallSettled?: Promise<void> }).kgInstallSettled,
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]),
  );
  return {
    context,
    extensionId,
    worker,
    openExtensionPage: (path) => openExtensionPage(context, extensionId, path),
    close,
  };
}

export interface InstallingBrowser {
  context: BrowserContext;
  /**
   * Installs the built extension now, with pages already open, as an agent does (Chromium's
   * `Extensions.loadUnpacked`); called again, it loads it anew over the installed one, as an update
   * does. Returns the extension's id.
   */
  install(extensionDir?: string): Promise<string>;
  /** Opens a page of the extension installed last (e.g. `popup.html`). */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** The browser with no extension yet: the test installs it while the console is open. */
export async function launchForInstall(options: LaunchOptions = {}): Promise<InstallingBrowser> {
  const { context, close } = await launch(options, 'later');
  const browser = context.browser();
  if (!browser) throw new Error('no browser to install the extension in');
  const cdp = await browser.newBrowserCDPSession();
  let extensionId = '';
  return {
    context,
    async install(extensionDir = E2E_EXTENSION_DIR) {
      // not in Playwright's protocol types yet
      const send = cdp.send.bind(cdp) as unknown as (
        method: string,
        params: object,
      ) => Promise<{ id: string }>;
      extensionId = (await send('Extensions.loadUnpacked', { path: extensionDir })).id;
      return extensionId;
    },
    openExtensionPage: (path) => openExtensionPage(context, extensionId, path),
    close,
  };
}
