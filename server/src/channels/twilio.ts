import type { TwilioAccount } from '@aviso/protocol';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { httpError, networkError, type ProviderHttp } from './http.ts';
import { SendError } from './types.ts';
import { templateError } from './whatsapp/template.ts';

/** A non-2xx answer from Twilio, with the headers `RestException` would drop (`Retry-After`). */
class TwilioHttpFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    super(`Twilio answered ${statusCode}`);
  }
}

/** Twilio's form and query encoding: arrays as repeated keys (`qs` with `arrayFormat: repeat`). */
function formEncode(data: object | undefined): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(data ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) form.append(k, String(item));
  }
  return form.toString();
}

/**
 * The library's HTTP client (the documented `httpClient` hook), replaced by Aviso's provider client
 * so the egress policy, the refusal of redirects and the reply cap apply to Twilio too. Rebased
 * onto `apiBase` when one is configured; a non-2xx answer fails with its headers kept.
 */
class AvisoTwilioClient extends twilio.RequestClient {
  constructor(
    private readonly http: ProviderHttp,
    private readonly apiBase: string | undefined,
  ) {
    super({ autoRetry: false, keepAlive: false });
  }

  override async request<T>(opts: RequestClient.RequestOptions<T>) {
    const u = new URL(opts.uri);
    const query = formEncode(opts.params as object | undefined);
    const path = `${u.pathname}${query ? `?${query}` : u.search}`;
    const uri = this.apiBase ? `${this.apiBase.replace(/\/$/, '')}${path}` : `${u.origin}${path}`;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k] = v;
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }
    const body = opts.data === undefined ? undefined : formEncode(opts.data as object);
    const reply = await this.http.request(uri, {
      method: opts.method.toUpperCase(),
      headers,
      ...(body === undefined ? {} : { body }),
      ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
    });
    if (reply.status < 200 || reply.status >= 300) {
      throw new TwilioHttpFailure(reply.status, reply.json, reply.headers);
    }
    return { statusCode: reply.status, body: reply.text as T, headers: Object.fromEntries(reply.headers) };
  }
}

// Twilio error codes that say the address is wrong or has opted out: retrying cannot help.
const BAD_ADDRESS = new Set([21211, 21214, 21217, 21407, 21421, 21614, 63024]);
const OPTED_OUT = new Set([21610, 63033]);

/** Classifies what `messages.create` threw: the status and Twilio's numeric `code`, never its text. */
export function classifyTwilioError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (!(err instanceof TwilioHttpFailure)) return networkError(err);
  const body = (err.body && typeof err.body === 'object' ? err.body : {}) as { code?: unknown };
  const code = typeof body.code === 'number' ? body.code : undefined;
  const providerCode = code === undefined ? undefined : String(code);
  const base = { providerStatus: err.statusCode, ...(providerCode === undefined ? {} : { providerCode }) };
  const template = templateError('twilio', code, err.statusCode);
  if (template) return template;
  if (code !== undefined && BAD_ADDRESS.has(code)) {
    return new SendError('INVALID_ADDRESS', `Twilio rejected the number (${code})`, {
      ...base,
      retryable: false,
    });
  }
  if (code !== undefined && OPTED_OUT.has(code)) {
    return new SendError('RECIPIENT_BLOCKED', `the recipient opted out (${code})`, {
      ...base,
      retryable: false,
    });
  }
  if (code === 20003) {
    return new SendError('AUTH_FAILED', 'Twilio rejected the credentials (20003)', {
      ...base,
      retryable: false,
    });
  }
  return httpError({ status: err.statusCode, headers: err.headers }, { providerCode });
}

/** A text (`body`), or a Content template (`contentSid` and its `contentVariables` JSON). */
export type TwilioMessage = { to: string; from: string } & (
  | { body: string; contentSid?: undefined }
  | { contentSid: string; contentVariables?: string; body?: undefined }
);

/** Creates Twilio message resources through Aviso's provider client; one library client per API base. */
export class TwilioMessages {
  private readonly clients = new Map<string, AvisoTwilioClient>();

  constructor(private readonly http: ProviderHttp) {}

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
        ...(message.contentSid === undefined
          ? { body: message.body }
          : {
              contentSid: message.contentSid,
              ...(message.contentVariables === undefined
                ? {}
                : { contentVariables: message.contentVariables }),
            }),
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
      client = new AvisoTwilioClient(this.http, apiBase);
      this.clients.set(key, client);
    }
    return client;
  }
}
