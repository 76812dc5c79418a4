// The floor of the ingest bench: the least an events endpoint can do on the same database, in a
// process of its own. Hono on node:http, one JSON parse, one `INSERT … RETURNING` (a single event)
// or one multi-row `INSERT … SELECT FROM unnest(…)` (a batch), no validation, no tenant, no fan-out.
// The hub is measured against it with the same bodies and the same concurrency.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import type { FromServer, ToServer } from './messages.ts';

interface Event {
  type: string;
  entityId?: string;
  data?: unknown;
}
type Insert = (events: Event[]) => Promise<{ id: string }[]>;

const TABLE = `create table if not exists bench_floor (
  id uuid primary key, tenant_id text not null, type text not null, entity_id text,
  data jsonb not null, created_at timestamptz not null default now())`;
const MANY = `insert into bench_floor (id, tenant_id, type, entity_id, data)
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) returning id`;
const ONE = `insert into bench_floor (id, tenant_id, type, entity_id, data)
  values ($1, $2, $3, $4, $5) returning id, created_at`;

function columns(events: Event[]) {
  return [
    events.map(() => randomUUID()),
    events.map(() => 'floor'),
    events.map((e) => e.type),
    events.map((e) => e.entityId ?? null),
    events.map((e) => JSON.stringify(e.data ?? {})),
  ];
}

async function open(
  url: string,
): Promise<{ insert: Insert; insertOne: (e: Event) => Promise<{ id: string }[]> }> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    // The hub's default pool (`defaultPoolSize`): the same connections for both.
    const sql = postgres(url, { max: 2 * availableParallelism() + 1, onnotice: () => {} });
    await sql.unsafe(TABLE);
    return {
      insert: (events) => sql.unsafe(MANY, columns(events) as never[], { prepare: true }) as never,
      insertOne: (e) =>
        sql.unsafe(ONE, [randomUUID(), 'floor', e.type, e.entityId ?? null, JSON.stringify(e.data ?? {})], {
          prepare: true,
        }) as never,
    };
  }
  const db = url === 'memory:' ? new PGlite() : new PGlite(url);
  await db.exec(TABLE);
  return {
    insert: async (events) => (await db.query<{ id: string }>(MANY, columns(events))).rows,
    insertOne: async (e) =>
      (
        await db.query<{ id: string }>(ONE, [
          randomUUID(),
          'floor',
          e.type,
          e.entityId ?? null,
          JSON.stringify(e.data ?? {}),
        ])
      ).rows,
  };
}

const { insert, insertOne } = await open(process.env.BENCH_DATABASE_URL ?? 'memory:');
const app = new Hono();
app.post('/v1/events', async (c) => {
  const event = await c.req.json<Event>();
  const [row] = await insertOne(event);
  return c.json({ id: row?.id, status: 'created' }, 202);
});
app.post('/v1/events/batch', async (c) => {
  const { events } = await c.req.json<{ events: Event[] }>();
  const rows = await insert(events);
  return c.json({ results: rows.map((r) => ({ id: r.id, status: 'created' })) }, 202);
});

const send = (m: FromServer) => process.send!(m);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  send({
    type: 'listening',
    url: `http://127.0.0.1:${info.port}`,
    headers: { 'content-type': 'application/json' },
  });
});
process.on('message', (m: ToServer) => {
  if (m.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', ms: (user + system) / 1000 });
  }
  if (m.type === 'exit') server.close(() => process.exit(0));
});
