/**
 * What keeping the session for a reload costs, in real Chromium with the e2e extension: the demo
 * console (100 conversations × 100 messages) after 200 messages and 10 threads read, then one
 * message at a time, each followed by a forced write (`pagehide`), timed by `kg:save`.
 */
import { startServer } from '../support/server';
import { type Demo, openConsole, take } from './console-page';
import type { BenchResult } from './types';

const MESSAGES = 24;

export async function benchSnapshot(): Promise<BenchResult[]> {
  const server = await startServer();
  const { ext, page } = await openConsole(`${server.url}/?sim=off&convs=100&msgs=100&seed=11`);
  try {
    await page.evaluate(async () => {
      const demo = (window as unknown as { kefuDemo: Demo }).kefuDemo;
      const ids = demo.conversations().map((c) => c.id);
      for (let i = 0; i < 200; i++) {
        demo.addCustomerMessage(ids[(i * 7) % ids.length] ?? '', `第${i}条`);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
    });
    const rows = page.locator('.kd-conv');
    for (let i = 0; i < 10; i++) {
      await rows.nth(i * 3).click();
      await page.waitForTimeout(300);
    }
    const saves = () => take(page, 'save');
    const leave = async () => {
      await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
      await page.waitForTimeout(100);
    };
    const kept = () =>
      page.evaluate(() => {
        let chars = 0;
        let entries = 0;
        for (let i = 0; i < sessionStorage.length; i++) {
          const key = sessionStorage.key(i) ?? '';
          if (!key.startsWith('kefu-guard:session')) continue;
          chars += sessionStorage.getItem(key)?.length ?? 0;
          entries++;
        }
        return { chars, entries };
      });
    await leave();
    const first = (await saves()).reduce((a, b) => a + b, 0);
    const size = await kept();
    const each: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      // the open conversation and others in turn
      await page.evaluate((n) => {
        const demo = (window as unknown as { kefuDemo: Demo }).kefuDemo;
        const all = demo.conversations();
        const active = all.find((c) => c.active)?.id ?? '';
        demo.addCustomerMessage(n % 2 ? (all[(n * 13) % all.length]?.id ?? active) : active, `在吗${n}`);
      }, i);
      await page.waitForTimeout(600);
      await leave();
      each.push((await saves()).reduce((a, b) => a + b, 0));
    }
    const sorted = [...each].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    return [
      {
        name: `session snapshot written after one message (median of ${MESSAGES}, forced by pagehide; 100×100 console, 10 threads read)`,
        value: median,
        unit: `ms (max ${Math.max(...each).toFixed(2)} ms; the first write, everything: ${first.toFixed(2)} ms; kept ${(size.chars / 1024).toFixed(0)} K characters in ${size.entries} entries)`,
        target: '—',
        ok: true,
        reference: true,
      },
    ];
  } finally {
    await ext.close();
    await server.close();
  }
}
