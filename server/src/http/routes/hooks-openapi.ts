import { ErrorBodySchema } from '@aviso/protocol';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { jsonContent } from '../openapi.ts';

// The inbound hooks check a provider's signature over the raw body before reading it, so they are
// plain Hono handlers; these entries only describe them in /openapi.json (nothing validates by them).

const tags = ['Inbound hooks'];
const channelId = z.object({
  channelId: z.string().openapi({ description: 'The channel that receives the hook; it names the tenant' }),
});
const ok = jsonContent(z.object({ ok: z.literal(true) }), 'Accepted (a verified but unreadable body too)');
const refused = (header: string) =>
  jsonContent(ErrorBodySchema, `\`INVALID_SIGNATURE\`: ${header} is missing or wrong`);
const unknown = jsonContent(ErrorBodySchema, '`CHANNEL_NOT_FOUND`: no channel of this kind has this id');
// The provider's signature is the credential: no bearer token.
const security: Record<string, string[]>[] = [];

/** Adds the inbound hooks (Telegram, Twilio, Meta WhatsApp) to the OpenAPI document. */
export function documentHooks(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/hooks/telegram/{channelId}',
    operationId: 'receiveTelegramUpdate',
    tags,
    summary: 'A Telegram bot update (set with setWebhook and the channel’s secret token)',
    security,
    request: {
      params: channelId,
      headers: z.object({ 'x-telegram-bot-api-secret-token': z.string() }),
      body: { required: true, content: { 'application/json': { schema: z.looseObject({}) } } },
    },
    responses: { 200: ok, 401: refused('X-Telegram-Bot-Api-Secret-Token'), 404: unknown },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hooks/twilio/{channelId}',
    operationId: 'receiveTwilioMessage',
    tags,
    summary: 'An incoming WhatsApp or SMS message from Twilio; a numbered reply answers an action',
    security,
    request: {
      params: channelId,
      headers: z.object({ 'x-twilio-signature': z.string() }),
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.looseObject({ From: z.string().optional(), Body: z.string().optional() }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'TwiML, with a message when the reply was an answer',
        content: { 'text/xml': { schema: z.string() } },
      },
      401: refused('X-Twilio-Signature'),
      404: unknown,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hooks/whatsapp/{channelId}',
    operationId: 'verifyWhatsappHook',
    tags,
    summary: 'Meta’s verification challenge: echoes hub.challenge when hub.verify_token matches',
    security,
    request: {
      params: channelId,
      query: z.object({
        'hub.mode': z.literal('subscribe'),
        'hub.verify_token': z.string(),
        'hub.challenge': z.string(),
      }),
    },
    responses: {
      200: { description: 'The challenge, as given', content: { 'text/plain': { schema: z.string() } } },
      403: jsonContent(ErrorBodySchema, '`FORBIDDEN`: the verify token is missing or wrong'),
      404: unknown,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hooks/whatsapp/{channelId}',
    operationId: 'receiveWhatsappMessage',
    tags,
    summary: 'Incoming messages from the WhatsApp Cloud API; a numbered reply answers an action',
    security,
    request: {
      params: channelId,
      headers: z.object({ 'x-hub-signature-256': z.string() }),
      body: { required: true, content: { 'application/json': { schema: z.looseObject({}) } } },
    },
    responses: { 200: ok, 401: refused('X-Hub-Signature-256'), 404: unknown },
  });
}
