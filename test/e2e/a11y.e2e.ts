/**
 * Accessibility in the real browser: the overlay, the popup and the options page work by keyboard
 * alone, new warnings are announced (a live region), and every text we draw reads with a contrast
 * of at least 4.5:1 (WCAG AA) against what is behind it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, type Harness, overlayAttr, startHarness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Text elements (in `root`, or our shadow root) whose contrast is below 4.5:1. */
function lowContrast(page: Page, inShadow: boolean): Promise<string[]> {
  return page.evaluate((shadow) => {
    const root: ParentNode | null | undefined = shadow
      ? document.querySelector('kefu-guard')?.shadowRoot
      : document;
    const parse = (c: string) => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return { r: m[0] ?? 0, g: m[1] ?? 0, b: m[2] ?? 0, a: m.length > 3 ? (m[3] ?? 1) : 1 };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element) => {
      for (
        let e: Element | null = el;
        e;
        e = e.parentElement ?? (e.getRootNode() as ShadowRoot).host ?? null
      ) {
        const s = getComputedStyle(e);
        if (s.backgroundImage.includes('gradient')) {
          const first = s.backgroundImage.match(/rgba?\([^)]*\)/);
          if (first) return parse(first[0]);
        }
        const c = parse(s.backgroundColor);
        if (c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const bad: string[] = [];
    for (const el of Array.from(root?.querySelectorAll('*') ?? [])) {
      const own = Array.from(el.childNodes).some(
        (n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '',
      );
      if (!own) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none' || (el as HTMLElement).offsetParent === null)
        continue;
      const fg = lum(parse(s.color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5)
        bad.push(
          `${el.tagName.toLowerCase()}.${el.className} 「${el.textContent?.trim().slice(0, 20)}」 ${ratio.toFixed(2)}`,
        );
    }
    return bad;
  }, inShadow);
}

describe('keyboard and contrast', () => {
  test('overlay: the send guard by keyboard alone; warnings announced; readable contrast', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${h.server.url}/?sim=off&history=1&seed=31`);
    await eventually(async () =>
      expect(await overlayAttr(page, 'console-status', 'data-console')).toBe('demo'),
    );
    await page.locator('textarea.kd-reply').click();
    await page.keyboard.type('加我微信，这是全网最低价，第一名');
    await eventually(async () =>
      expect(await page.locator('kefu-guard [data-kg="warning"]').count()).toBeGreaterThan(1),
    );
    const live = await page.evaluate(() =>
      document
        .querySelector('kefu-guard')
        ?.shadowRoot?.querySelector('.kg-warnings')
        ?.getAttribute('aria-live'),
    );
    expect(live).toBe('polite');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await page.locator('kefu-guard [data-kg="send-guard"]').count()).toBe(1),
    );
    // the guard takes the focus; Tab reaches "send anyway"; Enter sends
    const focused = () =>
      page.evaluate(() =>
        document.querySelector('kefu-guard')?.shadowRoot?.activeElement?.getAttribute('data-kg'),
      );
    await eventually(async () => expect(await focused()).toBe('guard-fix'));
    expect(
      await page.evaluate(
        () =>
          document.querySelector('kefu-guard')?.shadowRoot?.querySelector('[role="alertdialog"]') !== null,
      ),
    ).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('guard-send-anyway');
    const before = await page.locator('.kd-thread .kd-msg--agent').count();
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await page.locator('.kd-thread .kd-msg--agent').count()).toBe(before + 1),
    );
    // countdowns, the panel, warnings and the guard read well
    await page.keyboard.type('加我微信');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await page.locator('kefu-guard [data-kg="send-guard"]').count()).toBe(1),
    );
    expect(await lowContrast(page, true)).toEqual([]);
    await page.close();
  });

  test('popup and options: reachable by Tab, every control named, readable contrast', async () => {
    for (const path of ['popup.html', 'options.html']) {
      const page = await h.browser.openExtensionPage(path);
      await page.waitForTimeout(800);
      const unnamed = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [tabindex]'),
        )
          .filter((el) => {
            const label =
              el.getAttribute('aria-label') ||
              el.getAttribute('title') ||
              el.textContent?.trim() ||
              (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim()) ||
              el.closest('label')?.textContent?.trim() ||
              el.getAttribute('placeholder');
            return !label;
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unnamed, path).toEqual([]);
      // Tab moves through the controls
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60) ?? ''));
      }
      expect(seen.size, path).toBeGreaterThan(3);
      expect(await lowContrast(page, false), path).toEqual([]);
      await page.close();
    }
  });

  test('options in a narrow window: the sections in a row across a white band, the page right under it', async () => {
    const page = await h.browser.openExtensionPage('options.html#templates');
    await page.setViewportSize({ width: 800, height: 700 });
    await page.locator('[data-kg="options"][data-section="templates"] h2').waitFor();
    const layout = await page.evaluate(() => {
      const links = Array.from(document.querySelectorAll('[data-kg="options-nav"]')).map((a) =>
        Math.round(a.getBoundingClientRect().top),
      );
      const side = document.querySelector('.side') as HTMLElement;
      return {
        rows: new Set(links).size,
        title: Math.round((document.querySelector('main h2') as HTMLElement).getBoundingClientRect().top),
        sideColour: getComputedStyle(side).backgroundColor,
        // what shows right of the nav, halfway down the band: the band's white, not a column's edge
        besideNav: getComputedStyle(document.elementFromPoint(700, side.offsetHeight / 2) as Element)
          .backgroundColor,
      };
    });
    expect(layout.rows).toBe(1);
    expect(layout.title).toBeLessThan(220);
    expect(layout.sideColour).toBe('rgb(255, 255, 255)');
    expect(layout.besideNav).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: 'test-results/options-narrow.png' });
    await page.close();
  });
});
