import { maskPii } from '../lib/log.ts';
import { SendError } from './types.ts';

/** Default time a provider gets to answer one HTTP request. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

export interface PostOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Leave 3xx answers alone instead of following them (webhooks must not be redirected). */
  manualRedirect?: boolean;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * POSTs a JSON (or pre-encoded string) body with a timeout and reads the whole reply. Network
 * failures become retryable `SendError`s; HTTP statuses are left to the caller to classify.
 */
export async function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<HttpReply> {
  const { headers = {}, timeoutMs = DEFAULT_HTTP_TIMEOUT_MS, manualRedirect = false } = options;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: manualRedirect ? 'manual' : 'follow',
    });
  } catch (err) {
    throw networkError(err);
  }
  let text = '';
  try {
    text = await res.text();
  } catch (err) {
    throw networkError(err);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Turns a thrown fetch/socket error into a retryable `SendError` (timeout or connection). The
 * original error is not kept as `cause`: HTTP client errors can carry the request's URL and
 * headers, which hold tokens.
 */
export function networkError(err: unknown): SendError {
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

/** Shortens and masks a provider's own error text before it goes into a `SendError`. */
export function providerText(text: string | undefined, max = 300): string {
  if (!text) return '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return maskPii(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}

export interface StatusDetail {
  /** What the provider said, already masked. */
  message?: string;
  providerCode?: string;
  /** A wait the provider put in its body rather than in `Retry-After`. */
  retryAfterMs?: number;
}

/**
 * The default HTTP classification: 429 and 5xx retryable (honouring `Retry-After`), 408 retryable,
 * 401/403 `AUTH_FAILED`, 410 `ENDPOINT_GONE`, any other 4xx permanent.
 */
export function httpError(
  reply: Pick<HttpReply, 'status' | 'headers'>,
  detail: StatusDetail = {},
): SendError {
  const { status } = reply;
  const retryAfterMs = detail.retryAfterMs ?? parseRetryAfter(reply.headers.get('retry-after'));
  const base = {
    providerStatus: status,
    ...(detail.providerCode === undefined ? {} : { providerCode: detail.providerCode }),
  };
  const said = detail.message ? `: ${detail.message}` : '';
  if (status === 429 || status === 408 || status >= 500) {
    return new SendError(`HTTP_${status}`, `the provider answered ${status}${said}`, {
      ...base,
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401) {
    return new SendError('AUTH_FAILED', `the provider rejected the credentials${said}`, {
      ...base,
      retryable: false,
    });
  }
  if (status === 410) {
    return new SendError('ENDPOINT_GONE', `the endpoint is gone (410)${said}`, { ...base, retryable: false });
  }
  return new SendError(`HTTP_${status}`, `the provider answered ${status}${said}`, {
    ...base,
    retryable: false,
  });
}
