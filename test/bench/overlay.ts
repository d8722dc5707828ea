/**
 * The overlay's cost on a busy console, in real Chromium with the e2e extension: a demo console
 * with 100 conversations × 100 messages. Our own work is on the page's performance timeline
 * (the e2e build records them: `kg:observe` for the mutation observer's callbacks, `kg:change`
 * when it is read, `kg:paint` when the overlay is drawn, `kg:idle` for work left for later,
 * `kg:send` when events go to the background, `kg:scroll` for the console's scroll events,
 * `kg:visible` for the badges' visibility observer, `kg:save` for the session snapshot written for a
 * reload, `kg:tick` per ticker second); long tasks come from the `longtask` timeline entries, with
 * and without the extension.
 *
 * The cost per message is judged once the page has run a while (the first messages after a load
 * run code not yet compiled, ours and the console's alike): 400 messages after 200, on five fresh
 * pages, the median run (each run's figure is printed; this VM's vary by ±15 % run to run). The
 * first 200 of that run are printed beside it.
 *
 * Messages one per frame keep our code and the CPU's caches warm and share one batch of events to
 * the background among ~30 messages; a real console's messages come seconds apart. So the same
 * page then takes messages 600 ms apart: each finds everything cold and sends its own events, and
 * the session snapshot's periodic write (one per 30 s) is shared among the messages of its 30 s.
 */
import type { Page } from 'playwright-core';
import { demo } from '../../utils/consoles/demo';
import { SNAPSHOT_EVERY_MS } from '../../utils/snapshot-writer';
import { launchPlain } from '../support/browser';
import { startServer } from '../support/server';
import { type Demo, MARKS, openConsole, record, take } from './console-page';
import type { BenchResult } from './types';

const URL_PATH = '/?sim=off&convs=100&msgs=100&seed=11';

/** Customer messages `from`…`to` one per frame, alternating the open conversation and others. */
async function trickle(page: Page, from: number, to: number): Promise<void> {
  await page.evaluate(
    async ([first, end]) => {
      const demo = (window as unknown as { kefuDemo: Demo }).kefuDemo;
      const ids = demo.conversations().map((c) => c.id);
      const active = demo.conversations().find((c) => c.active)?.id ?? ids[0] ?? '';
      for (let i = first; i < end; i++) {
        const id = i % 2 === 0 ? active : (ids[(i * 7) % ids.length] ?? active);
        const start = performance.now();
        demo.addCustomerMessage(id, `第${i}条：请问什么时候发货？`);
        (window as unknown as { __hostMs: number }).__hostMs =
          ((window as unknown as { __hostMs?: number }).__hostMs ?? 0) + performance.now() - start;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
    },
    [from, to] as const,
  );
}

/** Our work for the messages sent since the last call: per message, and its parts. */
async function workPerMessage(page: Page, messages: number) {
  await page.waitForTimeout(300);
  const callbacks = await take(page, 'change');
  const parts = {
    reads: sum(callbacks),
    paints: sum(await take(page, 'paint')),
    observers: sum(await take(page, 'observe')),
    idle: sum(await take(page, 'idle')),
    sends: sum(await take(page, 'send')),
    scrolls: sum(await take(page, 'scroll')),
    visibility: sum(await take(page, 'visible')),
    saves: sum(await take(page, 'save')),
  };
  return {
    callbacks,
    total: sum(Object.values(parts)) / messages,
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v / messages])) as typeof parts,
  };
}

/**
 * Messages `gapMs` apart (the open conversation and others in turn): all our work per message,
 * the ticker's seconds apart (a paint after a tick, with no message read since, is the tick's).
 */
async function paced(page: Page, messages: number, gapMs: number) {
  // the session's snapshot is written at most every SNAPSHOT_EVERY_MS: the write of the messages
  // before lands before the window, and the window holds the next one, of its own messages alone,
  // as on a console where messages come this far apart all day
  await page.waitForFunction(
    () => {
      // (no named functions in here: the page has no `__name` helper for them)
      let save = -1;
      let change = -1;
      for (const [name, start] of (window as unknown as { __kgOrder: [string, number][] }).__kgOrder) {
        if (name === 'save') save = Math.max(save, start);
        if (name === 'change') change = Math.max(change, start);
      }
      return save > change;
    },
    null,
    { timeout: SNAPSHOT_EVERY_MS + 15_000, polling: 500 },
  );
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    (window as unknown as { __kgOrder: unknown[] }).__kgOrder = [];
  });
  await hostScript(page);
  await page.evaluate(
    async ([count, gap]) => {
      const demo = (window as unknown as { kefuDemo: Demo }).kefuDemo;
      const ids = demo.conversations().map((c) => c.id);
      const active = demo.conversations().find((c) => c.active)?.id ?? ids[0] ?? '';
      for (let i = 0; i < count; i++) {
        const id = i % 2 === 0 ? active : (ids[(i * 13) % ids.length] ?? active);
        const start = performance.now();
        demo.addCustomerMessage(id, `第${i}条：在吗？什么时候发货？`);
        (window as unknown as { __hostMs: number }).__hostMs =
          ((window as unknown as { __hostMs?: number }).__hostMs ?? 0) + performance.now() - start;
        await new Promise((r) => setTimeout(r, gap));
      }
    },
    [messages, gapMs] as const,
  );
  // the last message's events leave with the outbox's next batch
  await page.waitForTimeout(1000);
  const order = await page.evaluate(
    () => (window as unknown as { __kgOrder: [string, number, number][] }).__kgOrder,
  );
  const parts: Record<string, number> = {};
  let ticks = 0;
  let last = '';
  for (const [name, , duration] of [...order].sort((a, b) => a[1] - b[1])) {
    if (name === 'tick') ticks += duration;
    else if (name === 'paint' && last === 'tick') ticks += duration;
    else parts[name] = (parts[name] ?? 0) + duration;
    if (name === 'tick' || name === 'change') last = name;
  }
  return {
    total: sum(Object.values(parts)) / messages,
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v / messages])),
    ticks: ticks / messages,
    host: (await hostScript(page)) / messages,
  };
}

/** Messages 600 ms apart for longer than the snapshot's interval: its write is in the window. */
const PACED = { messages: Math.ceil(SNAPSHOT_EVERY_MS / 600) + 5, gapMs: 600 };

/** A burst: `n` messages in ~1 s, 10 per task. */
async function burst(page: Page, n: number): Promise<void> {
  await page.evaluate(async (count) => {
    const demo = (window as unknown as { kefuDemo: Demo }).kefuDemo;
    const ids = demo.conversations().map((c) => c.id);
    for (let i = 0; i < count; i += 10) {
      for (let j = i; j < i + 10 && j < count; j++)
        demo.addCustomerMessage(ids[j % ids.length] ?? '', `消息${j}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 500));
  }, n);
}

/** The console's own script time for the messages added since the last call (ms; it is reset). */
const hostScript = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const w = window as unknown as { __hostMs?: number };
    const ms = w.__hostMs ?? 0;
    w.__hostMs = 0;
    return ms;
  });

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] ?? 0) : Number.NaN;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0) : Number.NaN;
};

async function baselineLongTasks(url: string): Promise<number[]> {
  const browser = await launchPlain();
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'kefuDemo' in window);
    await record(page);
    await burst(page, 1000);
    return await take(page, 'long');
  } finally {
    await browser.close();
  }
}

/**
 * The browser's own style and layout time so far (ms; Chromium's counters): what our badges and
 * panel cost it beyond our scripts — anchored badges are laid out by it, measured ones written to.
 */
async function renderingMeter(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  // the counters run while the domain is enabled
  await cdp.send('Performance.enable');
  return {
    async read(): Promise<number> {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const of = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return (of('LayoutDuration') + of('RecalcStyleDuration')) * 1000;
    },
    stop: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * The browser's rendering work our writes cost it, per message (ms), from a trace of `n` messages
 * one per frame (`from` on): in a frame, the style, layout and pre-paint passes after its first
 * one are ours (the page's changes are laid out before our callback reads them; what we write
 * after that is laid out again before the paint: on the page alone there are none), and the
 * intersection observers' work (only ours here: the demo has none). The trace slows the page:
 * this runs on a page of its own, after the same 600 messages as the timed runs.
 */
async function renderingOfOurs(page: Page, from: number, n: number) {
  const cdp = await page.context().newCDPSession(page);
  const events: { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number }[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as typeof events)));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  await trickle(page, from, from + n);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach().catch(() => undefined);
  let passes = 0;
  let after = 0;
  let intersections = 0;
  // the page's main thread (where its layout runs)
  const main = events.find((e) => e.name === 'Layout');
  const timed = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.pid === main?.pid && e.tid === main.tid)
    .sort((a, b) => a.ts - b.ts);
  for (const e of timed) {
    const ms = (e.dur ?? 0) / 1000;
    // a frame's work starts with its animation frame callbacks (the demo's message loop has one)
    // and ends with its paint or commit
    if (e.name === 'Paint' || e.name === 'Commit' || e.name === 'FireAnimationFrame') passes = 0;
    else if (e.name === 'IntersectionObserverController::computeIntersections') intersections += ms;
    else if (e.name === 'UpdateLayoutTree' || e.name === 'Layout' || e.name === 'PrePaint') {
      if (passes > 0) after += ms;
      if (e.name === 'PrePaint') passes++;
    }
  }
  return { after: after / n, intersections: intersections / n };
}

/** Per incoming message, one per frame: the first 200 after the load, then 400. */
async function messagesRun(page: Page) {
  await workPerMessage(page, 1);
  const meter = await renderingMeter(page);
  await trickle(page, 0, 200);
  const cold = await workPerMessage(page, 200);
  const renderedBefore = await meter.read();
  await hostScript(page);
  await trickle(page, 200, 600);
  const host = (await hostScript(page)) / 400;
  const rendering = (await meter.read()) - renderedBefore;
  await meter.stop();
  const warm = await workPerMessage(page, 400);
  await take(page, 'send');
  const spaced = await paced(page, PACED.messages, PACED.gapMs);
  for (const m of MARKS) await take(page, m);
  return { cold, warm, rendering: rendering / 400, spaced, host };
}

/** The page's style and layout per message without the extension (the same messages). */
async function renderingWithoutUs(url: string): Promise<number> {
  const browser = await launchPlain();
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'kefuDemo' in window);
    const meter = await renderingMeter(page);
    await trickle(page, 0, 200);
    const before = await meter.read();
    await trickle(page, 200, 600);
    const after = await meter.read();
    await meter.stop();
    return (after - before) / 400;
  } finally {
    await browser.close();
  }
}

/** Frames the browser's own cost of a badge move is averaged over. */
const FLOOR_FRAMES = 300;

/**
 * What the browser itself charges for moving one badge beside the rows in the frame that moved
 * them, on the console alone (no extension): in a callback right after layout (where ours run),
 * the rows in view measured, then one style write, the first of the frame (it schedules the style
 * and layout pass after it). Mean of `FLOOR_FRAMES` frames, after 200 messages. Any overlay that
 * draws beside the rows in that frame pays at least this for a message that moves them, before its
 * own logic.
 */
async function badgeMoveFloor(url: string): Promise<{ rows: number; measure: number; write: number }> {
  const browser = await launchPlain();
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'kefuDemo' in window);
    await trickle(page, 0, 200);
    // the rows as the demo's adapter finds them
    const rowSelector = demo.selectors.conversation;
    if (typeof rowSelector !== 'string') throw new Error('the demo names its rows with one selector');
    return await page.evaluate(
      async ([frames, selector]) => {
        const rows = Array.from(document.querySelectorAll(selector)).filter((row) => {
          const r = row.getBoundingClientRect();
          return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        });
        const badge = document.createElement('div');
        badge.style.cssText = 'position:fixed;top:0;left:0;pointer-events:none;font-size:12px';
        badge.textContent = '3:00';
        const sentinel = document.createElement('div');
        sentinel.style.cssText = 'position:absolute;top:0;left:0;width:1px;height:1px;visibility:hidden';
        document.body.append(badge, sentinel);
        let measure = 0;
        let write = 0;
        for (let i = 0; i < frames; i++) {
          await new Promise<void>((done) => {
            const after = new ResizeObserver(() => {
              after.disconnect();
              const start = performance.now();
              let y = 0;
              for (const row of rows) y += row.getBoundingClientRect().top;
              const measured = performance.now();
              badge.style.transform = `translate(${i % 7}px, ${Math.round(y) % 5}px)`;
              measure += measured - start;
              write += performance.now() - measured;
              done();
            });
            requestAnimationFrame(() => after.observe(sentinel));
          });
        }
        return { rows: rows.length, measure: measure / frames, write: write / frames };
      },
      [FLOOR_FRAMES, rowSelector] as const,
    );
  } finally {
    await browser.close();
  }
}

/** Runs of the messages on fresh pages (this machine's figures vary run to run: the median run counts). */
const RUNS = 5;

export async function benchOverlay(): Promise<BenchResult[]> {
  const server = await startServer();
  try {
    return await benchOn(server.url + URL_PATH);
  } finally {
    await server.close();
  }
}

async function benchOn(url: string): Promise<BenchResult[]> {
  const base = await baselineLongTasks(url);
  const renderingAlone = await renderingWithoutUs(url);
  const floor = await badgeMoveFloor(url);
  const runs: Awaited<ReturnType<typeof messagesRun>>[] = [];
  for (let i = 1; i < RUNS; i++) {
    const other = await openConsole(url);
    try {
      runs.push(await messagesRun(other.page));
    } finally {
      await other.ext.close();
    }
  }
  // the browser's work for what we wrote, on a page of its own (traced: the trace slows the page)
  const traced = await openConsole(url);
  let ours: Awaited<ReturnType<typeof renderingOfOurs>>;
  try {
    await trickle(traced.page, 0, 600);
    ours = await renderingOfOurs(traced.page, 600, 200);
  } finally {
    await traced.ext.close();
  }
  const { ext, page } = await openConsole(url);
  try {
    runs.push(await messagesRun(page));
    runs.sort((x, y) => x.warm.total - y.warm.total);
    const { cold, warm, rendering, host } = runs[Math.floor(runs.length / 2)] as (typeof runs)[number];
    const perMessage = warm.total;
    const { reads, paints, observers, idle, sends, scrolls, visibility, saves } = warm.parts;
    const change = warm.callbacks;
    const all = runs.map((r) => r.warm.total.toFixed(2)).join(' / ');
    const pacedRuns = runs.map((r) => r.spaced).sort((x, y) => x.total - y.total);
    const spaced = pacedRuns[Math.floor(pacedRuns.length / 2)] as (typeof pacedRuns)[number];
    const pacedAll = pacedRuns.map((r) => r.total.toFixed(2)).join(' / ');

    // a burst of 1,000
    await take(page, 'long');
    await burst(page, 1000);
    const burstLong = await take(page, 'long');
    const burstChange = await take(page, 'change');

    // every conversation waiting: 100 badges, then ten ticks
    await page.evaluate(() => {
      const demo = (window as unknown as { kefuDemo: Demo }).kefuDemo;
      for (const c of demo.conversations()) demo.addCustomerMessage(c.id, '在吗？');
    });
    await page.waitForTimeout(1200);
    const badges = await page.evaluate(
      () =>
        document.querySelector('kefu-guard')?.shadowRoot?.querySelectorAll('[data-kg="countdown"]').length ??
        0,
    );
    const waitingCount = await page.evaluate(() =>
      Number(
        document
          .querySelector('kefu-guard')
          ?.shadowRoot?.querySelector('[data-kg="waiting-count"]')
          ?.getAttribute('data-value'),
      ),
    );
    await take(page, 'tick');
    await take(page, 'paint');
    await page.waitForTimeout(10_500);
    const ticks = await take(page, 'tick');
    const tickPaint = await take(page, 'paint');
    const perTick = (sum(ticks) + sum(tickPaint)) / Math.max(1, ticks.length);

    const ourLong = burstChange.filter((d) => d > 50).length;
    return [
      {
        name: `overlay main-thread work per incoming message (all of it, mean of 400 after 200, median of ${RUNS} runs; 100×100 console)`,
        value: perMessage,
        unit: `ms (reads ${reads.toFixed(2)}, paints ${paints.toFixed(2)}, observer ${observers.toFixed(2)}, idle ${idle.toFixed(2)}, events sent ${sends.toFixed(2)}, scroll events ${scrolls.toFixed(2)}, rows in view ${visibility.toFixed(2)}, snapshot ${saves.toFixed(2)}; first 200 after the load ${cold.total.toFixed(2)} ms; runs ${all})`,
        target: '≤ 0.5 ms',
        ok: perMessage <= 0.5,
      },
      {
        name: `the same, messages ${PACED.gapMs} ms apart (${PACED.messages} on each page after those: our code and the caches cold; median of ${RUNS} runs)`,
        value: spaced.total,
        unit: `ms (${Object.entries(spaced.parts)
          .map(([k, v]) => `${k} ${v.toFixed(2)}`)
          .join(
            ', ',
          )}; the ticker's seconds beside it ${spaced.ticks.toFixed(2)} ms per message; runs ${pacedAll})`,
        target: '≤ 0.5 ms',
        ok: spaced.total <= 0.5,
      },
      {
        name: `the console's own script per incoming message (its adding of the message, timed around the call: mostly DOM work), messages ${PACED.gapMs} ms apart beside one per frame`,
        value: spaced.host,
        unit: `ms, one per frame ${host.toFixed(2)} ms (×${(spaced.host / host).toFixed(1)}; ours ×${(spaced.total / perMessage).toFixed(1)}; same runs as above; for reference)`,
        target: '—',
        ok: true,
        reference: true,
      },
      {
        name: "the browser's own style + layout per incoming message, with us beside without us (what our writes cost it)",
        value: rendering,
        unit: `ms, without us ${renderingAlone.toFixed(2)} ms (Chromium's counters; for reference)`,
        target: '—',
        ok: true,
        reference: true,
      },
      {
        name: "the browser's rendering of what we wrote, per incoming message (its style, layout and pre-paint passes after ours in a frame, and our intersection observer; traced, 200 messages one per frame)",
        value: ours.after + ours.intersections,
        unit: `ms (passes after ours ${ours.after.toFixed(2)}, intersections ${ours.intersections.toFixed(2)}; for reference: main-thread work beside our own)`,
        target: '—',
        ok: true,
        reference: true,
      },
      {
        name: `the browser's own cost of moving a badge in the frame, on the console alone (no extension): the ${floor.rows} rows in view measured after layout, then one style write (mean of ${FLOOR_FRAMES} frames)`,
        value: floor.measure + floor.write,
        unit: `ms (measuring ${floor.measure.toFixed(2)}, the frame's first style write ${floor.write.toFixed(2)}; for reference: what our paint pays for a message that moves the rows before any logic of ours)`,
        target: '—',
        ok: true,
        reference: true,
      },
      {
        name: 'observer callback per incoming message (median / p95)',
        value: median(change),
        unit: `ms / ${p95(change).toFixed(2)} ms`,
        target: '≤ 0.5 ms',
        ok: median(change) <= 0.5,
      },
      {
        name: 'long tasks of ours in a 1,000-message burst (callbacks > 50 ms)',
        value: ourLong,
        unit: `(longest callback ${Math.max(0, ...burstChange).toFixed(1)} ms; page long tasks ${burstLong.length} with us, ${base.length} without)`,
        target: '≤ 0',
        ok: ourLong === 0,
      },
      {
        name: `ticker per tick, ${waitingCount} customers waiting, ${badges} badges in view (tick + paint, mean of ${ticks.length})`,
        value: perTick,
        unit: `ms (max tick ${Math.max(...ticks).toFixed(2)} ms)`,
        target: '≤ 1 ms',
        ok: perTick <= 1 && waitingCount >= 100,
      },
    ];
  } finally {
    await ext.close();
  }
}
