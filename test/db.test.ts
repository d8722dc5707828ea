import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import { countEventsOnDay, DB_VERSION, openKgDb, putEvents, UPGRADES } from '../utils/db';
import { type KgEvent, localDay, toStored } from '../utils/events';

let n = 0;
const fresh = () => `kg-test-${n++}`;
const ev = (id: string, t: number, from: 'customer' | 'agent' = 'customer'): KgEvent => ({
  id,
  type: 'message',
  t,
  console: 'demo',
  platform: 'taobao',
  conv: 'c1',
  from,
});

describe('schema', () => {
  test('a new database gets every store and index of the current version', async () => {
    const db = await openKgDb(fresh());
    expect(db.version).toBe(DB_VERSION);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['events', 'meta']);
    expect(Array.from(db.transaction('events').store.indexNames).sort()).toEqual(['by-day', 'by-t']);
    db.close();
  });

  test('every upgrade step runs once, in order, from an older stored version', async () => {
    const name = fresh();
    // a database as version 1 left it, with data
    const v1 = await openDB(name, 1, {
      upgrade(db, _o, _n, tx) {
        UPGRADES[0]?.(db as never, tx as never);
      },
    });
    await v1.put('events', toStored(ev('old', Date.UTC(2026, 10, 1, 3))));
    v1.close();
    const db = await openKgDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('events', 'old')).toMatchObject({
      id: 'old',
      day: localDay(Date.UTC(2026, 10, 1, 3)),
    });
    db.close();
  });

  test('an open connection steps aside when a newer version is needed (blocked upgrade resolves)', async () => {
    const name = fresh();
    const old = await openKgDb(name);
    const next = await openKgDb(name, DB_VERSION + 1);
    expect(next.version).toBe(DB_VERSION + 1);
    next.close();
    old.close();
  });
});

describe('events', () => {
  test('a batch is written in one go and counted by local day; rewriting the same ids adds nothing', async () => {
    const db = await openKgDb(fresh());
    const t1 = new Date(2026, 10, 20, 10, 0).getTime();
    const t2 = new Date(2026, 10, 21, 9, 0).getTime();
    const batch = [ev('a', t1), ev('b', t1, 'agent'), ev('c', t2)].map(toStored);
    await putEvents(db, batch);
    await putEvents(db, batch);
    expect(await db.count('events')).toBe(3);
    expect(await countEventsOnDay(db, '2026-11-20')).toBe(2);
    expect(await countEventsOnDay(db, '2026-11-21')).toBe(1);
    db.close();
  });

  test('localDay uses the local calendar', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
    expect(localDay(new Date(2026, 0, 6, 0, 0).getTime())).toBe('2026-01-06');
  });
});
