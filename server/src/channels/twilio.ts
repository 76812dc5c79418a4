import type { TwilioAccount } from '@aviso/protocol';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { httpError, networkError, providerText } from './http.ts';
import { SendError } from './types.ts';

/** A non-2xx answer from Twilio, with the headers `RestException` would drop (`Retry-After`). */
class TwilioHttpFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`Twilio answered ${statusCode}`);
  }
}

/**
 * The library's own HTTP client (the documented `httpClient` hook), rebased onto `apiBase` when
 * one is configured and failing with the response headers kept.
 */
class AvisoTwilioClient extends twilio.RequestClient {
  constructor(
    private readonly apiBase: string | undefined,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, autoRetry: false });
  }

  override async request<T>(opts: RequestClient.RequestOptions<T>) {
    let uri = opts.uri;
    if (this.apiBase) {
      const u = new URL(opts.uri);
      uri = `${this.apiBase.replace(/\/$/, '')}${u.pathname}${u.search}`;
    }
    const res = await super.request({ ...opts, uri });
    if (res.statusCode >= 300) {
      const body = typeof res.body === 'string' ? safeJson(res.body) : res.body;
      throw new TwilioHttpFailure(res.statusCode, body, (res.headers ?? {}) as Record<string, string>);
    }
    return res;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Twilio error codes that say the address is wrong or has opted out: retrying cannot help.
const BAD_ADDRESS = new Set([21211, 21214, 21217, 21407, 21421, 21614, 63024]);
const OPTED_OUT = new Set([21610, 63033]);

/** Classifies what `messages.create` threw. */
export function classifyTwilioError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (!(err instanceof TwilioHttpFailure)) return networkError(err);
  const body = (err.body && typeof err.body === 'object' ? err.body : {}) as {
    code?: number;
    message?: string;
  };
  const headers = new Headers(err.headers);
  const detail = {
    message: providerText(body.message),
    ...(body.code === undefined ? {} : { providerCode: String(body.code) }),
  };
  const base = {
    providerStatus: err.statusCode,
    ...(body.code === undefined ? {} : { providerCode: String(body.code) }),
  };
  if (body.code !== undefined && BAD_ADDRESS.has(body.code)) {
    return new SendError('INVALID_ADDRESS', `Twilio rejected the number: ${detail.message}`, {
      ...base,
      retryable: false,
    });
  }
  if (body.code !== undefined && OPTED_OUT.has(body.code)) {
    return new SendError('RECIPIENT_BLOCKED', `the recipient opted out: ${detail.message}`, {
      ...base,
      retryable: false,
    });
  }
  if (body.code === 20003) {
    return new SendError('AUTH_FAILED', 'Twilio rejected the credentials', { ...base, retryable: false });
  }
  return httpError({ status: err.statusCode, headers }, detail);
}

export interface TwilioMessage {
  to: string;
  from: string;
  body: string;
}

/** Creates Twilio message resources; one HTTP client (and keep-alive agent) per API base. */
export class TwilioMessages {
  private readonly clients = new Map<string, AvisoTwilioClient>();

  constructor(private readonly timeoutMs = 10_000) {}

  /** `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`; resolves with the message SID. */
  async create(account: TwilioAccount, message: TwilioMessage): Promise<{ sid: string; status?: string }> {
    const client = twilio(account.accountSid, account.authToken, {
      httpClient: this.httpClient(account.apiBase),
      autoRetry: false,
      // An explicit (empty) env keeps the library from reading TWILIO_* variables on its own.
      env: {},
      ...(account.region ? { region: account.region } : {}),
      ...(account.edge ? { edge: account.edge } : {}),
    });
    try {
      const created = await client.messages.create({
        to: message.to,
        ...(/^MG[0-9a-fA-F]{32}$/.test(message.from)
          ? { messagingServiceSid: message.from }
          : { from: message.from }),
        body: message.body,
        ...(account.statusCallback ? { statusCallback: account.statusCallback } : {}),
      });
      return { sid: created.sid, status: created.status };
    } catch (err) {
      throw classifyTwilioError(err);
    }
  }

  private httpClient(apiBase: string | undefined): AvisoTwilioClient {
    const key = apiBase ?? '';
    let client = this.clients.get(key);
    if (!client) {
      client = new AvisoTwilioClient(apiBase, this.timeoutMs);
      this.clients.set(key, client);
    }
    return client;
  }
}
