/**
 * The background worker: one handler per request type, the batched event writer and the daily
 * prune. IndexedDB belongs to the extension origin, so only this worker writes it.
 *
 * Durability: `events:log` answers only once the batch holding its events is committed (events
 * and their rollups in one transaction), so a worker stopped mid-burst leaves the unanswered
 * events in the sender's outbox, which sends them again; ids already stored count nothing twice.
 * A failed write (a full disk or quota) rejects the request (the sender keeps the events), is
 * recorded for the popup and never stops the worker.
 */
import { type Browser, browser } from 'wxt/browser';
import { BatchWriter } from './batch-writer';
import { ALERT_ICON, alertId, alertNotification, openAlert } from './breach-alerts';
import { forwardCommand, JUMP_COMMAND } from './commands';
import { syncCustomConsoles } from './custom-consoles';
import { isQuotaError, type KgDb, openKgDb, pruneOld, putEvents } from './db';
import { ensureDefaultPacks } from './default-packs';
import { type StoredEvent, toStored } from './events';
import { isRequest, type Protocol, type Request, type RequestType } from './messages';
import { allConsoleScripts, startInOpenConsoles } from './open-consoles';
import { isPortRequest, type PortAnswer, REQUESTS_PORT } from './port-requests';
import { isKgEvent } from './rollups';
import { loadSettings, saltItem } from './settings';
import { statsWriteErrorItem } from './stats-status';

type Sender = Browser.runtime.MessageSender;
type Handlers = { [K in RequestType]?: (req: Request<K>, sender: Sender) => Promise<Protocol[K]['res']> };

let dbPromise: Promise<KgDb> | null = null;
function db(): Promise<KgDb> {
  if (dbPromise) return dbPromise;
  // a connection closed for a newer schema (or by the browser) is opened anew on next use
  const opening: Promise<KgDb> = openKgDb(undefined, undefined, {
    onClose: () => {
      if (dbPromise === opening) dbPromise = null;
    },
  }).catch((e: unknown) => {
    if (dbPromise === opening) dbPromise = null;
    throw e;
  });
  dbPromise = opening;
  return opening;
}

/** Whether the last write failed (then the next success clears the popup's notice). */
let lastWriteFailed: boolean | null = null;

async function writeBatch(batch: StoredEvent[]): Promise<void> {
  try {
    await putEvents(await db(), batch);
  } catch (e) {
    lastWriteFailed = true;
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    console.warn('KefuGuard: stats batch not stored; the senders keep it and retry', message);
    await statsWriteErrorItem
      .setValue({ kind: isQuotaError(e) ? 'quota' : 'other', message, at: Date.now(), pending: batch.length })
      .catch(() => undefined);
    throw e;
  }
  if (lastWriteFailed !== false) {
    lastWriteFailed = false;
    await statsWriteErrorItem.removeValue().catch(() => undefined);
  }
}

const writer = new BatchWriter<StoredEvent>(writeBatch);

const PRUNE_ALARM = 'kg-prune';
const DAY_MINUTES = 24 * 60;

/** Deletes raw events past the retention setting and rollups older than a year. */
async function prune(): Promise<void> {
  try {
    await writer.flush();
    const { retentionDays } = await loadSettings();
    await pruneOld(await db(), Date.now(), retentionDays);
  } catch (e) {
    console.warn('KefuGuard: prune failed; retried at the next alarm', e);
  }
}

async function ensurePruneAlarm(): Promise<void> {
  if (!browser.alarms) return;
  if (await browser.alarms.get(PRUNE_ALARM)) return;
  await browser.alarms.create(PRUNE_ALARM, { delayInMinutes: 1, periodInMinutes: DAY_MINUTES });
}

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
    const events: unknown[] = Array.isArray(req.events) ? req.events : [];
    // malformed events are acknowledged (a resend would not mend them) but never stored
    await writer.add(events.filter(isKgEvent).map(toStored)).catch((e: unknown) => {
      // the sender keeps the events and retries; it gets a readable reason
      throw new Error(`stats events not stored (${e instanceof Error ? e.name : String(e)})`);
    });
    const ids = events.map((e) => (e as { id?: unknown } | null)?.id);
    return { stored: ids.filter((id): id is string => typeof id === 'string') };
  },
  async 'defaults:ensure'() {
    await ensureDefaultPacks();
    return { ok: true };
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
    const tabId = sender.tab?.id;
    // the id says where a click goes: that tab, that frame, that customer
    const id =
      tabId === undefined || typeof req.conversation !== 'string'
        ? `kg-breach-${Date.now()}`
        : alertId({ tabId, frameId: sender.frameId ?? 0, conversation: req.conversation }, Date.now());
    await browser.notifications.create(
      id,
      alertNotification(browser.runtime.getURL(ALERT_ICON), req.title, req.message),
    );
    return { ok: true };
  },
  async 'shortcut:get'() {
    const all = (await browser.commands?.getAll()) ?? [];
    return { key: all.find((c) => c.name === JUMP_COMMAND)?.shortcut || null };
  },
  async 'tab:recognised'(_req, sender) {
    const key = `tab-recognised:${sender.tab?.id}`;
    const found = (await browser.storage.session.get(key))[key];
    return { console: typeof found === 'string' ? found : null };
  },
};

/** The answer to a request (undefined: not one of ours). */
function handle(msg: unknown, sender: Sender): Promise<unknown> | undefined {
  if (!isRequest(msg)) return undefined;
  const handler = handlers[msg.type] as ((r: Request, s: Sender) => Promise<unknown>) | undefined;
  return handler?.(msg, sender);
}

/** A click on a breach-soon notification: its tab to the front, the customer opened there. */
const alertClicked = (id: string) =>
  openAlert(id, {
    async focus(tabId) {
      const tab = await browser.tabs.update(tabId, { active: true });
      if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    },
    send: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
    clear: (id) => browser.notifications.clear(id),
  });

export function startBackground(): void {
  browser.notifications?.onClicked.addListener((id) => void alertClicked(id));
  // the e2e build lets the tests click (a headless browser shows no notification to click)
  if (import.meta.env.MODE === 'e2e')
    (globalThis as { kgAlertClicked?: typeof alertClicked }).kgAlertClicked = alertClicked;
  browser.commands?.onCommand.addListener(
    (command, tab) =>
      void forwardCommand(command, tab?.id, {
        activeTab: async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
        send: (tabId, message) => browser.tabs.sendMessage(tabId, message),
      }),
  );
  browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => handle(msg, sender));
  // the same requests over a content script's long-lived port, answered on it
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== REQUESTS_PORT) return;
    const answer = (a: PortAnswer) => {
      try {
        port.postMessage(a);
      } catch {
        /* the page went away: it sends again what was not answered */
      }
    };
    port.onMessage.addListener((message: unknown) => {
      if (!isPortRequest(message)) return;
      const { n } = message;
      const answered = handle(message.request, port.sender ?? {});
      if (!answered) answer({ n, error: 'not a request' });
      else
        answered.then(
          (ok) => answer({ n, ok }),
          (e: unknown) => answer({ n, error: e instanceof Error ? e.message : String(e) }),
        );
    });
  });
  browser.runtime.onSuspend?.addListener(() => void writer.flush());
  let settled: () => void = () => undefined;
  const installSettled = new Promise<void>((resolve) => {
    settled = resolve;
  });
  const startEverywhere = async () => startInOpenConsoles(await allConsoleScripts());
  // the e2e build's tests open their pages once this is done (else a page loading meanwhile may be
  // started twice), and call what an install calls
  if (import.meta.env.MODE === 'e2e')
    Object.assign(globalThis, { kgInstallSettled: installSettled, kgStartInOpenConsoles: startEverywhere });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    const ready = Promise.allSettled([installSalt(), ensureDefaultPacks(), syncCustomConsoles()]);
    void ensurePruneAlarm();
    // consoles open since before this install or update get KefuGuard now, not at their next load
    const started = reason === 'install' || reason === 'update' ? ready.then(startEverywhere) : ready;
    void started
      .catch((e: unknown) => console.warn('KefuGuard: not started in the open consoles', e))
      .finally(settled);
  });
  browser.runtime.onStartup?.addListener(() => void ensurePruneAlarm());
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === PRUNE_ALARM) void prune();
  });
  // a tab that navigates or closes forgets which of its frames held a console
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void browser.storage.session.remove(`tab-recognised:${tabId}`);
  });
  browser.tabs.onRemoved.addListener(
    (tabId) => void browser.storage.session.remove(`tab-recognised:${tabId}`),
  );
}
