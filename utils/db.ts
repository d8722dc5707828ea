/**
 * The IndexedDB database, written only by the background worker (the popup reads it).
 *
 * Versioned: UPGRADES[n] takes the schema from version n to n + 1; `openKgDb` runs the steps
 * between the stored version and DB_VERSION in order, in the one upgrade transaction (a step makes
 * its stores and indexes at once and may queue data work, e.g. a migration, behind them). Any
 * open connection closes itself when another context asks for a newer version, so an upgrade is
 * never left blocked by a popup or a worker still on the old schema.
 *
 * - v1 `events` (raw events by id; indexes `by-day`, `by-t`) and `meta`.
 * - v2 `rollups` (per-day sums, `utils/rollups.ts`; index `by-day`), the `by-round` index of
 *   events (`[conv, start]`: answers and breaches only, the events that carry `start`), and the
 *   rollups of the events already stored.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames, unwrap } from 'idb';
import { type KgEvent, localDay, type StoredEvent } from './events';
import { lastDays } from './kpi';
import {
  addEventDelta,
  addRollup,
  dayBounds,
  isEmptyRollup,
  isRoundEvent,
  type Rollup,
  RollupBuilder,
  type RoundEvent,
  roundDay,
} from './rollups';

export const DB_NAME = 'kefu-guard';

export interface KgSchema extends DBSchema {
  events: {
    key: string;
    value: StoredEvent;
    indexes: { 'by-day': string; 'by-t': number; 'by-round': [string, number] };
  };
  rollups: {
    key: string;
    value: Rollup;
    indexes: { 'by-day': string };
  };
  /** Rollups imported from agents' exports for the supervisor's team view (keyed like `rollups`). */
  'team-rollups': {
    key: string;
    value: Rollup;
    indexes: { 'by-day': string };
  };
  meta: { key: string; value: unknown };
}

export type KgDb = IDBPDatabase<KgSchema>;
type UpgradeTx = IDBPTransaction<KgSchema, StoreNames<KgSchema>[], 'versionchange'>;
type UpgradeStep = (db: KgDb, tx: UpgradeTx) => void | Promise<void>;

/** UPGRADES[n] takes a database from version n to n + 1. */
export const UPGRADES: readonly UpgradeStep[] = [
  (db) => {
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by-day', 'day');
    events.createIndex('by-t', 't');
    db.createObjectStore('meta');
  },
  async (db, tx) => {
    const rollups = db.createObjectStore('rollups', { keyPath: 'key' });
    rollups.createIndex('by-day', 'day');
    const events = tx.objectStore('events');
    events.createIndex('by-round', ['conv', 'start']);
    // the rollups of what v1 stored, computed in one pass over the events
    const builder = new RollupBuilder();
    for (let c = await events.openCursor(); c; c = await c.continue()) builder.add(c.value);
    await Promise.all([...builder.result().values()].map((r) => rollups.put(r)));
  },
  (db) => {
    const team = db.createObjectStore('team-rollups', { keyPath: 'key' });
    team.createIndex('by-day', 'day');
  },
];

/** Imported team rollups replace those of the same day, agent, console and platform (idempotent). */
export async function putTeamRollups(db: KgDb, rollups: readonly Rollup[]): Promise<void> {
  const tx = db.transaction('team-rollups', 'readwrite');
  await Promise.all([...rollups.map((r) => tx.store.put(r)), tx.done]);
}

export function readTeamRollups(db: KgDb, from: string, to: string): Promise<Rollup[]> {
  return db.getAllFromIndex('team-rollups', 'by-day', IDBKeyRange.bound(from, to));
}

export function clearTeamRollups(db: KgDb): Promise<void> {
  return db.clear('team-rollups');
}

export const DB_VERSION = UPGRADES.length;

export interface OpenOptions {
  /** The connection was closed for another context's upgrade, or by the browser: open anew. */
  onClose?: () => void;
}

export function openKgDb(name = DB_NAME, version = DB_VERSION, options: OpenOptions = {}): Promise<KgDb> {
  return openDB<KgSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      const steps: Promise<void>[] = [];
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const done = UPGRADES[v]?.(db, tx);
        if (done) steps.push(done);
      }
      // a failed migration must not leave a half-upgraded schema: abort, the open fails
      Promise.all(steps).catch(() => {
        try {
          tx.abort();
        } catch {
          /* already finished */
        }
      });
    },
    blocking(_current, _next, event) {
      // Another context needs a newer schema: step aside so its upgrade is never blocked.
      (event.target as IDBDatabase | null)?.close();
      options.onClose?.();
    },
    terminated() {
      options.onClose?.();
    },
  });
}

/** Whether a failed write means the origin's storage is full. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  const inner = (e as { inner?: { name?: unknown } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

const noop = () => undefined;

/**
 * The results of native requests of one transaction, in order. Requests of a transaction complete
 * in the order they were made, so the last one's success means all succeeded; its continuation
 * runs while the transaction is still active. A failing request aborts the transaction, which
 * `putEvents` reports through `tx.done`.
 */
function results<T>(requests: readonly IDBRequest<T>[]): Promise<T[]> {
  const last = requests[requests.length - 1];
  if (!last) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    last.addEventListener('success', () => resolve(requests.map((r) => r.result)));
    last.addEventListener('error', () => reject(last.error));
  });
}

/** Resolves once the last of `requests` has finished, whether it succeeded or failed. */
function finished(requests: readonly IDBRequest[]): Promise<void> {
  const last = requests[requests.length - 1];
  if (!last) return Promise.resolve();
  return new Promise((resolve) => {
    last.addEventListener('success', () => resolve());
    last.addEventListener('error', () => resolve());
  });
}

/** An `add` whose "key already exists" failure is expected: it neither bubbles nor aborts. */
function addIfNew(store: IDBObjectStore, value: unknown): IDBRequest {
  const req = store.add(value);
  req.addEventListener('error', (event) => {
    if (req.error?.name !== 'ConstraintError') return; // anything else aborts the batch
    event.preventDefault();
    event.stopPropagation();
  });
  return req;
}

/**
 * Writes a batch of events and its rollup deltas in one transaction. Ids already stored (or twice
 * in the batch) add nothing, so a resend after a lost acknowledgement counts nothing twice.
 * Resolves with the number of events new to the database, once the transaction committed.
 *
 * This is the worker's hot path (thousands of events a second): it talks to IndexedDB with native
 * requests, one promise per step rather than one per request, and one `add` per event (no
 * look-up first: the add of an id already stored fails, and only that request).
 */
export async function putEvents(db: KgDb, events: readonly StoredEvent[]): Promise<number> {
  const unique = new Map<string, StoredEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const list = [...unique.values()];
  const wrapped = db.transaction(['events', 'rollups'], 'readwrite');
  const done = wrapped.done;
  done.catch(noop); // awaited below; a failure is reported there
  const tx = unwrap(wrapped);
  try {
    const store = tx.objectStore('events');
    // `add` stores what is new and fails (harmlessly) on ids already stored: one request each
    const adds = list.map((e) => addIfNew(store, e));
    await finished(adds);
    const fresh = list.filter((_, i) => !adds[i]?.error);
    const freshIds = new Set(fresh.map((e) => e.id));

    // the round events already stored of each conversation-day the batch touches
    const groups = new Map<string, { conv: string; day: string }>();
    for (const e of fresh)
      if (isRoundEvent(e)) groups.set(`${e.conv}|${roundDay(e)}`, { conv: e.conv, day: roundDay(e) });
    const byRound = store.index('by-round');
    const stored = await results(
      [...groups.values()].map(({ conv, day }) => {
        const { from, to } = dayBounds(day);
        return byRound.getAll(IDBKeyRange.bound([conv, from], [conv, to], false, true));
      }),
    );
    const siblings = new Map<string, RoundEvent[]>();
    [...groups.keys()].forEach((k, i) => {
      // (this batch's own events are already in the store: they are taken in turn below)
      siblings.set(
        k,
        ((stored[i] ?? []) as KgEvent[]).filter(
          (e) => isRoundEvent(e) && !freshIds.has(e.id),
        ) as RoundEvent[],
      );
    });

    const deltas = new Map<string, Rollup>();
    for (const e of fresh) {
      if (isRoundEvent(e)) {
        const sib = siblings.get(`${e.conv}|${roundDay(e)}`) ?? [];
        addEventDelta(deltas, e, sib);
        sib.push(e);
      } else addEventDelta(deltas, e);
    }

    const rollups = tx.objectStore('rollups');
    const keys = [...deltas.keys()];
    const current = (await results(keys.map((k) => rollups.get(k)))) as (Rollup | undefined)[];
    keys.forEach((k, i) => {
      const delta = deltas.get(k);
      if (!delta) return;
      const now = current[i];
      const next = now ? addRollup(now, delta) : delta;
      if (isEmptyRollup(next)) rollups.delete(k);
      else rollups.put(next);
    });
    await done;
    return fresh.length;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished */
    }
    await done.catch(noop);
    throw e;
  }
}

/** Rollups of the days `from`…`to` (inclusive, YYYY-MM-DD). */
export function readRollups(db: KgDb, from: string, to: string): Promise<Rollup[]> {
  return db.getAllFromIndex('rollups', 'by-day', IDBKeyRange.bound(from, to));
}

/** The rollups of the last `days` days, ending with `now`'s (the database opened for it and closed). */
export async function readRecentRollups(now: number, days: number): Promise<Rollup[]> {
  const list = lastDays(now, days);
  const db = await openKgDb();
  try {
    return await readRollups(db, list[0] ?? '', list[list.length - 1] ?? '');
  } finally {
    db.close();
  }
}

/** Raw events stored under the days `from`…`to` (inclusive), one day at a time to `onDay`. */
export async function forEachEventDay(
  db: KgDb,
  from: string,
  to: string,
  onDay: (events: StoredEvent[]) => void,
): Promise<void> {
  for (let day = from; day <= to; day = nextDay(day))
    onDay(await db.getAllFromIndex('events', 'by-day', day));
}

export function nextDay(day: string): string {
  return localDay(dayBounds(day).to);
}

/** The local day `days` days before the day of `now` (YYYY-MM-DD). */
export function daysBefore(now: number, days: number): string {
  const d = new Date(now);
  return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - days).getTime());
}

/** Deletes every record of `store` whose `by-day` is before `beforeDay`, `chunk` per transaction. */
async function pruneBefore(
  db: KgDb,
  storeName: 'events' | 'rollups',
  beforeDay: string,
  chunk: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const tx = db.transaction(storeName, 'readwrite');
    let n = 0;
    let cursor = await tx.store.index('by-day').openKeyCursor(IDBKeyRange.upperBound(beforeDay, true));
    while (cursor && n < chunk) {
      tx.store.delete(cursor.primaryKey).catch(noop);
      n++;
      cursor = await cursor.continue();
    }
    await tx.done;
    deleted += n;
    if (n < chunk) return deleted;
  }
}

export const ROLLUP_RETENTION_DAYS = 366;

/**
 * The daily prune: raw events older than `retentionDays` (kept: today and the `retentionDays − 1`
 * days before it), rollups older than a year. Resolves with what was deleted.
 */
export async function pruneOld(
  db: KgDb,
  now: number,
  retentionDays: number,
  chunk = 5000,
): Promise<{ events: number; rollups: number }> {
  const keepDays = Math.max(1, Math.floor(retentionDays));
  const events = await pruneBefore(db, 'events', daysBefore(now, keepDays - 1), chunk);
  const rollups = await pruneBefore(db, 'rollups', daysBefore(now, ROLLUP_RETENTION_DAYS - 1), chunk);
  await db.put('meta', now, 'lastPrune');
  return { events, rollups };
}
