import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { type EgressPolicy, isEgressRefused } from '../lib/egress.ts';
import { SendError } from './types.ts';

/** Default time a provider gets to answer one HTTP request. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
/** How much of a provider's answer is read: enough for any JSON reply a sender parses. */
export const MAX_REPLY_BYTES = 64 * 1024;

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  /** The body, cut at `MAX_REPLY_BYTES`. Never shown to API callers or stored: parse a code out of it. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON (or was cut). */
  json: unknown;
}

export interface ProviderHttpOptions {
  egress: EgressPolicy;
  timeoutMs?: number;
  maxReplyBytes?: number;
}

/** The error a refused destination becomes: permanent, a retry would be refused too. */
export function destinationRefused(): SendError {
  return new SendError(
    'DESTINATION_NOT_ALLOWED',
    'the destination is a loopback, private, link-local or reserved address, which Aviso does not call (see AVISO_EGRESS_ALLOW)',
    { retryable: false },
  );
}

function replyHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      try {
        headers.append(k, value);
      } catch {
        // A header Fetch would refuse is one no sender needs.
      }
    }
  }
  return headers;
}

/**
 * The one HTTP client of provider calls. Every connection goes through the egress policy (IP
 * literals before connecting, names in the socket's own lookup, so the address checked is the
 * address connected to); redirects are never followed; answers are read up to a small cap.
 */
export class ProviderHttp {
  readonly egress: EgressPolicy;
  private readonly timeoutMs: number;
  private readonly maxReplyBytes: number;
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 50 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 50 }),
  };

  constructor(options: ProviderHttpOptions) {
    this.egress = options.egress;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.maxReplyBytes = options.maxReplyBytes ?? MAX_REPLY_BYTES;
  }

  /** POSTs JSON (or a pre-encoded string) and reads the reply; statuses are left to the caller. */
  post(
    url: string,
    body: unknown,
    options: Omit<RequestOptions, 'body' | 'method'> = {},
  ): Promise<HttpReply> {
    return this.request(url, {
      ...options,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /**
   * One request. A refused destination is a permanent `DESTINATION_NOT_ALLOWED`; network trouble
   * and timeouts are retryable `SendError`s; any HTTP status (3xx included) is a reply.
   */
  async request(url: string, options: RequestOptions = {}): Promise<HttpReply> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new SendError('INVALID_CONFIG', 'the provider URL is not valid', { retryable: false });
    }
    const protocol = target.protocol as 'http:' | 'https:';
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new SendError('INVALID_CONFIG', 'the provider URL is not http(s)', { retryable: false });
    }
    const base = urlToHttpOptions(target);
    const host = base.hostname ?? '';
    const port = Number(target.port) || (protocol === 'https:' ? 443 : 80);
    // Node does not call `lookup` for an IP literal: check it here.
    if (isIP(host) && !this.egress.allows(host, host, port)) throw destinationRefused();
    const { method = 'GET', headers = {}, body, timeoutMs = this.timeoutMs } = options;
    const client = protocol === 'https:' ? https : http;
    return new Promise<HttpReply>((resolve, reject) => {
      let settled = false;
      const finish = (err: SendError | null, reply?: HttpReply) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(reply!);
      };
      const req = client.request(
        {
          ...base,
          method,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: this.agents[protocol],
          lookup: this.egress.lookupFor(port),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            finish(null, { status: res.statusCode ?? 0, headers: replyHeaders(res.headers), text, json });
          };
          res.on('data', (chunk: Buffer) => {
            const room = this.maxReplyBytes - size;
            if (room > 0) chunks.push(chunk.subarray(0, room));
            size += chunk.length;
            // Enough read: the rest is not wanted, and the socket is not worth keeping.
            if (size >= this.maxReplyBytes) {
              done();
              res.destroy();
            }
          });
          res.on('end', done);
          res.on('error', (err) => finish(networkError(err)));
          res.on('aborted', () => finish(networkError(new Error('aborted'))));
        },
      );
      const timer = setTimeout(() => {
        finish(networkError(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
        req.destroy();
      }, timeoutMs);
      req.on('error', (err) => finish(networkError(err)));
      req.end(body);
    });
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

/**
 * Turns a thrown socket error into a `SendError`: a refused destination is permanent, a timeout or
 * connection failure retryable. The original error is not kept as `cause`: HTTP client errors can
 * carry the request's URL and headers, which hold tokens.
 */
export function networkError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (isEgressRefused(err)) return destinationRefused();
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  const code = e?.cause?.code ?? e?.code;
  if (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT'
  ) {
    return new SendError('TIMEOUT', 'the provider did not answer in time', { retryable: true });
  }
  return new SendError('CONNECTION_FAILED', `could not reach the provider${code ? ` (${code})` : ''}`, {
    retryable: true,
  });
}

/**
 * Reads `Retry-After` (delta-seconds or an HTTP date) as milliseconds from now; undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * A provider's error code, when it is one: a short token (`no_service`, `21211`, `OAuthException`).
 * Anything longer or with spaces is free text, which is never kept.
 */
export function shortCode(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(text) ? text : undefined;
}

export interface StatusDetail {
  providerCode?: string | undefined;
  /** A wait the provider put in its body rather than in `Retry-After`. */
  retryAfterMs?: number;
}

/** How a status reads in an error message: the status and, when there is one, the provider's code. */
export const answered = (status: number, providerCode?: string) =>
  `the provider answered ${status}${providerCode ? ` (${providerCode})` : ''}`;

/**
 * The default HTTP classification: 429 and 5xx retryable (honouring `Retry-After`), 408 retryable,
 * 3xx permanent (provider calls are not redirected), 401 `AUTH_FAILED`, 410 `ENDPOINT_GONE`, any
 * other 4xx permanent. Messages hold the status and the provider's code, never its body.
 */
export function httpError(
  reply: Pick<HttpReply, 'status' | 'headers'>,
  detail: StatusDetail = {},
): SendError {
  const { status } = reply;
  const { providerCode } = detail;
  const retryAfterMs = detail.retryAfterMs ?? parseRetryAfter(reply.headers.get('retry-after'));
  const base = { providerStatus: status, ...(providerCode === undefined ? {} : { providerCode }) };
  if (status === 429 || status === 408 || status >= 500) {
    return new SendError(`HTTP_${status}`, answered(status, providerCode), {
      ...base,
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 300 && status < 400) {
    return new SendError(
      `HTTP_${status}`,
      `the provider redirected (${status}); provider calls do not follow redirects`,
      {
        ...base,
        retryable: false,
      },
    );
  }
  if (status === 401) {
    return new SendError(
      'AUTH_FAILED',
      `the provider rejected the credentials (401${providerCode ? `, ${providerCode}` : ''})`,
      {
        ...base,
        retryable: false,
      },
    );
  }
  if (status === 410) {
    return new SendError('ENDPOINT_GONE', 'the endpoint is gone (410)', { ...base, retryable: false });
  }
  return new SendError(`HTTP_${status}`, answered(status, providerCode), { ...base, retryable: false });
}
