/**
 * The background worker: one handler per request type, and the batched event writer.
 * IndexedDB belongs to the extension origin, so only this worker writes it.
 */
import { type Browser, browser } from 'wxt/browser';
import { BatchWriter } from './batch-writer';
import { type KgDb, openKgDb, putEvents } from './db';
import { type StoredEvent, toStored } from './events';
import { isRequest, type Protocol, type Request, type RequestType } from './messages';
import { saltItem } from './settings';

type Sender = Browser.runtime.MessageSender;
type Handlers = { [K in RequestType]?: (req: Request<K>, sender: Sender) => Promise<Protocol[K]['res']> };

let dbPromise: Promise<KgDb> | null = null;
function db(): Promise<KgDb> {
  dbPromise ??= openKgDb().catch((e: unknown) => {
    dbPromise = null;
    throw e;
  });
  return dbPromise;
}

const writer = new BatchWriter<StoredEvent>(async (batch) => putEvents(await db(), batch));

async function installSalt(): Promise<string> {
  const known = await saltItem.getValue();
  if (known) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const salt = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await saltItem.setValue(salt);
  return salt;
}

const handlers: Handlers = {
  async 'events:log'(req) {
    await writer.add(req.events.map(toStored));
    return { stored: req.events.map((e) => e.id) };
  },
  async 'session:hello'() {
    return { salt: await installSalt() };
  },
  async 'console:recognised'(req, sender) {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) {
      await browser.storage.session.set({ [`tab-recognised:${tabId}`]: req.console });
      await browser.tabs
        .sendMessage(tabId, { type: 'frame:recognised', console: req.console }, { frameId: 0 })
        .catch(() => undefined);
    }
    return { ok: true };
  },
  async 'notify:breach-soon'(req, sender) {
    if (!browser.notifications) return { ok: false };
    await browser.notifications.create(`kg-breach-${sender.tab?.id ?? 0}-${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: req.title,
      message: req.message,
      priority: 2,
    });
    return { ok: true };
  },
  async 'tab:recognised'(_req, sender) {
    const key = `tab-recognised:${sender.tab?.id}`;
    const found = (await browser.storage.session.get(key))[key];
    return { console: typeof found === 'string' ? found : null };
  },
};

export function startBackground(): void {
  browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => {
    if (!isRequest(msg)) return undefined;
    const handler = handlers[msg.type] as ((r: Request, s: Sender) => Promise<unknown>) | undefined;
    return handler ? handler(msg, sender) : undefined;
  });
  browser.runtime.onSuspend?.addListener(() => void writer.flush());
  browser.runtime.onInstalled.addListener(() => void installSalt());
  // a tab that navigates or closes forgets which of its frames held a console
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void browser.storage.session.remove(`tab-recognised:${tabId}`);
  });
  browser.tabs.onRemoved.addListener(
    (tabId) => void browser.storage.session.remove(`tab-recognised:${tabId}`),
  );
}
