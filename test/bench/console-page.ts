/**
 * The demo console in real Chromium for the benchmarks: its test API, and our work on its
 * performance timeline (the e2e build's `kg:<name>` measures, and long tasks).
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../support/browser';

export type Demo = {
  conversations(): { id: string; active: boolean }[];
  addCustomerMessage(id: string, text: string): string;
};

/** The timeline marks recorded (`kg:<name>`), and `long` for long tasks. */
export const MARKS = [
  'change',
  'tick',
  'paint',
  'observe',
  'idle',
  'send',
  'scroll',
  'visible',
  'save',
] as const;
type Recorded = (typeof MARKS)[number] | 'long';

export async function record(page: Page): Promise<void> {
  await page.evaluate((marks) => {
    const w = window as unknown as { __kg: Record<string, number[]> };
    const v = window as unknown as { __kgOrder: [string, number, number][] };
    w.__kg = { long: [] };
    v.__kgOrder = [];
    for (const m of marks) w.__kg[m] = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__kg[e.name.slice(3)]?.push(e.duration);
        v.__kgOrder.push([e.name.slice(3), e.startTime, e.duration]);
      }
    }).observe({ type: 'measure' });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__kg.long?.push(e.duration);
    }).observe({ type: 'longtask' });
  }, MARKS);
}

export const take = (page: Page, key: Recorded) =>
  page.evaluate((k) => {
    const w = window as unknown as { __kg: Record<string, number[]> };
    const out = w.__kg[k] ?? [];
    w.__kg[k] = [];
    return out;
  }, key);

/** Until our overlay shows the console's status (it recognised the page, or says it did not). */
export const overlayShown = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector('kefu-guard')?.shadowRoot?.querySelector('[data-kg="console-status"]') !== null,
    undefined,
    { timeout: 20_000 },
  );

/** A fresh browser on the demo console, recording our work on its timeline. */
export async function openConsole(url: string) {
  const ext = await launchWithExtension();
  const page = await ext.context.newPage();
  await page.goto(url);
  await overlayShown(page);
  await record(page);
  await page.waitForTimeout(500);
  return { ext, page };
}
