/**
 * When suggestions follow the customer: a message after a pause is suggested for at once (in the
 * frame that shows it), a burst of messages once the customer paused, for its last message.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ConsoleSession } from '../utils/console-session';
import { ReplyAssist } from '../utils/reply-assist';
import { createScanner } from '../utils/rules';
import { type Template, TemplateIndex } from '../utils/templates';

const templates: Template[] = [
  { id: 'invoice', title: '发票说明', body: '亲，发票随货寄出', group: '发票', keywords: ['发票'] },
  { id: 'shipping', title: '发货时间', body: '亲，48小时内发货', group: '物流', keywords: ['发货'] },
];

function assistant() {
  const current = {
    activeConversation: 'c1' as string | null,
    lastCustomer: null as { id: string; text: string } | null,
  };
  const session = { current, console: null, eventBase: () => null } as unknown as ConsoleSession;
  const index = new TemplateIndex(templates);
  const assist = new ReplyAssist({
    document: {} as Document,
    session,
    scanner: () => createScanner([]),
    templates: () => ({ list: templates, index }),
    values: () => ({}),
    uses: new Map(),
    onUse: () => undefined,
    log: () => undefined,
    onView: () => undefined,
    text: (k) => k,
    signal: new AbortController().signal,
  });
  let n = 0;
  /** The customer's message is read into the session and the console's change reaches the assistant. */
  const customerSays = (text: string) => {
    current.lastCustomer = { id: `m${++n}`, text };
    assist.refresh();
  };
  const suggested = () => assist.current.suggestions.map((t) => t.id);
  return { assist, customerSays, suggested };
}

describe('suggestions follow the customer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a message after a pause is suggested for at once', () => {
    const { customerSays, suggested } = assistant();
    customerSays('能开发票吗');
    expect(suggested()).toEqual(['invoice']);
    vi.advanceTimersByTime(5000);
    customerSays('什么时候发货');
    expect(suggested()).toEqual(['shipping']);
  });

  test("a burst: its first message at once, the rest once the customer paused, for the burst's last", () => {
    const { customerSays, suggested } = assistant();
    customerSays('能开发票吗');
    expect(suggested()).toEqual(['invoice']);
    vi.advanceTimersByTime(100);
    customerSays('什么时候发货');
    // still the first message's: the customer has not paused yet
    expect(suggested()).toEqual(['invoice']);
    vi.advanceTimersByTime(100);
    customerSays('发票抬头写公司');
    vi.advanceTimersByTime(200);
    expect(suggested()).toEqual(['invoice']);
    customerSays('还有发货要快');
    vi.advanceTimersByTime(249);
    expect(suggested()).toEqual(['invoice']);
    vi.advanceTimersByTime(1);
    expect(suggested()).toEqual(['shipping']);
  });

  test('a message soon after a suggestion that settled waits for the pause, then is suggested for', () => {
    const { customerSays, suggested } = assistant();
    customerSays('能开发票吗');
    vi.advanceTimersByTime(100);
    customerSays('什么时候发货');
    vi.advanceTimersByTime(250);
    expect(suggested()).toEqual(['shipping']);
    // the next message comes well after the last: at once again
    vi.advanceTimersByTime(300);
    customerSays('能开发票吗');
    expect(suggested()).toEqual(['invoice']);
  });
});
