/**
 * Work asked to run after the next layout runs once per callback, in the order asked (or first,
 * when asked so); work asked for while the callback runs runs in it too, even when it already ran
 * earlier in it (a paint, then work after it that wants a paint of its own).
 */
import { Window } from 'happy-dom';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { afterLayout } from '../utils/after-layout';

let win: Window;
const g = globalThis as Record<string, unknown>;
/** The layout callbacks the observer owes (a stand-in for the browser's ResizeObserver). */
let pending: (() => void)[] = [];

class FakeResizeObserver {
  private watched = false;
  constructor(private readonly callback: () => void) {}
  observe(): void {
    // an observation starts with no size known: the browser reports it after the next layout
    if (!this.watched) pending.push(this.callback);
    this.watched = true;
  }
  unobserve(): void {
    this.watched = false;
  }
  disconnect(): void {
    this.watched = false;
  }
}

/** The browser lays the page out: the callbacks owed run. */
const layout = () => {
  const due = pending;
  pending = [];
  for (const run of due) run();
};

beforeEach(() => {
  win = new Window();
  g.document = win.document;
  g.ResizeObserver = FakeResizeObserver;
  pending = [];
});
afterEach(async () => {
  delete g.document;
  delete g.ResizeObserver;
  await win.happyDOM.close();
});

const parent = () => win.document.body as unknown as HTMLElement;

/**
 * A queue after its first layout, what ran (in order), a paint, and a change that asks for a paint
 * when it runs.
 */
function queue() {
  const after = afterLayout(parent());
  layout();
  const ran: string[] = [];
  const paint = () => ran.push('paint');
  const change = () => {
    ran.push('change');
    after.request(paint);
  };
  return { after, ran, paint, change };
}

test('the same work asked for twice before the layout runs once', () => {
  const { after, ran, paint } = queue();
  after.request(paint);
  after.request(paint);
  layout();
  expect(ran).toEqual(['paint']);
  layout();
  expect(ran).toEqual(['paint']);
});

test('a paint asked for by work that runs after an earlier paint of the same callback runs again, after it', () => {
  const { after, ran, paint, change } = queue();
  // a paint, then work that wants another (asked for in this order, not first)
  after.request(paint);
  after.request(change);
  layout();
  expect(ran).toEqual(['paint', 'change', 'paint']);
});

test('work asked for first runs before what was asked for earlier and has not run: one paint draws the change', () => {
  const { after, ran, paint, change } = queue();
  // a scroll asked for a paint, then the page changed, in one frame: the change is read first
  after.request(paint);
  after.request(change, true);
  layout();
  expect(ran).toEqual(['change', 'paint']);
  // asked for first while the queue runs: next, before the rest
  ran.length = 0;
  const early = () => {
    ran.push('early');
    after.request(change, true);
  };
  after.request(early);
  after.request(paint);
  layout();
  expect(ran).toEqual(['early', 'change', 'paint']);
});

test('work that asks for itself while it runs runs once; work still to run is not queued twice', () => {
  const { after, ran, paint } = queue();
  const selfish = () => {
    ran.push('selfish');
    after.request(selfish);
    after.request(paint);
  };
  after.request(selfish);
  after.request(paint);
  layout();
  expect(ran).toEqual(['selfish', 'paint']);
  // nothing left over for the next layout
  layout();
  expect(ran).toEqual(['selfish', 'paint']);
});
