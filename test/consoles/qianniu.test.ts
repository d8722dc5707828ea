import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor } from '../../utils/consoles';
import { qianniu } from '../../utils/consoles/qianniu';
import { type LoadedPage, loadPage, readFixtures, runConsoleContract } from './contract';

const dir = fileURLToPath(new URL('../fixtures/consoles/qianniu/', import.meta.url));
runConsoleContract(qianniu, dir);

describe('qianniu specifics', () => {
  const adapter = adapterFor(qianniu);
  const chatOpen = readFixtures(dir).find((f) => f.state === 'chat-open');
  let page: LoadedPage | undefined;
  afterEach(async () => {
    await page?.window.happyDOM.close();
    page = undefined;
  });

  it('takes the editor textarea, not a 备注 textarea placed before it', () => {
    if (!chatOpen) throw new Error('missing fixture qianniu/chat-open');
    page = loadPage(chatOpen.html, chatOpen.expected.url);
    const doc = page.document;
    const remark = doc.querySelector('.customer-panel_remark__2aD9s');
    const main = doc.querySelector('.app-customer-service_main__3hT7e');
    if (!remark || !main) throw new Error('fixture markup changed');
    main.prepend(remark);
    expect(doc.querySelector('textarea')?.id).toBe('J_remark');
    expect(adapter.replyBox(doc)).toBe(doc.querySelector('.imui-editor textarea'));
  });

  it('keeps the 店小蜜 bot reply on the agent side (bots count as a response)', () => {
    if (!chatOpen) throw new Error('missing fixture qianniu/chat-open');
    page = loadPage(chatOpen.html, chatOpen.expected.url);
    const bot = page.document.querySelector('.imui-msg-robot');
    if (!bot) throw new Error('fixture markup changed');
    expect(adapter.readMessage(bot)?.from).toBe('agent');
  });
});
