/**
 * Content-script wiring for one frame: the shadow-root overlay, the console session and the
 * outbox to the background. Everything hangs off WXT's `ctx`, so an extension reload or update
 * leaves no overlay, observer or timer behind.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Overlay } from '../components/Overlay';
import { FirstSeenStore } from './clock';
import { ConsoleSession, type OverlayState } from './console-session';
import type { KgEvent } from './events';
import { hashString } from './hash';
import { isRequest, sendRequest } from './messages';
import { Outbox } from './outbox';
import { type Language, settingsItem } from './settings';

export const HOST_TAG = 'kefu-guard';
const FIRST_SEEN_KEY = 'kefu-guard:first-seen';
const DISMISSED_KEY = 'kefu-guard:dismissed';

async function helloWithRetry(signal: AbortSignal): Promise<string> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      return (await sendRequest('session:hello', { console: null })).salt;
    } catch {
      await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
    }
  }
  return '';
}

/**
 * First-seen times of messages without console timestamps, kept in the tab's sessionStorage
 * (hashed keys, times only) so a reload doesn't reset a countdown.
 */
function persistedFirstSeen(): (key: string, now: number) => number {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(FIRST_SEEN_KEY);
  } catch {
    /* storage blocked: keep times for this page only */
  }
  const store = raw ? FirstSeenStore.parse(raw, Date.now()) : new FirstSeenStore();
  let saving = false;
  return (key, now) => {
    const k = hashString(key);
    const known = store.has(k);
    const t = store.see(k, now);
    if (!known && !saving) {
      saving = true;
      queueMicrotask(() => {
        saving = false;
        try {
          sessionStorage.setItem(FIRST_SEEN_KEY, store.serialize());
        } catch {
          /* storage full or blocked: the time still holds for this page */
        }
      });
    }
    return t;
  };
}

export async function startConsoleOverlay(ctx: ContentScriptContext): Promise<void> {
  const isTop = window.top === window;
  const settings = await settingsItem.getValue();
  let lang: Language = settings.language;
  const salt = await helloWithRetry(ctx.signal);
  if (ctx.isInvalid) return;

  const outbox = new Outbox<KgEvent>(async (events) => (await sendRequest('events:log', { events })).stored);
  ctx.onInvalidated(() => outbox.close());

  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let mounting: Promise<void> | null = null;
  let state: OverlayState | null = null;
  let dismissed = sessionStorage.getItem(DISMISSED_KEY) === '1';

  const paint = () => {
    const layer = ui?.mounted;
    if (!layer || !state) return;
    const onDismiss = () => {
      dismissed = true;
      sessionStorage.setItem(DISMISSED_KEY, '1');
      paint();
    };
    const visible = !(state.status === 'unrecognised' && dismissed);
    render(visible ? <Overlay state={state} lang={lang} onDismiss={onDismiss} /> : null, layer);
  };

  const ensureUi = (): Promise<void> => {
    mounting ??= createShadowRootUi<HTMLElement>(ctx, {
      name: HOST_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      onMount(container) {
        const layer = document.createElement('div');
        layer.className = 'kg-layer';
        container.append(layer);
        return layer;
      },
      onRemove(layer) {
        if (layer) render(null, layer);
      },
    }).then((created) => {
      ui = created;
      created.mount();
    });
    return mounting.then(paint);
  };

  const session = new ConsoleSession({
    document,
    url: location.href,
    signal: ctx.signal,
    salt,
    agentName: settings.agentName || undefined,
    log: (e) => outbox.push(e),
    firstSeen: persistedFirstSeen(),
    isOwnNode: (n) => n.nodeName === HOST_TAG.toUpperCase(),
    onState(next) {
      state = next;
      const show = next.status === 'recognised' || (next.status === 'unrecognised' && isTop);
      if (show) void ensureUi();
      else paint();
    },
    recognisedInOtherFrame: async () => isTop && (await sendRequest('tab:recognised', {})).console !== null,
    onRecognised(adapter) {
      if (!isTop) void sendRequest('console:recognised', { console: adapter.definition.id }).catch(() => {});
    },
  });

  const onMessage = (msg: unknown) => {
    if (isRequest(msg) && msg.type === 'frame:recognised') session.recognisedElsewhere();
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  const unwatch = settingsItem.watch((next) => {
    lang = next.language;
    paint();
  });
  ctx.onInvalidated(unwatch);

  session.start();
}
