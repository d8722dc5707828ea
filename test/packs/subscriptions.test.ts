/** Refreshing a subscribed pack: ETags, newer versions, and failures that keep the installed one. */
import { describe, expect, test } from 'vitest';
import type { InstalledPack, Pack } from '../../utils/pack-model';
import { type FetchLike, refreshInstalled } from '../../utils/pack-subscriptions';

const URL_ = 'https://packs.example.com/team.json';
const pack = (updated: string, body = '您好'): Pack => ({
  format: 'kefu-guard-pack',
  version: 1,
  id: 'team',
  name: '团队',
  updated,
  templates: [{ id: 'hi', title: '问候', body, group: '售前' }],
});
const installed = (p = pack('2026-11-01'), etag: string | null = '"v1"'): InstalledPack => ({
  pack: p,
  enabled: false,
  source: { kind: 'url', url: URL_, etag },
  installedAt: 1,
});

function server(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: RequestInit[] = [];
  const fetch: FetchLike = async (_url, init) => {
    calls.push(init);
    return new Response(status === 304 ? null : body, { status, headers });
  };
  return { fetch, calls };
}
const NOW = 1_800_000_000_000;

describe('refresh', () => {
  test('304 Not Modified: unchanged; the ETag was sent', async () => {
    const s = server(304, '');
    const { next, outcome } = await refreshInstalled(installed(), { fetch: s.fetch, now: NOW });
    expect(outcome.kind).toBe('unchanged');
    expect((s.calls[0]?.headers as Record<string, string> | undefined)?.['If-None-Match']).toBe('"v1"');
    expect(next.source).toMatchObject({ lastChecked: NOW, lastError: null, etag: '"v1"' });
  });

  test('a newer version replaces the pack and keeps its new ETag; the on/off state stays', async () => {
    const s = server(200, JSON.stringify(pack('2026-11-02', '您好，新版')), { etag: '"v2"' });
    const { next, outcome } = await refreshInstalled(installed(), { fetch: s.fetch, now: NOW });
    expect(outcome.kind).toBe('updated');
    expect(next.pack.templates?.[0]?.body).toBe('您好，新版');
    expect(next.source.etag).toBe('"v2"');
    expect(next.enabled).toBe(false);
  });

  test('the same pack again (a server without ETags): unchanged', async () => {
    const s = server(200, JSON.stringify(pack('2026-11-01')));
    const { next, outcome } = await refreshInstalled(installed(pack('2026-11-01'), null), {
      fetch: s.fetch,
      now: NOW,
    });
    expect(outcome.kind).toBe('unchanged');
    expect(next.pack).toEqual(pack('2026-11-01'));
  });

  test.each([
    ['same date', '2026-11-01'],
    ['older date', '2026-10-01'],
  ])(
    'changed content with the %s: kept, says so, ETag not stored; replaced when forced',
    async (_l, updated) => {
      const s = server(200, JSON.stringify(pack(updated, '改过的')), { etag: '"v9"' });
      const first = await refreshInstalled(installed(), { fetch: s.fetch, now: NOW });
      expect(first.outcome.kind).toBe('not-newer');
      expect(first.next.pack).toEqual(pack('2026-11-01'));
      expect(first.next.source.etag).toBe('"v1"');
      expect(first.next.source.lastError?.zh).toContain(updated);
      const forced = await refreshInstalled(installed(), { fetch: s.fetch, now: NOW, force: true });
      expect(forced.outcome.kind).toBe('updated');
      expect(forced.next.pack.templates?.[0]?.body).toBe('改过的');
      // a forced refresh asks for the body, not a 304
      expect((s.calls[1]?.headers as Record<string, string> | undefined)?.['If-None-Match']).toBeUndefined();
    },
  );

  test.each([
    [
      'an invalid pack',
      200,
      JSON.stringify({ ...pack('2026-12-01'), templates: [{ id: 'x', title: 'x' }] }),
      'templates[0].body',
    ],
    ['invalid JSON', 200, '<html>502 Bad Gateway</html>', 'JSON'],
    ['another pack id', 200, JSON.stringify({ ...pack('2026-12-01'), id: 'other' }), 'other'],
    ['a server error', 500, 'oops', '500'],
    ['not found', 404, '', '404'],
  ])('%s: the installed version stays and lastError says why', async (_l, status, body, says) => {
    const s = server(status, body);
    const before = installed();
    const { next, outcome } = await refreshInstalled(before, { fetch: s.fetch, now: NOW });
    expect(outcome.kind).toBe('error');
    expect(next.pack).toEqual(before.pack);
    expect(next.source.etag).toBe('"v1"');
    expect(next.source.lastChecked).toBe(NOW);
    expect(`${next.source.lastError?.zh} ${next.source.lastError?.en}`).toContain(says);
  });

  test('a network failure: the same', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const { next, outcome } = await refreshInstalled(installed(), { fetch, now: NOW });
    expect(outcome.kind).toBe('error');
    expect(next.source.lastError?.en).toContain('Failed to fetch');
  });

  test('a Content-Length over 2 MB is refused before reading', async () => {
    const s = server(200, '{}', { 'content-length': String(3 * 1024 * 1024) });
    const { outcome } = await refreshInstalled(installed(), { fetch: s.fetch, now: NOW });
    expect(outcome.kind === 'error' && outcome.issues[0]?.code).toBe('too-large');
  });

  test('a good refresh after a failed one clears the error', async () => {
    const failed = (await refreshInstalled(installed(), { fetch: server(500, '').fetch, now: NOW })).next;
    expect(failed.source.lastError).not.toBeNull();
    const ok = await refreshInstalled(failed, { fetch: server(304, '').fetch, now: NOW + 1 });
    expect(ok.next.source.lastError).toBeNull();
  });
});
