/**
 * What the overlay holds in memory on a console left open, in real Chromium with the e2e
 * extension: the demo console through a long stretch of work (a rolling 300 customers, each
 * writing a few messages before the agent opens the conversation and answers), the page's
 * JavaScript heap after garbage collection, with the extension and without it (the same messages:
 * the difference is ours). What we keep of the day is bounded by design (rounds and first-seen
 * times of the last 24 h, capped; message keys capped), so the growth per message is a day's
 * rate, not a leak; a growth far beyond it would be one. Console elements we held after the console
 * dropped them would show in a heap snapshot as detached nodes beyond the console's own.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchPlain, launchWithExtension } from '../support/browser';
import { startServer } from '../support/server';
import { type Demo, overlayShown } from './console-page';
import type { BenchResult } from './types';

const WARM_UP = 1000;
const MESSAGES = 10_000;
const CUSTOMERS = 300;

type DemoApi = Demo & { openConversation(id: string): void; sendAgentMessage(text: string): string | null };

/** Messages `from`…`to`, ten per task: every customer writes four, then the agent answers. */
async function work(page: Page, from: number, to: number): Promise<void> {
  await page.evaluate(
    async ([first, end, customers]) => {
      const demo = (window as unknown as { kefuDemo: DemoApi }).kefuDemo;
      for (let i = first; i < end; i += 10) {
        for (let n = i; n < Math.min(end, i + 10); n++) {
          const conv = `u${Math.floor(n / 4) % customers}`;
          demo.addCustomerMessage(conv, `第${n}条：请问${n % 7 === 0 ? '可以开发票吗' : '什么时候发货'}？`);
          if (n % 4 === 3) {
            demo.openConversation(conv);
            demo.sendAgentMessage(`好的亲，第${n}条已处理`);
          }
        }
        await new Promise((r) => setTimeout(r, 16));
      }
    },
    [from, to, CUSTOMERS] as const,
  );
  // the last changes read, the events sent
  await page.waitForTimeout(3000);
}

/** The page's JavaScript heap after collecting garbage (MB; our content script's world included). */
async function heap(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}

/**
 * DOM nodes that left the page and are still held by some script: those a heap snapshot marks
 * detached (taking one collects garbage first).
 */
async function detachedNodes(cdp: CDPSession): Promise<number> {
  const chunks: string[] = [];
  const onChunk = (c: { chunk: string }) => chunks.push(c.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  // 0: not known, 1: attached, 2: detached
  const detachedness = fields.indexOf('detachedness');
  if (detachedness < 0) throw new Error('this Chromium marks no detached nodes in heap snapshots');
  let detached = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length)
    if (snapshot.nodes[i + detachedness] === 2) detached++;
  return detached;
}

async function run(withUs: boolean, url: string) {
  const browser = withUs ? await launchWithExtension() : await launchPlain();
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'kefuDemo' in window);
    // (not `openConsole`: the timeline it records would grow the heap measured here)
    if (withUs) await overlayShown(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await work(page, 0, WARM_UP);
    const before = await heap(cdp);
    await work(page, WARM_UP, WARM_UP + MESSAGES);
    const after = await heap(cdp);
    const detached = await detachedNodes(cdp);
    await cdp.detach();
    return { before, after, detached };
  } finally {
    await browser.close();
  }
}

export async function benchMemory(): Promise<BenchResult[]> {
  const server = await startServer();
  try {
    const url = `${server.url}/?sim=off&seed=3`;
    const page = await run(false, url);
    const us = await run(true, url);
    const ours = us.after - page.after;
    const per = MESSAGES / 1000;
    const growth = (us.after - us.before - (page.after - page.before)) / per;
    return [
      {
        name: `the overlay's heap on a console after ${(WARM_UP + MESSAGES).toLocaleString('en')} messages (${CUSTOMERS} customers in turn, each answered; with the extension less without, after garbage collection)`,
        value: ours,
        unit: `MB (the page: ${page.after.toFixed(1)} MB without us, ${us.after.toFixed(1)} MB with us)`,
        target: '—',
        ok: true,
        reference: true,
      },
      {
        name: `the same, its growth per 1,000 messages (over the ${MESSAGES.toLocaleString('en')} after the first ${WARM_UP.toLocaleString('en')})`,
        value: growth,
        unit: `MB (the page's own: ${((page.after - page.before) / per).toFixed(2)} MB)`,
        target: '—',
        ok: true,
        reference: true,
      },
      {
        name: 'console elements held after they left the page (DOM nodes a heap snapshot marks detached), with us',
        value: us.detached,
        unit: `(without us ${page.detached}: the console's own, which vary by thousands run to run; a script keeping every message it read would hold ~8 nodes a message, ~${(8 * (WARM_UP + MESSAGES)).toLocaleString('en')} here)`,
        target: '—',
        ok: true,
        reference: true,
      },
    ];
  } finally {
    await server.close();
  }
}
