import { describe, expect, it } from 'vitest';
import { feedFrom, realNotice } from '../feed/edition-fixtures';
import { EditionMoved, applyStoredDelta, feedDb, readEdition, readNotices, readStoredFeed, replaceStoredFeed } from './feed-db';
import { FEED_DATABASE } from './storage';

const MMH = realNotice('nz-managemyhealth-2025-12');
const MEDIBANK = realNotice('au-medibank-2022');
const KAISER = realNotice('us-kaiser-2024');
const five = feedFrom(5, '2026-11-28T13:08:26.561Z', [MMH, MEDIBANK]);
const six = feedFrom(6, '2026-12-03T09:00:00.000Z', [{ ...MMH, status: 'regulator-action' }, KAISER]);

describe('the feed store (IndexedDB)', () => {
  it('is the database the storage registry names', async () => {
    const db = await feedDb();
    expect([db.name, db.version, [...db.objectStoreNames].sort()]).toEqual([FEED_DATABASE.name, FEED_DATABASE.version, [...FEED_DATABASE.stores].sort()]);
  });

  it('replaces a whole edition and reads notices back by id', async () => {
    const db = await feedDb();
    await replaceStoredFeed(db, six);
    await replaceStoredFeed(db, five);
    expect(await readEdition(db)).toEqual({ sequence: 5, generatedAt: five.generatedAt, formatVersion: '1.0', count: 2 });
    expect((await readNotices(db, ['au-medibank-2022', 'us-kaiser-2024'])).map((notice) => notice.id)).toEqual(['au-medibank-2022']);
  });

  it('applies a delta (put, remove, new edition) in one transaction', async () => {
    const db = await feedDb();
    await replaceStoredFeed(db, five);
    const edition = await applyStoredDelta(db, { from: 5, to: 6, generatedAt: six.generatedAt, put: six.notices, remove: ['au-medibank-2022'] });
    expect(edition).toMatchObject({ sequence: 6, count: 2 });
    const stored = await readStoredFeed(db);
    expect(stored?.notices.map((notice) => [notice.id, notice.status])).toEqual([
      ['nz-managemyhealth-2025-12', 'regulator-action'],
      ['us-kaiser-2024', KAISER.status],
    ]);
  });

  it.each([
    { name: 'a delta from another edition', delta: { from: 4, to: 6, generatedAt: six.generatedAt, put: [six.notices[1]!], remove: ['au-medibank-2022'] } },
    // The second write fails (a notice without an id) after the first succeeded: all of it is undone.
    { name: 'a write that fails half-way', delta: { from: 5, to: 6, generatedAt: six.generatedAt, put: [six.notices[1]!, { title: 'no id' } as never], remove: ['au-medibank-2022'] } },
  ])('leaves the stored edition untouched on $name', async ({ delta }) => {
    const db = await feedDb();
    await replaceStoredFeed(db, five);
    const before = await readStoredFeed(db);
    await expect(applyStoredDelta(db, delta)).rejects.toBeDefined();
    expect(await readStoredFeed(db)).toEqual(before);
  });

  it('names the edition it found when a delta does not start there', async () => {
    const db = await feedDb();
    await replaceStoredFeed(db, five);
    await expect(applyStoredDelta(db, { from: 4, to: 6, generatedAt: six.generatedAt, put: [], remove: [] })).rejects.toBeInstanceOf(EditionMoved);
  });
});
