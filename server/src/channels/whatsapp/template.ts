import type { ResolvedTemplate, SendErrorCode } from '../types.ts';
import { SendError } from '../types.ts';

/**
 * Provider codes that are about templates or the 24-hour window, as short codes of the delivery
 * log. All are permanent: sending the same template again gets the same answer.
 * Meta: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 * Twilio: https://www.twilio.com/docs/api/errors (21655, 21656, 63016, 63027, 63028, 63005).
 */
const META: Record<number, [SendErrorCode, string]> = {
  131047: [
    'TEMPLATE_REQUIRED',
    'more than 24 hours since the person last wrote: only a template can be sent',
  ],
  132000: ['TEMPLATE_PARAMS', 'the number of parameters does not match the approved template'],
  132001: ['TEMPLATE_NOT_FOUND', 'the template does not exist in this language, or is not approved'],
  132005: ['TEMPLATE_PARAMS', 'the text with its parameters is too long for the template'],
  132007: ['TEMPLATE_REJECTED', 'the template’s content breaks WhatsApp’s policy'],
  132012: ['TEMPLATE_PARAMS', 'a parameter’s format does not match the approved template'],
  132015: ['TEMPLATE_PAUSED', 'the template is paused for low quality'],
  132016: ['TEMPLATE_PAUSED', 'the template is disabled for low quality'],
  131008: ['TEMPLATE_PARAMS', 'a required parameter is missing'],
};

const TWILIO: Record<number, [SendErrorCode, string]> = {
  63016: ['TEMPLATE_REQUIRED', 'outside the 24-hour window: only a template can be sent'],
  21655: ['TEMPLATE_NOT_FOUND', 'the Content SID is not a template of this account'],
  63027: ['TEMPLATE_NOT_FOUND', 'the template does not exist for this language, or is not approved'],
  21656: ['TEMPLATE_PARAMS', 'the content variables are not valid (empty or malformed)'],
  63028: ['TEMPLATE_PARAMS', 'the number of variables does not match the template'],
  63005: ['TEMPLATE_REJECTED', 'WhatsApp did not accept the content'],
};

/** The error of a template or window code of `provider`, or undefined for any other code. */
export function templateError(
  provider: 'meta' | 'twilio',
  code: number | undefined,
  providerStatus?: number,
): SendError | undefined {
  const known = code === undefined ? undefined : (provider === 'meta' ? META : TWILIO)[code];
  if (!known) return undefined;
  const [short, why] = known;
  const name = provider === 'meta' ? 'Meta' : 'Twilio';
  return new SendError(short, `${name}: ${why} (${code})`, {
    retryable: false,
    providerCode: String(code),
    ...(providerStatus === undefined ? {} : { providerStatus }),
  });
}

/** Outside the 24-hour window with nothing to send: fails for good, so the rule's next channel is tried. */
export function templateRequired(type: string, provider: 'Meta' | 'Twilio'): SendError {
  const what = provider === 'Meta' ? 'template name and language' : 'Content SID';
  return new SendError(
    'TEMPLATE_REQUIRED',
    `the person has not written in the last 24 hours and ${type} has no ${provider} ${what} mapped (whatsappTemplate)`,
    { retryable: false },
  );
}

/** The `template` object of a Cloud API message: name, language and the filled-in components. */
export function metaTemplate(t: ResolvedTemplate & { name: string; language: string }) {
  const components: Record<string, unknown>[] = [];
  if (t.parameters.body.length) {
    components.push({ type: 'body', parameters: t.parameters.body.map((text) => ({ type: 'text', text })) });
  }
  for (const b of t.parameters.buttons) {
    components.push({
      type: 'button',
      sub_type: b.type,
      index: String(b.index),
      parameters: [b.type === 'url' ? { type: 'text', text: b.text } : { type: 'payload', payload: b.text }],
    });
  }
  return {
    name: t.name,
    language: { code: t.language },
    ...(components.length ? { components } : {}),
  };
}

/** Twilio's `ContentVariables`: `{"1": …, "2": …}` through the body, then the buttons; undefined when none. */
export function twilioVariables(t: ResolvedTemplate): string | undefined {
  const values = [...t.parameters.body, ...t.parameters.buttons.map((b) => b.text)];
  if (!values.length) return undefined;
  return JSON.stringify(Object.fromEntries(values.map((v, i) => [String(i + 1), v])));
}
