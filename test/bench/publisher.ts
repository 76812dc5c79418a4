// The host application's side of the bench: POSTs events at a fixed rate from a process of its
// own, open loop (a slow answer does not delay the next event). Driven over IPC by `run.ts`.
import { Agent, request } from 'node:http';
import { now, sleep } from './clock.ts';
import type { FromPublisher, ToPublisher } from './messages.ts';

type Publish = Extract<ToPublisher, { type: 'publish' }>;

const send = (message: FromPublisher) => process.send!(message);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
/** Why POSTs got no answer in this phase (`ECONNRESET`, `timeout`…), and how often. */
let failures = new Map<string, number>();
const failed = ({ code, message }: Error & { code?: string }) => {
  const why = code ?? message;
  failures.set(why, (failures.get(why) ?? 0) + 1);
};

function post(url: URL, apiKey: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (err) => {
          failed(err);
          resolve(0);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      failed(err);
      resolve(0);
    });
    req.end(body);
  });
}

async function publish(p: Publish) {
  const url = new URL('/v1/events', p.url);
  const total = Math.round(p.rate * p.seconds);
  const interval = 1000 / p.rate;
  const scheduled = new Float64Array(total);
  const status = new Uint16Array(total);
  const responseMs = new Float64Array(total).fill(Number.NaN);
  const lateMs = new Float64Array(total).fill(Number.NaN);
  const pending = new Set<Promise<void>>();
  failures = new Map();
  let skipped = 0;
  let sent = 0;
  const start = now() + 5;
  while (sent < total) {
    const due = Math.min(total, Math.floor((now() - start) / interval) + 1);
    for (; sent < due; sent++) {
      const i = sent;
      scheduled[i] = start + i * interval;
      if (pending.size >= p.maxInFlight) {
        skipped++;
        continue;
      }
      const seq = p.firstSeq + i;
      const body = JSON.stringify({
        type: 'NUEVA_VENTA',
        entityId: `v${seq}`,
        data: { branchId: p.toNobody ? 'nobody' : `b${i % p.branches}`, total: 1234.5, seq },
      });
      const t0 = now();
      lateMs[i] = t0 - scheduled[i]!;
      const done = post(url, p.apiKey, body).then((code) => {
        status[i] = code;
        responseMs[i] = now() - t0;
        pending.delete(done);
      });
      pending.add(done);
    }
    await sleep(1);
  }
  await Promise.race([Promise.all(pending), sleep(30_000)]);
  send({
    type: 'published',
    scheduled,
    status,
    responseMs,
    lateMs,
    skipped,
    failures: Object.fromEntries(failures),
  });
}

process.on('message', (message: ToPublisher) => {
  switch (message.type) {
    case 'ping':
      send({ type: 'pong', t0: message.t0, tc: now() });
      break;
    case 'publish':
      void publish(message);
      break;
    case 'close':
      agent.destroy();
      process.disconnect();
      break;
  }
});

process.on('disconnect', () => process.exit(0));
