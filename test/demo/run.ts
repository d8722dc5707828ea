/**
 * `npm run demo`: builds the e2e extension, serves the demo console on 127.0.0.1 and opens
 * Chromium with the extension loaded on it.
 *
 *   npm run demo                         a window, when there is a display
 *   npm run demo -- --headless           headless: plays a few seconds, writes a screenshot
 *   options: --screenshot FILE (default demo.png) --seconds N (6) --speed N (8) --seed N
 *            --port N --no-build
 */
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../support/browser';
import { requireChromium } from '../support/chromium';
import { ROOT, startServer } from '../support/server';

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    seconds: { type: 'string', default: '6' },
    speed: { type: 'string', default: '8' },
    seed: { type: 'string', default: '7' },
    port: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
  },
});

requireChromium();
const hasDisplay =
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
const headless = args.headless || !hasDisplay;

if (!args['no-build']) {
  console.log('Building the extension (npm run build:e2e)…');
  execSync('npx wxt build --mode e2e', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = await startServer(Number(args.port));
const url = `${server.url}/?speed=${args.speed}&seed=${args.seed}`;
console.log(`Demo console: ${url}`);
const browser = await launchWithExtension({ headless });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.goto(url);

if (headless) {
  const file = resolve(process.cwd(), args.screenshot ?? 'demo.png');
  await page.waitForSelector('kefu-guard', { state: 'attached', timeout: 15_000 }).catch(() => {
    console.warn('The overlay did not appear within 15 s.');
  });
  await page.waitForTimeout(Number(args.seconds) * 1000);
  await page.screenshot({ path: file });
  console.log(`Screenshot written to ${file}`);
  await browser.close();
  await server.close();
} else {
  console.log('Chromium is open with KefuGuard loaded. Close the window or press Ctrl+C to stop.');
  const stop = async () => {
    await browser.close();
    await server.close();
    process.exit(0);
  };
  browser.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
