import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import {
  DB_VERSION,
  daysBefore,
  forEachEventDay,
  isQuotaError,
  type KgDb,
  openKgDb,
  pruneOld,
  putEvents,
  readRollups,
  UPGRADES,
} from '../utils/db';
import { type KgEvent, localDay, type StoredEvent, toStored } from '../utils/events';
import { isEmptyRollup, type Rollup, rollupsFromEvents } from '../utils/rollups';
import { at, randomEvents, shuffled } from './support/stats-events';

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

/** Stored rollups vs a recomputation from `events`, as plain data by key (empty ones left out). */
const byKey = (rollups: Iterable<Rollup>) =>
  Object.fromEntries(
    [...rollups]
      .filter((r) => !isEmptyRollup(r))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((r) => [r.key, r]),
  );
const allRollups = (db: KgDb) => db.getAll('rollups');

/** A database as version `v` left it (steps 0…v−1 only). */
async function openAt(name: string, v: number) {
  return openDB(name, v, {
    upgrade(db, oldVersion, _n, tx) {
      for (let i = oldVersion; i < v; i++) void UPGRADES[i]?.(db as never, tx as never);
    },
  });
}

describe('schema', () => {
  test('a new database gets every store and index of the current version', async () => {
    const db = await openKgDb(fresh());
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(3);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['events', 'meta', 'rollups', 'team-rollups']);
    expect(Array.from(db.transaction('events').store.indexNames).sort()).toEqual([
      'by-day',
      'by-round',
      'by-t',
    ]);
    expect(Array.from(db.transaction('rollups').store.indexNames)).toEqual(['by-day']);
    expect(Array.from(db.transaction('team-rollups').store.indexNames)).toEqual(['by-day']);
    db.close();
  });

  test('v1 → v2: the events v1 stored are rolled up in the upgrade', async () => {
    const name = fresh();
    const events = randomEvents(21, at(2026, 11, 10, 0), 5, 600);
    const v1 = await openAt(name, 1);
    const tx = v1.transaction('events', 'readwrite');
    await Promise.all([...events.map((e) => tx.store.put(toStored(e))), tx.done]);
    v1.close();

    const db = await openKgDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('events')).toBe(events.length);
    expect(byKey(await allRollups(db))).toEqual(byKey(rollupsFromEvents(events).values()));
    // the new index serves the answers and breaches v1 stored
    const answered = events.find((e) => e.type === 'round-answered');
    if (answered?.type !== 'round-answered') throw new Error('no answer in the stream');
    const same = await db.getAllFromIndex('events', 'by-round', [answered.conv, answered.start]);
    expect(same.map((e) => e.id)).toContain(answered.id);
    db.close();
  });

  test('every upgrade step runs once, in order, from each older stored version', async () => {
    for (let from = 1; from < DB_VERSION; from++) {
      const name = fresh();
      const old = await openAt(name, from);
      // the data as that version wrote it: v1 had events only, later versions their rollups too
      const stored = toStored(ev('old', Date.UTC(2026, 10, 1, 3)));
      if (from === 1) await old.put('events', stored);
      else await putEvents(old as unknown as KgDb, [stored]);
      old.close();
      const db = await openKgDb(name);
      expect(db.version).toBe(DB_VERSION);
      expect(await db.get('events', 'old')).toMatchObject({
        id: 'old',
        day: localDay(Date.UTC(2026, 10, 1, 3)),
      });
      expect((await allRollups(db)).reduce((s, r) => s + r.events, 0)).toBe(1);
      db.close();
    }
  });

  test('an open connection steps aside when a newer version is needed (blocked upgrade resolves)', async () => {
    const name = fresh();
    let closed = 0;
    const old = await openKgDb(name, DB_VERSION, { onClose: () => closed++ });
    const next = await openKgDb(name, DB_VERSION + 1);
    expect(next.version).toBe(DB_VERSION + 1);
    expect(closed).toBe(1);
    next.close();
    old.close();
  });

  test('a popup still on v1 does not block the worker’s upgrade to the current version', async () => {
    const name = fresh();
    const popup = await openKgDb(name, 1);
    await putV1(popup, [ev('p1', at(2026, 11, 20, 10))]);
    const worker = await openKgDb(name);
    expect(worker.version).toBe(DB_VERSION);
    expect((await allRollups(worker)).map((r) => r.events)).toEqual([1]);
    worker.close();
    popup.close();
  });
});

async function putV1(db: KgDb, events: KgEvent[]) {
  const tx = db.transaction('events', 'readwrite');
  await Promise.all([...events.map((e) => tx.store.put(toStored(e))), tx.done]);
}

describe('events and rollups', () => {
  test('a batch is written in one go and counted by local day; rewriting the same ids adds nothing', async () => {
    const db = await openKgDb(fresh());
    const t1 = new Date(2026, 10, 20, 10, 0).getTime();
    const t2 = new Date(2026, 10, 21, 9, 0).getTime();
    const batch = [ev('a', t1), ev('b', t1, 'agent'), ev('c', t2)].map(toStored);
    expect(await putEvents(db, batch)).toBe(3);
    expect(await putEvents(db, batch)).toBe(0);
    expect(await db.count('events')).toBe(3);
    expect(await db.countFromIndex('events', 'by-day', '2026-11-20')).toBe(2);
    expect(await db.countFromIndex('events', 'by-day', '2026-11-21')).toBe(1);
    const rollups = await readRollups(db, '2026-11-20', '2026-11-21');
    expect(rollups.map((r) => [r.day, r.events, r.customerMessages, r.agentMessages])).toEqual([
      ['2026-11-20', 2, 1, 1],
      ['2026-11-21', 1, 1, 0],
    ]);
    db.close();
  });

  test.each([31, 32, 33])(
    'rollups kept batch by batch equal a recomputation from the raw events (seed %i, resends, any order)',
    async (seed) => {
      const db = await openKgDb(fresh());
      const events = randomEvents(seed, at(2026, 11, 16, 0), 3, 800);
      const sent = shuffled([...events, ...events.filter((_, i) => i % 4 === 0)], seed);
      for (let i = 0; i < sent.length; i += 37) await putEvents(db, sent.slice(i, i + 37).map(toStored));
      expect(await db.count('events')).toBe(events.length);
      const raw = await db.getAll('events');
      expect(byKey(await allRollups(db))).toEqual(byKey(rollupsFromEvents(raw).values()));
      expect(byKey(await allRollups(db))).toEqual(byKey(rollupsFromEvents(events).values()));
      db.close();
    },
  );

  test('a batch that fails stores nothing: no events, no rollups', async () => {
    const db = await openKgDb(fresh());
    const good = toStored(ev('ok', at(2026, 11, 20, 10)));
    // a value IndexedDB cannot store fails the batch at its last write
    const bad = { ...toStored(ev('bad', at(2026, 11, 20, 10))), oops: () => 1 } as unknown as StoredEvent;
    await expect(putEvents(db, [good, bad])).rejects.toThrow();
    const noKey = { ...toStored(ev('x', at(2026, 11, 20, 10))), id: undefined } as unknown as StoredEvent;
    await expect(putEvents(db, [good, noKey])).rejects.toThrow();
    expect(await db.count('events')).toBe(0);
    expect(await db.count('rollups')).toBe(0);
    // and the next batch goes through
    expect(await putEvents(db, [good])).toBe(1);
    db.close();
  });

  test('raw events of a date range, one day at a time', async () => {
    const db = await openKgDb(fresh());
    await putEvents(
      db,
      [ev('1', at(2026, 11, 19, 23, 59)), ev('2', at(2026, 11, 20, 0, 1)), ev('3', at(2026, 11, 22, 8))].map(
        toStored,
      ),
    );
    const days: string[][] = [];
    await forEachEventDay(db, '2026-11-20', '2026-11-22', (list) => days.push(list.map((e) => e.id)));
    expect(days).toEqual([['2'], [], ['3']]);
    db.close();
  });
});

describe('retention', () => {
  test('raw events older than the retention setting go, rollups stay a year', async () => {
    const db = await openKgDb(fresh());
    const now = at(2026, 11, 23, 3);
    const dayAgo = (d: number) => new Date(2026, 10, 23 - d, 12).getTime();
    await putEvents(
      db,
      [0, 1, 89, 90, 200, 365, 366, 400].map((d) => toStored(ev(`d${d}`, dayAgo(d)))),
    );
    const removed = await pruneOld(db, now, 90, 2);
    expect((await db.getAllKeys('events')).sort()).toEqual(['d0', 'd1', 'd89']);
    expect((await db.getAll('rollups')).map((r) => r.day)).toEqual(
      [365, 200, 90, 89, 1, 0].map((d) => localDay(dayAgo(d))),
    );
    expect(removed).toEqual({ events: 5, rollups: 2 });
    expect(await db.get('meta', 'lastPrune')).toBe(now);
    db.close();
  });

  test('daysBefore counts local calendar days', () => {
    expect(daysBefore(at(2026, 3, 1, 0, 30), 1)).toBe('2026-02-28');
    expect(daysBefore(at(2026, 11, 23, 23), 89)).toBe('2026-08-26');
  });
});

describe('quota errors', () => {
  test('are told apart from other failures', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
