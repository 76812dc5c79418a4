// Long by design: every table of the hub in one file, so that the data model reads in one place and
// drizzle-kit sees it whole (migrations are generated from it).
import type { ChannelAddresses, Recurrence, TemplateWarning } from '@aviso/protocol';
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  currency: text('currency').notNull().default('USD'),
  locale: text('locale').notNull().default('es'),
  timezone: text('timezone').notNull().default('UTC'),
  appUrl: text('app_url'),
  /** The widget-token signing secret, encrypted with AVISO_SECRET_KEYS. */
  widgetSecretEnc: text('widget_secret_enc').notNull(),
  /** After a rotation with a grace period: the previous secret, which verifies until `…Until`. */
  previousWidgetSecretEnc: text('previous_widget_secret_enc'),
  previousWidgetSecretUntil: timestamp('previous_widget_secret_until', { withTimezone: true, mode: 'date' }),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** The tenant's own group chats (its default recipients), by channel kind. */
  addresses: jsonb('addresses').$type<ChannelAddresses>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The owning tenant of a row: every table but `tenants` has one; deleting a tenant deletes its rows. */
const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name'),
    prefix: text('prefix').notNull(),
    /** SHA-256 of the key: keys are random and long, so a plain hash is enough and fast to look up. */
    keyHash: text('key_hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId)],
);

export const branches = pgTable(
  'branches',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    /** The branch's group chats (a Telegram group, a WhatsApp number or group), by channel kind. */
    addresses: jsonb('addresses').$type<ChannelAddresses>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const recipients = pgTable(
  'recipients',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    name: text('name'),
    role: text('role', { enum: ['owner', 'admin', 'manager', 'staff'] }).notNull(),
    branchIds: text('branch_ids').array().notNull().default(sql`'{}'::text[]`),
    email: text('email'),
    phone: text('phone'),
    whatsapp: text('whatsapp'),
    telegramChatId: text('telegram_chat_id'),
    documentId: text('document_id'),
    locale: text('locale'),
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    /** "Read all" watermark: every visible notification with an id up to this one counts as read. */
    readUpTo: uuid('read_up_to'),
    readUpToAt: timestamp('read_up_to_at', { withTimezone: true, mode: 'date' }),
    /**
     * When name, role, branches, email or locale last changed (through the API, or a token's claims:
     * then the token's `iat`). A widget token's claims apply only when it was issued after this.
     */
    profileChangedAt: timestamp('profile_changed_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    /** Widget tokens issued before this (whole seconds) are refused: `POST …/revoke-tokens`. */
    tokensValidAfter: timestamp('tokens_valid_after', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('recipients_role_idx').on(t.tenantId, t.role),
    index('recipients_document_idx').on(t.tenantId, t.documentId),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    /** UUIDv7: ordered by creation time, so the id is also the inbox cursor and the replay mark. */
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    type: text('type').notNull(),
    category: text('category').notNull(),
    title: text('title'),
    message: text('message').notNull(),
    entityId: text('entity_id'),
    branchIds: text('branch_ids').array(),
    recipientIds: text('recipient_ids').array(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    link: text('link'),
    severity: text('severity', { enum: ['info', 'success', 'warning', 'critical'] }).notNull(),
    icon: text('icon').notNull(),
    actions: jsonb('actions').$type<{ id: string; label: string; style?: string; cancels?: string[] }[]>(),
    /** What the type's templates could not fill from the event's data (null: nothing missing). */
    warnings: jsonb('warnings').$type<TemplateWarning[]>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_tenant_id_idx').on(t.tenantId, t.id.desc()),
    // Without GIN's pending list: every reader's count and replay reads these two, and a pending
    // list is read whole by each of them until a vacuum or a 4 MB overflow empties it (the overflow
    // then stalls the insert that made it). See BENCHMARKS.md, item 16.
    index('notifications_branch_ids_idx').using('gin', t.branchIds).with({ fastupdate: false }),
    index('notifications_recipient_ids_idx').using('gin', t.recipientIds).with({ fastupdate: false }),
    // The tenant's notifications for everyone: with the two above, every part of `visibleTo` has an
    // index, so a reader's count reads their own rows rather than all of the tenant's.
    index('notifications_global_idx')
      .on(t.tenantId)
      .where(sql`${t.recipientIds} is null and ${t.branchIds} is null`),
  ],
);

/** One person's state of one notification; a row exists only once they saw, read, archived or acted. */
export const notificationStates = pgTable(
  'notification_states',
  {
    tenantId: tenantId(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    recipientId: text('recipient_id').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    // Marked unread again: wins over a read-all watermark moved before it (decision 0002).
    unreadAt: timestamp('unread_at', { withTimezone: true, mode: 'date' }),
    // Out of the inbox until then; it comes back unread (unread_at is set to the same time).
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true, mode: 'date' }),
    actionId: text('action_id'),
    actedAt: timestamp('acted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.recipientId] }),
    index('notification_states_recipient_idx').on(t.tenantId, t.recipientId),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantId(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    notificationId: uuid('notification_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/** A tenant's additions to and overrides of the catalog. */
export const eventTypes = pgTable(
  'event_types',
  {
    tenantId: tenantId(),
    type: text('type').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.type] })],
);

/** A tenant's configured provider of one channel kind; several per kind fail over by `priority`. */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    kind: text('kind', { enum: ['email', 'whatsapp', 'telegram', 'sms', 'slack', 'webhook'] }).notNull(),
    name: text('name').notNull(),
    /** The whole provider configuration, sealed with AVISO_SECRET_KEYS (it holds tokens and passwords). */
    configEnc: text('config_enc').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Lower first: the order of failover within a kind. */
    priority: integer('priority').notNull().default(0),
    /** Usage filters: only these categories and/or event types go through this channel (null = all). */
    categories: text('categories').array(),
    types: text('types').array(),
    /** Most messages per minute through this provider for this tenant (null = the kind's default). */
    ratePerMinute: integer('rate_per_minute'),
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('channels_tenant_kind_idx').on(t.tenantId, t.kind, t.priority)],
);

/**
 * One attempt chain of one notification to one person (or one endpoint) over one channel kind.
 * The row is both the durable job (status, due time, lease) and its log entry.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
    /** Notification type, kept here for filters and stats. */
    type: text('type').notNull(),
    recipientId: text('recipient_id'),
    /** Why it exists: a rule step (`fallback`, `escalate`, `digest`), a webhook `event`, or a channel `test`. */
    step: text('step', { enum: ['fallback', 'escalate', 'digest', 'event', 'test'] }).notNull(),
    /** `offline`, `unseen` or `unread`: checked again when the step fires. */
    condition: text('condition', { enum: ['offline', 'unseen', 'unread'] }),
    /** Channel kinds to try, in order, and whether to stop at the first that works. */
    plan: jsonb('plan')
      .$type<{
        channels: string[];
        mode: 'first-available' | 'all';
        event?: string;
        /**
         * A group chat's row: the branch whose group gets it (null: the tenant's own), and who the
         * step was for (`targets` or roles), whose reading decides whether it still fires.
         */
        group?: { branchId: string | null; to?: 'targets' | readonly string[] };
        /** A channel test's address ('' for kinds without one), so a retry sends to the same one. */
        address?: string;
        /** A digest row's window (its end, ISO): the rows of one window go out together. */
        window?: string;
      }>()
      .notNull(),
    kind: text('kind'),
    channelId: uuid('channel_id'),
    status: text('status', {
      enum: ['pending', 'sending', 'sent', 'failed', 'bounced', 'cancelled', 'skipped'],
    }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    errorCode: text('error_code'),
    providerMessageId: text('provider_message_id'),
    durationMs: integer('duration_ms'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deliveries_due_idx').on(t.status, t.dueAt),
    index('deliveries_tenant_idx').on(t.tenantId, t.id.desc()),
    index('deliveries_notification_idx').on(t.notificationId, t.recipientId),
  ],
);

/**
 * One try of a delivery through one provider, kept for its history: the delivery row only holds
 * the last outcome, and a retry by hand starts it over. A provider's later failure report adds
 * one too. Goes with its delivery (retention deletes deliveries).
 */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Null when the try failed before a channel was chosen. */
    kind: text('kind'),
    channelId: uuid('channel_id'),
    outcome: text('outcome', { enum: ['sent', 'failed', 'retry', 'bounced'] }).notNull(),
    durationMs: integer('duration_ms'),
    errorCode: text('error_code'),
    /** The same short, masked text as the delivery's `lastError`; never a provider's body. */
    error: text('error'),
    providerMessageId: text('provider_message_id'),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId, t.at)],
);

/** The last known on-hand quantity of a product at a branch (from movements or snapshots). */
export const stockLevels = pgTable(
  'stock_levels',
  {
    tenantId: tenantId(),
    branchId: text('branch_id').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku'),
    name: text('name'),
    qty: doublePrecision('qty').notNull(),
    min: doublePrecision('min').notNull(),
    /** Set by a snapshot (`PUT /v1/stock/levels`) until the hourly sweep has looked at it. */
    sweepPending: boolean('sweep_pending').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.branchId, t.productId] })],
);

/** A product at or below its minimum at a branch: opened by a crossing, resolved when stock recovers. */
export const stockAlerts = pgTable(
  'stock_alerts',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    branchId: text('branch_id').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku'),
    name: text('name'),
    level: doublePrecision('level').notNull(),
    min: doublePrecision('min').notNull(),
    /** `min - level`: how far below (or at) the minimum. */
    difference: doublePrecision('difference').notNull(),
    status: text('status', { enum: ['active', 'resolved'] }).notNull(),
    /** The sale or transfer that crossed the minimum, as the host named it. */
    reference: jsonb('reference').$type<{ type: string; id: string } | null>(),
    source: text('source', { enum: ['movement', 'snapshot'] }).notNull(),
    notificationId: uuid('notification_id'),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: text('resolved_by', { enum: ['stock', 'manual'] }),
    notifiedAt: timestamp('notified_at', { withTimezone: true, mode: 'date' }),
    notifiedVia: text('notified_via').array(),
  },
  (t) => [
    index('stock_alerts_status_idx').on(t.tenantId, t.status),
    index('stock_alerts_product_idx').on(t.tenantId, t.branchId, t.productId, t.openedAt),
  ],
);

/** An event to publish later: `deliverAt`, or one reminder of a `dueAt`; cancelled by its `cancelKey`. */
export const scheduledEvents = pgTable(
  'scheduled_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    cancelKey: text('cancel_key'),
    /** The event as it will be published (an EventInput without the scheduling fields). */
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    /** `deliver` for deliverAt; the reminder offset (`-24h`) for reminders. */
    label: text('label').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: ['pending', 'running', 'done', 'cancelled', 'failed'] }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    notificationId: uuid('notification_id'),
    error: text('error'),
    /** A recurring schedule's rule: each run stores the row of the next occurrence (null: one-off). */
    recurrence: jsonb('recurrence').$type<Recurrence>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('scheduled_events_due_idx').on(t.status, t.dueAt),
    index('scheduled_events_cancel_idx').on(t.tenantId, t.cancelKey),
  ],
);

/**
 * Single-use tokens of `t.me/<bot>?start=<token>` links that tie a Telegram chat to a recipient,
 * or a group chat (`startgroup`) to a branch or to the tenant.
 */
export const telegramLinks = pgTable('telegram_links', {
  tokenHash: text('token_hash').primaryKey(),
  tenantId: tenantId(),
  /** What the chat that uses the token becomes the address of. */
  scope: text('scope', { enum: ['recipient', 'branch', 'tenant'] })
    .notNull()
    .default('recipient'),
  recipientId: text('recipient_id'),
  branchId: text('branch_id'),
  channelId: uuid('channel_id').notNull(),
  /** For a link move the linked chat confirms: the chat the link moves to. */
  chatId: text('chat_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/** What the bot is waiting for in a chat: a document number after a bare /start. */
export const telegramChats = pgTable(
  'telegram_chats',
  {
    channelId: uuid('channel_id').notNull(),
    chatId: text('chat_id').notNull(),
    tenantId: tenantId(),
    awaiting: text('awaiting', { enum: ['document'] }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.chatId] })],
);

/**
 * When a person last wrote to a WhatsApp channel (its business number): inside 24 hours the
 * providers take free text, outside only an approved template.
 */
export const whatsappSessions = pgTable(
  'whatsapp_sessions',
  {
    channelId: uuid('channel_id').notNull(),
    /** E.164, as the providers' hooks give it (`+5215512345678`). */
    number: text('number').notNull(),
    tenantId: tenantId(),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.number] }),
    index('whatsapp_sessions_tenant_idx').on(t.tenantId, t.number),
  ],
);

/**
 * When a person had the widget open on a node: one row from their first socket on that node to
 * their last. A notification created inside a session was pushed to them live. A node that dies
 * leaves its rows open; `aliveAt` (its heartbeat) bounds them.
 */
export const presenceSessions = pgTable(
  'presence_sessions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    recipientId: text('recipient_id').notNull(),
    nodeId: text('node_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    aliveAt: timestamp('alive_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('presence_sessions_recipient_idx').on(t.tenantId, t.recipientId, t.startedAt),
    index('presence_sessions_node_idx').on(t.nodeId, t.endedAt),
  ],
);
