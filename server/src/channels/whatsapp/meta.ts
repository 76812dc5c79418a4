import { answered, httpError, type ProviderHttp, parseRetryAfter } from '../http.ts';
import { type ResolvedTemplate, SendError, type SendResult } from '../types.ts';
import type { WhatsappMetaConfig } from './config.ts';
import { metaTemplate, templateError } from './template.ts';

interface MetaError {
  error?: { code?: unknown };
}

// Graph API codes: throttling and temporary trouble (retry), expired or wrong token, bad recipient.
const THROTTLED = new Set([4, 80007, 130429, 131048, 131056]);
const TEMPORARY = new Set([1, 2, 131000, 131016]);
const AUTH = new Set([190, 10, 200]);
const BAD_RECIPIENT = new Set([131026, 131030, 131021]);

/** Sends a text message through the WhatsApp Cloud API: `POST {root}/{version}/{phoneNumberId}/messages`. */
export function sendMeta(
  http: ProviderHttp,
  config: WhatsappMetaConfig,
  to: string,
  body: string,
): Promise<SendResult> {
  return postMessage(http, config, to, {
    type: 'text',
    text: { body: body.slice(0, 4096), preview_url: false },
  });
}

/** Sends an approved template (outside the 24-hour window): `type: "template"` with its components. */
export function sendMetaTemplate(
  http: ProviderHttp,
  config: WhatsappMetaConfig,
  to: string,
  template: ResolvedTemplate & { name: string; language: string },
): Promise<SendResult> {
  return postMessage(http, config, to, { type: 'template', template: metaTemplate(template) });
}

async function postMessage(
  http: ProviderHttp,
  config: WhatsappMetaConfig,
  to: string,
  content: Record<string, unknown>,
): Promise<SendResult> {
  const url = `${config.apiRoot.replace(/\/$/, '')}/${config.apiVersion}/${config.phoneNumberId}/messages`;
  const reply = await http.post(
    url,
    { messaging_product: 'whatsapp', recipient_type: 'individual', to: to.replace(/^\+/, ''), ...content },
    { headers: { authorization: `Bearer ${config.accessToken}` } },
  );
  if (reply.status >= 200 && reply.status < 300) {
    const id = (reply.json as { messages?: { id?: string }[] } | undefined)?.messages?.[0]?.id;
    return { ...(id ? { providerMessageId: id } : {}), providerStatus: reply.status };
  }
  const code = (reply.json as MetaError | undefined)?.error?.code;
  const providerCode = typeof code === 'number' ? String(code) : undefined;
  const base = { providerStatus: reply.status, ...(providerCode === undefined ? {} : { providerCode }) };
  const said = answered(reply.status, providerCode);
  if (typeof code === 'number' && (THROTTLED.has(code) || TEMPORARY.has(code))) {
    const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'));
    throw new SendError(THROTTLED.has(code) ? 'HTTP_429' : `HTTP_${reply.status}`, `Meta: ${said}`, {
      ...base,
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (typeof code === 'number' && AUTH.has(code)) {
    throw new SendError('AUTH_FAILED', `Meta rejected the access token (${code})`, {
      ...base,
      retryable: false,
    });
  }
  const template = templateError('meta', typeof code === 'number' ? code : undefined, reply.status);
  if (template) throw template;
  if (typeof code === 'number' && BAD_RECIPIENT.has(code)) {
    throw new SendError('INVALID_ADDRESS', `Meta cannot deliver to this number (${code})`, {
      ...base,
      retryable: false,
    });
  }
  throw httpError(reply, { providerCode });
}
