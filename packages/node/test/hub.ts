// A real hub for the SDK's tests: started in this process on 127.0.0.1, port 0, over an in-memory
// PGlite, with tenants made through the operator API like an operator would.
import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, startNode } from '@aviso/server';

const ADMIN_TOKEN = 'adm_sdk_tests';

export type Hub = Awaited<ReturnType<typeof startHub>>;

/** Starts a hub node; `close()` stops it. */
export async function startHub() {
  const node = await startNode(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: 'memory:',
      redisUrl: null,
      adminToken: ADMIN_TOKEN,
      secretKeys: [{ id: 'sdk', key: Buffer.alloc(32, 7) }],
      corsOrigins: '*',
      // The webhook tests' receiver listens on loopback, which the hub refuses unless allowed.
      egressAllow: ['127.0.0.1'],
    },
    createLogger(process.env.AVISO_TEST_LOG_LEVEL ?? 'silent'),
    { delivery: { pollMs: 50 } },
  );
  return {
    url: node.url,
    /** A tenant, made with `POST /v1/admin/tenants`: its id, API key and widget secret. */
    async tenant(name = 'Ferretería') {
      const res = await fetch(`${node.url}/v1/admin/tenants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (res.status !== 201) throw new Error(`tenant: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; apiKey: string; widgetSecret: string };
    },
    close: () => node.close(),
  };
}

/** A local HTTP server on port 0 answering with `handle`; `close()` stops it. */
export async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A proxy in front of `target` that forwards every request; for the first `drop` requests it lets
 * the hub answer, then cuts the connection instead of passing the answer on (a lost reply).
 */
export async function droppingProxy(target: string, drop = 1) {
  const seen: { method: string; path: string; idempotencyKey?: string; answered: number }[] = [];
  const proxy = await serve((req, res, body) => {
    const forward = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const key = req.headers['idempotency-key'];
        seen.push({
          method: req.method ?? '',
          path: req.url ?? '',
          idempotencyKey: typeof key === 'string' ? key : undefined,
          answered: answer.statusCode ?? 0,
        });
        if (seen.length <= drop) {
          res.socket?.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    forward.end(body);
  });
  return { ...proxy, seen };
}
