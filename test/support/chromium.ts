/** Finds a Chromium that loads unpacked extensions (branded Google Chrome ignores --load-extension). */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_MISSING =
  'Chromium not found: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium / Chrome for Testing binary.';

function chromeForTesting(): string[] {
  const roots = [
    join(homedir(), '.cache', 'puppeteer', 'chrome'),
    join(homedir(), '.cache', 'ms-playwright'),
    join(homedir(), 'chrome'),
  ];
  const out: string[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const dir of readdirSync(root)) {
      out.push(
        join(root, dir, 'chrome-linux64', 'chrome'),
        join(root, dir, 'chrome-linux', 'chrome'),
        join(
          root,
          dir,
          'chrome-mac-x64',
          'Google Chrome for Testing.app',
          'Contents',
          'MacOS',
          'Google Chrome for Testing',
        ),
        join(
          root,
          dir,
          'chrome-mac-arm64',
          'Google Chrome for Testing.app',
          'Contents',
          'MacOS',
          'Google Chrome for Testing',
        ),
        join(root, dir, 'chrome-win64', 'chrome.exe'),
      );
    }
  }
  return out;
}

/** CHROMIUM_PATH, then Debian's Chromium, then Chrome for Testing; null when none exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    env.CHROMIUM_PATH,
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    ...chromeForTesting(),
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

/** Chromium's path, or exit with the one-line install hint. */
export function requireChromium(): string {
  const path = findChromium();
  if (!path) {
    console.error(CHROMIUM_MISSING);
    process.exit(1);
  }
  return path;
}
