/** CSV (UTF-8, GBK, UTF-16, quoted fields), plain text, and subscription URLs. */
import { describe, expect, test } from 'vitest';
import {
  decodeBytes,
  guessMapping,
  packFromTemplates,
  packIdFrom,
  parseCsv,
  sniffDelimiter,
  subscriptionUrlIssue,
  templatesFromCsv,
  templatesFromLines,
} from '../../utils/pack-import';
import { validatePack } from '../../utils/pack-schema';
import { encodeGbk } from '../support/gbk';

const CSV = [
  '标题,话术内容,分类,标签,快捷码',
  '退货说明,"亲，七天无理由退货的，运费按规则承担～",退换货,退货 运费,th',
  '发货延迟,"非常抱歉，""明天""一定发出，',
  '请您再等等",物流,,',
  ',,,,',
].join('\r\n');

describe('decoding', () => {
  test('UTF-8 without a BOM', () => {
    expect(decodeBytes(new TextEncoder().encode(CSV))).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  test('UTF-8 with a BOM (Excel "CSV UTF-8"): the BOM is dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]);
    expect(decodeBytes(bytes)).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  test('GBK (Excel and WPS on Chinese Windows)', () => {
    const bytes = encodeGbk(CSV);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeBytes(bytes)).toEqual({ text: CSV, encoding: 'gbk' });
  });

  test('GBK that happens to hold only ASCII is read as UTF-8, the same text', () => {
    expect(decodeBytes(encodeGbk('title,body\nhi,hello')).text).toBe('title,body\nhi,hello');
  });

  test('UTF-16 LE with a BOM (Excel "Unicode text")', () => {
    const text = '标题\t内容\n问候\t您好';
    const units = new Uint16Array([0xfeff, ...Array.from(text, (c) => c.charCodeAt(0))]);
    expect(decodeBytes(new Uint8Array(units.buffer))).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('CSV', () => {
  test('quoted fields hold delimiters, quotes and line breaks; empty rows are skipped', () => {
    const rows = parseCsv(CSV);
    expect(rows).toHaveLength(4);
    expect(rows[2]?.[1]).toBe('非常抱歉，"明天"一定发出，\r\n请您再等等');
  });

  test('the delimiter is sniffed: comma, tab, semicolon', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(parseCsv('标题\t内容\n问候\t您好')).toEqual([
      ['标题', '内容'],
      ['问候', '您好'],
    ]);
  });

  test('the mapping is guessed from Chinese or English headers', () => {
    expect(guessMapping(['标题', '话术内容', '分类', '标签', '快捷码'])).toEqual({
      title: 0,
      body: 1,
      group: 2,
      tags: 3,
      keywords: -1,
      shortcut: 4,
      id: -1,
    });
    expect(guessMapping(['ID', 'Title', 'Text', 'Keywords'])).toMatchObject({
      id: 0,
      title: 1,
      body: 2,
      keywords: 3,
    });
    // nothing recognisable: the last column is the body, the agent maps the rest on screen
    expect(guessMapping(['a', 'b'])).toMatchObject({ body: 1, title: -1 });
  });

  test('templates from GBK CSV rows, with the mapping, validate as a pack', () => {
    const rows = parseCsv(decodeBytes(encodeGbk(CSV)).text);
    const templates = templatesFromCsv(rows, guessMapping(rows[0] ?? []));
    expect(templates).toHaveLength(2);
    expect(templates[0]).toMatchObject({
      title: '退货说明',
      body: '亲，七天无理由退货的，运费按规则承担～',
      group: '退换货',
      tags: ['退货', '运费'],
      shortcut: '/th',
    });
    expect(templates[1]?.body).toBe('非常抱歉，"明天"一定发出，\n请您再等等');
    expect(templates[0]?.id).toMatch(/^csv-[0-9a-z]+$/);
    // same text, same id: importing the file again replaces rather than duplicates
    expect(templatesFromCsv(rows, guessMapping(rows[0] ?? []))[0]?.id).toBe(templates[0]?.id);
    const check = validatePack(packFromTemplates('团队话术.csv', templates, Date.UTC(2026, 10, 1)));
    expect(check.ok).toBe(true);
  });

  test('a title is made from the body when no column holds one', () => {
    const rows = parseCsv('内容\n这是一条非常非常长的话术内容，超过了十六个字的标题长度限制');
    const [t] = templatesFromCsv(rows, guessMapping(rows[0] ?? []));
    expect(t?.title).toBe('这是一条非常非常长的话术内容，…');
  });

  test('repeated ids are made unique', () => {
    const rows = parseCsv('编号,内容\nx,一\nx,二');
    expect(templatesFromCsv(rows, guessMapping(rows[0] ?? [])).map((t) => t.id)).toEqual(['x', 'x-2']);
  });
});

describe('plain text: one reply per line', () => {
  test('blank lines and repeats are skipped; titles come from the text', () => {
    const templates = templatesFromLines('亲，在的～\r\n\r\n  马上为您查询  \n亲，在的～\n');
    expect(templates.map((t) => t.body)).toEqual(['亲，在的～', '马上为您查询']);
    expect(templates[1]?.title).toBe('马上为您查询');
    expect(validatePack(packFromTemplates('粘贴的话术', templates, Date.UTC(2026, 0, 5))).ok).toBe(true);
  });

  test('pack ids from file names', () => {
    expect(packIdFrom('Team Replies.csv')).toBe('import-team-replies');
    expect(packIdFrom('团队话术.csv')).toMatch(/^import-[0-9a-z]+$/);
  });
});

describe('subscription URLs', () => {
  test.each([
    ['https://packs.example.com/team.json', false, null],
    ['http://packs.example.com/team.json', false, 'url-https'],
    ['http://127.0.0.1:8080/p.json', false, 'url-https'],
    ['http://127.0.0.1:8080/p.json', true, null],
    ['http://localhost/p.json', true, null],
    ['http://example.com/p.json', true, 'url-https'],
    ['javascript:alert(1)', true, 'url-https'],
    ['file:///etc/passwd', true, 'url-https'],
    ['https://user:pw@example.com/p.json', false, 'url-invalid'],
    ['not a url', false, 'url-invalid'],
  ])('%s (local http %s) → %s', (url, local, code) => {
    expect(subscriptionUrlIssue(url, local)?.code ?? null).toBe(code);
  });
});
