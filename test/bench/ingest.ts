// Ingest alone: how many events per second one node stores and answers, with no sockets attached.
// `pnpm bench:ingest` (AVISO_BENCH_DATABASE_URL for PostgreSQL; BENCH_INGEST_SECONDS, default 5).

import { startNode } from '../../server/src/compose.ts';
import { createLogger } from '../../server/src/lib/log.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const seconds = Number(process.env.BENCH_INGEST_SECONDS || 5);
const node = await startNode(
  {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: config.databaseUrl,
    redisUrl: null,
    adminToken: 'adm_bench',
    secretKeys: [{ id: 'k', key: Buffer.alloc(32, 7) }],
    corsOrigins: '*',
  },
  createLogger('warn'),
);
const json = { 'content-type': 'application/json' };
const created = await fetch(`${node.url}/v1/admin/tenants`, {
  method: 'POST',
  headers: { ...json, authorization: 'Bearer adm_bench' },
  body: JSON.stringify({ name: 'ingest bench' }),
});
const { apiKey } = (await created.json()) as { apiKey: string };
const headers = { ...json, authorization: `Bearer ${apiKey}` };
const event = (i: number) => ({
  type: 'NUEVA_VENTA',
  entityId: `V-${i}`,
  data: { branchId: `b${i % 20}`, total: i },
});

/** Keeps `concurrency` requests in flight for `seconds`; returns events stored per second. */
async function phase(name: string, concurrency: number, perRequest: number) {
  let stored = 0;
  let seq = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const base = seq;
        seq += perRequest;
        const body =
          perRequest === 1
            ? event(base)
            : { events: Array.from({ length: perRequest }, (_, k) => event(base + k)) };
        const res = await fetch(`${node.url}/v1/events${perRequest === 1 ? '' : '/batch'}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
        if (res.status === 202) stored += perRequest;
        await res.arrayBuffer();
      }
    }),
  );
  const rate = stored / ((performance.now() - started) / 1000);
  console.log(`[ingest] ${name}: ${stored} events in ${seconds} s → ${Math.round(rate)} events/s`);
  return rate;
}

console.log(
  `[ingest] database ${config.databaseUrl.replace(/\/\/[^@]*@/, '//')}, no sockets, ${seconds} s per phase`,
);
const single = await phase('single POST /v1/events, 32 in flight', 32, 1);
const batch = await phase('POST /v1/events/batch of 500, 4 in flight', 4, 500);
console.log('\n| figure | events/s | SPEC target |\n|---|---|---|');
console.log(`| single events, 32 in flight | ${Math.round(single)} | ≥ 10,000 per node |`);
console.log(`| batches of 500, 4 in flight | ${Math.round(batch)} | ≥ 10,000 per node |`);
await node.close();
process.exit(0);
