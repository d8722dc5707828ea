/**
 * Where the status panel sits: one of the window's corners. It starts top-right and the agent can
 * move it (drag its 守 handle, or focus it and press Enter to go round the corners) when it covers
 * something of the console's; the choice is kept for every console.
 */
export type Corner = 'top-right' | 'bottom-right' | 'bottom-left' | 'top-left';

export const CORNERS: readonly Corner[] = ['top-right', 'bottom-right', 'bottom-left', 'top-left'];

export function isCorner(x: unknown): x is Corner {
  return typeof x === 'string' && (CORNERS as readonly string[]).includes(x);
}

/** The corner nearest to a point (where the handle was dropped) in a window of `width` × `height`. */
export function nearestCorner(x: number, y: number, width: number, height: number): Corner {
  const right = x >= width / 2;
  const bottom = y >= height / 2;
  return bottom ? (right ? 'bottom-right' : 'bottom-left') : right ? 'top-right' : 'top-left';
}

/** The next corner, clockwise (the keyboard's way of moving the panel). */
export function nextCorner(c: Corner): Corner {
  return CORNERS[(CORNERS.indexOf(c) + 1) % CORNERS.length] as Corner;
}

/** The panel's inset for a corner. */
export function cornerStyle(c: Corner): { top?: string; bottom?: string; left?: string; right?: string } {
  const v = c.startsWith('top') ? { top: '10px' } : { bottom: '10px' };
  return c.endsWith('right') ? { ...v, right: '12px' } : { ...v, left: '12px' };
}
