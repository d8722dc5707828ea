import { describe, expect, test } from 'vitest';
import {
  type AlertClickDeps,
  alertId,
  alertTarget,
  alertWaker,
  BreachAlerts,
  openAlert,
} from '../utils/breach-alerts';
import type { WaitingCustomer } from '../utils/console-session';

const w = (
  conversation: string,
  state: WaitingCustomer['state'],
  seconds: number,
  since = 1,
): WaitingCustomer => ({
  conversation,
  nick: conversation,
  since,
  state,
  seconds,
  label: '',
  estimated: false,
  active: false,
  row: null,
});

describe('BreachAlerts', () => {
  test('alerts once per wait, from 20 s before the breach, never after it', () => {
    const a = new BreachAlerts();
    expect(a.due([w('a', 'warn', 21)])).toEqual([]);
    expect(a.due([w('a', 'warn', 20)]).map((x) => x.conversation)).toEqual(['a']);
    expect(a.due([w('a', 'warn', 12)])).toEqual([]);
    expect(a.due([w('b', 'breach', 5)])).toEqual([]);
  });

  test('a new wait of the same customer alerts again', () => {
    const a = new BreachAlerts();
    expect(a.due([w('a', 'warn', 10, 1)])).toHaveLength(1);
    expect(a.due([])).toEqual([]);
    expect(a.due([w('a', 'warn', 10, 500)])).toHaveLength(1);
  });
});

describe('where a click on the alert goes', () => {
  test('the id carries the tab, the frame and the conversation, whatever the conversation holds', () => {
    for (const conversation of ['c1', 'tb_小鱼儿88', 'a:b:c', '100%|x y', '🙂']) {
      const id = alertId({ tabId: 1_024_406_114, frameId: 3, conversation }, 1_700_000_000_123.4);
      expect(alertTarget(id)).toEqual({ tabId: 1_024_406_114, frameId: 3, conversation });
    }
  });

  test('ids that are not ours, or broken, have no target', () => {
    for (const id of [
      '',
      'kg-breach-12-1700000000000',
      'kg-breach:x:0:1:c',
      'kg-breach:1:0:1:',
      'kg-breach:1:0:1:%E0%A4%A',
      'other:1:0:1:c',
    ])
      expect(alertTarget(id)).toBeNull();
  });

  const deps = (over: Partial<AlertClickDeps> = {}) => {
    const calls: string[] = [];
    const d: AlertClickDeps = {
      focus: async (tabId) => {
        calls.push(`focus ${tabId}`);
      },
      send: async (tabId, frameId, m) => {
        calls.push(`send ${tabId}/${frameId} ${m.type} ${m.conversation}`);
      },
      clear: async (id) => {
        calls.push(`clear ${id.slice(0, 10)}`);
      },
      ...over,
    };
    return { calls, d };
  };

  test('a click clears the alert, brings its tab to the front and opens the customer in its frame', async () => {
    const { calls, d } = deps();
    const id = alertId({ tabId: 7, frameId: 2, conversation: 'c-late' }, 1);
    expect(await openAlert(id, d)).toBe(true);
    expect(calls).toEqual(['clear kg-breach:', 'focus 7', 'send 7/2 conversation:open c-late']);
  });

  test('a tab closed since: nothing is sent; a frame gone since: the tab still comes to the front', async () => {
    const gone = deps({
      focus: async () => {
        throw new Error('No tab with id: 7');
      },
    });
    const id = alertId({ tabId: 7, frameId: 0, conversation: 'c1' }, 1);
    expect(await openAlert(id, gone.d)).toBe(false);
    expect(gone.calls).toEqual(['clear kg-breach:']);
    const frameGone = deps({
      send: async () => {
        throw new Error('Could not establish connection');
      },
    });
    expect(await openAlert(id, frameGone.d)).toBe(true);
    expect(frameGone.calls).toEqual(['clear kg-breach:', 'focus 7']);
  });

  test('a notification not ours (or of a request without a tab) is left alone', async () => {
    const { calls, d } = deps();
    expect(await openAlert('kg-breach-1700000000000', d)).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('when the next alert is due (a hidden tab is woken for it)', () => {
  test('the soonest wait to come within 20 s of its breach, from the countdowns now', () => {
    const alerts = new BreachAlerts();
    expect(alerts.nextIn([w('a', 'ok', 150), w('b', 'warn', 45), w('c', 'ok', 179)])).toBe(25_000);
    // already within the 20 s: due now
    expect(alerts.nextIn([w('a', 'ok', 150), w('b', 'warn', 12)])).toBe(0);
  });

  test('waits already alerted about, and breached ones, wake nobody; nothing left: null', () => {
    const alerts = new BreachAlerts();
    const waiting = [w('a', 'warn', 15), w('b', 'breach', 30), w('c', 'ok', 100)];
    expect(alerts.due(waiting).map((x) => x.conversation)).toEqual(['a']);
    expect(alerts.nextIn(waiting)).toBe(80_000);
    expect(alerts.nextIn([w('a', 'warn', 15), w('b', 'breach', 30)])).toBeNull();
    expect(alerts.nextIn([])).toBeNull();
    // the same customer waiting anew (another start) is another wait
    expect(alerts.nextIn([w('a', 'warn', 15, 2)])).toBe(0);
  });
});

describe('alertWaker', () => {
  /** Posted tasks and timers the test runs by hand. */
  function fakes() {
    const posted: (() => void)[] = [];
    const timers = new Map<number, { fn: () => void; ms: number }>();
    let next = 0;
    let wakes = 0;
    const waker = alertWaker({
      post: (fn) => posted.push(fn),
      setTimer: (fn, ms) => {
        timers.set(++next, { fn, ms });
        return next;
      },
      clearTimer: (t) => timers.delete(t as number),
      wake: () => wakes++,
    });
    const runPosted = () => {
      for (const fn of posted.splice(0)) fn();
    };
    return { waker, posted, timers, runPosted, wakes: () => wakes };
  }

  test('a plan sets one timer from a task of its own; planned again, it replaces the one before', () => {
    const f = fakes();
    f.waker.plan(25_050);
    // not from the caller's task (the ticker's): from the posted one
    expect(f.timers.size).toBe(0);
    f.runPosted();
    expect([...f.timers.values()].map((t) => t.ms)).toEqual([25_050]);
    f.waker.plan(4_050);
    f.runPosted();
    expect([...f.timers.values()].map((t) => t.ms)).toEqual([4_050]);
    [...f.timers.values()][0]?.fn();
    expect(f.wakes()).toBe(1);
  });

  test('no wake-up wanted (the tab shows): the timer goes; while none is planned nothing is posted', () => {
    const f = fakes();
    f.waker.plan(null);
    expect(f.posted).toHaveLength(0);
    f.waker.plan(1_000);
    f.runPosted();
    f.waker.plan(null);
    f.runPosted();
    expect(f.timers.size).toBe(0);
    f.waker.plan(null);
    expect(f.posted).toHaveLength(0);
  });

  test('stopped (the extension reloaded): the timer goes and no plan sets another', () => {
    const f = fakes();
    f.waker.plan(1_000);
    f.runPosted();
    f.waker.stop();
    expect(f.timers.size).toBe(0);
    f.waker.plan(2_000);
    f.runPosted();
    expect(f.timers.size).toBe(0);
  });
});
