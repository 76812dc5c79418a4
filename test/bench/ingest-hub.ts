// The hub under the ingest bench, in a process of its own: the compiled server (`@aviso/server`
// resolves to server/dist here, as in production), no Redis, no sockets. Creates one tenant and
// tells the orchestrator where to send its events.
import { createLogger, startNode } from '@aviso/server';
import type { FromServer, ToServer } from './messages.ts';

const ADMIN = 'adm_bench';
const node = await startNode(
  {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'memory:',
    redisUrl: null,
    adminToken: ADMIN,
    secretKeys: [{ id: 'k', key: Buffer.alloc(32, 7) }],
    corsOrigins: '*',
  },
  createLogger('warn'),
);
const created = await fetch(`${node.url}/v1/admin/tenants`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
  body: JSON.stringify({ name: 'ingest bench' }),
});
const { apiKey } = (await created.json()) as { apiKey: string };

const send = (m: FromServer) => process.send!(m);
send({
  type: 'listening',
  url: node.url,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
});
process.on('message', async (m: ToServer) => {
  if (m.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', ms: (user + system) / 1000 });
  }
  if (m.type === 'exit') {
    await node.close();
    process.exit(0); // a `--cpu-prof` profile is written on this exit
  }
});
