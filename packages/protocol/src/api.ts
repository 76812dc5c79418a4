// Long by nature: the request and response schemas of the HTTP API, which also generate
// /openapi.json. Each group is short; they share refinements, so they stay together.
import { z } from 'zod';
import { TemplateWarningSchema } from './activity.ts';
import { ChannelAddressesSchema, StoredAddressesSchema } from './addresses.ts';
import { CATEGORIES, EVENT_TYPE_PATTERN, ICONS } from './catalog.ts';
import { BrandingSchema, EmailTemplateSchema } from './email.ts';
import { isSafeLink } from './links.ts';
import { ActionSchema, NotificationSchema, RoleSchema, SeveritySchema } from './notification.ts';
import { PromotionSettingsSchema } from './promotions.ts';
import { RetentionSettingsSchema } from './retention.ts';
import { CHANNEL_KINDS, DeliveryRulesSchema } from './rules.ts';
import {
  isSafeText,
  JSON_MAX_DEPTH,
  jsonLengthBound,
  jsonProblem,
  safeJson,
  safeText,
  UNSAFE_TEXT_MESSAGE,
  UuidSchema,
} from './safe.ts';
import {
  CancelKeySchema,
  InstantSchema,
  ReminderOffsetSchema,
  ScheduledItemSchema,
  SkippedReminderSchema,
  SlaSettingsSchema,
} from './schedules.ts';
import { TelegramSettingsSchema } from './telegram.ts';
import { WhatsappTemplateSchema } from './whatsapp-template.ts';

function isValid(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

/** A host's own id for a branch or a person: uuid, integer or code. */
export const HostIdSchema = z
  .string()
  .min(1)
  .max(64)
  // No regex flag (the OpenAPI pattern would carry it as text): Cc is written out, not as \p{Cc}.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  .regex(/^[^\s/?#\x00-\x1f\x7f-\x9f]+$/, 'no spaces, control characters, "/", "?" or "#"')
  .refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE });

export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as MXN, USD, COP')
  .refine((c) => isValid(() => new Intl.NumberFormat('en', { style: 'currency', currency: c })), {
    message: 'unknown currency',
  });
export const LocaleSchema = z
  .string()
  .min(2)
  .max(35)
  .refine((l) => isValid(() => Intl.getCanonicalLocales(l)), { message: 'not a BCP 47 locale' });
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => isValid(() => new Intl.DateTimeFormat('en', { timeZone: tz })), {
    message: 'unknown IANA time zone',
  });
export const AppUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//.test(u) && isSafeText(u), { message: 'an http(s) URL' });
export const LinkSchema = z
  .string()
  .max(2048)
  .refine((l) => isSafeLink(l) && isSafeText(l), { message: 'a relative link (#/…, /…) or an http(s) URL' });

const JSON_LIMIT = 32 * 1024;
/**
 * An event's own data: storable strings, at most 32 levels deep (checked before anything serializes
 * it), 32 KB. An object with any keys (a loose object: its keys are strings by nature, and it reads
 * a quarter of the CPU of a string-keyed record); serialized to measure it only when a bound on its
 * size does not already show it small.
 */
export const DataSchema = z.looseObject({}).superRefine((d, ctx) => {
  const problem = jsonProblem(d);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  else if (jsonLengthBound(d, JSON_LIMIT) > JSON_LIMIT && JSON.stringify(d).length > JSON_LIMIT) {
    ctx.addIssue({ code: 'custom', message: `at most ${JSON_LIMIT} bytes of JSON` });
  }
});

export const TenantCreateSchema = z
  .object({
    name: safeText(200, 1),
    currency: CurrencySchema.optional(),
    locale: LocaleSchema.optional(),
    timezone: TimeZoneSchema.optional(),
    appUrl: AppUrlSchema.optional(),
  })
  .strict();
export type TenantCreate = z.infer<typeof TenantCreateSchema>;

/** A tenant's settings, by group; a PATCH replaces the groups it names and keeps the others. */
export const TenantSettingsSchema = z
  .object({
    sla: SlaSettingsSchema,
    telegram: TelegramSettingsSchema,
    retention: RetentionSettingsSchema,
    promotions: PromotionSettingsSchema,
    /** The logo and colour of the tenant's emails. */
    branding: BrandingSchema,
    /** What the Telegram bot answers to `/contact` (a Spanish default when absent; `null` restores it). */
    contactText: safeText(1000, 1).nullable(),
  })
  .partial()
  .strict();
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const TenantPatchSchema = z
  .object({
    name: safeText(200, 1),
    currency: CurrencySchema,
    locale: LocaleSchema,
    timezone: TimeZoneSchema,
    appUrl: AppUrlSchema.nullable(),
    settings: TenantSettingsSchema,
    /** The tenant's own group chats (its default recipients); see `ChannelAddressesSchema`. */
    addresses: ChannelAddressesSchema,
  })
  .partial()
  .strict();
export type TenantPatch = z.infer<typeof TenantPatchSchema>;

export const TenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  appUrl: z.string().nullable(),
  settings: TenantSettingsSchema,
  addresses: StoredAddressesSchema,
  createdAt: z.string(),
});
export type Tenant = z.infer<typeof TenantSchema>;

export const TenantCreatedSchema = TenantSchema.extend({ apiKey: z.string(), widgetSecret: z.string() });

export const ApiKeyCreateSchema = z.object({ name: safeText(100, 1).optional() }).strict();
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string() });

export const BranchInputSchema = z
  .object({ name: safeText(200, 1), addresses: ChannelAddressesSchema.optional() })
  .strict();
export const BranchSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The branch's group chats: `groups: true` rules send its notifications there once. */
  addresses: StoredAddressesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Branch = z.infer<typeof BranchSchema>;

/** Opt-outs keyed by a closed list of names; an unknown name is refused without echoing every key back. */
function switches<K extends string>(names: readonly K[], what: string) {
  const shape = Object.fromEntries(names.map((n) => [n, z.boolean().optional()])) as {
    [N in K]: z.ZodOptional<z.ZodBoolean>;
  };
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `known ${what}: ${names.join(', ')}` : undefined),
  });
}

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/**
 * A category's switch: off (`false`) or on everywhere, or per channel kind (`{"whatsapp": false}`
 * turns it off on WhatsApp only).
 */
const CategorySwitch = z.union([z.boolean(), switches(CHANNEL_KINDS, 'channel kinds')], {
  error: () => `true, false, or {kind: true|false} for these kinds: ${CHANNEL_KINDS.join(', ')}`,
});

/** Per-recipient choices: opt out of categories (everywhere or per channel) or channels, quiet hours. */
export const PreferencesSchema = z.strictObject(
  {
    categories: z
      .strictObject(
        Object.fromEntries(CATEGORIES.map((n) => [n, CategorySwitch.optional()])) as {
          [N in (typeof CATEGORIES)[number]]: z.ZodOptional<typeof CategorySwitch>;
        },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys' ? `known categories: ${CATEGORIES.join(', ')}` : undefined,
        },
      )
      .optional(),
    channels: switches(CHANNEL_KINDS, 'channel kinds').optional(),
    quietHours: z
      .strictObject({ start: HourMinute, end: HourMinute })
      .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] })
      .nullable()
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'known: categories, channels, quietHours' : undefined,
  },
);
export type Preferences = z.infer<typeof PreferencesSchema>;

export const RecipientInputSchema = z
  .object({
    name: safeText(200, 1).optional(),
    role: RoleSchema,
    branchIds: z.array(HostIdSchema).max(500),
    email: z.string().email().max(320).nullable().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +5215512345678')
      .nullable()
      .optional(),
    whatsapp: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +5215512345678')
      .nullable()
      .optional(),
    telegramChatId: z
      .string()
      .regex(/^-?\d{1,20}$/, 'a Telegram chat id')
      .nullable()
      .optional(),
    documentId: safeText(64, 1).nullable().optional(),
    locale: LocaleSchema.nullable().optional(),
    preferences: PreferencesSchema.optional(),
  })
  .strict();
export type RecipientInput = z.infer<typeof RecipientInputSchema>;

export const RecipientSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  branchIds: z.array(z.string()),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  telegramChatId: z.string().nullable(),
  documentId: z.string().nullable(),
  locale: z.string().nullable(),
  preferences: PreferencesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const WidgetTokenInputSchema = z
  .object({
    recipientId: HostIdSchema,
    /** Seconds; 1 minute to 30 days, 12 hours by default. */
    expiresIn: z
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .optional(),
  })
  .strict();
export const WidgetTokenSchema = z.object({ token: z.string(), expiresAt: z.string() });

/** Claims of a widget token; hosts may mint it themselves (HS256 with the tenant's widgetSecret). */
export const WidgetClaimsSchema = z.object({
  sub: HostIdSchema,
  tid: UuidSchema,
  exp: z.number(),
  /** When the token was issued (seconds); required when it carries profile claims. */
  iat: z.number().optional(),
  name: safeText(200, 1).optional(),
  role: RoleSchema.optional(),
  branchIds: z.array(HostIdSchema).max(500).optional(),
  email: z.string().email().max(320).optional(),
  locale: LocaleSchema.optional(),
});
export type WidgetClaims = z.infer<typeof WidgetClaimsSchema>;

export const EventTypeNameSchema = z
  .string()
  .regex(EVENT_TYPE_PATTERN, 'UPPER_SNAKE_CASE, at most 64 characters');

/**
 * An action of an event: what the widget and the phones offer, plus what answering it cancels
 * (`cancels`: cancel keys of scheduled reminders, e.g. the T-2h reminder once a reservation is confirmed).
 */
export const EventActionSchema = ActionSchema.extend({
  cancels: z.array(CancelKeySchema).min(1).max(10).optional(),
}).strict();

/** An event; every string in it (actions, cancelKey, data…) must be storable. */
export const EventInputSchema = safeJson(
  z
    .object({
      type: EventTypeNameSchema,
      entityId: safeText(128, 1).optional(),
      branchIds: z.array(HostIdSchema).max(500).nullable().optional(),
      recipientIds: z.array(HostIdSchema).min(1).max(1000).optional(),
      data: DataSchema.optional(),
      message: safeText(4000, 1).optional(),
      title: safeText(200, 1).optional(),
      link: LinkSchema.optional(),
      severity: SeveritySchema.optional(),
      actions: z.array(EventActionSchema).max(5).optional(),
      idempotencyKey: safeText(255, 1).optional(),
      locale: LocaleSchema.optional(),
      /** Publish later, once, at this instant. */
      deliverAt: InstantSchema.optional(),
      /** When the thing is due (a reservation, a payment); the reminders count back from it. */
      dueAt: InstantSchema.optional(),
      reminders: z
        .array(ReminderOffsetSchema)
        .min(1)
        .max(20)
        .refine((r) => new Set(r).size === r.length, { message: 'each offset once' })
        .optional(),
      /** Groups scheduled notifications: `DELETE /v1/schedules/{cancelKey}` cancels the pending ones. */
      cancelKey: CancelKeySchema.optional(),
      /** Someone targeted must read it within the type's `escalate.after` (10m by default), or SLA_INCUMPLIDO. */
      requireAck: z.boolean().optional(),
    })
    .strict()
    .refine((e) => !e.reminders || e.dueAt, { message: 'reminders need dueAt', path: ['reminders'] })
    .refine((e) => !(e.reminders && e.deliverAt), {
      message: 'give deliverAt or reminders, not both',
      path: ['deliverAt'],
    }),
  // One level more than data's own 32: the event wraps it. `DataSchema` walked `data` already.
  JSON_MAX_DEPTH + 1,
  ['data'],
);
export type EventInput = z.infer<typeof EventInputSchema>;

export const EventAcceptedSchema = z.object({
  /** The notification id; for `scheduled`, the schedule id. */
  id: z.string(),
  status: z.enum(['created', 'duplicate', 'scheduled']),
  /** What was scheduled: one item per reminder, or one `deliver` item. */
  scheduled: z.array(ScheduledItemSchema).optional(),
  /** Reminders whose time had already passed. */
  skipped: z.array(SkippedReminderSchema).optional(),
  /** The type's templates that could not be rendered (too costly, or broken): plain text was stored instead. */
  templateFallback: z
    .array(
      z.object({
        field: z.enum(['title', 'message']),
        code: z.enum(['TEMPLATE_TOO_COSTLY', 'TEMPLATE_ERROR']),
        reason: z.string(),
      }),
    )
    .optional(),
  /** Data the type's templates named and the event did not bring (they wrote nothing there). */
  warnings: z.array(TemplateWarningSchema).optional(),
});
export type EventAccepted = z.infer<typeof EventAcceptedSchema>;

export const BATCH_LIMIT = 1000;
export const EventBatchSchema = z.object({ events: z.array(z.unknown()).min(1).max(BATCH_LIMIT) }).strict();
export const EventBatchResultSchema = z.object({
  results: z.array(
    z.union([
      EventAcceptedSchema,
      z.object({
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
      }),
    ]),
  ),
});

const LocalizedOverrideSchema = z.record(safeText(35, 2), safeText(4000, 1));

/** Adds a type or overrides any field of a catalog entry for one tenant. */
export const EventTypeOverrideSchema = safeJson(
  z
    .object({
      category: z.enum(CATEGORIES),
      severity: SeveritySchema,
      icon: z.union([z.enum(ICONS), z.string().regex(/^[a-z0-9-]{1,40}$/)]),
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('branches'), from: z.array(z.string().min(1).max(64)).min(1).max(10) }),
        z.object({ kind: z.literal('everyone') }),
        z.object({ kind: z.literal('recipients') }),
        z.object({ kind: z.literal('roles'), roles: z.array(RoleSchema).min(1) }),
        z.object({
          kind: z.literal('recipients-or-branches'),
          from: z.array(z.string().min(1).max(64)).min(1).max(10),
        }),
      ]),
      link: z
        .string()
        .max(2048)
        .refine((l) => isSafeLink(l.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'x')), { message: 'unsafe link' })
        .nullable(),
      title: LocalizedOverrideSchema,
      message: LocalizedOverrideSchema,
      formats: z.record(z.string().max(64), z.enum(['currency', 'number', 'date', 'datetime'])),
      rules: DeliveryRulesSchema,
      /** The WhatsApp template outside the 24-hour window (`null`: none, text only inside the window). */
      whatsappTemplate: WhatsappTemplateSchema.nullable(),
      /** The type's own email subject and body (`null`: the default email). */
      email: EmailTemplateSchema.nullable(),
    })
    .partial()
    .strict(),
);
export type EventTypeOverride = z.infer<typeof EventTypeOverrideSchema>;

export const InboxQuerySchema = z.object({
  cursor: UuidSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  filter: z.enum(['unread', 'all', 'archived']).default('all'),
  /** Only this category's notifications. */
  category: z.enum(CATEGORIES).optional(),
  /** Only notifications for this branch (useful to owners and managers, who see several). */
  branchId: HostIdSchema.optional(),
});
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxPageSchema = z.object({
  items: z.array(NotificationSchema),
  unreadCount: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type InboxPage = z.infer<typeof InboxPageSchema>;

/** The branches one person's inbox spans (all of the tenant's for an owner), for the bell's filter. */
export const MyBranchesSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type MyBranches = z.infer<typeof MyBranchesSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
