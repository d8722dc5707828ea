/**
 * The IndexedDB database, written only by the background worker (the popup reads it).
 * Versioned: each entry of UPGRADES takes the schema one version up; `openKgDb` runs the steps
 * between the stored version and DB_VERSION in order.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import type { StoredEvent } from './events';

export const DB_NAME = 'kefu-guard';

export interface KgSchema extends DBSchema {
  events: {
    key: string;
    value: StoredEvent;
    indexes: { 'by-day': string; 'by-t': number };
  };
  meta: { key: string; value: unknown };
}

export type KgDb = IDBPDatabase<KgSchema>;
type UpgradeTx = IDBPTransaction<KgSchema, ('events' | 'meta')[], 'versionchange'>;

/** UPGRADES[n] takes a database from version n to n + 1. */
export const UPGRADES: ReadonlyArray<(db: KgDb, tx: UpgradeTx) => void> = [
  (db) => {
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by-day', 'day');
    events.createIndex('by-t', 't');
    db.createObjectStore('meta');
  },
];

export const DB_VERSION = UPGRADES.length;

export function openKgDb(name = DB_NAME, version = DB_VERSION): Promise<KgDb> {
  return openDB<KgSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v]?.(db, tx);
    },
    blocking(_current, _next, event) {
      // Another context needs a newer schema: step aside so its upgrade is never blocked.
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

/** Writes a batch in one transaction; ids already stored are left as they are (idempotent). */
export async function putEvents(db: KgDb, events: readonly StoredEvent[]): Promise<void> {
  const tx = db.transaction('events', 'readwrite');
  const store = tx.store;
  await Promise.all([...events.map((e) => store.put(e)), tx.done]);
}

export function countEventsOnDay(db: KgDb, day: string): Promise<number> {
  return db.countFromIndex('events', 'by-day', day);
}
