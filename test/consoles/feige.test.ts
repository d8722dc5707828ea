import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor } from '../../utils/consoles';
import { feige } from '../../utils/consoles/feige';
import { type LoadedPage, loadPage, readFixtures, runConsoleContract } from './contract';

const dir = fileURLToPath(new URL('../fixtures/consoles/feige/', import.meta.url));
runConsoleContract(feige, dir);

describe('feige specifics', () => {
  const adapter = adapterFor(feige);
  const waiting = readFixtures(dir).find((f) => f.state === 'several-waiting');
  let page: LoadedPage | undefined;
  afterEach(async () => {
    await page?.window.happyDOM.close();
    page = undefined;
  });

  // feige.ts falls back to `[data-qa-id^="qa-conversation"]` for rows, which also matches its own
  // nick hook `[data-qa-id="qa-conversation-nick"]`: once the row hook is renamed, every nick
  // becomes a second "row".
  it('falls back to the prefix row hook without taking the nick elements for rows', () => {
    if (!waiting) throw new Error('missing fixture feige/several-waiting');
    page = loadPage(waiting.html, waiting.expected.url);
    const doc = page.document;
    for (const row of Array.from(doc.querySelectorAll('[data-qa-id="qa-conversation-item"]'))) {
      row.setAttribute('data-qa-id', 'qa-conversation-card');
    }
    const got = adapter.conversations(doc).map((c) => ({ id: c.id, nick: c.nick, unread: c.unread }));
    expect(got).toEqual(waiting.expected.conversations.map(({ id, nick, unread }) => ({ id, nick, unread })));
  });

  it('reads the thread header nick as the open conversation when the list is empty', () => {
    if (!waiting) throw new Error('missing fixture feige/several-waiting');
    page = loadPage(waiting.html, waiting.expected.url);
    const doc = page.document;
    for (const row of Array.from(doc.querySelectorAll('[data-qa-id="qa-conversation-item"]'))) row.remove();
    expect(adapter.activeConversationId(doc)).toBe('阿杰不吃香菜');
  });
});
