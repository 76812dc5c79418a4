import {
  CHANNEL_KINDS,
  type ChannelKind,
  channelConfigSchemas,
  channelSecretFields,
  newWebhookSecret,
  SECRET_MASK,
  WebhookSecretSchema,
} from '@aviso/protocol';
import { z } from 'zod';
import { type Issue, isMailbox } from './messages.ts';

// The forms are drawn from the protocol's config schemas (the ones the hub validates with), so a
// field added to a kind shows up here without a second list to keep in step.

/** One field of a channel kind's configuration, as the form shows it. */
export interface FieldSpec {
  key: string;
  input: 'text' | 'number' | 'checkbox' | 'secret' | 'url' | 'select' | 'multi';
  required: boolean;
  placeholder?: string;
  description?: string;
  options?: readonly string[];
  /** Only shown (and sent) when this returns true for the current values. */
  when?: (config: Record<string, unknown>) => boolean;
  /** A button that fills the field (a new Standard Webhooks secret). */
  generate?: () => string;
}

type Meta = { description?: string; examples?: unknown[]; advanced?: boolean };

/** The schema under `.optional()` and `.default()`, whether it may be left out, its default and its metadata. */
function unwrap(schema: z.ZodType) {
  let inner = schema;
  let optional = false;
  let fallback: unknown;
  let meta: Meta = { ...schema.meta() };
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    if (inner instanceof z.ZodDefault) fallback = inner.def.defaultValue;
    optional = true;
    inner = inner.unwrap() as z.ZodType;
    meta = { ...inner.meta(), ...meta };
  }
  return { inner, optional, fallback, meta };
}

/** The input for one field, or null for what a form cannot edit (fixed values, maps, lists of text). */
function inputOf(inner: z.ZodType, secret: boolean): Pick<FieldSpec, 'input' | 'options'> | null {
  if (inner instanceof z.ZodBoolean) return { input: 'checkbox' };
  if (inner instanceof z.ZodNumber) return { input: 'number' };
  if (inner instanceof z.ZodEnum) return { input: 'select', options: inner.options.map(String) };
  if (inner instanceof z.ZodArray && inner.element instanceof z.ZodEnum) {
    return { input: 'multi', options: inner.element.options.map(String) };
  }
  if (inner.def.type !== 'string') return null;
  if (secret) return { input: 'secret' };
  return { input: (inner as z.ZodString).format === 'url' ? 'url' : 'text' };
}

function fieldsOfObject(kind: ChannelKind, shape: Record<string, z.ZodType>, skip?: string): FieldSpec[] {
  const fields: FieldSpec[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const { inner, optional, fallback, meta } = unwrap(schema);
    const input =
      key === skip || meta.advanced ? null : inputOf(inner, channelSecretFields[kind].includes(key));
    if (!input) continue;
    const placeholder = meta.examples?.[0] ?? fallback;
    fields.push({
      key,
      ...input,
      required: !optional,
      ...(typeof placeholder === 'string' || typeof placeholder === 'number'
        ? { placeholder: String(placeholder) }
        : {}),
      ...(meta.description ? { description: meta.description } : {}),
      ...(inner === WebhookSecretSchema ? { generate: newWebhookSecret } : {}),
    });
  }
  return fields;
}

/** A union's choice (the first one is the default) and each choice's fields, shown only when chosen. */
function fieldsOfUnion(kind: ChannelKind, union: z.ZodDiscriminatedUnion): FieldSpec[] {
  const key = union.def.discriminator;
  const variants = (union.options as z.ZodObject[]).map((o) => ({
    value: String((o.shape[key] as z.ZodLiteral).value),
    shape: o.shape as Record<string, z.ZodType>,
  }));
  const values = variants.map((v) => v.value);
  const choice: FieldSpec = { key, input: 'select', required: true, options: values };
  return [
    choice,
    ...variants.flatMap(({ value, shape }) =>
      fieldsOfObject(kind, shape, key).map((f) => ({
        ...f,
        when: (c: Record<string, unknown>) => (c[key] ?? values[0]) === value,
      })),
    ),
  ];
}

function fieldsOf(kind: ChannelKind): FieldSpec[] {
  const schema: z.ZodType = channelConfigSchemas[kind];
  if (schema instanceof z.ZodDiscriminatedUnion) return fieldsOfUnion(kind, schema);
  if (schema instanceof z.ZodObject) return fieldsOfObject(kind, schema.shape as Record<string, z.ZodType>);
  return [];
}

/** The form of each kind. Secret fields come back masked and are sent back as they were to keep the stored value. */
export const KIND_FIELDS: Readonly<Record<ChannelKind, readonly FieldSpec[]>> = Object.fromEntries(
  CHANNEL_KINDS.map((kind) => [kind, fieldsOf(kind)]),
) as Record<ChannelKind, FieldSpec[]>;

/** A new kind's starting values: a union's first choice (WhatsApp through Twilio). */
export function initialConfig(kind: ChannelKind): Record<string, unknown> {
  const choice = KIND_FIELDS[kind].find((f) => f.input === 'select' && !f.when);
  return choice?.options?.[0] ? { [choice.key]: choice.options[0] } : {};
}

/** Kinds whose test needs an address (`to`). */
export const PERSONAL_KINDS: readonly ChannelKind[] = ['email', 'whatsapp', 'telegram', 'sms'];

/** The config to send: empty fields dropped, numbers parsed, hidden fields left out. */
export function configFromForm(kind: ChannelKind, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of KIND_FIELDS[kind]) {
    if (f.when && !f.when(values)) continue;
    const v = values[f.key];
    if (f.input === 'checkbox') {
      if (v === true) out[f.key] = true;
    } else if (f.input === 'number') {
      if (v !== undefined && v !== '') out[f.key] = Number(v);
    } else if (f.input === 'multi') {
      if (Array.isArray(v) && v.length) out[f.key] = v;
    } else if (typeof v === 'string' && v.trim() !== '') {
      out[f.key] = v.trim();
    }
  }
  return out;
}

const masked = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.startsWith(SECRET_MASK)
    : Array.isArray(v)
      ? v.some(masked)
      : typeof v === 'object' && v !== null && Object.values(v).some(masked);

/** Fields of a kind that hold an email address, alone or as `Name <address>`. */
const MAILBOX_FIELDS: Partial<Record<ChannelKind, readonly string[]>> = { email: ['from', 'replyTo'] };

/**
 * What the kind's schema finds wrong with a config, before the hub is asked, as zod issues whose
 * paths start at the config's keys. Masked secrets are not judged: the hub puts their stored value
 * back first. Email senders must be addresses (the schema only asks for some text); a webhook's
 * missing secret is reported at `secret`, the field the form shows.
 */
export function configProblems(kind: ChannelKind, config: Record<string, unknown>): Issue[] {
  const parsed = channelConfigSchemas[kind].safeParse(config);
  const issues: Issue[] = parsed.success
    ? []
    : (parsed.error.issues as Issue[])
        .filter((i) => !masked(config[String(i.path[0])]))
        .map((i) =>
          kind === 'webhook' && i.path[0] === 'secrets' && i.code === 'custom'
            ? { code: 'invalid_type', path: ['secret'], input: undefined, message: i.message }
            : i,
        );
  for (const key of MAILBOX_FIELDS[kind] ?? []) {
    const value = config[key];
    if (typeof value === 'string' && !issues.some((i) => i.path[0] === key) && !isMailbox(value)) {
      issues.push({ code: 'invalid_format', format: 'email', path: [key], message: 'not an email address' });
    }
  }
  return issues;
}
