import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, PART_CHARS } from '../src/db/bulk.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { newId } from '../src/db/ids.ts';
import { migrate } from '../src/db/migrate.ts';
import { tenants } from '../src/db/schema.ts';
import { databaseBackends, freshDatabase } from './env.ts';

describe.each(databaseBackends)('bulk insert on $name', ({ url }) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase(url);
    drop = fresh.drop;
    database = await openDatabase(fresh.url);
    await migrate(database.db);
  }, 90_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  /** Inserts the rows with one statement, and reads them back. */
  async function insertAndRead(rows: (typeof tenants.$inferInsert)[]) {
    await bulkInsert(database.db, tenants, rows);
    return database.db
      .select()
      .from(tenants)
      .where(
        inArray(
          tenants.id,
          rows.map((r) => r.id!),
        ),
      );
  }

  it("stores each row's values, and a column's default where a row leaves it out, call after call", async () => {
    const rows = (name: string) => [
      { id: newId(), name: `${name} 1`, widgetSecretEnc: 'sealed' },
      {
        id: newId(),
        name: `${name} 2: O'Higgins`,
        widgetSecretEnc: 'sealed',
        currency: 'CLP',
        locale: 'es-CL',
        settings: { quiet: "it's night" },
        previousWidgetSecretUntil: new Date('2026-01-02T03:04:05.000Z'),
      },
    ];
    // The statement's text is made on the first call; the second runs the same text.
    for (const name of ['Sur', 'Norte']) {
      const read = await insertAndRead(rows(name));
      const byName = new Map(read.map((r) => [r.name, r]));
      expect(byName.get(`${name} 1`)).toMatchObject({
        currency: 'USD',
        locale: 'es',
        timezone: 'UTC',
        settings: {},
        addresses: {},
        previousWidgetSecretUntil: null,
      });
      expect(byName.get(`${name} 1`)!.createdAt).toBeInstanceOf(Date);
      expect(byName.get(`${name} 2: O'Higgins`)).toMatchObject({
        currency: 'CLP',
        locale: 'es-CL',
        timezone: 'UTC',
        settings: { quiet: "it's night" },
        previousWidgetSecretUntil: new Date('2026-01-02T03:04:05.000Z'),
      });
    }
  });

  it('stores each Date as it is, whether rows share one instant or not, and leaves the rows as they were', async () => {
    const instants = ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-02T11:30:00.250Z'];
    const shared = new Date(instants[0]!);
    const rows = instants.map((at, i) => ({
      id: newId(),
      name: `Instant ${i}`,
      widgetSecretEnc: 'sealed',
      // The first two rows share one Date object; the third has its own.
      createdAt: i < 2 ? shared : new Date(at),
    }));
    const read = await insertAndRead(rows);
    expect(new Map(read.map((r) => [r.name, r.createdAt.toISOString()]))).toEqual(
      new Map(instants.map((at, i) => [`Instant ${i}`, at])),
    );
    expect(rows.every((r) => r.createdAt instanceof Date)).toBe(true);
  });

  it('stores rows sent in several parts, rows longer than a part among them, each once and whole', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      id: newId(),
      name: `Parte ${i} ${'ñandú — '.repeat(i % 7)}`,
      widgetSecretEnc: 'sealed',
      // Every 97th row alone is longer than a part.
      settings: { note: i % 97 === 0 ? 'x'.repeat(PART_CHARS + 1_000) : `nota ${i}` },
    }));
    // The rows take several parts, so the statement joins them: the case under test.
    expect(JSON.stringify(rows).length).toBeGreaterThan(4 * PART_CHARS);
    const read = await insertAndRead(rows);
    expect(read).toHaveLength(rows.length);
    const byId = new Map(read.map((r) => [r.id, r]));
    for (const row of rows) {
      expect(byId.get(row.id)).toMatchObject({ name: row.name, settings: row.settings });
    }
  });
});
