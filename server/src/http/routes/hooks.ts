import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import twilio from 'twilio';
import type { ProviderHttp } from '../../channels/http.ts';
import type { TelegramConfig } from '../../channels/telegram/config.ts';
import { escapeHtml } from '../../channels/text.ts';
import type { WhatsappMetaConfig } from '../../channels/whatsapp/config.ts';
import { sendMeta } from '../../channels/whatsapp/meta.ts';
import { templateError } from '../../channels/whatsapp/template.ts';
import type { ChannelRow } from '../../db/repos/channels.ts';
import { WhatsappSessionRepo } from '../../db/repos/whatsapp.ts';
import type { TenantRow } from '../../db/rows.ts';
import type { Store, TenantStore } from '../../db/store.ts';
import { sessionNumber } from '../../delivery/whatsapp.ts';
import type { Inbox } from '../../inbox/inbox.ts';
import { channelTenant, parseChoice, ReplyRepo } from '../../inbox/replies.ts';
import { AppError, appError, fail } from '../../lib/errors.ts';
import type { Limits } from '../../lib/limiter.ts';
import { TelegramBot, type TelegramUpdate } from '../../telegram-bot/bot.ts';
import { botTexts } from '../../telegram-bot/texts.ts';
import { router } from '../openapi.ts';
import { documentHooks } from './hooks-openapi.ts';

export interface HookRoutesOptions {
  store: Store;
  /** Replies and the Telegram bot call providers through it, under the egress policy. */
  http: ProviderHttp;
  inbox: Inbox;
  log: Logger;
  /** `AVISO_PUBLIC_URL`: the URL Twilio signed. Absent, the request's own origin is used. */
  publicUrl?: string;
  onQueued?: () => void;
  now?: () => Date;
  /** The Telegram bot's linking tries (per tenant and per person); none when absent. */
  limits?: Pick<Limits, 'telegramTenant' | 'telegramPerson'>;
}

interface Resolved {
  store: TenantStore;
  tenant: TenantRow;
  channel: ChannelRow;
}

/** Compares two secrets in constant time (a length mismatch is simply false). */
export function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret. */
export function validMetaSignature(header: string | undefined, body: Buffer, appSecret: string): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected);
}

const refused = (what: string) => appError('INVALID_SIGNATURE', { what });

/**
 * Inbound hooks: Telegram updates, Twilio (WhatsApp and SMS) and Meta WhatsApp messages. No API
 * key: the channel in the path names the tenant, and the provider's signature (checked against that
 * channel's secret before the body is read as anything) is the credential.
 */
export function hookRoutes(o: HookRoutesOptions) {
  const app = router();
  documentHooks(app.openAPIRegistry);
  const now = () => o.now?.() ?? new Date();

  async function resolve(channelId: string, kinds: readonly string[]): Promise<Resolved> {
    const found = await channelTenant(o.store.db, channelId);
    if (!found || !kinds.includes(found.kind)) fail('CHANNEL_NOT_FOUND', { id: channelId });
    const store = o.store.forTenant(found.tenantId);
    const [tenant, channel] = await Promise.all([store.settings.get(), store.channels.get(channelId)]);
    if (!channel) fail('CHANNEL_NOT_FOUND', { id: channelId });
    return { store, tenant, channel };
  }

  /** A person wrote to this WhatsApp number: free text may go to them for the next 24 hours. */
  async function wrote(r: Resolved, from: string) {
    const number = sessionNumber(from);
    if (number)
      await new WhatsappSessionRepo(r.store.db, r.store.tenantId).touch(r.channel.id, number, now());
  }

  /**
   * A provider's status report that a message it had accepted failed (Twilio's status callback,
   * Meta's `statuses` webhook): its delivery becomes `failed`, with a template code where it is one
   * (Twilio 63016 and Meta 131047 only arrive this way).
   */
  async function failedLater(
    r: Resolved,
    kind: string,
    provider: 'meta' | 'twilio',
    id: string,
    code: number,
  ) {
    const known = Number.isInteger(code) ? templateError(provider, code) : undefined;
    const said = Number.isInteger(code) ? ` (${code})` : '';
    await r.store.deliveries.failSent(
      kind,
      id,
      known
        ? { errorCode: known.code, lastError: known.message }
        : { errorCode: 'PROVIDER_ERROR', lastError: `the provider reported the message failed${said}` },
      now(),
    );
  }

  /** Answers a numbered reply ("1", "2") on WhatsApp or SMS; returns what to say back, if anything. */
  async function numbered(r: Resolved, kind: 'whatsapp' | 'sms', from: string, text: string | undefined) {
    const choice = parseChoice(text);
    if (choice === null) return null;
    const latest = await new ReplyRepo(r.store.db, r.store.tenantId).latestAnswerable(kind, from);
    const t = botTexts(latest?.recipient.locale ?? r.tenant.locale);
    if (!latest) return t.nothingToAnswer;
    const action = latest.n.actions?.[choice];
    if (!action) return t.unknownChoice(latest.n.actions?.length ?? 0);
    try {
      const done = await o.inbox.act(r.store, latest.recipient, latest.n.id, action.id, kind, {
        now: now(),
        onQueued: o.onQueued,
      });
      return done.recorded ? t.recorded(done.label) : t.alreadyAnswered(done.label);
    } catch (err) {
      if (err instanceof AppError) return t.gone;
      throw err;
    }
  }

  app.post('/v1/hooks/telegram/:channelId', async (c) => {
    const r = await resolve(c.req.param('channelId'), ['telegram']);
    const config = r.channel.config as TelegramConfig;
    if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token'), config.webhookSecret)) {
      throw refused('X-Telegram-Bot-Api-Secret-Token');
    }
    let update: TelegramUpdate;
    try {
      update = JSON.parse(await c.req.text()) as TelegramUpdate;
    } catch {
      // Verified but unreadable: acknowledged, or Telegram would send it again and again.
      return c.json({ ok: true }, 200);
    }
    try {
      const bot = new TelegramBot({
        store: r.store,
        tenant: r.tenant,
        channel: { id: r.channel.id, config },
        inbox: o.inbox,
        http: o.http,
        now: now(),
        onQueued: o.onQueued,
        limits: o.limits,
      });
      await bot.handle(update && typeof update === 'object' ? update : {});
    } catch (err) {
      o.log.warn({ err, channel: r.channel.id, update: update?.update_id }, 'telegram update failed');
    }
    return c.json({ ok: true }, 200);
  });

  app.post('/v1/hooks/twilio/:channelId', async (c) => {
    const r = await resolve(c.req.param('channelId'), ['whatsapp', 'sms']);
    const config = r.channel.config as { provider?: string; authToken?: string };
    if (config.provider !== 'twilio' || !config.authToken) throw refused('X-Twilio-Signature');
    const raw = await c.req.text();
    const params = Object.fromEntries(new URLSearchParams(raw));
    const url = new URL(c.req.url);
    const signed = `${o.publicUrl ?? url.origin}${url.pathname}${url.search}`;
    if (!twilio.validateRequest(config.authToken, c.req.header('x-twilio-signature') ?? '', signed, params)) {
      throw refused('X-Twilio-Signature');
    }
    const kind = r.channel.kind === 'sms' ? 'sms' : 'whatsapp';
    const from = (params.From ?? '').replace(/^whatsapp:/, '');
    if (params.MessageStatus !== undefined) {
      // A status callback, not the person writing.
      if (['failed', 'undelivered'].includes(params.MessageStatus) && params.MessageSid) {
        await failedLater(r, kind, 'twilio', params.MessageSid, Number(params.ErrorCode));
      }
      return c.body('<?xml version="1.0" encoding="UTF-8"?><Response/>', 200, { 'content-type': 'text/xml' });
    }
    if (kind === 'whatsapp' && from) await wrote(r, from);
    const answer = from ? await numbered(r, kind, from, params.Body) : null;
    const twiml = answer ? `<Response><Message>${escapeHtml(answer)}</Message></Response>` : '<Response/>';
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>${twiml}`, 200, { 'content-type': 'text/xml' });
  });

  app.get('/v1/hooks/whatsapp/:channelId', async (c) => {
    const r = await resolve(c.req.param('channelId'), ['whatsapp']);
    const config = r.channel.config as Partial<WhatsappMetaConfig>;
    const mode = c.req.query('hub.mode');
    if (mode !== 'subscribe' || !sameSecret(c.req.query('hub.verify_token'), config.verifyToken)) {
      fail('FORBIDDEN', { reason: 'the verify token is missing or wrong' });
    }
    return c.text(c.req.query('hub.challenge') ?? '', 200);
  });

  app.post('/v1/hooks/whatsapp/:channelId', async (c) => {
    const r = await resolve(c.req.param('channelId'), ['whatsapp']);
    const config = r.channel.config as WhatsappMetaConfig;
    const body = Buffer.from(await c.req.arrayBuffer());
    if (
      config.provider !== 'meta' ||
      !config.appSecret ||
      !validMetaSignature(c.req.header('x-hub-signature-256'), body, config.appSecret)
    ) {
      throw refused('X-Hub-Signature-256');
    }
    for (const s of metaFailures(body)) await failedLater(r, 'whatsapp', 'meta', s.id, s.code);
    for (const m of metaMessages(body)) {
      await wrote(r, m.from);
      if (m.text === undefined) continue;
      const answer = await numbered(r, 'whatsapp', m.from, m.text);
      if (!answer) continue;
      await sendMeta(o.http, config, m.from, answer).catch((err: unknown) =>
        o.log.warn({ err: (err as Error).message, channel: r.channel.id }, 'whatsapp reply failed'),
      );
    }
    return c.json({ ok: true }, 200);
  });

  return app;
}

interface MetaPayload {
  entry?: {
    changes?: {
      value?: {
        statuses?: { id?: string; status?: string; errors?: { code?: number }[] }[];
        messages?: {
          from?: string;
          type?: string;
          text?: { body?: string };
          button?: { text?: string };
          interactive?: { button_reply?: { title?: string } };
        }[];
      };
    }[];
  }[];
}

function metaPayload(body: Buffer): MetaPayload | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as MetaPayload;
  } catch {
    return undefined;
  }
}

/** The messages a (verified) Meta webhook body reports as failed, with the error code. */
function metaFailures(body: Buffer): { id: string; code: number }[] {
  const out: { id: string; code: number }[] = [];
  for (const entry of metaPayload(body)?.entry ?? []) {
    for (const change of entry?.changes ?? []) {
      for (const s of change?.value?.statuses ?? []) {
        if (s?.status === 'failed' && typeof s.id === 'string')
          out.push({ id: s.id, code: Number(s.errors?.[0]?.code) });
      }
    }
  }
  return out;
}

/** The sender (and the text, when it has some) of each incoming message of a (verified) Meta webhook body. */
function metaMessages(body: Buffer): { from: string; text?: string }[] {
  const payload = metaPayload(body);
  const out: { from: string; text?: string }[] = [];
  for (const entry of payload?.entry ?? []) {
    for (const change of entry?.changes ?? []) {
      for (const m of change?.value?.messages ?? []) {
        const text = m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title;
        if (m.from) out.push({ from: String(m.from), ...(text ? { text } : {}) });
      }
    }
  }
  return out;
}
