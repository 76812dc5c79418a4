import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EgressPolicy } from '../lib/egress.ts';
import { ProviderHttp } from './http.ts';
import type { OutboundMessage } from './types.ts';

/** Where the stand-ins listen; the tests' egress policies allow it, as an operator's allow-list would. */
export const STAND_IN_HOST = '127.0.0.1';

/** A provider HTTP client whose egress policy lets the local stand-ins through. */
export function localHttp(options: { timeoutMs?: number; maxReplyBytes?: number } = {}): ProviderHttp {
  return new ProviderHttp({ egress: new EgressPolicy({ allow: [STAND_IN_HOST] }), ...options });
}

/** A rendered low-stock notification, for sender tests. */
export function message(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    notificationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    type: 'PRODUCTO_STOCK_BAJO',
    tenantName: 'Ferretería Central',
    title: 'Stock bajo',
    text: "El producto 'Martillo' tiene stock bajo (2 unidades) en tu sucursal.",
    link: 'https://pos.example.com/#/inventarios?search=MRT-1',
    severity: 'warning',
    locale: 'es',
    idempotencyKey: 'dlv_01J8Z3Q5K7M9',
    ...overrides,
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Hold the answer this long (to test timeouts). */
  delayMs?: number;
}

/**
 * A local HTTP stand-in for a provider on 127.0.0.1, port 0. It records every request and answers
 * with what `reply` returns for it.
 */
export async function standIn(reply: (req: RecordedRequest) => StandInReply) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const r = reply(recorded);
      const answer = () => {
        const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        res.writeHead(r.status, {
          ...(typeof r.body === 'object' ? { 'content-type': 'application/json' } : {}),
          ...r.headers,
        });
        res.end(body);
      };
      if (r.delayMs) setTimeout(answer, r.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, STAND_IN_HOST, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${STAND_IN_HOST}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Catches the error a promise rejects with (so a test can assert on it). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the send to fail');
}
