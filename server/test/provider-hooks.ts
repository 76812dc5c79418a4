import { createHmac } from 'node:crypto';
import twilio from 'twilio';

/** The node's public address, which providers sign their webhooks for. */
export const PUBLIC_URL = 'https://aviso.example.com';
/** The Meta app secret and the Twilio auth token the test channels are configured with. */
export const APP_SECRET = 'meta-app-secret';
export const AUTH_TOKEN = 'twilio-auth-token';

/** A Meta webhook body with one change whose value is `value` (messages or statuses). */
export const metaWebhook = (value: Record<string, unknown>) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value }] }],
  });

/** Meta's `x-hub-signature-256` of a body. */
export const metaSignature = (body: string, secret = APP_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Twilio's `x-twilio-signature` of a form posted to `path`, signed for `base` with `token`. */
export const twilioSignature = (
  path: string,
  params: Record<string, string>,
  { token = AUTH_TOKEN, base = PUBLIC_URL }: { token?: string; base?: string } = {},
) => twilio.getExpectedTwilioSignature(token, `${base}${path}`, params);

/** The headers of a Twilio webhook: its form type and its signature for the public address. */
export const twilioHeaders = (path: string, params: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  'x-twilio-signature': twilioSignature(path, params),
});

/** A Twilio webhook request to `path`, signed for the public address. */
export const twilioPost = (path: string, params: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: twilioHeaders(path, params),
  body: new URLSearchParams(params).toString(),
});

/** A Meta webhook request with `body`, signed with the app secret. */
export const metaPost = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body) },
  body,
});
