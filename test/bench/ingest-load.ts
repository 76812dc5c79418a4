// The ingest bench's load generator, in a process of its own so that it does not share an event loop
// with the server it measures. Keeps `concurrency` requests in flight over keep-alive connections
// for the asked time and answers with what it counted. Plain `node:http`: fetch would spend more of
// the two cores on the client than the servers it compares.
import { Agent, request } from 'node:http';
import { now } from './clock.ts';
import type { FromLoad, LoadPhase, ToLoad } from './messages.ts';
import { percentile } from './stats.ts';

const send = (m: FromLoad) => process.send!(m);

/** The body of request `i`: the same events the hub and the floor server are sent. */
export function ingestBody(i: number, perRequest: number): string {
  const event = (n: number) => ({
    type: 'NUEVA_VENTA',
    entityId: `V-${n}`,
    data: { branchId: `b${n % 20}`, total: n % 1000 },
  });
  return JSON.stringify(
    perRequest === 1 ? event(i) : { events: Array.from({ length: perRequest }, (_, k) => event(i + k)) },
  );
}

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(phase: LoadPhase) {
  const url = new URL(phase.url);
  const agent = new Agent({ keepAlive: true, maxSockets: phase.concurrency });
  const latencies = new Float64Array(2_000_000);
  let measured = 0;
  let accepted = 0;
  let refused = 0;
  let seq = phase.firstId;
  const warmEnd = now() + phase.warmupSeconds * 1000;
  const end = warmEnd + phase.seconds * 1000;
  let measureStart = 0;
  await Promise.all(
    Array.from({ length: phase.concurrency }, async () => {
      while (now() < end) {
        const body = ingestBody(seq, phase.perRequest);
        seq += phase.perRequest;
        const t0 = now();
        const status = await post(agent, url, phase.headers, body).catch(() => 0);
        const t1 = now();
        if (t0 < warmEnd) continue;
        if (!measureStart) measureStart = t0;
        if (status === 202) {
          accepted += phase.perRequest;
          if (measured < latencies.length) latencies[measured++] = t1 - t0;
        } else refused++;
      }
    }),
  );
  const elapsed = (now() - (measureStart || warmEnd)) / 1000;
  agent.destroy();
  const sample = latencies.subarray(0, measured).sort();
  send({
    type: 'result',
    events: accepted,
    requests: measured,
    refused,
    seconds: elapsed,
    p50: percentile(sample, 50),
    p99: percentile(sample, 99),
    nextId: seq,
  });
}

process.on('message', (m: ToLoad) => {
  if (m.type === 'run') void run(m.phase);
  if (m.type === 'exit') process.exit(0);
});
send({ type: 'ready' });
