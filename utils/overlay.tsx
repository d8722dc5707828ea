/**
 * Content-script wiring for one frame: the shadow-root overlay, the console session, the shared
 * one-second ticker and the outbox to the background. Everything hangs off WXT's `ctx`, so an
 * extension reload or update leaves no overlay, observer or timer behind.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { BadgeLayer } from '../components/badge-layer';
import { Overlay, samePanel } from '../components/Overlay';
import { type AssistActions, ReplyAssist as ReplyAssistStrip } from '../components/ReplyAssist';
import { toolbarLine } from '../components/toolbar-probe';
import { WaitingBar } from '../components/waiting-bar';
import { type AfterLayout, afterLayout } from './after-layout';
import { beep } from './alert-sound';
import { alertWaker, BreachAlerts } from './breach-alerts';
import { ConsoleSession, type OverlayState, type WaitingCustomer } from './console-session';
import { ALL_CONSOLES } from './consoles';
import { defaultPacksItem } from './default-packs';
import type { KgEvent } from './events';
import { type MessageKey, t } from './i18n';
import { isRequest, portRequest, type Request, sendRequest } from './messages';
import { EVENT_BATCH_MS, handOver, Outbox, takeOver } from './outbox';
import { activeRules, activeTemplates, type InstalledPack, packConsoles, packsItem } from './packs';
import { type Corner, isCorner } from './panel-corner';
import { keyComboLabel, readKeyCombo } from './picker-key';
import { runsOnMac } from './platform';
import { type AssistView, ReplyAssist } from './reply-assist';
import { createScanner, usableScanner } from './rules';
import { keysOf, readSendKeys, sendKeyName } from './send-keys';
import { type SessionSnapshot, snapshotStore } from './session-snapshot';
import {
  clockSettingsFor,
  loadSettings,
  panelCornerItem,
  type Settings,
  sendKeysItem,
  settingsItem,
  templateUsesItem,
  withDefaults,
} from './settings';
import { snapshotWriter } from './snapshot-writer';
import { lineKey, type ToolbarLine } from './strip-fit';
import { type Template, TemplateIndex } from './templates';
import { nextToAnswer } from './waiting';
import { waitingBarView } from './waiting-bar';

export const HOST_TAG = 'kefu-guard';
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

/** `css`: the overlay's stylesheet, inlined into our shadow root (no web-accessible file to fetch). */
export async function startConsoleOverlay(ctx: ContentScriptContext, css: string): Promise<void> {
  const isTop = window.top === window;
  // answered from the first moment: the background starts no second copy where this one runs
  const alive = (msg: unknown) =>
    isRequest(msg) && msg.type === 'console:alive' ? Promise.resolve(true) : undefined;
  browser.runtime.onMessage.addListener(alive);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(alive));
  let settings: Settings = await loadSettings();
  // the picker's key, and how the chip names it (made again when the settings change)
  const mac = runsOnMac(navigator);
  const pickerKeyOf = ({ pickerKey, language }: Settings) => {
    const key = readKeyCombo(pickerKey);
    return { key, label: keyComboLabel(key, language, mac) };
  };
  let pickerKey = pickerKeyOf(settings);
  const salt = await helloWithRetry(ctx.signal);
  if (ctx.isInvalid) return;

  // the e2e build puts our work on the page's performance timeline, for the benchmarks
  const measure =
    import.meta.env.MODE === 'e2e'
      ? (name: string, start: number) => performance.measure(name, { start, end: performance.now() })
      : undefined;

  // events go to the background in batches (`EVENT_BATCH_MS`), over one long-lived port
  const outbox = new Outbox<KgEvent>(
    (events) => {
      const start = performance.now();
      const sent = portRequest('events:log', { events });
      measure?.('kg:send', start);
      return sent.then((r) => r.stored);
    },
    { delayMs: EVENT_BATCH_MS },
  );
  // what an older copy cut off by an update left unsent goes with this one's first batch (the
  // background checks each event, as it checks every event it gets)
  const anEvent = (x: unknown): x is KgEvent => typeof (x as { id?: unknown } | null)?.id === 'string';
  for (const e of takeOver(sessionStorage, anEvent)) outbox.push(e);
  // invalidated (an update, or a newer copy started here): what waits is tried now and left for
  // the next copy (ids it gets twice count once)
  ctx.onInvalidated(() => {
    void outbox.flush();
    handOver(sessionStorage, outbox.drain());
  });
  // the session's state for a reload: in idle time at most every 30 s (for a crash: leaving the page writes it at once)
  // the tab's sessionStorage holds times and round state (ids and times, no text) across reloads
  const kept = snapshotStore(sessionStorage);
  const snapshot = snapshotWriter<SessionSnapshot>({
    store: (s) => kept.write(s),
    // the context's timers: an extension reload leaves no write pending
    later: (fn, ms) => ctx.setTimeout(() => ctx.requestIdleCallback(fn, { timeout: 1000 }), ms),
    measure: measure && ((start) => measure('kg:save', start)),
  });
  // both go at once when the page is left, hidden or frozen (a reload, a closed or discarded tab)
  const leaving = () => {
    void outbox.flush();
    snapshot.flush();
  };
  ctx.addEventListener(window, 'pagehide', leaving);
  ctx.addEventListener(document, 'freeze', leaving);
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'hidden') leaving();
  });
  // a newer copy of KefuGuard started in this page (an update): it restores what this one kept
  ctx.onInvalidated(() => snapshot.flush());

  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let mounting: Promise<void> | null = null;
  let state: OverlayState | null = null;
  let dismissed = sessionStorage.getItem(DISMISSED_KEY) === '1';
  // the corner the agent moved the panel to (kept for every console and tab)
  const savedCorner = await panelCornerItem.getValue();
  let corner: Corner = isCorner(savedCorner) ? savedCorner : 'top-right';
  const onMove = (to: Corner) => {
    corner = to;
    void panelCornerItem.setValue(to);
    paint();
  };
  ctx.onInvalidated(
    panelCornerItem.watch((to) => {
      if (!isCorner(to) || to === corner) return;
      corner = to;
      paint();
    }),
  );
  const alerts = new BreachAlerts();

  const onDismiss = () => {
    dismissed = true;
    sessionStorage.setItem(DISMISSED_KEY, '1');
    paint();
  };
  const onJump = (customer: WaitingCustomer) => {
    // the agent asked for it: open that conversation through the console's own row
    if (customer.row instanceof HTMLElement) customer.row.click();
  };
  const waitingBar = new WaitingBar(onJump);
  /** The browser's shortcut that opens the longest wait too (named in the bar's tooltip; null: none). */
  let jumpKey: string | null = null;

  let laidOut: AfterLayout | null = null;
  let badges: BadgeLayer | null = null;
  /** What the panel, its waiting bar and the strip show now: each is drawn again only when its inputs change. */
  let panelDrawn: { state: OverlayState; lang: string; dismissed: boolean; corner: Corner } | null = null;
  /** What the waiting bar was drawn from: the longest wait, how many wait, the second, the breaches. */
  let barDrawn: {
    longest: WaitingCustomer | undefined;
    count: number;
    second: number;
    breached: number;
    lang: string;
  } | null = null;
  let assistDrawn: {
    view: AssistView | null;
    lang: string;
    pickerKey: string;
    boxAt: string;
    status: string;
    lineKey: string;
  } | null = null;
  /** The console's controls on the strip's line, found again when the reply box moved or another conversation opened. */
  let toolbar: { boxAt: string; conversation: string | null; line: ToolbarLine; key: string } | null = null;
  let assistLayer: HTMLElement | null = null;
  /** Our shadow root's body: carries the UI's language (English takes a Latin font first). */
  let uiBody: HTMLElement | null = null;
  let assistView: AssistView | null = null;
  /**
   * The state the badges were last placed for, and whether the page may have moved them since (a
   * scroll, a resize, a row come into view). A paint for the strip alone (a keystroke, a
   * suggestion) leaves them where they are: a dozen rows measured for nothing.
   */
  let badgesFor: OverlayState | null = null;
  let badgesMoved = false;
  const relayout = () => {
    badgesMoved = true;
    paint();
  };
  const renderNow = () => {
    const layer = ui?.mounted;
    if (!layer || !state) return;
    const start = performance.now();
    // every layout read first (clean after layout), then every write: no forced layout
    const placeBadges = state !== badgesFor || badgesMoved;
    const spots = placeBadges ? (badges?.measure(state) ?? []) : null;
    const box = assistView?.box ?? null;
    const r = box?.getBoundingClientRect() ?? null;
    const boxAt = r ? `${Math.round(r.top)}|${Math.round(r.left)}|${Math.round(r.width)}` : '';
    const view = state.status === 'recognised' ? assistView : null;
    // the console's controls beside the reply box: looked for when it moved or another
    // conversation opened (a console may show other tools for it)
    const conversation = state.activeConversation;
    if (box && r && view && (toolbar?.boxAt !== boxAt || toolbar.conversation !== conversation)) {
      const line = toolbarLine(box, r, (el) => el === ui?.shadowHost);
      toolbar = { boxAt, conversation, line, key: lineKey(line) };
    }
    const known = toolbar?.boxAt === boxAt ? toolbar : null;
    const line = known?.line ?? null;
    if (spots) {
      badges?.apply(spots);
      badgesFor = state;
      badgesMoved = false;
    }
    const lang = settings.language;
    if (
      !panelDrawn ||
      !samePanel(panelDrawn.state, state) ||
      panelDrawn.lang !== lang ||
      panelDrawn.dismissed !== dismissed ||
      panelDrawn.corner !== corner
    ) {
      panelDrawn = { state, lang, dismissed, corner };
      const visible = !(state.status === 'unrecognised' && dismissed);
      render(
        visible ? (
          <Overlay
            state={state}
            lang={lang}
            onDismiss={onDismiss}
            waitingBar={waitingBar.el}
            corner={corner}
            onMove={onMove}
          />
        ) : null,
        layer,
      );
    }
    // the waiting bar's figures: made again when what they come from changed (a message to a
    // customer already waiting changes none of it)
    const second = Math.floor(state.now / 1000);
    const longest = state.waiting[0];
    const count = state.waiting.length;
    if (
      !barDrawn ||
      barDrawn.longest !== longest ||
      barDrawn.count !== count ||
      barDrawn.second !== second ||
      barDrawn.breached !== state.breachedToday ||
      barDrawn.lang !== lang
    ) {
      barDrawn = { longest, count, second, breached: state.breachedToday, lang };
      waitingBar.show(waitingBarView(state, lang, jumpKey));
    }
    // the strip beside the reply box: drawn when its view changed, the reply box moved or the
    // console's controls beside it changed
    if (
      assistLayer &&
      (assistDrawn?.view !== view ||
        assistDrawn.lang !== lang ||
        assistDrawn.pickerKey !== pickerKey.label ||
        assistDrawn.boxAt !== boxAt ||
        assistDrawn.status !== state.status ||
        assistDrawn.lineKey !== (known?.key ?? ''))
    ) {
      assistDrawn = {
        view,
        lang,
        pickerKey: pickerKey.label,
        boxAt,
        status: state.status,
        lineKey: known?.key ?? '',
      };
      render(
        view && r ? (
          <ReplyAssistStrip
            view={view}
            lang={lang}
            actions={actions}
            boxRect={r}
            line={line}
            pickerKey={pickerKey.label}
          />
        ) : null,
        assistLayer,
      );
    }
    measure?.('kg:paint', start);
  };
  /** Paints after the next layout: badge positions are then read without forcing one. */
  function paint(): void {
    if (laidOut) laidOut.request(renderNow);
    else renderNow();
  }

  const ensureUi = (): Promise<void> => {
    mounting ??= createShadowRootUi<HTMLElement>(ctx, {
      name: HOST_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      css,
      onMount(container) {
        uiBody = container;
        container.lang = settings.language;
        const layer = document.createElement('div');
        layer.className = 'kg-layer';
        container.append(layer);
        laidOut = afterLayout(container);
        const badgeParent = document.createElement('div');
        badgeParent.className = 'kg-badges';
        layer.before(badgeParent);
        badges = new BadgeLayer(
          badgeParent,
          relayout,
          (row) => session.console?.rowNick(row) ?? null,
          measure && ((start) => measure('kg:visible', start)),
        );
        badgesFor = null;
        assistLayer = document.createElement('div');
        assistLayer.className = 'kg-layer';
        layer.after(assistLayer);
        return layer;
      },
      onRemove(layer) {
        uiBody = null;
        laidOut?.stop();
        laidOut = null;
        badges?.stop();
        badges = null;
        if (layer) render(null, layer);
        if (assistLayer) render(null, assistLayer);
        assistLayer = null;
      },
    }).then((created) => {
      ui = created;
      created.mount();
    });
    return mounting.then(paint);
  };

  // whether the tab is hidden, kept from its events (asked on every change, it would cost a read)
  let hidden = document.hidden;
  ctx.addEventListener(document, 'visibilitychange', () => {
    hidden = document.hidden;
  });
  // while the tab is hidden, a wake-up for the next alert (the ticker may run once a minute then)
  const hop = new MessageChannel();
  const waker = alertWaker({
    post(fn) {
      hop.port1.onmessage = fn;
      hop.port2.postMessage(null);
    },
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    wake: () => session.tick(),
  });
  ctx.onInvalidated(() => {
    waker.stop();
    hop.port1.close();
  });
  const wakeForAlert = (waiting: readonly WaitingCustomer[]) => {
    const next = hidden && settings.notifyBeforeBreach ? alerts.nextIn(waiting) : null;
    // a little after the second it is due on (countdowns are whole seconds)
    waker.plan(next === null ? null : next + 50);
  };
  const alertIfHidden = (waiting: readonly WaitingCustomer[]) => {
    wakeForAlert(waiting);
    if (!hidden || !settings.notifyBeforeBreach) return;
    const due = alerts.due(waiting);
    if (due.length === 0) return;
    for (const w of due) {
      const waited = Math.round((Date.now() - w.since) / 1000);
      void sendRequest('notify:breach-soon', {
        conversation: w.conversation,
        title: t(settings.language, 'breachSoonTitle'),
        message: t(settings.language, 'breachSoonBody')
          .replace('{nick}', w.nick)
          .replace('{waited}', `${Math.floor(waited / 60)}:${String(waited % 60).padStart(2, '0')}`)
          .replace('{s}', String(w.seconds)),
      }).catch(() => undefined);
      if (settings.sound) beep();
    }
  };

  // rules and templates: the defaults shipped with the extension and the enabled team packs
  let defaults = await defaultPacksItem.getValue();
  if (!defaults) {
    await sendRequest('defaults:ensure', {}).catch(() => undefined);
    defaults = await defaultPacksItem.getValue();
  }
  const defaultRules = defaults?.rules ?? [];
  const defaultTemplates: Template[] = defaults?.templates ?? [];
  let scanner = createScanner(defaultRules);
  let templateSet = { list: defaultTemplates, index: new TemplateIndex(defaultTemplates) };
  const usePacks = (packs: InstalledPack[]) => {
    // a stored rule this version cannot use goes alone (the rest of its pack still warns)
    const usable = usableScanner(activeRules(defaultRules, packs));
    if (usable.leftOut.length > 0)
      console.warn(
        '[KefuGuard] pack rules left out:',
        usable.leftOut.map((r) => r.message),
      );
    scanner = usable.scanner ?? createScanner(defaultRules);
    const list = activeTemplates(defaultTemplates, packs);
    templateSet = { list, index: new TemplateIndex(list) };
    assistRef?.warmUp();
  };
  let assistRef: ReplyAssist | null = null;
  const installed = await packsItem.getValue();
  usePacks(installed);
  ctx.onInvalidated(packsItem.watch((packs) => usePacks(packs ?? [])));
  const uses = new Map(Object.entries(await templateUsesItem.getValue()));
  // what Enter and Ctrl+Enter were seen to do, per console (other tabs learn too)
  let sendKeys = readSendKeys(await sendKeysItem.getValue());
  ctx.onInvalidated(
    sendKeysItem.watch((seen) => {
      sendKeys = readSendKeys(seen);
    }),
  );

  // built-in consoles the agent left on, and consoles defined by team packs
  const definitions = [
    ...ALL_CONSOLES.filter((d) => !settings.disabledConsoles.includes(d.id)),
    ...packConsoles(installed),
  ];
  const session = new ConsoleSession({
    document,
    url: location.href,
    definitions,
    signal: ctx.signal,
    salt,
    agentName: settings.agentName || undefined,
    lang: () => settings.language,
    clockSettings: (platform) => clockSettingsFor(settings, platform),
    log: (e) => outbox.push(e),
    restore: kept.read(),
    persist: snapshot.note,
    isOwnNode: (n) => n === ui?.shadowHost,
    // the page's changes are read after layout, and the overlay drawn in the same callback (after
    // them, also when a paint was asked for earlier in the frame: it then draws them)
    frame: (run) => {
      if (laidOut) laidOut.request(run, true);
      else requestAnimationFrame(run);
    },
    measure,
    onState(next) {
      state = next;
      alertIfHidden(next.waiting);
      assist.refresh();
      const show = next.status === 'recognised' || (next.status === 'unrecognised' && isTop);
      if (show && !mounting) void ensureUi();
      else paint();
    },
    recognisedInOtherFrame: async () => isTop && (await sendRequest('tab:recognised', {})).console !== null,
    onRecognised(adapter) {
      if (!isTop) void sendRequest('console:recognised', { console: adapter.definition.id }).catch(() => {});
    },
  });

  const assist = new ReplyAssist({
    document,
    session,
    scanner: () => scanner,
    templates: () => templateSet,
    values: () => ({
      买家昵称: session.current.activeNick,
      订单号: session.console?.orderNumber(document) ?? null,
      客服昵称: settings.agentName || null,
      店铺名: settings.shopName || null,
      商品名: null,
    }),
    uses,
    onUse(id) {
      uses.set(id, (uses.get(id) ?? 0) + 1);
      void templateUsesItem.setValue(Object.fromEntries(uses));
    },
    log: (e) => outbox.push(e),
    onView(view, urgent) {
      const opening = view.picker !== null && assistView?.picker == null;
      assistView = view;
      // what the agent is doing is drawn at once: warnings make the next frame, and the picker's
      // search box has the focus before the next keystroke
      if (urgent || opening) renderNow();
      else paint();
    },
    text: (key) => t(settings.language, key as MessageKey).replace('{key}', sendKeyName('mod-enter', mac)),
    sendKeys: () => keysOf(sendKeys, session.console?.definition.id ?? ''),
    pickerKey: () => pickerKey.key,
    onSendKeys(seen) {
      const id = session.console?.definition.id;
      if (!id) return;
      sendKeys = { ...sendKeys, [id]: seen };
      void sendKeysItem.setValue(sendKeys);
    },
    signal: ctx.signal,
    measure,
  });
  const actions: AssistActions = {
    applyAlternative: (f) => void assist.applyAlternative(f),
    dismissFinding: (f) => assist.dismissFinding(f),
    fixDraft: () => assist.fixDraft(),
    sendAnyway: () => assist.sendAnyway(),
    useSuggestion: (id) => void assist.useSuggestion(id),
    preview: (id) => assist.preview(id),
    openPicker: () => assist.openPicker(),
    closePicker: () => assist.closePicker(),
    setQuery: (q) => assist.setQuery(q),
    move: (d) => assist.move(d),
    choose: (id) => void assist.choose(id),
    chooseSelected: () => void assist.chooseSelected(),
    dismissNotice: () => assist.dismissNotice(),
  };
  assist.start();
  assistRef = assist;
  void sendRequest('shortcut:get', {}).then(
    ({ key }) => {
      jumpKey = key;
      barDrawn = null;
      paint();
    },
    () => undefined,
  );
  assist.warmUp();

  const onMessage = (msg: unknown) => {
    if (!isRequest(msg)) return;
    if (msg.type === 'frame:recognised') session.recognisedElsewhere();
    // the shortcut: the customer waiting longest, unless the frame shows no console of theirs
    else if (msg.type === 'command:jump-longest' && state?.status === 'recognised') {
      const next = nextToAnswer(state.waiting);
      if (next) onJump(next);
      // nobody to go to: said in the bar, so the key press is not met by silence
      else waitingBar.note(t(settings.language, 'noOtherWaiting'));
    }
    // the agent clicked the notification about this customer: opened through their row, if they still wait
    else if (msg.type === 'conversation:open' && state?.status === 'recognised') {
      const { conversation } = msg as Request<'conversation:open'>;
      const customer = state.waiting.find((w) => w.conversation === conversation);
      if (customer && !customer.active) onJump(customer);
    }
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  const unwatch = settingsItem.watch((next) => {
    settings = withDefaults(next);
    pickerKey = pickerKeyOf(settings);
    if (uiBody) uiBody.lang = settings.language;
    const platform = session.console?.definition.platform;
    if (platform) session.setClockSettings(clockSettingsFor(settings, platform));
    paint();
  });
  ctx.onInvalidated(unwatch);

  // one shared ticker for every countdown; badges follow the console's scrolling within a frame
  ctx.setInterval(() => session.tick(), 1000);
  let scrollQueued = false;
  /**
   * Whether a scroll moved a badge on screen (the page itself, or an element holding a row or
   * header we draw beside); rows scrolled into view are reported by the badges' own observer.
   */
  const movesBadges = (target: EventTarget | null) => {
    if (!(target instanceof Node) || target === document) return true;
    return badges?.movedBy(target) ?? false;
  };
  ctx.addEventListener(
    document,
    'scroll',
    (e) => {
      if (scrollQueued) return;
      const start = performance.now();
      if (movesBadges(e.target)) {
        scrollQueued = true;
        ctx.requestAnimationFrame(() => {
          scrollQueued = false;
          relayout();
        });
      }
      measure?.('kg:scroll', start);
    },
    { capture: true, passive: true },
  );
  ctx.addEventListener(
    window,
    'resize',
    () => {
      badges?.resized();
      relayout();
    },
    { passive: true },
  );

  session.start();
}
