import { randomUUID } from 'node:crypto';
import { AvisoApiError, AvisoConnectionError, AvisoError } from './errors.ts';
import { backoffMs, type RetryPolicy, retryAfterMs, retryableStatus, sleep } from './retry.ts';
import type {
  BatchResult,
  Branch,
  BranchInput,
  BranchList,
  ErrorBody,
  EventAccepted,
  EventInput,
  Recipient,
  RecipientInput,
  ScheduleCancellation,
  WidgetToken,
  WidgetTokenInput,
} from './types.ts';

export interface AvisoOptions {
  /** The hub's base URL, e.g. `https://avisos.example.com`. */
  url: string;
  /** A tenant API key (`ak_…`). */
  apiKey: string;
  /** The longest wait for one attempt's answer. */
  timeoutMs?: number;
  /** Attempts after the first, on network errors, timeouts, 408, 429 and 5xx. */
  retries?: number;
  /** The first backoff between attempts (doubling, with jitter, up to 10 s). */
  retryBaseMs?: number;
  /** A `Retry-After` longer than this is not waited for; the 429 or 503 goes to the caller. */
  maxRetryAfterMs?: number;
}

export interface RequestOptions {
  /** Sent as `Idempotency-Key`; the same on every retry of this call. */
  idempotencyKey?: string;
  /** Cancels the call, retries included. */
  signal?: AbortSignal;
}

export interface PublishOptions extends RequestOptions {}

const enc = encodeURIComponent;

/** A typed client of the hub's tenant API for host backends (Node 20+, no dependencies). */
export class Aviso {
  private readonly base: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;

  constructor({
    url,
    apiKey,
    timeoutMs = 10_000,
    retries = 3,
    retryBaseMs = 250,
    maxRetryAfterMs = 60_000,
  }: AvisoOptions) {
    if (!/^https?:\/\//.test(url)) throw new TypeError('Aviso: url must be an http(s) URL');
    if (!apiKey) throw new TypeError('Aviso: apiKey is required');
    if (!Number.isInteger(retries) || retries < 0)
      throw new TypeError('Aviso: retries must be an integer ≥ 0');
    this.base = url.replace(/\/+$/, '');
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
    this.policy = { retries, baseMs: retryBaseMs, capMs: 10_000, maxRetryAfterMs };
  }

  /**
   * Publishes one event. Every call carries an idempotency key (a new UUID unless given), reused
   * by its retries, so a retry after a lost answer returns the first result (`duplicate`).
   */
  publish(event: EventInput, options: PublishOptions = {}): Promise<EventAccepted> {
    const idempotencyKey = options.idempotencyKey ?? randomUUID();
    return this.request<EventAccepted>('POST', '/v1/events', event, { ...options, idempotencyKey });
  }

  /** Publishes up to 1,000 events in one call; event `i` without a key of its own gets `<key>:<i>`. */
  publishBatch(events: EventInput[], options: PublishOptions = {}): Promise<BatchResult> {
    const idempotencyKey = options.idempotencyKey ?? randomUUID();
    return this.request<BatchResult>('POST', '/v1/events/batch', { events }, { ...options, idempotencyKey });
  }

  readonly branches = {
    /** Creates or renames a branch (the id is the host's own). */
    put: (branchId: string, body: BranchInput, o?: RequestOptions) =>
      this.request<Branch>('PUT', `/v1/branches/${enc(branchId)}`, body, o),
    /** Every branch of the tenant. */
    list: (o?: RequestOptions) => this.request<BranchList>('GET', '/v1/branches', undefined, o),
    /** Deletes a branch. */
    delete: (branchId: string, o?: RequestOptions) =>
      this.request<unknown>('DELETE', `/v1/branches/${enc(branchId)}`, undefined, o),
  };

  readonly recipients = {
    /** Creates or replaces a recipient (the id is the host's user id). */
    put: (recipientId: string, body: RecipientInput, o?: RequestOptions) =>
      this.request<Recipient>('PUT', `/v1/recipients/${enc(recipientId)}`, body, o),
    /** One recipient. */
    get: (recipientId: string, o?: RequestOptions) =>
      this.request<Recipient>('GET', `/v1/recipients/${enc(recipientId)}`, undefined, o),
    /** Deletes a recipient; their live widgets are disconnected. */
    delete: (recipientId: string, o?: RequestOptions) =>
      this.request<unknown>('DELETE', `/v1/recipients/${enc(recipientId)}`, undefined, o),
  };

  readonly widgetTokens = {
    /** Asks the hub for a widget token (see `mintWidgetToken` to mint one without a call). */
    create: (body: WidgetTokenInput, o?: RequestOptions) =>
      this.request<WidgetToken>('POST', '/v1/widget-tokens', body, o),
  };

  readonly schedules = {
    /** Cancels every pending reminder and scheduled notification published with this `cancelKey`. */
    cancel: (cancelKey: string, o?: RequestOptions) =>
      this.request<ScheduleCancellation>('DELETE', `/v1/schedules/${enc(cancelKey)}`, undefined, o),
  };

  /**
   * Calls any route of the tenant API with retries. POSTs are retried only with an idempotency
   * key; GET, PUT and DELETE are idempotent by themselves.
   */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const retriable = method !== 'POST' || options.idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.attempt(method, path, body, options).catch((err: unknown) => {
        if (options.signal?.aborted) throw options.signal.reason;
        return connectionError(err);
      });
      let failure: AvisoError = answer as AvisoError;
      let retryAfter: number | undefined;
      if (!(answer instanceof AvisoError)) {
        if (answer.status >= 200 && answer.status < 300) {
          return (answer.text ? JSON.parse(answer.text) : undefined) as T;
        }
        failure = apiError(answer.status, answer.text);
        if (!retryableStatus(answer.status)) throw failure;
        retryAfter = retryAfterMs(answer.headers.get('retry-after'));
      }
      const tooLong = retryAfter !== undefined && retryAfter > this.policy.maxRetryAfterMs;
      if (!retriable || attempt >= this.policy.retries || tooLong) throw failure;
      await sleep(backoffMs(attempt + 1, this.policy, retryAfter), options.signal);
    }
  }

  /** One HTTP exchange, its body read in full: a connection cut mid-answer is a network error too. */
  private async attempt(method: string, path: string, body: unknown, options: RequestOptions) {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.apiKey}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}

/** The hub's error body as an `AvisoApiError` (a proxy's HTML page gets `HTTP_<status>`). */
function apiError(status: number, text: string): AvisoApiError {
  try {
    const { error } = JSON.parse(text) as ErrorBody;
    if (typeof error?.code === 'string')
      return new AvisoApiError(status, error.code, error.message, error.details);
  } catch {}
  return new AvisoApiError(status, `HTTP_${status}`, text.slice(0, 200) || `HTTP ${status}`);
}

function connectionError(err: unknown): AvisoConnectionError {
  const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
  return timedOut
    ? new AvisoConnectionError('TIMEOUT', 'the hub did not answer in time', { cause: err })
    : new AvisoConnectionError('NETWORK_ERROR', `the hub could not be reached: ${describe(err)}`, {
        cause: err,
      });
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
}
