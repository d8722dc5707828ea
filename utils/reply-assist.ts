/**
 * Everything KefuGuard does around the console's reply box: phrase warnings while the agent types,
 * the send guard for `block` findings, template suggestions and the template picker, and a ready
 * compliant reply when a customer asks for something risky. It listens to the page's events and
 * reads the reply box through the adapter; it writes to the box only through `insert-text.ts`,
 * when the agent clicks or presses a key for it. Any failure of ours lets the send through.
 */
import type { ConsoleSession } from './console-session';
import type { KgEvent, ViolationEvent } from './events';
import { draftSelection, insertText, readDraft, selectDraft } from './insert-text';
import { DEFAULT_PICKER_KEY, type KeyCombo, pressesCombo } from './picker-key';
import type { Finding, Scanner } from './rules';
import { learnt, pressOutcome, type SendKey, type SendKeys, sendKeyOf, sends } from './send-keys';
import {
  renderTemplate,
  suggestTemplates,
  type Template,
  type TemplateIndex,
  type VariableValues,
} from './templates';

export interface PickerHit {
  template: Template;
  /** The text it would insert now: the variables filled in, missing values as 【gaps】. */
  preview: string;
  /** Block/warn findings in the filled-in template: it can't be inserted without a second click. */
  risky: Finding[];
}

export interface PickerView {
  query: string;
  hits: PickerHit[];
  selected: number;
  /** A risky template clicked once: the next choice of it inserts. */
  confirm: string | null;
}

export interface AssistView {
  /** The reply box, for placing the strip (null: none found). */
  box: HTMLElement | null;
  /** Findings in the draft. */
  findings: Finding[];
  /** A send held because of these `block` findings. */
  guard: Finding[] | null;
  /** After "send anyway" on a console whose send button we can't find: the next Enter goes through. */
  sendArmed: boolean;
  suggestions: Template[];
  /** The customer's last message asks for something risky (WeChat, 好评返现 …). */
  customerAsk: { finding: Finding; template: Template | null } | null;
  picker: PickerView | null;
  notice: { kind: 'info' | 'error'; text: string } | null;
}

export interface ReplyAssistDeps {
  document: Document;
  session: ConsoleSession;
  scanner: () => Scanner;
  templates: () => { list: readonly Template[]; index: TemplateIndex };
  values: () => VariableValues;
  uses: ReadonlyMap<string, number>;
  onUse: (templateId: string) => void;
  log: (event: KgEvent) => void;
  /** The view changed; `urgent` when the agent is acting on it (typing, a key, a click): draw now. */
  onView: (view: AssistView, urgent: boolean) => void;
  /** zh-CN first: texts of notices. */
  text: (
    key: 'conversationChanged' | 'insertFailed' | 'copied' | 'noReplyBox' | 'pressEnter' | 'pressModEnter',
  ) => string;
  /** What each send key was seen to do in this console (see send-keys.ts); none seen: {}. */
  sendKeys?: () => SendKeys;
  /** The key that opens the picker (see picker-key.ts); Ctrl+Space when not given. */
  pickerKey?: () => KeyCombo;
  /** A press let through told more of what the keys do. */
  onSendKeys?: (keys: SendKeys) => void;
  signal: AbortSignal;
  now?: () => number;
  /** Benchmarks: how long our work took (the performance timeline). */
  measure?: (name: string, start: number) => void;
}

const EMPTY: AssistView = {
  box: null,
  findings: [],
  guard: null,
  sendArmed: false,
  suggestions: [],
  customerAsk: null,
  picker: null,
  notice: null,
};

/** Templates that answer a risky customer request, by the category of what they asked. */
const ANSWER_FOR: Partial<Record<Finding['category'], string[]>> = {
  'off-platform': ['站外'],
  'review-manipulation': ['评价'],
};

/**
 * Messages this close together are a burst: its first message is suggested for at once, the rest
 * once the customer paused this long, for the last of them.
 */
const SUGGEST_AFTER_MS = 250;

/** How long a warning must stay on screen to count as shown (unless the agent sends with it). */
export const WARNED_AFTER_MS = 1200;

/**
 * When a send key's press is read for what it did: a line break is in the box at once, a console
 * may empty it only once its send is under way.
 */
const PRESS_READ_MS = 100;
const PRESS_READ_AGAIN_MS = 600;

export class ReplyAssist {
  private view: AssistView = EMPTY;
  private draft = '';
  private warned = new Set<string>();
  /** Rules the agent marked as no violation in this draft (not `block` ones: those ask at the send). */
  private readonly dismissed = new Set<string>();
  /** Warnings on screen but not yet counted, by rule: since when. */
  private readonly shownSince = new Map<string, number>();
  private bypass = false;
  /** The open conversation when the reply box was looked up last. */
  private refreshedFor: string | null | undefined = undefined;
  private lastCustomerId: string | null = null;
  private suggestedAt = 0;
  /**
   * When the customer's last message was met (a burst's messages are this close together; the last
   * is suggested for `SUGGEST_AFTER_MS` after it), and the timer waiting for that.
   */
  private customerAt = Number.NEGATIVE_INFINITY;
  private suggestTimer: ReturnType<typeof setTimeout> | null = null;
  /** The conversation the suggestions shown are for. */
  private suggestedFor: string | null = null;
  private pickerOpenedAt = 0;
  private pickerConversation: string | null = null;
  private pickerRange: { start: number; end: number } | null = null;
  private readonly now: () => number;
  private valuesRisk: { key: string; scanner: Scanner | null; found: [string, Finding[]][] } = {
    key: '',
    scanner: null,
    found: [],
  };
  /** Risky findings per template, for one scanner. */
  private risky: { scanner: Scanner | null; cache: WeakMap<Template, Finding[]> } = {
    scanner: null,
    cache: new WeakMap(),
  };

  constructor(private readonly deps: ReplyAssistDeps) {
    this.now = deps.now ?? Date.now;
  }

  get current(): AssistView {
    return this.view;
  }

  start(): void {
    const opts = { capture: true, signal: this.deps.signal };
    const win = this.deps.document.defaultView ?? window;
    win.addEventListener('input', (e) => this.safely(() => this.onInput(e), true), opts);
    win.addEventListener('compositionend', (e) => this.safely(() => this.onInput(e), true), opts);
    win.addEventListener('focusin', (e) => this.safely(() => this.onInput(e)), opts);
    win.addEventListener('keydown', (e) => this.safely(() => this.onKeyDown(e), true), opts);
    win.addEventListener('click', (e) => this.safely(() => this.onClick(e), true), opts);
  }

  /** The console changed (new messages, another conversation): re-read the draft and the asks. */
  refresh(): void {
    this.safely(() => {
      // the reply box is looked up again when the conversation changed or the box left the page;
      // its draft is read on every change (the console empties it after a send, with no input event)
      const active = this.deps.session.current.activeConversation;
      const known = this.view.box;
      let box = known;
      if (active !== this.refreshedFor || !known?.isConnected) {
        this.refreshedFor = active;
        box = this.box();
      }
      const draft = box ? readDraft(box) : '';
      if (draft !== this.draft || box !== known) this.rescan(box, draft);
      this.followCustomer();
    });
  }

  // ————— reading the draft —————

  private box(): HTMLElement | null {
    return this.deps.session.console?.replyBox(this.deps.document) ?? null;
  }

  private inBox(target: EventTarget | null, box: HTMLElement | null): boolean {
    return box !== null && target instanceof Node && (target === box || box.contains(target));
  }

  private onInput(e: Event): void {
    if ((e as InputEvent).isComposing) return;
    const box = this.box();
    if (!this.inBox(e.target, box)) return;
    this.rescan(box, box ? readDraft(box) : '');
  }

  /** The draft's findings, but for those the agent marked as no violation. */
  private scanDraft(draft: string): Finding[] {
    if (!draft.trim()) return [];
    const all = this.deps.scanner().scan(draft);
    return this.dismissed.size === 0 ? all : all.filter((f) => !this.dismissed.has(f.ruleId));
  }

  private rescan(box: HTMLElement | null, draft: string): void {
    this.draft = draft;
    const findings = this.scanDraft(draft);
    if (!draft.trim()) {
      this.warned.clear();
      this.dismissed.clear();
    }
    this.noteWarnings(findings);
    const blocks = findings.some((f) => f.severity === 'block');
    this.set({
      box,
      findings,
      guard: blocks ? this.view.guard && findings.filter((f) => f.severity === 'block') : null,
      sendArmed: this.view.sendArmed && blocks,
    });
    if (!blocks) this.bypass = false;
  }

  /**
   * A warning counts (is logged once per draft) when it stayed on screen for `WARNED_AFTER_MS`, or
   * when the agent tries to send with it: a word only passing through while typing (第一 on the way
   * to 第一时间) counts nothing.
   */
  private noteWarnings(findings: readonly Finding[], sending = false): void {
    const now = this.now();
    const present = new Set<string>();
    for (const f of findings) {
      if (f.severity === 'info' || this.warned.has(f.ruleId)) continue;
      present.add(f.ruleId);
      const since = this.shownSince.get(f.ruleId);
      if (since === undefined && !sending) {
        this.shownSince.set(f.ruleId, now);
        this.scheduleWarnCheck();
      } else if (sending || (since !== undefined && now - since >= WARNED_AFTER_MS)) {
        this.warned.add(f.ruleId);
        this.shownSince.delete(f.ruleId);
        this.logViolation('warned', f);
      }
    }
    for (const id of this.shownSince.keys()) if (!present.has(id)) this.shownSince.delete(id);
  }

  private warnTimer: ReturnType<typeof setTimeout> | null = null;
  private scheduleWarnCheck(): void {
    if (this.warnTimer !== null) return;
    this.warnTimer = setTimeout(() => {
      this.warnTimer = null;
      this.safely(() => {
        const box = this.box();
        if (!box || this.deps.signal.aborted) return;
        const draft = readDraft(box);
        this.noteWarnings(this.scanDraft(draft));
        if (this.shownSince.size > 0) this.scheduleWarnCheck();
      });
    }, WARNED_AFTER_MS);
  }

  /**
   * Suggestions and risky asks follow the customer's last message. A message after a pause is
   * suggested for at once, in the frame that shows it (a task of its own, seconds after the last,
   * would find everything cold); messages that follow one another closer than `SUGGEST_AFTER_MS`
   * are suggested for once the customer paused, for the last of them.
   */
  private followCustomer(): void {
    const current = this.deps.session.current;
    const id = current.lastCustomer?.id ?? null;
    if (id === this.lastCustomerId) return;
    this.lastCustomerId = id;
    const shown = this.view.suggestions.length > 0 || this.view.customerAsk !== null;
    if (shown && current.activeConversation !== this.suggestedFor)
      this.set({ suggestions: [], customerAsk: null });
    const now = this.now();
    const paused = now - this.customerAt >= SUGGEST_AFTER_MS;
    this.customerAt = now;
    if (paused && this.suggestTimer === null) {
      this.suggest();
      return;
    }
    this.suggestTimer ??= setTimeout(this.suggestWhenSettled, SUGGEST_AFTER_MS);
  }

  private readonly suggestWhenSettled = (): void => {
    const wait = this.customerAt + SUGGEST_AFTER_MS - this.now();
    if (wait > 0) {
      this.suggestTimer = setTimeout(this.suggestWhenSettled, wait);
      return;
    }
    this.suggestTimer = null;
    if (this.deps.signal.aborted) return;
    const start = performance.now();
    this.safely(() => this.suggest());
    this.deps.measure?.('kg:idle', start);
  };

  /** The suggestions and the risky ask for the customer's last message now. */
  private suggest(): void {
    const { lastCustomer: last, activeConversation } = this.deps.session.current;
    this.suggestedFor = activeConversation;
    const { list } = this.deps.templates();
    if (!last) {
      this.set({ suggestions: [], customerAsk: null });
      return;
    }
    const ask = this.deps
      .scanner()
      .scan(last.text)
      .find((f) => ANSWER_FOR[f.category] !== undefined);
    const tags = ask ? (ANSWER_FOR[ask.category] ?? []) : [];
    const answer = ask ? (list.find((t) => t.tags?.some((tag) => tags.includes(tag))) ?? null) : null;
    this.suggestedAt = this.now();
    const suggestions = suggestTemplates(last.text, list, this.deps.uses);
    const customerAsk = ask ? { finding: { ...ask, severity: 'info' as const }, template: answer } : null;
    // another message on the same subject: the strip stays as it is (nothing to draw again)
    const was = this.view;
    const sameAsk =
      was.customerAsk?.finding.ruleId === customerAsk?.finding.ruleId &&
      was.customerAsk?.finding.text === customerAsk?.finding.text &&
      was.customerAsk?.template === customerAsk?.template;
    const sameSuggestions =
      was.suggestions.length === suggestions.length && was.suggestions.every((t, i) => t === suggestions[i]);
    if (sameAsk && sameSuggestions) return;
    this.set({ suggestions, customerAsk });
  }

  // ————— the send guard —————

  /** The draft's `block` findings at a send attempt (its warnings count now, whatever their age). */
  private held(): Finding[] {
    const box = this.box();
    if (!box) return [];
    const draft = readDraft(box);
    const findings = this.scanDraft(draft);
    this.noteWarnings(findings, true);
    return findings.filter((f) => f.severity === 'block');
  }

  private hold(e: Event, blocks: Finding[]): void {
    e.preventDefault();
    e.stopImmediatePropagation();
    for (const f of uniqueRules(blocks)) this.logViolation('blocked', f);
    this.set({ guard: blocks, findings: this.scanDraft(this.draft) });
  }

  private onKeyDown(e: KeyboardEvent): void {
    const box = this.box();
    if (!this.inBox(e.target, box) || !box) return;
    const key = sendKeyOf(e);
    if (key) {
      if (sends(this.sendKeys(), key)) this.guardSend(e);
      if (!e.defaultPrevented) this.watchPress(key, readDraft(box));
      return;
    }
    const opensPicker =
      pressesCombo(e, this.deps.pickerKey?.() ?? DEFAULT_PICKER_KEY) ||
      (e.key === '/' && !e.ctrlKey && !e.altKey && !e.metaKey && readDraft(box).trim() === '');
    if (opensPicker) {
      e.preventDefault();
      this.openPicker();
    }
  }

  private onClick(e: MouseEvent): void {
    const button = this.deps.session.console?.sendButton(this.deps.document);
    if (!button || !(e.target instanceof Node) || !button.contains(e.target)) return;
    this.guardSend(e);
  }

  /** A send attempt (Enter or the send button): let it through once after 「仍要发送」, else hold blocks. */
  private guardSend(e: Event): void {
    if (this.bypass) {
      this.bypass = false;
      this.set({ sendArmed: false, guard: null });
      return;
    }
    const blocks = this.held();
    if (blocks.length > 0) this.hold(e, blocks);
  }

  private sendKeys(): SendKeys {
    return this.deps.sendKeys?.() ?? {};
  }

  private pressTimer: ReturnType<typeof setTimeout> | null = null;
  /** Learns from a send key's press let through whether it sent (the box emptied) or broke the line. */
  private watchPress(key: SendKey, before: string): void {
    if (!this.deps.onSendKeys || !before.trim()) return;
    const conversation = this.deps.session.current.activeConversation;
    if (this.pressTimer !== null) clearTimeout(this.pressTimer);
    const read = (again: boolean) => {
      this.pressTimer = null;
      this.safely(() => {
        if (this.deps.signal.aborted || this.deps.session.current.activeConversation !== conversation) return;
        const box = this.box();
        const sent = box ? pressOutcome(before, readDraft(box)) : null;
        if (sent === null) {
          if (again) this.pressTimer = setTimeout(() => read(false), PRESS_READ_AGAIN_MS - PRESS_READ_MS);
          return;
        }
        const keys = this.sendKeys();
        const seen = learnt(keys, key, sent);
        if (seen !== keys) this.deps.onSendKeys?.(seen);
      });
    };
    this.pressTimer = setTimeout(() => read(true), PRESS_READ_MS);
  }

  /** 「仍要发送」: logged, then the console's own send (its button, else the agent's next send key). */
  sendAnyway(): void {
    const blocks = this.view.guard ?? [];
    for (const f of uniqueRules(blocks)) this.logViolation('overridden', f);
    this.bypass = true;
    const button = this.deps.session.console?.sendButton(this.deps.document);
    this.set({ guard: null });
    if (button instanceof HTMLElement) {
      button.click();
    } else {
      const modEnter = !sends(this.sendKeys(), 'enter') && sends(this.sendKeys(), 'mod-enter');
      this.set({
        sendArmed: true,
        notice: { kind: 'info', text: this.deps.text(modEnter ? 'pressModEnter' : 'pressEnter') },
      });
      this.box()?.focus();
    }
  }

  /** 「修改」: back to the draft with the first blocked words selected. */
  fixDraft(): void {
    const first = this.view.guard?.[0];
    this.set({ guard: null });
    const box = this.box();
    if (box && first) selectDraft(box, first.start, first.end);
  }

  /** Replaces a finding's words with its compliant alternative. */
  async applyAlternative(f: Finding): Promise<void> {
    const box = this.box();
    if (!box || !f.alternative) return;
    if (readDraft(box).slice(f.start, f.end) !== f.text) return;
    const result = await insertText(box, f.alternative, { start: f.start, end: f.end });
    if (!result.ok) this.set({ notice: { kind: 'error', text: this.deps.text('insertFailed') } });
    this.rescan(box, readDraft(box));
  }

  /**
   * The agent says a warning is no violation (a false alarm): its rule warns no more in this draft,
   * counts as shown only if it already had, and the supervisor sees the rule marked (`dismissed`).
   * A `block` finding is not dismissed here: its send asks, and sending anyway is logged as such.
   */
  dismissFinding(f: Finding): void {
    if (f.severity === 'block' || this.dismissed.has(f.ruleId)) return;
    this.dismissed.add(f.ruleId);
    this.shownSince.delete(f.ruleId);
    this.logViolation('dismissed', f);
    const box = this.box();
    this.rescan(box, box ? readDraft(box) : this.draft);
    box?.focus();
  }

  // ————— templates —————

  openPicker(): void {
    const box = this.box();
    this.pickerOpenedAt = this.now();
    this.pickerConversation = this.deps.session.current.activeConversation;
    this.pickerRange = box ? draftSelection(box) : null;
    this.set({ picker: { query: '', hits: this.search(''), selected: 0, confirm: null }, notice: null });
  }

  closePicker(refocus = true): void {
    this.set({ picker: null });
    if (refocus) this.box()?.focus();
  }

  setQuery(query: string): void {
    if (!this.view.picker) return;
    this.set({ picker: { query, hits: this.search(query), selected: 0, confirm: null } });
  }

  move(delta: number): void {
    const p = this.view.picker;
    if (!p || p.hits.length === 0) return;
    const selected = (p.selected + delta + p.hits.length) % p.hits.length;
    this.set({ picker: { ...p, selected, confirm: null } });
  }

  private search(query: string): PickerHit[] {
    const start = performance.now();
    try {
      return this.searchNow(query);
    } finally {
      this.deps.measure?.('kg:search', start);
    }
  }

  private searchNow(query: string): PickerHit[] {
    const { index } = this.deps.templates();
    const values = this.deps.values();
    const risky = this.riskyValues(values);
    const now = new Date(this.now());
    return index.search(query, this.deps.uses).map((h) => {
      const own = this.riskyOf(h.template);
      const fromValues = risky.flatMap(([name, found]) =>
        h.template.body.includes(`{${name}}`) ? found : [],
      );
      return {
        template: h.template,
        preview: renderTemplate(h.template.body, values, now).text,
        risky: fromValues.length > 0 ? [...own, ...fromValues] : own,
      };
    });
  }

  /**
   * Variables whose value now (the nick, the order number…) holds flagged words: a template that
   * uses one would carry them. Checked once per set of values.
   */
  private riskyValues(values: VariableValues): [string, Finding[]][] {
    const scanner = this.deps.scanner();
    const key = JSON.stringify(values);
    if (this.valuesRisk.key !== key || this.valuesRisk.scanner !== scanner) {
      const found: [string, Finding[]][] = [];
      for (const [name, value] of Object.entries(values)) {
        const hits = value ? scanner.scan(value).filter((f) => f.severity !== 'info') : [];
        if (hits.length > 0) found.push([name, hits]);
      }
      this.valuesRisk = { key, scanner, found };
    }
    return this.valuesRisk.found;
  }

  /**
   * Block/warn findings of a template's own text, variables left as gaps (their values are
   * checked by `riskyValues`). Cached per scanner.
   */
  private riskyOf(t: Template): Finding[] {
    const scanner = this.deps.scanner();
    if (this.risky.scanner !== scanner) this.risky = { scanner, cache: new WeakMap() };
    let found = this.risky.cache.get(t);
    if (!found) {
      found = scanner
        .scan(renderTemplate(t.body, {}, new Date(this.now())).text)
        .filter((f) => f.severity !== 'info');
      this.risky.cache.set(t, found);
    }
    return found;
  }

  /** Checks every template against the rules in idle time, so the picker never waits for it. */
  warmUp(): void {
    const { list, index } = this.deps.templates();
    let i = 0;
    const step = (deadline?: IdleDeadline) => {
      while (i < list.length && (!deadline || deadline.timeRemaining() > 2)) {
        const t = list[i++];
        if (t) this.riskyOf(t);
      }
      if (i < list.length && !this.deps.signal.aborted) schedule();
      // and a search of each kind once, so the picker's first keystroke runs compiled code
      else if (i >= list.length) for (const q of ['a', '亲', '']) index.search(q);
    };
    const schedule = () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(step, { timeout: 2000 })
        : setTimeout(step, 50);
    schedule();
  }

  /**
   * Enter in the search box: the template selected now, for the query typed so far. (The list on
   * screen may be a frame behind a fast typist's last key: its selection is not what they chose.)
   */
  async chooseSelected(): Promise<void> {
    const p = this.view.picker;
    const hit = p?.hits[p.selected];
    if (hit) await this.choose(hit.template.id);
  }

  /** Inserts the picker's template (a risky one only on the second choice). */
  async choose(templateId: string): Promise<void> {
    const p = this.view.picker;
    const hit = p?.hits.find((h) => h.template.id === templateId);
    if (!p || !hit) return;
    if (hit.risky.length > 0 && p.confirm !== templateId) {
      this.set({ picker: { ...p, confirm: templateId } });
      return;
    }
    const ok = await this.insertTemplate(
      hit.template,
      'searched',
      this.pickerOpenedAt,
      this.pickerConversation,
    );
    if (ok) this.closePicker(false);
  }

  /**
   * What a template would put in the reply box now (the open customer's nick, the order number…
   * filled in), as the picker's hits show it; '' for an unknown template. Asked on hover, not per
   * message.
   */
  preview(templateId: string): string {
    const t = this.deps.templates().list.find((x) => x.id === templateId);
    return t ? renderTemplate(t.body, this.deps.values(), new Date(this.now())).text : '';
  }

  /** One click on a suggestion (or the ready answer to a risky ask) inserts it. */
  async useSuggestion(templateId: string): Promise<void> {
    const t = this.deps.templates().list.find((x) => x.id === templateId);
    if (!t) return;
    const box = this.box();
    this.pickerRange = box ? draftSelection(box) : null;
    await this.insertTemplate(t, 'suggested', this.suggestedAt, this.deps.session.current.activeConversation);
  }

  private async insertTemplate(
    t: Template,
    via: 'suggested' | 'searched',
    since: number,
    conversation: string | null,
  ): Promise<boolean> {
    if (this.deps.session.current.activeConversation !== conversation) {
      this.set({ picker: null, notice: { kind: 'error', text: this.deps.text('conversationChanged') } });
      return false;
    }
    const box = this.box();
    if (!box) {
      this.set({ notice: { kind: 'error', text: this.deps.text('noReplyBox') } });
      return false;
    }
    const rendered = renderTemplate(t.body, this.deps.values(), new Date(this.now()));
    const range = this.pickerRange ?? undefined;
    const result = await insertText(box, rendered.text, range, rendered.caret);
    if (!result.ok) {
      await navigator.clipboard?.writeText(rendered.text).catch(() => undefined);
      this.set({
        notice: { kind: 'error', text: `${this.deps.text('insertFailed')} ${this.deps.text('copied')}` },
      });
      return false;
    }
    const offset = range?.start ?? readDraft(box).length - rendered.text.length;
    const gap = rendered.gaps[0];
    if (gap) selectDraft(box, offset + gap.start, offset + gap.end);
    this.deps.onUse(t.id);
    const base = this.deps.session.eventBase(`template|${t.id}|${this.now()}`);
    if (base) {
      this.deps.log({
        ...base,
        id: `${base.id}-${crypto.randomUUID().slice(0, 8)}`,
        type: 'template-used',
        t: this.now(),
        templateId: t.id,
        via,
        msToInsert: Math.max(0, this.now() - since),
      });
    }
    this.set({ notice: null });
    this.rescan(box, readDraft(box));
    return true;
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  // ————— plumbing —————

  private logViolation(action: ViolationEvent['action'], f: Finding): void {
    const base = this.deps.session.eventBase(`violation|${action}|${f.ruleId}|${this.now()}`);
    if (!base) return;
    this.deps.log({
      ...base,
      id: `${base.id}-${crypto.randomUUID().slice(0, 8)}`,
      type: 'violation',
      t: this.now(),
      action,
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
    });
  }

  private urgent = false;

  private set(patch: Partial<AssistView>): void {
    this.view = { ...this.view, ...patch };
    this.deps.onView(this.view, this.urgent);
  }

  /** Our failures never stand between the agent and the send. */
  private safely(work: () => void, urgent = false): void {
    this.urgent = urgent;
    try {
      work();
    } catch (e) {
      console.warn('[KefuGuard] reply assistant stepped aside:', e);
    } finally {
      this.urgent = false;
    }
  }
}

function uniqueRules(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.ruleId) && seen.add(f.ruleId));
}
