import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor } from '../../utils/consoles';
import { pinduoduo } from '../../utils/consoles/pinduoduo';
import { type LoadedPage, loadPage, readFixtures, runConsoleContract } from './contract';

const dir = fileURLToPath(new URL('../fixtures/consoles/pinduoduo/', import.meta.url));
runConsoleContract(pinduoduo, dir);

describe('pinduoduo specifics', () => {
  const adapter = adapterFor(pinduoduo);
  const waiting = readFixtures(dir).find((f) => f.state === 'several-waiting');
  let page: LoadedPage | undefined;
  afterEach(async () => {
    await page?.window.happyDOM.close();
    page = undefined;
  });

  // pinduoduo.ts lists `.chat-item-box.active` as a fallback for the active row, but rows are
  // `li.chat-item` and the card is inside the row: matched against the row, it can never match.
  it('finds the open conversation when the console marks its card (.chat-item-box.active)', () => {
    if (!waiting) throw new Error('missing fixture pinduoduo/several-waiting');
    page = loadPage(waiting.html, waiting.expected.url);
    const doc = page.document;
    const row = doc.querySelector('li.chat-item.active');
    const card = row?.querySelector('.chat-item-box');
    if (!row || !card) throw new Error('fixture markup changed');
    row.classList.remove('active');
    card.classList.add('active');
    expect(
      adapter
        .conversations(doc)
        .filter((c) => c.active)
        .map((c) => c.nick),
    ).toEqual(['杨柳青青']);
    expect(adapter.activeConversationId(doc)).toBe('93e7b1c05f2a6d18');
  });

  it("does not mix the console's countdown or dispute flag into the nick", () => {
    if (!waiting) throw new Error('missing fixture pinduoduo/several-waiting');
    page = loadPage(waiting.html, waiting.expected.url);
    const argued = adapter.conversations(page.document).find((c) => c.element?.querySelector('.is-argue'));
    expect(argued?.nick).toBe('小熊软糖');
    expect(argued?.unread).toBe(3);
  });
});
