import { describe, expect, test } from 'vitest';
import { CORNERS, cornerStyle, isCorner, nearestCorner, nextCorner } from '../utils/panel-corner';

describe('the panel corner', () => {
  test('a drop goes to the nearest corner', () => {
    expect(nearestCorner(1200, 30, 1280, 800)).toBe('top-right');
    expect(nearestCorner(20, 30, 1280, 800)).toBe('top-left');
    expect(nearestCorner(20, 780, 1280, 800)).toBe('bottom-left');
    expect(nearestCorner(1270, 790, 1280, 800)).toBe('bottom-right');
    // the middle counts as right / bottom
    expect(nearestCorner(640, 400, 1280, 800)).toBe('bottom-right');
  });
  test('Enter goes round all four, clockwise', () => {
    const seen = [CORNERS[0]];
    let c = CORNERS[0] ?? 'top-right';
    for (let i = 0; i < 4; i++) {
      c = nextCorner(c);
      seen.push(c);
    }
    expect(seen).toEqual(['top-right', 'bottom-right', 'bottom-left', 'top-left', 'top-right']);
  });
  test('each corner is inset from its two edges only', () => {
    expect(cornerStyle('top-right')).toEqual({ top: '10px', right: '12px' });
    expect(cornerStyle('bottom-left')).toEqual({ bottom: '10px', left: '12px' });
  });
  test('only the four corners are corners (anything else in storage is ignored)', () => {
    for (const c of CORNERS) expect(isCorner(c)).toBe(true);
    for (const x of ['middle', '', null, 3, { top: 1 }]) expect(isCorner(x)).toBe(false);
  });
});
