/** Which open tabs get the console script after an install, an update or a pack console switched on. */
import { describe, expect, test } from 'vitest';
import { CONSOLE_SCRIPT_FILE, consoleTabs, type ScriptPages } from '../utils/open-consoles';

const manifest: ScriptPages = {
  matches: ['https://qn.taobao.com/*', 'https://mms.pinduoduo.com/*', 'http://127.0.0.1/*'],
  excludeMatches: ['http://127.0.0.1/fixtures/pages/custom-console*'],
  js: [CONSOLE_SCRIPT_FILE],
};
const packConsole: ScriptPages = { matches: ['https://kefu.acme.cn/*'], js: [CONSOLE_SCRIPT_FILE] };

describe('consoleTabs', () => {
  test('the tabs a console script matches, each once', () => {
    const tabs = [
      { id: 1, url: 'https://qn.taobao.com/workbench#/chat' },
      { id: 2, url: 'https://www.taobao.com/' },
      { id: 3, url: 'https://mms.pinduoduo.com/chat-merchant/index.html' },
      { id: 4, url: 'https://kefu.acme.cn/im?shop=1' },
      { id: 5, url: 'http://127.0.0.1:4173/?sim=off' },
    ];
    expect(consoleTabs(tabs, [manifest])).toEqual([1, 3, 5]);
    expect(consoleTabs(tabs, [manifest, packConsole])).toEqual([1, 3, 4, 5]);
    expect(consoleTabs(tabs, [packConsole])).toEqual([4]);
    expect(consoleTabs(tabs, [manifest, manifest])).toEqual([1, 3, 5]);
  });

  test('an excluded page is left as its script leaves it', () => {
    const tabs = [
      { id: 1, url: 'http://127.0.0.1:4173/fixtures/pages/custom-console.html' },
      { id: 2, url: 'http://127.0.0.1:4173/fixtures/pages/other.html' },
    ];
    expect(consoleTabs(tabs, [manifest])).toEqual([2]);
    // another script (the pack console registered for it) still takes it
    expect(
      consoleTabs(tabs, [
        manifest,
        { matches: ['http://127.0.0.1/fixtures/pages/custom-console*'], js: [CONSOLE_SCRIPT_FILE] },
      ]),
    ).toEqual([1, 2]);
  });

  test('tabs without an address we may see, without an id, or discarded are left out', () => {
    const tabs = [
      { id: 1 },
      { url: 'https://qn.taobao.com/' },
      { id: 3, url: 'https://qn.taobao.com/', discarded: true },
      { id: 4, url: 'https://qn.taobao.com/' },
    ];
    expect(consoleTabs(tabs, [manifest])).toEqual([4]);
  });

  test("scripts other than the console's are not ours to run", () => {
    const other: ScriptPages = { matches: ['https://qn.taobao.com/*'], js: ['content-scripts/other.js'] };
    expect(consoleTabs([{ id: 1, url: 'https://qn.taobao.com/' }], [other])).toEqual([]);
  });

  test('a pattern that is no pattern takes nothing', () => {
    const broken: ScriptPages = { matches: ['not a pattern'], js: [CONSOLE_SCRIPT_FILE] };
    expect(consoleTabs([{ id: 1, url: 'https://qn.taobao.com/' }], [broken])).toEqual([]);
  });
});
