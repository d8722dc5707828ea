/**
 * Refreshing a pack subscribed to from a URL (no storage, no `browser`: the fetch is passed in).
 *
 * One refresh asks the URL with If-None-Match (the ETag of the installed version):
 * - 304, or the same pack again → unchanged;
 * - a valid pack with the same id and a newer `updated` date → it replaces the installed one;
 * - anything else (a network or HTTP error, an invalid pack, another id, a date not newer) keeps
 *   the installed version and says why in `source.lastError`. A pack that is valid but not newer
 *   replaces the installed one only when the agent confirmed (`force`, from the update button).
 * `source.lastChecked` records every attempt.
 */

import type { InstalledPack, Pack, SourceError } from './pack-model';
import {
  formatIssue,
  makeIssue,
  PACK_LIMITS,
  type PackIssue,
  parsePackText,
  type ValidateOptions,
} from './pack-schema';

/** How often subscriptions are refreshed. */
export const REFRESH_MINUTES = 6 * 60;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type RefreshOutcome =
  | { kind: 'unchanged' }
  | { kind: 'updated'; pack: Pack }
  /** Valid, but dated the same or older than the installed version: kept unless confirmed. */
  | { kind: 'not-newer'; pack: Pack }
  | { kind: 'error'; error: SourceError; issues: PackIssue[] };

export interface RefreshOptions extends ValidateOptions {
  fetch: FetchLike;
  now: number;
  /** Install a valid version even when it is not newer (the agent said yes). */
  force?: boolean;
  timeoutMs?: number;
}

/** A pack's issues as one message for the pack list: the first issue, and how many more. */
export function summariseIssues(issues: readonly PackIssue[], total = issues.length): SourceError {
  const first = issues[0];
  if (!first) return { zh: '', en: '' };
  const more = total - 1;
  return {
    zh: formatIssue(first, 'zh-CN') + (more > 0 ? `（另有 ${more} 个问题）` : ''),
    en: formatIssue(first, 'en') + (more > 0 ? ` (and ${more} more)` : ''),
  };
}

const sameContent = (a: Pack, b: Pack) => JSON.stringify(a) === JSON.stringify(b);

/** Downloads the pack text, or says why not. */
export async function downloadPack(
  url: string,
  etag: string | null | undefined,
  options: Pick<RefreshOptions, 'fetch' | 'timeoutMs'>,
): Promise<
  | { kind: 'not-modified' }
  | { kind: 'text'; text: string; etag: string | null }
  | { kind: 'error'; issue: PackIssue }
> {
  let res: Response;
  try {
    res = await options.fetch(url, {
      cache: 'no-cache',
      credentials: 'omit',
      redirect: 'follow',
      headers: etag ? { 'If-None-Match': etag } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
  } catch (e) {
    return {
      kind: 'error',
      issue: makeIssue('', 'fetch-failed', { detail: e instanceof Error ? e.message : String(e) }),
    };
  }
  if (res.status === 304) return { kind: 'not-modified' };
  if (!res.ok)
    return {
      kind: 'error',
      issue: makeIssue('', 'http-status', { status: `${res.status} ${res.statusText}`.trim() }),
    };
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > PACK_LIMITS.bytes)
    return {
      kind: 'error',
      issue: makeIssue('', 'too-large', { size: `${(length / 1024 / 1024).toFixed(1)} MB` }),
    };
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    return {
      kind: 'error',
      issue: makeIssue('', 'fetch-failed', { detail: e instanceof Error ? e.message : String(e) }),
    };
  }
  return { kind: 'text', text, etag: res.headers.get('etag') };
}

/** Refreshes one subscribed pack; returns the installed entry to store and what happened. */
export async function refreshInstalled(
  installed: InstalledPack,
  options: RefreshOptions,
): Promise<{ next: InstalledPack; outcome: RefreshOutcome }> {
  const url = installed.source.url;
  const checked = { ...installed.source, lastChecked: options.now };
  const failed = (issues: PackIssue[], total = issues.length) => {
    const error = summariseIssues(issues, total);
    return {
      next: { ...installed, source: { ...checked, lastError: error } },
      outcome: { kind: 'error', error, issues } as RefreshOutcome,
    };
  };
  if (installed.source.kind !== 'url' || !url) return failed([makeIssue('', 'url-invalid')]);

  // a forced refresh asks for the body even if the ETag matches
  const got = await downloadPack(url, options.force ? null : installed.source.etag, options);
  if (got.kind === 'error') return failed([got.issue]);
  if (got.kind === 'not-modified')
    return {
      next: { ...installed, source: { ...checked, lastError: null } },
      outcome: { kind: 'unchanged' },
    };

  const check = parsePackText(got.text, options);
  if (!check.ok) return failed(check.issues, check.total);
  const pack = check.pack;
  if (pack.id !== installed.pack.id)
    return failed([makeIssue('', 'id-changed', { id: pack.id, old: installed.pack.id })]);
  if (sameContent(pack, installed.pack))
    return {
      next: { ...installed, source: { ...checked, etag: got.etag, lastError: null } },
      outcome: { kind: 'unchanged' },
    };
  if (pack.updated > installed.pack.updated || options.force)
    return {
      next: { ...installed, pack, source: { ...checked, etag: got.etag, lastError: null } },
      outcome: { kind: 'updated', pack },
    };
  // not newer: keep the installed version, and not its ETag, so the next check sees this body again
  const issue = makeIssue('', 'not-newer', { date: pack.updated, old: installed.pack.updated });
  const error = summariseIssues([issue]);
  return {
    next: { ...installed, source: { ...checked, lastError: error } },
    outcome: { kind: 'not-newer', pack },
  };
}
