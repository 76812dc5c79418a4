import { z } from 'zod';

/**
 * Where a template parameter's text comes from: a field of the notification (`title`, `message`,
 * `tenant` — the tenant's name —, `link` — the absolute deep link —, `entityId`, `type`) or a value
 * of its `data` (`data.productName`, `data.customer.name`: up to four levels).
 */
export const TemplateSourceSchema = z
  .string()
  .regex(
    /^(title|message|tenant|link|entityId|type|data(\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,4})$/,
    'title, message, tenant, link, entityId, type or data.<field>',
  )
  .meta({ examples: ['data.productName'] });
export type TemplateSource = z.infer<typeof TemplateSourceSchema>;

/** A button of the template whose text is filled in: a URL button's suffix or a quick reply's payload. */
export const TemplateButtonSchema = z.strictObject({
  type: z.enum(['url', 'quick_reply']),
  /** The button's position in the approved template (0 first). */
  index: z.number().int().min(0).max(9),
  value: TemplateSourceSchema,
});
export type TemplateButton = z.infer<typeof TemplateButtonSchema>;

/**
 * How one event type goes out on WhatsApp outside the 24-hour window: the approved template
 * (`name` and `language` for Meta's Cloud API, `contentSid` for Twilio's Content API; give both to
 * use either provider) and which notification fields fill its parameters, in order. For Twilio the
 * variables are numbered `1`, `2`, … through `body` and then `buttons`.
 */
export const WhatsappTemplateSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9_]{1,512}$/, 'a Meta template name: lower case letters, digits and _')
      .optional()
      .meta({ examples: ['stock_bajo'] }),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a template language code such as es, es_MX, en_US')
      .optional()
      .meta({ examples: ['es_MX'] }),
    contentSid: z
      .string()
      .regex(/^HX[0-9a-fA-F]{32}$/, 'a Twilio Content SID (HX…)')
      .optional()
      .meta({ examples: ['HXb5b62575e6e4ff6129ad7c8efe1f983e'] }),
    body: z.array(TemplateSourceSchema).max(20).default([]),
    buttons: z.array(TemplateButtonSchema).max(10).default([]),
  })
  .refine((t) => t.name || t.contentSid, {
    message: 'give name and language (Meta) and/or contentSid (Twilio)',
    path: ['name'],
  })
  .refine((t) => !t.name || t.language, { message: 'a Meta template needs its language', path: ['language'] })
  .refine((t) => new Set(t.buttons.map((b) => b.index)).size === t.buttons.length, {
    message: 'each button index once',
    path: ['buttons'],
  });
export type WhatsappTemplate = z.infer<typeof WhatsappTemplateSchema>;
export type WhatsappTemplateInput = z.input<typeof WhatsappTemplateSchema>;

/** The texts that fill a template's parameters, in order. */
export interface TemplateParameters {
  body: string[];
  buttons: { type: TemplateButton['type']; index: number; text: string }[];
}

// A quick reply's payload is short; other parameters are cut well within the body's own limit.
const MAX_PARAM = 1024;
const MAX_PAYLOAD = 256;

/**
 * One parameter's text as the providers accept it: no line breaks, tabs or runs of spaces (Meta
 * refuses them), never empty (both refuse an empty parameter), cut to its limit.
 */
export function parameterText(value: unknown, max = MAX_PARAM): string {
  const raw = value === null || value === undefined ? '' : typeof value === 'object' ? '' : String(value);
  const text = raw.replace(/\s+/g, ' ').trim();
  return (text || '-').slice(0, max);
}

/**
 * Fills a template's parameters. `read` gives the value of a source (the hub formats `data` values
 * the way the event type says; the console's preview reads its sample data).
 */
export function templateParameters(
  template: Pick<WhatsappTemplate, 'body' | 'buttons'>,
  read: (source: TemplateSource) => unknown,
): TemplateParameters {
  return {
    body: (template.body ?? []).map((s) => parameterText(read(s))),
    buttons: (template.buttons ?? []).map((b) => ({
      type: b.type,
      index: b.index,
      text: parameterText(read(b.value), b.type === 'quick_reply' ? MAX_PAYLOAD : MAX_PARAM),
    })),
  };
}

/** A `data.a.b` source's value in a data object; undefined when a step is missing. */
export function dataValue(data: Record<string, unknown> | null | undefined, source: string): unknown {
  let at: unknown = data;
  for (const key of source.split('.').slice(1)) {
    if (!at || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
