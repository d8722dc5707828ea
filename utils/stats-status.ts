/**
 * Whether the background could store the last batch of stats events: set by the worker when a
 * write fails (the disk or the origin's quota is full, most often) and cleared by the next write
 * that succeeds; the popup shows it. Kept in `storage.local`, not IndexedDB, which is what failed.
 */
import { storage } from 'wxt/utils/storage';

export interface StatsWriteError {
  kind: 'quota' | 'other';
  /** The browser's message (English), for the details line. */
  message: string;
  /** When it last happened (epoch ms). */
  at: number;
  /** Events waiting in senders' outboxes for a retry, as of that moment (this batch). */
  pending: number;
}

export const statsWriteErrorItem = storage.defineItem<StatsWriteError | null>('local:stats-write-error', {
  fallback: null,
});
