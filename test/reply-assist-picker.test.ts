/**
 * The template picker's choices as the agent makes them: Enter takes what is selected for the
 * query typed so far, even before the list on screen caught up; a risky template goes in only on
 * its second choice.
 */
import { describe, expect, test } from 'vitest';
import type { ConsoleSession } from '../utils/console-session';
import { type AssistView, ReplyAssist } from '../utils/reply-assist';
import { createScanner } from '../utils/rules';
import { type Template, TemplateIndex, type VariableValues } from '../utils/templates';

const templates: Template[] = [
  { id: 'after-sale', title: '售后流程', body: '亲，售后请点申请退换', group: '售后' },
  { id: 'risky-wechat', title: '加微信售后', body: '亲，加我微信，售后更方便', group: '售后' },
  { id: 'invoice', title: '发票说明', body: '亲，发票随货寄出', group: '发票' },
  { id: 'order', title: '核对订单', body: '{买家昵称}亲，订单{订单号}的{商品名}已发出{光标}', group: '物流' },
];

function picker(values: VariableValues = {}) {
  const scanner = createScanner([
    {
      id: 'wechat',
      category: 'off-platform',
      severity: 'block',
      phrases: ['微信'],
      reason: '引导站外',
      reasonEn: 'off-platform',
    },
  ]);
  const index = new TemplateIndex(templates);
  const painted: AssistView[] = [];
  const session = {
    current: { activeConversation: 'c1' },
    console: null,
    eventBase: () => null,
  } as unknown as ConsoleSession;
  const assist = new ReplyAssist({
    document: {} as Document,
    session,
    scanner: () => scanner,
    templates: () => ({ list: templates, index }),
    values: () => values,
    uses: new Map(),
    onUse: () => undefined,
    log: () => undefined,
    onView: (v) => painted.push(v),
    text: (k) => k,
    signal: new AbortController().signal,
    now: () => 1_000_000,
  });
  return { assist, painted };
}

describe('the template picker', () => {
  test('each hit previews the text it would insert now: values filled in, missing ones as gaps', () => {
    const { assist } = picker({ 买家昵称: 'tb_小鱼儿88', 订单号: '2257217513252928111', 商品名: null });
    assist.openPicker();
    assist.setQuery('核对订单');
    const hit = assist.current.picker?.hits[0];
    expect(hit?.template.id).toBe('order');
    expect(hit?.preview).toBe('tb_小鱼儿88亲，订单2257217513252928111的【商品名】已发出');
  });

  test('a suggestion chip previews the same way, asked by id (its hover text); an unknown id has none', () => {
    const { assist } = picker({ 买家昵称: 'tb_小鱼儿88', 订单号: null });
    expect(assist.preview('order')).toBe('tb_小鱼儿88亲，订单【订单号】的【商品名】已发出');
    expect(assist.preview('invoice')).toBe('亲，发票随货寄出');
    expect(assist.preview('gone')).toBe('');
  });

  test('Enter takes the selection for the whole query, not for the keys the list last showed', async () => {
    const { assist } = picker();
    assist.openPicker();
    assist.setQuery('售后');
    // what the list showed for the first keys: the safe template first
    expect(assist.current.picker?.hits[0]?.template.id).toBe('after-sale');
    // the last keys land before the list is drawn again; Enter comes at once
    assist.setQuery('加微信售后');
    await assist.chooseSelected();
    expect(assist.current.picker?.confirm).toBe('risky-wechat');
  });

  test('a risky template needs a second choice; moving the selection asks again', async () => {
    const { assist } = picker();
    assist.openPicker();
    assist.setQuery('微信');
    expect(assist.current.picker?.hits.map((h) => h.template.id)).toEqual(['risky-wechat']);
    expect(assist.current.picker?.hits[0]?.risky.map((f) => f.text)).toEqual(['微信']);
    await assist.chooseSelected();
    expect(assist.current.picker?.confirm).toBe('risky-wechat');
    assist.move(1);
    expect(assist.current.picker?.confirm).toBeNull();
    await assist.chooseSelected();
    expect(assist.current.picker?.confirm).toBe('risky-wechat');
    // the second choice goes on to insert: with no reply box found, the agent is told so
    await assist.chooseSelected();
    expect(assist.current.notice).toEqual({ kind: 'error', text: 'noReplyBox' });
  });

  test('with nothing found, Enter does nothing', async () => {
    const { assist, painted } = picker();
    assist.openPicker();
    assist.setQuery('不存在的话术');
    expect(assist.current.picker?.hits).toEqual([]);
    const before = painted.length;
    await assist.chooseSelected();
    expect(painted.length).toBe(before);
    expect(assist.current.notice).toBeNull();
  });
});
