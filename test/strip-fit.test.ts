import { describe, expect, test } from 'vitest';
import { freeSpan, MIN_ROW_WIDTH, placeRow, type Span } from '../utils/strip-fit';
import { rng } from './support/stats-events';

const strip: Span = { left: 284, right: 976 };
// the demo console's toolbar: 表情 图片 快捷短语 商品 优惠券, a spacer, 聊天记录
const demoTools: Span[] = [
  { left: 294, right: 354 },
  { left: 356, right: 416 },
  { left: 418, right: 502 },
  { left: 504, right: 564 },
  { left: 566, right: 638 },
  { left: 882, right: 966 },
];

describe('the suggestion row on the toolbar line', () => {
  test('takes the stretch between the console’s controls, clear of both', () => {
    expect(freeSpan(strip, demoTools)).toEqual({ left: 644, right: 876 });
  });

  test('the whole strip when nothing of the console is on the line', () => {
    expect(placeRow(strip, null)).toEqual({ on: 'line', span: strip });
    expect(placeRow(strip, { controls: [], top: 600 })).toEqual({ on: 'line', span: strip });
  });

  test('controls outside the strip, and empty ones, don’t count; touching ones leave no gap', () => {
    expect(
      freeSpan(strip, [
        { left: 0, right: 270 },
        { left: 985, right: 1200 },
        { left: 500, right: 500 },
      ]),
    ).toEqual(strip);
    // overlapping and nested controls are one taken stretch
    expect(
      freeSpan(strip, [
        { left: 284, right: 600 },
        { left: 400, right: 700 },
        { left: 450, right: 500 },
      ]),
    ).toEqual({ left: 706, right: 976 });
  });

  test('no stretch wide enough: the row goes above the toolbar', () => {
    const crowded = Array.from({ length: 10 }, (_, i) => ({ left: 284 + i * 70, right: 284 + i * 70 + 60 }));
    expect(freeSpan(strip, crowded)).toBeNull();
    expect(placeRow(strip, { controls: crowded, top: 612 })).toEqual({ on: 'above', top: 612 });
  });

  test('the widest stretch, the rightmost of equal ones', () => {
    const two = [
      { left: 284, right: 300 },
      { left: 600, right: 660 },
    ];
    // 306..594 (288) against 666..976 (310)
    expect(freeSpan(strip, two)).toEqual({ left: 666, right: 976 });
    const equal = [{ left: 620, right: 640 }];
    // 284..614 (330) against 646..976 (330)
    expect(freeSpan(strip, equal)).toEqual({ left: 646, right: 976 });
  });

  test('random toolbars: the span found is free, inside the strip, wide enough, and none wider is free', () => {
    const random = rng(7);
    for (let round = 0; round < 500; round++) {
      const controls: Span[] = [];
      const n = Math.floor(random() * 8);
      for (let i = 0; i < n; i++) {
        const left = 200 + random() * 900;
        controls.push({ left, right: left + 10 + random() * 120 });
      }
      const span = freeSpan(strip, controls);
      const clear = (s: Span) => controls.every((c) => c.right + 6 <= s.left || c.left - 6 >= s.right);
      // the widest free stretch by brute force, a pixel at a time
      let widest = 0;
      let run = 0;
      for (let x = strip.left; x < strip.right; x++) {
        run = clear({ left: x, right: x + 1 }) ? run + 1 : 0;
        widest = Math.max(widest, run);
      }
      if (span === null) {
        expect(widest).toBeLessThan(MIN_ROW_WIDTH + 1);
        continue;
      }
      expect(span.left).toBeGreaterThanOrEqual(strip.left);
      expect(span.right).toBeLessThanOrEqual(strip.right);
      expect(span.right - span.left).toBeGreaterThanOrEqual(MIN_ROW_WIDTH);
      expect(clear(span)).toBe(true);
      expect(span.right - span.left).toBeGreaterThanOrEqual(widest - 1);
    }
  });
});
