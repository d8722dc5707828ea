// KefuGuard demo merchant chat console: a self-contained imitation of a 千牛/飞鸽-style web workbench
// with a seeded customer simulator. Used by `npm run demo`, the e2e tests and the benchmarks.
//
// DOM contract (read by utils/consoles/demo.ts, keep stable): .kd-app > .kd-conv-list > li.kd-conv
// [data-conv-id] with .kd-conv-nick/.kd-conv-last/.kd-conv-time/.kd-conv-unread; section.kd-thread
// [data-conv-id] with .kd-thread-nick and .kd-msg-list > .kd-msg[data-msg-id][data-time] holding
// .kd-msg-text and .kd-msg-time; textarea.kd-reply#kd-reply; button.kd-send; .kd-order-no.
//
// Message text and nicks are data: they only ever reach the DOM through textContent.
//
// URL parameters: seed, speed, sim=off, customers, convs + msgs (benchmark pre-fill), history=0|1,
// sendkey=ctrl (Ctrl+Enter sends, Enter breaks the line), waits=1 (each waiting customer's row shows
// 「等待 m:ss」, rewritten every second, as 千牛's does), times=off (messages carry no data-time, as
// on a console that gives no timestamps).
import {
  AGENT,
  AGENT_POOL,
  BOT_GREETING,
  COURIERS,
  CUSTOMER_POOL,
  LEVELS,
  NICK_PARTS,
  PAST_CHATS,
  PERSONAS,
  PRODUCTS,
  QUICK_PHRASES,
  REGIONS,
  SHOP,
  SOURCES,
} from './scripts.js';

// ---------------------------------------------------------------------------------------------
// Parameters and seeded randomness

const params = new URLSearchParams(location.search);
function numParam(name, fallback, min, max) {
  const raw = params.get(name);
  const v = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}
const SEED = Math.trunc(numParam('seed', 42, 0, 2 ** 32 - 1));
const SPEED = numParam('speed', 1, 0.01, 1000);
const SIM_ON = params.get('sim') !== 'off';
const CUSTOMERS = Math.trunc(numParam('customers', 6, 0, 60));
const BENCH_CONVS = Math.trunc(numParam('convs', 0, 0, 1000));
const BENCH_MSGS = Math.trunc(numParam('msgs', 20, 0, 1000));
// Pre-built conversations when the page opens: on by default, off with sim=off or a benchmark.
const HISTORY = params.has('history') ? params.get('history') !== '0' : SIM_ON && BENCH_CONVS === 0;
// Each waiting customer's row shows how long they have waited, rewritten every second (as 千牛's does).
const WAIT_LABELS = params.get('waits') === '1';
// Messages carry their time (data-time), unless the console is to give none.
const MESSAGE_TIMES = params.get('times') !== 'off';

/** mulberry32: a tiny, good-enough 32-bit PRNG, so that a seed replays the same run. */
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const between = (lo, hi) => lo + rand() * (hi - lo);
const randInt = (lo, hi) => Math.floor(between(lo, hi + 1));
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const chance = (p) => rand() < p;
const SEC = 1000;

// ---------------------------------------------------------------------------------------------
// Small helpers

const pad = (n) => String(n).padStart(2, '0');
function hhmm(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function hhmmss(ms) {
  const d = new Date(ms);
  return `${hhmm(ms)}:${pad(d.getSeconds())}`;
}

/** createElement + class + textContent: the only way text gets into the page. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const AVATAR_COLOURS = [
  '#5b8ff9',
  '#f6903d',
  '#5ad8a6',
  '#e8684a',
  '#9270ca',
  '#269a99',
  '#ff9d4d',
  '#6dc8ec',
];
function avatarColour(nick) {
  let h = 0;
  for (const ch of nick) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return AVATAR_COLOURS[h % AVATAR_COLOURS.length];
}
/** First meaningful character of a nick (platform prefixes like tb_ skipped), for avatars. */
function initial(nick) {
  const bare = nick.replace(/^(tb|jd|dy|momo|pdd)_/i, '') || nick;
  return (Array.from(bare)[0] ?? '?').toUpperCase();
}
function avatar(nick, className = 'kd-avatar') {
  const a = el('span', className, initial(nick));
  a.style.backgroundColor = avatarColour(nick);
  a.setAttribute('aria-hidden', 'true');
  return a;
}
function orderNumber() {
  let s = String(randInt(1, 4));
  while (s.length < 19) s += String(randInt(0, 9));
  return s;
}

// ---------------------------------------------------------------------------------------------
// State

/** @type {Map<string, any>} conversation id -> conversation */
const convs = new Map();
let activeId = null;
let msgSeq = 0;
let convSeq = 0;
const responseTimes = []; // ms from a round's first unanswered customer message to its answer

const $ = (sel) => document.querySelector(sel);
const ui = {
  app: $('.kd-app'),
  list: $('.kd-conv-list'),
  listCount: $('.kd-list-count'),
  search: $('.kd-search'),
  thread: $('.kd-thread'),
  threadNick: $('.kd-thread-nick'),
  threadTag: $('.kd-thread-tag'),
  threadSource: $('.kd-thread-source'),
  msgList: $('.kd-msg-list'),
  empty: $('.kd-empty'),
  reply: $('#kd-reply'),
  send: $('.kd-send'),
  counter: $('.kd-counter'),
  phrases: $('.kd-phrases'),
  phrasesBtn: $('.kd-tool--phrases'),
  side: $('.kd-side'),
  stats: {
    served: $('[data-stat="served"]'),
    waiting: $('[data-stat="waiting"]'),
    avg: $('[data-stat="avg"]'),
  },
};

const regionOf = ([region, address]) => ({ region, address });

function newConversation({ id, nick, product, status, level, placedAgo, source } = {}) {
  let convId = id === undefined ? '' : String(id);
  while (convId === '' || (id === undefined && convs.has(convId))) {
    convSeq += 1;
    convId = `conv-${convSeq}`;
  }
  const name = nick ? String(nick) : `买家${convId}`;
  const prod = PRODUCTS[(product ?? randInt(0, PRODUCTS.length - 1)) % PRODUCTS.length];
  const orderStatus = status ?? pick(['待付款', '待发货', '已发货', '已签收']);
  const conv = {
    id: convId,
    nick: name,
    level: level ?? pick(LEVELS),
    ...regionOf(pick(REGIONS)),
    source: source ?? pick(SOURCES),
    purchases: randInt(0, 6),
    order: {
      no: orderNumber(),
      product: prod,
      qty: 1,
      status: orderStatus,
      placedAt: Date.now() - (placedAgo ?? randInt(1, 72) * 3600 * SEC),
      courier: pick(COURIERS),
      tracking: `7${Array.from({ length: 13 }, () => randInt(0, 9)).join('')}`,
    },
    msgs: [],
    unread: 0,
    waitingSince: null,
    draft: '',
    row: null,
  };
  convs.set(convId, conv);
  return conv;
}

/** Records a message in a conversation's data (no DOM). */
function recordMessage(conv, from, text, { time = Date.now(), bot = false } = {}) {
  msgSeq += 1;
  const msg = { id: `msg-${msgSeq}`, from, bot, time, text: String(text) };
  conv.msgs.push(msg);
  if (from === 'customer') {
    if (conv.waitingSince === null) conv.waitingSince = time;
  } else if (from === 'agent' && conv.waitingSince !== null) {
    responseTimes.push(Math.max(0, time - conv.waitingSince));
    conv.waitingSince = null;
  }
  return msg;
}

/** Records a message and updates the page: thread, row, badges, stats. */
function addMessage(conv, from, text, opts = {}) {
  const msg = recordMessage(conv, from, text, opts);
  if (!conv.row) insertRow(conv, true);
  if (conv.id === activeId) {
    ui.msgList.append(messageNode(conv, msg));
    scrollToBottom();
  } else if (from === 'customer') {
    conv.unread += 1;
  }
  if (from !== 'agent' && conv.row !== ui.list.firstElementChild) ui.list.prepend(conv.row);
  updateRow(conv);
  updateStats();
  window.dispatchEvent(
    new CustomEvent('kefu-demo:message', { detail: { convId: conv.id, id: msg.id, from: msg.from } }),
  );
  return msg;
}

// ---------------------------------------------------------------------------------------------
// Rendering: conversation list

function buildRow(conv) {
  const li = el('li', 'kd-conv');
  li.dataset.convId = conv.id;
  li.tabIndex = 0;
  const body = el('div', 'kd-conv-body');
  const top = el('div', 'kd-conv-top');
  const nick = el('span', 'kd-conv-nick', conv.nick);
  nick.title = conv.nick;
  top.append(nick);
  if (WAIT_LABELS) top.append(el('span', 'kd-conv-wait'));
  top.append(el('span', 'kd-conv-time'));
  const bottom = el('div', 'kd-conv-bottom');
  const unread = el('span', 'kd-conv-unread', '0');
  unread.hidden = true;
  bottom.append(el('span', 'kd-conv-last'), unread);
  body.append(top, bottom);
  const av = el('div', 'kd-conv-avatar');
  av.append(avatar(conv.nick));
  li.append(av, body);
  conv.row = li;
  updateRow(conv);
  return li;
}

function insertRow(conv, atTop) {
  const li = buildRow(conv);
  if (atTop) ui.list.prepend(li);
  else ui.list.append(li);
  applyFilter(li);
}

function preview(msg) {
  if (!msg) return '';
  const text = msg.text.replace(/\s+/g, ' ');
  if (msg.from === 'agent') return `${msg.bot ? '[机器人] ' : ''}${text}`;
  if (msg.from === 'system') return `[系统] ${text}`;
  return text;
}

function updateRow(conv) {
  const li = conv.row;
  if (!li) return;
  const last = conv.msgs[conv.msgs.length - 1];
  const active = conv.id === activeId;
  li.classList.toggle('is-active', active);
  li.setAttribute('aria-selected', String(active));
  li.classList.toggle('is-waiting', conv.waitingSince !== null);
  li.querySelector('.kd-conv-last').textContent = preview(last);
  li.querySelector('.kd-conv-time').textContent = last ? hhmm(last.time) : '';
  const badge = li.querySelector('.kd-conv-unread');
  badge.textContent = String(conv.unread);
  badge.hidden = conv.unread === 0;
  updateWait(conv, Date.now());
}

/** 「等待 2:16」 on a waiting customer's row (waits=1), else nothing. */
function updateWait(conv, now) {
  const label = WAIT_LABELS ? conv.row?.querySelector('.kd-conv-wait') : null;
  if (!label) return;
  const s = conv.waitingSince === null ? null : Math.max(0, Math.floor((now - conv.waitingSince) / SEC));
  const text = s === null ? '' : `等待 ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  if (label.textContent !== text) label.textContent = text;
}
if (WAIT_LABELS)
  setInterval(() => {
    const now = Date.now();
    for (const conv of convs.values()) updateWait(conv, now);
  }, 1000);

function applyFilter(li) {
  const q = ui.search.value.trim().toLowerCase();
  const nick = convs.get(li.dataset.convId)?.nick.toLowerCase() ?? '';
  li.classList.toggle('is-filtered', q !== '' && !nick.includes(q));
}

// ---------------------------------------------------------------------------------------------
// Rendering: thread and side panel

function messageNode(conv, msg) {
  const node = el('div', `kd-msg kd-msg--${msg.from}`);
  if (msg.bot) node.classList.add('kd-msg--bot');
  node.dataset.msgId = msg.id;
  if (MESSAGE_TIMES) node.dataset.time = String(msg.time);
  const text = el('div', 'kd-msg-text', msg.text);
  const time = el('span', 'kd-msg-time', hhmmss(msg.time));
  if (msg.from === 'system') {
    node.append(text, time);
    return node;
  }
  const meta = el('div', 'kd-msg-meta');
  const name = msg.from === 'customer' ? conv.nick : msg.bot ? '智能助手小森' : AGENT.name;
  meta.append(el('span', 'kd-msg-name', name));
  if (msg.bot) meta.append(el('span', 'kd-msg-bot-label', '机器人'));
  meta.append(time);
  const row = el('div', 'kd-msg-row');
  row.append(el('div', 'kd-msg-bubble'));
  row.firstChild.append(text);
  if (msg.from === 'agent') {
    const read = el('span', 'kd-msg-read', '未读');
    // The customer "reads" an answer a few seconds after it is sent.
    if (Date.now() - msg.time > 15 * SEC) markRead(read);
    else setTimeout(() => markRead(read), between(3, 12) * (SEC / SPEED));
    row.prepend(read);
  }
  const body = el('div', 'kd-msg-body');
  body.append(meta, row);
  const av = msg.from === 'customer' ? avatar(conv.nick) : avatar(msg.bot ? '小森' : AGENT.short);
  if (msg.bot) {
    av.classList.add('kd-avatar--bot');
    av.style.removeProperty('background-color');
  }
  if (msg.from === 'agent' && !msg.bot) av.style.backgroundColor = '#1677ff';
  av.classList.add('kd-msg-avatar');
  node.append(av, body);
  return node;
}

function markRead(span) {
  span.textContent = '已读';
  span.classList.add('is-read');
}

function scrollToBottom() {
  ui.msgList.scrollTop = ui.msgList.scrollHeight;
}

function renderThread() {
  const conv = activeId === null ? null : convs.get(activeId);
  ui.thread.dataset.convId = conv ? conv.id : '';
  ui.thread.classList.toggle('is-empty', !conv);
  ui.empty.hidden = Boolean(conv);
  ui.threadNick.textContent = conv ? conv.nick : '';
  ui.threadTag.textContent = conv ? threadTag(conv) : '';
  ui.threadSource.textContent = conv ? `来自 ${conv.source}` : '';
  const frag = document.createDocumentFragment();
  if (conv) for (const m of conv.msgs) frag.append(messageNode(conv, m));
  ui.msgList.replaceChildren(frag);
  scrollToBottom();
  renderSide(conv);
}

function threadTag(conv) {
  if (['已签收'].includes(conv.order.status)) return '售后';
  return conv.order.status === '待付款' ? '咨询中' : '已下单';
}

const STATUS_CLASS = { 待付款: 'is-pending', 待发货: 'is-todo', 已发货: 'is-shipped', 已签收: 'is-done' };

/** The customer/order panel, rebuilt for the open conversation. */
function renderSide(conv) {
  const frag = document.createDocumentFragment();
  if (!conv) {
    frag.append(el('div', 'kd-side-empty', '选择一个会话查看客户与订单'));
    ui.side.replaceChildren(frag);
    return;
  }
  const { order } = conv;
  const customer = el('div', 'kd-card kd-customer');
  const head = el('div', 'kd-customer-head');
  const who = el('div', 'kd-customer-who');
  who.append(el('div', 'kd-customer-nick', conv.nick), el('span', 'kd-level', conv.level));
  head.append(avatar(conv.nick, 'kd-avatar kd-avatar--lg'), who);
  const facts = el('dl', 'kd-facts');
  for (const [k, v] of [
    ['会员等级', conv.level],
    ['所在地区', conv.region],
    ['本店成交', `${conv.purchases} 笔`],
    ['咨询来源', conv.source],
  ]) {
    facts.append(el('dt', '', k), el('dd', '', v));
  }
  customer.append(head, facts);

  const card = el('div', 'kd-card kd-order');
  const title = el('div', 'kd-card-title');
  title.append(
    el('span', '', '当前订单'),
    el('span', `kd-status ${STATUS_CLASS[order.status] ?? ''}`, order.status),
  );
  const noRow = el('div', 'kd-order-line');
  const copy = el('button', 'kd-link', '复制');
  copy.type = 'button';
  copy.addEventListener('click', () => navigator.clipboard?.writeText(order.no).catch(() => {}));
  noRow.append(el('span', 'kd-label', '订单号'), el('span', 'kd-order-no', order.no), copy);
  const item = el('div', 'kd-item');
  const thumb = el('div', 'kd-thumb', Array.from(order.product.name)[0]);
  thumb.style.setProperty('--tone', order.product.tone);
  const info = el('div', 'kd-item-info');
  info.append(
    el('div', 'kd-item-name', order.product.name),
    el('div', 'kd-item-sku', order.product.sku),
    el('div', 'kd-item-price', `¥${order.product.price.toFixed(2)} × ${order.qty}`),
  );
  item.append(thumb, info);
  const facts2 = el('dl', 'kd-facts');
  const placed = new Date(order.placedAt);
  const lines = [
    ['实付款', `¥${(order.product.price * order.qty).toFixed(2)}（含运费 ¥0.00）`],
    ['下单时间', `${placed.getMonth() + 1}-${pad(placed.getDate())} ${hhmm(order.placedAt)}`],
    ['收货地址', conv.address],
  ];
  if (order.status === '已发货' || order.status === '已签收')
    lines.push(['物流', `${order.courier} ${order.tracking}`]);
  for (const [k, v] of lines) facts2.append(el('dt', '', k), el('dd', '', v));
  const actions = el('div', 'kd-actions');
  for (const label of ['备注', '修改地址', order.status === '待付款' ? '核对订单' : '查看物流']) {
    const b = el('button', 'kd-btn', label);
    b.type = 'button';
    actions.append(b);
  }
  card.append(title, noRow, item, facts2, actions);

  const tips = el('div', 'kd-card kd-tips');
  tips.append(el('div', 'kd-card-title', '接待提示'));
  for (const t of [
    '3 分钟内回复，保持响应率 ≥ 80%',
    '发票、退换货依法受理，勿承诺好评返现',
    '请勿引导买家站外交易',
  ]) {
    tips.append(el('p', 'kd-tip', t));
  }
  frag.append(customer, card, tips);
  ui.side.replaceChildren(frag);
}

function updateStats() {
  let waiting = 0;
  let unread = 0;
  for (const c of convs.values()) {
    if (c.waitingSince !== null) waiting += 1;
    unread += c.unread;
  }
  ui.stats.served.textContent = String(convs.size);
  ui.stats.waiting.textContent = String(waiting);
  const avg = responseTimes.length ? responseTimes.reduce((a, b) => a + b, 0) / responseTimes.length : null;
  ui.stats.avg.textContent = avg === null ? '—' : `${Math.round(avg / SEC)}秒`;
  ui.listCount.textContent = `(${convs.size})`;
  document.title = `${unread ? `(${unread}) ` : ''}接待中心 - ${SHOP.name}`;
}

// ---------------------------------------------------------------------------------------------
// Actions

function openConversation(id) {
  const conv = convs.get(String(id));
  if (!conv) return false;
  if (conv.id === activeId) {
    // Already open: nothing to re-render, just mark it read.
    conv.unread = 0;
    updateRow(conv);
    updateStats();
    return true;
  }
  const prev = activeId === null ? null : convs.get(activeId);
  if (prev) prev.draft = ui.reply.value;
  activeId = conv.id;
  conv.unread = 0;
  if (prev) updateRow(prev);
  updateRow(conv);
  renderThread();
  // Each conversation keeps its own draft, as the real consoles do.
  ui.reply.value = conv.draft;
  ui.reply.dispatchEvent(new Event('input', { bubbles: true }));
  updateStats();
  return true;
}

/** The one send path: the 发送 button, Enter and kefuDemo.sendAgentMessage all come here. */
function sendAgent(text) {
  const conv = activeId === null ? null : convs.get(activeId);
  const body = String(text ?? '').trim();
  if (!conv || body === '') return null;
  const msg = addMessage(conv, 'agent', body);
  window.dispatchEvent(new CustomEvent('kefu-demo:sent', { detail: { convId: conv.id, id: msg.id } }));
  sim.onAgentReply(conv);
  return msg.id;
}

function sendFromBox() {
  if (sendAgent(ui.reply.value) === null) return;
  ui.reply.value = '';
  ui.reply.dispatchEvent(new Event('input', { bubbles: true }));
  ui.reply.focus();
}

function customerConv(convId, opts = {}) {
  const id = String(convId);
  return convs.get(id) ?? newConversation({ id, nick: opts.nick });
}

/** Opens the conversation if nothing is open yet (so a fresh page always shows a thread). */
function autoOpen(conv) {
  if (activeId === null) openConversation(conv.id);
}

// ---------------------------------------------------------------------------------------------
// Simulator: each customer follows a persona's script with seeded, human-ish timing.
// Times are in simulated ms; the clock advances SPEED× real time and stops while paused.

const sim = {
  clock: 0,
  paused: !SIM_ON,
  last: performance.now(),
  customers: [],

  tick() {
    const now = performance.now();
    if (!this.paused) this.clock += (now - this.last) * SPEED;
    this.last = now;
    if (!this.paused) for (const c of this.customers) this.step(c);
  },

  step(c) {
    if (c.queue.length > 0) {
      if (this.clock < c.queue[0].at) return;
      const item = c.queue.shift();
      if (item.bot) addMessage(c.conv, 'agent', item.text, { bot: true });
      else addMessage(c.conv, 'customer', item.text);
      if (item.bye)
        c.nextAt = null; // said goodbye: quiet from now on
      else if (c.queue.length === 0) this.afterBurst(c);
      return;
    }
    if (c.nextAt === null || this.clock < c.nextAt) return;
    c.nextAt = null;
    if (!c.conv) {
      const p = c.persona;
      c.conv = newConversation({ nick: p.nick, product: p.product, status: p.status });
      addMessage(c.conv, 'system', '买家已进入会话');
      autoOpen(c.conv);
      c.greet = chance(0.4);
    }
    if (c.awaiting) {
      // Still unanswered: nudge, ask the next thing anyway, or keep waiting.
      if (c.nudges < c.persona.nudges.length && chance(0.55)) {
        this.say(c, [c.persona.nudges[c.nudges]]);
        c.nudges += 1;
      } else if (!c.done && chance(0.3)) this.runStep(c);
      else c.nextAt = this.clock + between(40, 90) * SEC;
      return;
    }
    this.runStep(c);
  },

  runStep(c) {
    const step = c.persona.script[c.index];
    if (!step) {
      c.done = true; // the script ran out: this customer goes quiet
      return;
    }
    c.index += 1;
    if (Array.isArray(step)) {
      this.say(c, step);
      c.nudges = 0;
      return;
    }
    addMessage(c.conv, 'system', step.sys);
    if (step.status) {
      c.conv.order.status = step.status;
      if (c.conv.id === activeId) renderSide(c.conv);
    }
    c.nextAt = this.clock + between(8, 30) * SEC;
  },

  /** Queues lines as one burst: the first now, the rest a few seconds apart. */
  say(c, lines) {
    let at = this.clock;
    for (const [i, text] of lines.entries()) {
      if (i > 0) at += between(2, 6) * SEC;
      c.queue.push({ at, text });
      if (c.greet) {
        c.queue.push({ at: at + between(1, 2.5) * SEC, text: BOT_GREETING, bot: true });
        c.greet = false;
      }
    }
  },

  afterBurst(c) {
    c.awaiting = true;
    c.nextAt = this.clock + between(25, 90) * SEC;
  },

  /** Customers write again sooner, and more surely, once the agent has answered. */
  onAgentReply(conv) {
    const c = this.customers.find((x) => x.conv === conv);
    if (!c?.awaiting || c.queue.length > 0) return;
    c.awaiting = false;
    if (c.index >= c.persona.script.length) {
      c.done = true;
      if (!c.byeSent && chance(0.6)) {
        c.byeSent = true;
        c.queue.push({ at: this.clock + between(5, 20) * SEC, text: c.persona.bye, bye: true });
      }
      return;
    }
    c.nextAt = this.clock + (chance(0.85) ? between(8, 40) : between(60, 150)) * SEC;
  },
};

function makeCustomer(persona, startAt) {
  return { persona, conv: null, index: 0, nextAt: startAt, queue: [], awaiting: false, nudges: 0 };
}

/** A persona for customers beyond the scripted ones: a random run of pool questions. */
function genericPersona() {
  const nick = `${pick(NICK_PARTS.prefixes)}${pick(NICK_PARTS.names)}${randInt(1, 999)}`;
  const script = Array.from({ length: randInt(2, 4) }, () =>
    Array.from({ length: chance(0.3) ? 2 : 1 }, () => pick(CUSTOMER_POOL)),
  );
  return { nick, script, nudges: ['在吗', '？'], bye: '好的，谢谢' };
}

// ---------------------------------------------------------------------------------------------
// Initial content

/** The first personas arrive with some history already on screen (times in the past). */
function buildHistory(persona, endAgo) {
  const conv = newConversation({ nick: persona.nick, product: persona.product, status: persona.status });
  const gaps = persona.history.map(() => between(12, 75) * SEC);
  let t = Date.now() - endAgo - gaps.reduce((a, b) => a + b, 0);
  for (const [i, [from, text]] of persona.history.entries()) {
    t += gaps[i];
    recordMessage(conv, from, text, { time: Math.round(t) });
  }
  // Unread = the customer's messages after the last agent answer.
  for (let i = conv.msgs.length - 1; i >= 0 && conv.msgs[i].from !== 'agent'; i -= 1) {
    if (conv.msgs[i].from === 'customer') conv.unread += 1;
  }
  return conv;
}

/** Benchmark pre-fill: N conversations × M alternating messages, a few left unanswered. */
function buildBench(n, m) {
  const now = Date.now();
  for (let i = 0; i < n; i += 1) {
    const nick = `${pick(NICK_PARTS.prefixes)}${pick(NICK_PARTS.names)}${i + 1}`;
    const conv = newConversation({ nick });
    const unanswered = i % 9 === 4;
    let t = now - (i + 1) * between(20, 240) * SEC - m * 40 * SEC;
    for (let j = 0; j < m; j += 1) {
      const k = randInt(0, CUSTOMER_POOL.length - 1);
      const fromCustomer = j % 2 === 0 || (unanswered && j === m - 1);
      t += between(8, 60) * SEC;
      recordMessage(
        conv,
        fromCustomer ? 'customer' : 'agent',
        (fromCustomer ? CUSTOMER_POOL : AGENT_POOL)[k],
        {
          time: Math.round(Math.min(t, now - 1000)),
        },
      );
    }
    if (unanswered) conv.unread = randInt(1, 3);
  }
}

function renderAllRows() {
  const sorted = [...convs.values()].sort((a, b) => (b.msgs.at(-1)?.time ?? 0) - (a.msgs.at(-1)?.time ?? 0));
  const frag = document.createDocumentFragment();
  for (const conv of sorted) frag.append(buildRow(conv));
  ui.list.replaceChildren(frag);
}

function init() {
  const personas = Array.from({ length: CUSTOMERS }, (_, i) => PERSONAS[i] ?? genericPersona());
  if (BENCH_CONVS > 0) buildBench(BENCH_CONVS, BENCH_MSGS);
  let firstHistoric = null;
  let start = between(3, 10) * SEC;
  for (const persona of personas) {
    const c = makeCustomer(persona, null);
    if (HISTORY && persona.history) {
      c.conv = buildHistory(persona, [5, 38, 140][sim.customers.length % 3] * SEC + between(0, 4) * SEC);
      firstHistoric ??= c.conv;
      const last = persona.history.at(-1)[0];
      c.awaiting = last === 'customer';
      c.nextAt = c.awaiting ? between(20, 60) * SEC : between(8, 30) * SEC;
    } else {
      // Customers without history walk in at staggered times.
      c.nextAt = start;
      start += between(6, 30) * SEC;
    }
    sim.customers.push(c);
  }
  if (HISTORY) for (const past of PAST_CHATS) buildHistory(past, past.endAgoMin * 60 * SEC);
  renderAllRows();
  const first = firstHistoric?.id ?? ui.list.firstElementChild?.dataset.convId;
  if (first) openConversation(first);
  else renderThread();
  updateStats();
  setInterval(() => sim.tick(), 100);
}

// ---------------------------------------------------------------------------------------------
// Wiring

// Enter sends and Ctrl/⌘+Enter breaks the line, or with sendkey=ctrl the other way round (千牛
// lets the agent choose); Shift+Enter always breaks the line (the textarea's own)
const SEND_WITH_CTRL = params.get('sendkey') === 'ctrl';
if (SEND_WITH_CTRL) {
  ui.reply.placeholder = '请输入消息，Ctrl+Enter 发送，Enter 换行';
  document.querySelector('.kd-hint').textContent = '按 Ctrl+Enter 发送 · Enter 换行';
}
ui.reply.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.isComposing || e.keyCode === 229) return;
  e.preventDefault();
  if ((e.ctrlKey || e.metaKey) === SEND_WITH_CTRL) sendFromBox();
  else {
    ui.reply.setRangeText('\n', ui.reply.selectionStart, ui.reply.selectionEnd, 'end');
    ui.reply.dispatchEvent(new Event('input', { bubbles: true }));
  }
});
ui.reply.addEventListener('input', () => {
  ui.counter.textContent = `${ui.reply.value.length}/500`;
});
ui.send.addEventListener('click', sendFromBox);
ui.list.addEventListener('click', (e) => {
  const li = e.target.closest('.kd-conv');
  if (li) openConversation(li.dataset.convId);
});
ui.list.addEventListener('keydown', (e) => {
  const li = e.target.closest('.kd-conv');
  if (li && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    openConversation(li.dataset.convId);
  }
});
ui.search.addEventListener('input', () => {
  for (const li of ui.list.children) applyFilter(li);
});

// 快捷短语: clicking a phrase puts it in the reply box (never sends it).
for (const phrase of QUICK_PHRASES) {
  const b = el('button', 'kd-phrase', phrase);
  b.type = 'button';
  b.addEventListener('click', () => {
    const box = ui.reply;
    box.value = box.value ? `${box.value}${phrase}` : phrase;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    ui.phrases.hidden = true;
    box.focus();
  });
  ui.phrases.append(b);
}
ui.phrasesBtn.addEventListener('click', () => {
  ui.phrases.hidden = !ui.phrases.hidden;
});
document.addEventListener('click', (e) => {
  if (!ui.phrases.hidden && !e.target.closest('.kd-phrases, .kd-tool--phrases')) ui.phrases.hidden = true;
});

document.querySelector('.kd-shop-name').textContent = SHOP.name;
document.querySelector('.kd-shop-logo').textContent = SHOP.logo;
document.querySelector('.kd-agent-name').textContent = AGENT.name;

init();

// ---------------------------------------------------------------------------------------------
// Test API (main world)

window.kefuDemo = Object.freeze({
  seed: SEED,
  speed: SPEED,
  addCustomerMessage(convId, text, opts = {}) {
    const conv = customerConv(convId, opts);
    const msg = addMessage(conv, 'customer', text, { time: opts.time ?? Date.now() });
    autoOpen(conv);
    return msg.id;
  },
  addSystemMessage(convId, text) {
    const conv = customerConv(convId);
    const msg = addMessage(conv, 'system', text);
    autoOpen(conv);
    return msg.id;
  },
  addBotMessage(convId, text) {
    const conv = customerConv(convId);
    const msg = addMessage(conv, 'agent', text, { bot: true });
    autoOpen(conv);
    return msg.id;
  },
  sendAgentMessage: (text) => sendAgent(text),
  openConversation: (convId) => openConversation(convId),
  conversations: () =>
    [...ui.list.children].map((li) => {
      const c = convs.get(li.dataset.convId);
      return { id: c.id, nick: c.nick, unread: c.unread, active: c.id === activeId, orderNo: c.order.no };
    }),
  messages: (convId) =>
    (convs.get(String(convId))?.msgs ?? []).map((m) => ({
      id: m.id,
      from: m.from,
      bot: m.bot,
      time: m.time,
      text: m.text,
    })),
  pause() {
    sim.paused = true;
  },
  resume() {
    sim.last = performance.now();
    sim.paused = false;
  },
  get paused() {
    return sim.paused;
  },
});
window.dispatchEvent(new CustomEvent('kefu-demo:ready'));
