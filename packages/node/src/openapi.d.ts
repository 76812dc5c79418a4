// Generated from the hub's /openapi.json by `pnpm --filter @aviso/node openapi:types`.
export interface paths {
    "/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tenant; its API key and widget secret are shown once */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is scheduled across tenants (pending by default), soonest first, with each tenant */
        get: operations["listAllSchedules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The background jobs of this node */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{name}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a background job of this node now and wait for it */
        post: operations["runJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant of this API key */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change name, currency, locale, time zone or app URL */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The active API keys (never the keys themselves) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key; the key is shown once */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/widget-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the widget secret (shown once); tokens signed with the old one stop working, after an optional grace period */
        post: operations["rotateWidgetSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/branches/{branchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or rename a branch (the id is the host’s own), and set its group chats
         * @description `addresses` are the branch’s group chats (`{"telegram": "-100…", "whatsapp": "+52…"}`): rules with `groups: true` send its notifications there once. Given keys replace, `null` removes, keys left out (and a body without `addresses`) keep what is stored.
         */
        put: operations["upsertBranch"];
        post?: never;
        /** Delete a branch */
        delete: operations["deleteBranch"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/branches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every branch of the tenant */
        get: operations["listBranches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recipients/{recipientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One recipient */
        get: operations["getRecipient"];
        /** Create or replace a recipient (the id is the host’s user id) */
        put: operations["upsertRecipient"];
        post?: never;
        /** Delete a recipient; their live sockets are closed */
        delete: operations["deleteRecipient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recipients, by id, a page at a time */
        get: operations["listRecipients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which of these recipients have a live widget right now, on any node */
        get: operations["getPresence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/widget-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mint a widget token for a recipient (HS256 JWT signed with the widget secret) */
        post: operations["createWidgetToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recipients/{recipientId}/revoke-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse every widget token of this recipient issued before now (to the second) and close their live sockets */
        post: operations["revokeWidgetTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a business event; it becomes a branch-scoped notification */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish up to 1,000 events; each gets its own result, in order */
        post: operations["publishEventBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalog as this tenant has it: the pos-erp preset with overrides and added types */
        get: operations["listEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a type or override fields of a catalog entry (templates per locale, icon, link, target) */
        put: operations["upsertEventType"];
        post?: never;
        /** Remove the tenant’s override: a catalog type is reset to the catalog, an added type is deleted */
        delete: operations["resetEventType"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is scheduled (pending by default), soonest first: one-off, reminders, recurring, SLA checks */
        get: operations["listSchedules"];
        put?: never;
        /** Publish an event on a cron pattern (payment cycles, maintenance, subscription checks) */
        post: operations["createRecurringSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{cancelKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancel every pending reminder, scheduled notification and recurring schedule with this cancelKey */
        delete: operations["cancelSchedules"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New on-hand quantities after a sale or transfer; crossings of the minimum alert the branch */
        post: operations["recordStockMovements"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A full snapshot of a branch’s stock; the hourly sweep evaluates it and tells the owners */
        put: operations["replaceStockLevels"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Low-stock alerts, newest first */
        get: operations["listStockAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/alerts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an active alert by hand */
        post: operations["resolveStockAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types/{type}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render a type’s title, message and link for a locale with sample data (drafts allowed) */
        post: operations["previewEventType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every channel of the tenant, by kind and failover order (secrets masked) */
        get: operations["listChannels"];
        put?: never;
        /** Add a channel; its configuration is validated for its kind and encrypted at rest */
        post: operations["createChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel (secrets masked) */
        get: operations["getChannel"];
        put?: never;
        post?: never;
        /** Delete a channel */
        delete: operations["deleteChannel"];
        options?: never;
        head?: never;
        /**
         * Rename, enable or disable, reorder, filter or reconfigure a channel
         * @description `config` replaces the whole configuration; a secret sent back exactly as it was read (masked) keeps its stored value, unless a destination or identity field (URL, API root or base, SMTP host, port or user, account or phone number id, bot username) changed: then every secret must be typed again (422 `SECRET_REQUIRED`). A host that is a loopback, private, link-local or reserved address is refused (400 `DESTINATION_NOT_ALLOWED`).
         */
        patch: operations["updateChannel"];
        trace?: never;
    };
    "/v1/channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification through this channel now, and log it
         * @description `to` is the address for email, WhatsApp, SMS and Telegram channels (required there); Slack and webhooks ignore it. A provider refusing the message is `ok: false` with its error; a webhook answering 410 disables the channel.
         */
        post: operations["testChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first, a page at a time */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts per status, channel, type and day, in the tenant’s time zone */
        get: operations["getDeliveryStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every try made, oldest first */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a failed or bounced delivery again, due now; its tries so far stay in its history
         * @description A failed channel test is sent again to the same channel and address. Tests made before Aviso kept their address cannot be retried (`TEST_NOT_RETRYABLE`).
         */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s notifications, newest first, filtered by type, category, branch, person, entity or age */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notification, with the data its templates missed */
        get: operations["getNotification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/{id}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who it was for, who got it live, who saw, read or answered it and when, and every delivery */
        get: operations["getNotificationReceipts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of the inbox, newest first */
        get: operations["listMyNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many visible notifications are unread */
        get: operations["getMyUnreadCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/branches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The branches the inbox spans, by name (all of the business’s for an owner) */
        get: operations["listMyBranches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark everything visible now as read */
        post: operations["markAllMyNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification as read (every tab and device of the person follows) */
        post: operations["markMyNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive one notification (it also counts as read) */
        post: operations["archiveMyNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{id}/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification unread again (also after “read all”; every tab follows) */
        post: operations["markMyNotificationUnread"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{id}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take one notification out of the archive (it stays read) */
        post: operations["unarchiveMyNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Snooze one notification until a time (it comes back unread, and toasts in open tabs) */
        post: operations["snoozeMyNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/archive-read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive every read notification (unread ones stay in the inbox); answers the ids archived */
        post: operations["archiveMyReadNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications/{id}/actions/{actionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer one of the notification’s actions (the first answer from anyone wins)
         * @description Marks the notification read and sends a signed `notification.action` webhook. When someone answered first (here, on WhatsApp or on Telegram), nothing changes and `recorded` is false, with the `actionId` that was recorded. An unknown action is 404 `ACTION_NOT_FOUND`.
         */
        post: operations["answerMyNotificationAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The person’s preferences */
        get: operations["getMyPreferences"];
        /** Replace the person’s preferences (opt-outs per category and channel, quiet hours) */
        put: operations["replaceMyPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recipients/{id}/telegram-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A t.me link that links the chat which opens it to this recipient (single use, 24 h) */
        post: operations["createTelegramLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/branches/{branchId}/telegram-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A t.me link that makes a Telegram group the branch’s group chat
         * @description Open the link on a phone and pick the group: Telegram adds the bot to it and sends `/start <token>` there, which makes the group chat the address of this branch (`addresses.telegram`). The bot may also be added by hand and sent `/start <token>` in the group. Single use, 24 hours.
         */
        post: operations["createBranchTelegramLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/telegram-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A t.me link that makes a Telegram group the tenant’s own group chat (its default recipient)
         * @description Open the link on a phone and pick the group: Telegram adds the bot to it and sends `/start <token>` there, which makes the group chat the address of this tenant (`addresses.telegram`). The bot may also be added by hand and sent `/start <token>` in the group. Single use, 24 hours.
         */
        post: operations["createTenantTelegramLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/telegram/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Telegram bot update (set with setWebhook and the channel’s secret token) */
        post: operations["receiveTelegramUpdate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/twilio/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An incoming WhatsApp or SMS message from Twilio; a numbered reply answers an action */
        post: operations["receiveTwilioMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hooks/whatsapp/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Meta’s verification challenge: echoes hub.challenge when hub.verify_token matches */
        get: operations["verifyWhatsappHook"];
        put?: never;
        /** Incoming messages from the WhatsApp Cloud API; a numbered reply answers an action */
        post: operations["receiveWhatsappMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    currency?: string;
                    locale?: string;
                    timezone?: string;
                    /** Format: uri */
                    appUrl?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        currency: string;
                        locale: string;
                        timezone: string;
                        appUrl: string | null;
                        settings: {
                            sla?: {
                                incidentThreshold?: number;
                                incidentWindowMinutes?: number;
                            };
                            telegram?: {
                                documentLinking?: boolean;
                            };
                            retention?: {
                                idempotencyKeysHours?: number;
                                readNotificationsDays?: number;
                                unreadNotificationsDays?: number;
                                resolvedStockAlertsDays?: number;
                                finishedSchedulesDays?: number;
                                finishedDeliveriesDays?: number;
                            };
                            promotions?: {
                                quietHours?: {
                                    start: string;
                                    end: string;
                                } | null;
                            };
                            branding?: {
                                logoUrl?: string | null;
                                color?: string | null;
                            };
                            contactText?: string | null;
                        };
                        addresses: {
                            telegram?: string;
                            whatsapp?: string;
                        };
                        createdAt: string;
                        apiKey: string;
                        widgetSecret: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listAllSchedules: {
        parameters: {
            query?: {
                status?: "pending" | "running" | "done" | "cancelled" | "failed";
                cursor?: string;
                limit?: number;
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            cancelKey: string | null;
                            label: string;
                            type: string | null;
                            dueAt: string;
                            /** @enum {string} */
                            status: "pending" | "running" | "done" | "cancelled" | "failed";
                            recurrence: {
                                seriesId: string;
                                cron: string;
                                timezone: string;
                                offset: string;
                                occurrence: string;
                                until: string | null;
                                remaining: number | null;
                            } | null;
                            notificationId: string | null;
                            error: string | null;
                            createdAt: string;
                            tenant: {
                                id: string;
                                name: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    runJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        startedAt: string;
                        durationMs: number;
                        result?: unknown;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        currency: string;
                        locale: string;
                        timezone: string;
                        appUrl: string | null;
                        settings: {
                            sla?: {
                                incidentThreshold?: number;
                                incidentWindowMinutes?: number;
                            };
                            telegram?: {
                                documentLinking?: boolean;
                            };
                            retention?: {
                                idempotencyKeysHours?: number;
                                readNotificationsDays?: number;
                                unreadNotificationsDays?: number;
                                resolvedStockAlertsDays?: number;
                                finishedSchedulesDays?: number;
                                finishedDeliveriesDays?: number;
                            };
                            promotions?: {
                                quietHours?: {
                                    start: string;
                                    end: string;
                                } | null;
                            };
                            branding?: {
                                logoUrl?: string | null;
                                color?: string | null;
                            };
                            contactText?: string | null;
                        };
                        addresses: {
                            telegram?: string;
                            whatsapp?: string;
                        };
                        createdAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    currency?: string;
                    locale?: string;
                    timezone?: string;
                    /** Format: uri */
                    appUrl?: string | null;
                    settings?: {
                        sla?: {
                            incidentThreshold?: number;
                            incidentWindowMinutes?: number;
                        };
                        telegram?: {
                            documentLinking?: boolean;
                        };
                        retention?: {
                            idempotencyKeysHours?: number;
                            readNotificationsDays?: number;
                            unreadNotificationsDays?: number;
                            resolvedStockAlertsDays?: number;
                            finishedSchedulesDays?: number;
                            finishedDeliveriesDays?: number;
                        };
                        promotions?: {
                            quietHours?: {
                                start: string;
                                end: string;
                            } | null;
                        };
                        branding?: {
                            logoUrl?: string | null;
                            color?: string | null;
                        };
                        contactText?: string | null;
                    };
                    addresses?: {
                        telegram?: string | null;
                        whatsapp?: string | null;
                    };
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        currency: string;
                        locale: string;
                        timezone: string;
                        appUrl: string | null;
                        settings: {
                            sla?: {
                                incidentThreshold?: number;
                                incidentWindowMinutes?: number;
                            };
                            telegram?: {
                                documentLinking?: boolean;
                            };
                            retention?: {
                                idempotencyKeysHours?: number;
                                readNotificationsDays?: number;
                                unreadNotificationsDays?: number;
                                resolvedStockAlertsDays?: number;
                                finishedSchedulesDays?: number;
                                finishedDeliveriesDays?: number;
                            };
                            promotions?: {
                                quietHours?: {
                                    start: string;
                                    end: string;
                                } | null;
                            };
                            branding?: {
                                logoUrl?: string | null;
                                color?: string | null;
                            };
                            contactText?: string | null;
                        };
                        addresses: {
                            telegram?: string;
                            whatsapp?: string;
                        };
                        createdAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string | null;
                            prefix: string;
                            createdAt: string;
                            lastUsedAt: string | null;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string | null;
                        prefix: string;
                        createdAt: string;
                        lastUsedAt: string | null;
                        key: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    rotateWidgetSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Seconds during which the old secret still verifies (0, the default: none) */
                    graceSeconds?: number;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        widgetSecret: string;
                        previousValidUntil: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    upsertBranch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                branchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    addresses?: {
                        telegram?: string | null;
                        whatsapp?: string | null;
                    };
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        addresses: {
                            telegram?: string;
                            whatsapp?: string;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        addresses: {
                            telegram?: string;
                            whatsapp?: string;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteBranch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                branchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listBranches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            addresses: {
                                telegram?: string;
                                whatsapp?: string;
                            };
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                recipientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "owner" | "admin" | "manager" | "staff";
                        branchIds: string[];
                        email: string | null;
                        phone: string | null;
                        whatsapp: string | null;
                        telegramChatId: string | null;
                        documentId: string | null;
                        locale: string | null;
                        preferences: {
                            categories?: {
                                sales?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                expenses?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                inventory?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                purchases?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                catalog?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                orders?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                billing?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                subscription?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                maintenance?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                reservations?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                support?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                system?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                promotions?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                            };
                            channels?: {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            quietHours?: {
                                start: string;
                                end: string;
                            } | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    upsertRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                recipientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    role: "owner" | "admin" | "manager" | "staff";
                    branchIds: string[];
                    /** Format: email */
                    email?: string | null;
                    phone?: string | null;
                    whatsapp?: string | null;
                    telegramChatId?: string | null;
                    documentId?: string | null;
                    locale?: string | null;
                    preferences?: {
                        categories?: {
                            sales?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            expenses?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            inventory?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            purchases?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            catalog?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            orders?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            billing?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            subscription?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            maintenance?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            reservations?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            support?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            system?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            promotions?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                        };
                        channels?: {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        quietHours?: {
                            start: string;
                            end: string;
                        } | null;
                    };
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "owner" | "admin" | "manager" | "staff";
                        branchIds: string[];
                        email: string | null;
                        phone: string | null;
                        whatsapp: string | null;
                        telegramChatId: string | null;
                        documentId: string | null;
                        locale: string | null;
                        preferences: {
                            categories?: {
                                sales?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                expenses?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                inventory?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                purchases?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                catalog?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                orders?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                billing?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                subscription?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                maintenance?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                reservations?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                support?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                system?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                promotions?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                            };
                            channels?: {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            quietHours?: {
                                start: string;
                                end: string;
                            } | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "owner" | "admin" | "manager" | "staff";
                        branchIds: string[];
                        email: string | null;
                        phone: string | null;
                        whatsapp: string | null;
                        telegramChatId: string | null;
                        documentId: string | null;
                        locale: string | null;
                        preferences: {
                            categories?: {
                                sales?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                expenses?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                inventory?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                purchases?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                catalog?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                orders?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                billing?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                subscription?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                maintenance?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                reservations?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                support?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                system?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                promotions?: boolean | {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                            };
                            channels?: {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            quietHours?: {
                                start: string;
                                end: string;
                            } | null;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                recipientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listRecipients: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string | null;
                            /** @enum {string} */
                            role: "owner" | "admin" | "manager" | "staff";
                            branchIds: string[];
                            email: string | null;
                            phone: string | null;
                            whatsapp: string | null;
                            telegramChatId: string | null;
                            documentId: string | null;
                            locale: string | null;
                            preferences: {
                                categories?: {
                                    sales?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    expenses?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    inventory?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    purchases?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    catalog?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    orders?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    billing?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    subscription?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    maintenance?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    reservations?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    support?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    system?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                    promotions?: boolean | {
                                        email?: boolean;
                                        whatsapp?: boolean;
                                        telegram?: boolean;
                                        sms?: boolean;
                                        slack?: boolean;
                                        webhook?: boolean;
                                    };
                                };
                                channels?: {
                                    email?: boolean;
                                    whatsapp?: boolean;
                                    telegram?: boolean;
                                    sms?: boolean;
                                    slack?: boolean;
                                    webhook?: boolean;
                                };
                                quietHours?: {
                                    start: string;
                                    end: string;
                                } | null;
                            };
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getPresence: {
        parameters: {
            query: {
                /** @description Comma-separated recipient ids (at most 200) */
                recipientIds: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        online: string[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createWidgetToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    recipientId: string;
                    expiresIn?: number;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        expiresAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    revokeWidgetTokens: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                recipientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tokensValidAfter: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key and body within 24 h returns the first result; another body, 409 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type: string;
                    entityId?: string;
                    branchIds?: string[] | null;
                    recipientIds?: string[];
                    data?: {
                        [key: string]: unknown;
                    };
                    message?: string;
                    title?: string;
                    link?: string;
                    /** @enum {string} */
                    severity?: "info" | "success" | "warning" | "critical";
                    actions?: {
                        id: string;
                        label: string;
                        /** @enum {string} */
                        style?: "primary" | "secondary" | "danger";
                        cancels?: string[];
                    }[];
                    idempotencyKey?: string;
                    locale?: string;
                    /** Format: date-time */
                    deliverAt?: string;
                    /** Format: date-time */
                    dueAt?: string;
                    reminders?: string[];
                    cancelKey?: string;
                    requireAck?: boolean;
                };
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "created" | "duplicate" | "scheduled";
                        scheduled?: {
                            id: string;
                            label: string;
                            dueAt: string;
                        }[];
                        skipped?: {
                            label: string;
                            dueAt: string;
                            reason: string;
                        }[];
                        templateFallback?: {
                            /** @enum {string} */
                            field: "title" | "message";
                            /** @enum {string} */
                            code: "TEMPLATE_TOO_COSTLY" | "TEMPLATE_ERROR";
                            reason: string;
                        }[];
                        warnings?: {
                            /** @enum {string} */
                            field: "title" | "message" | "emailSubject" | "emailBody";
                            /** @enum {string} */
                            code: "MISSING_DATA";
                            variables: string[];
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    publishEventBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key and body within 24 h returns the first result; another body, 409 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: unknown[];
                };
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: ({
                            id: string;
                            /** @enum {string} */
                            status: "created" | "duplicate" | "scheduled";
                            scheduled?: {
                                id: string;
                                label: string;
                                dueAt: string;
                            }[];
                            skipped?: {
                                label: string;
                                dueAt: string;
                                reason: string;
                            }[];
                            templateFallback?: {
                                /** @enum {string} */
                                field: "title" | "message";
                                /** @enum {string} */
                                code: "TEMPLATE_TOO_COSTLY" | "TEMPLATE_ERROR";
                                reason: string;
                            }[];
                            warnings?: {
                                /** @enum {string} */
                                field: "title" | "message" | "emailSubject" | "emailBody";
                                /** @enum {string} */
                                code: "MISSING_DATA";
                                variables: string[];
                            }[];
                        } | {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        })[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            type: string;
                            custom: boolean;
                            definition: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    upsertEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    category?: "sales" | "expenses" | "inventory" | "purchases" | "catalog" | "orders" | "billing" | "subscription" | "maintenance" | "reservations" | "support" | "system" | "promotions";
                    /** @enum {string} */
                    severity?: "info" | "success" | "warning" | "critical";
                    icon?: ("sale" | "expense" | "purchase" | "transfer-out" | "transfer-in" | "low-stock" | "low-stock-multiple" | "product" | "supplier" | "customer" | "user" | "order-pickup" | "order-delivery" | "invoice" | "document" | "payment-due" | "payment-overdue" | "subscription" | "maintenance" | "reservation" | "reminder" | "no-show" | "conversation" | "sla" | "incident" | "test" | "promotion" | "bell") | string;
                    target?: {
                        /** @enum {string} */
                        kind: "branches";
                        from: string[];
                    } | {
                        /** @enum {string} */
                        kind: "everyone";
                    } | {
                        /** @enum {string} */
                        kind: "recipients";
                    } | {
                        /** @enum {string} */
                        kind: "roles";
                        roles: ("owner" | "admin" | "manager" | "staff")[];
                    } | {
                        /** @enum {string} */
                        kind: "recipients-or-branches";
                        from: string[];
                    };
                    link?: string | null;
                    title?: {
                        [key: string]: string;
                    };
                    message?: {
                        [key: string]: string;
                    };
                    formats?: {
                        [key: string]: "currency" | "number" | "date" | "datetime";
                    };
                    rules?: {
                        fallback?: {
                            after: string;
                            /** @enum {string} */
                            if: "offline" | "unseen" | "unread";
                            to: "targets" | ("owner" | "admin" | "manager" | "staff")[];
                            channels: ("email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook")[];
                            /**
                             * @default first-available
                             * @enum {string}
                             */
                            mode?: "first-available" | "all";
                            groups?: boolean;
                        };
                        escalate?: {
                            after: string;
                            /** @enum {string} */
                            if: "unseen" | "unread";
                            to: ("owner" | "admin" | "manager" | "staff")[];
                            channels: ("email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook")[];
                            /**
                             * @default first-available
                             * @enum {string}
                             */
                            mode?: "first-available" | "all";
                            groups?: boolean;
                        };
                        digest?: {
                            window: string;
                            channels: ("email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook")[];
                            /** @default targets */
                            to?: "targets" | ("owner" | "admin" | "manager" | "staff")[];
                        };
                    };
                    whatsappTemplate?: {
                        /** @example stock_bajo */
                        name?: string;
                        /** @example es_MX */
                        language?: string;
                        /** @example HXb5b62575e6e4ff6129ad7c8efe1f983e */
                        contentSid?: string;
                        /** @default [] */
                        body?: string[];
                        /** @default [] */
                        buttons?: {
                            /** @enum {string} */
                            type: "url" | "quick_reply";
                            index: number;
                            /** @example data.productName */
                            value: string;
                        }[];
                    } | null;
                    email?: {
                        subject?: {
                            [key: string]: string;
                        };
                        body?: {
                            [key: string]: string;
                        };
                    } | null;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        definition: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    resetEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listSchedules: {
        parameters: {
            query?: {
                status?: "pending" | "running" | "done" | "cancelled" | "failed";
                cancelKey?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            cancelKey: string | null;
                            label: string;
                            type: string | null;
                            dueAt: string;
                            /** @enum {string} */
                            status: "pending" | "running" | "done" | "cancelled" | "failed";
                            recurrence: {
                                seriesId: string;
                                cron: string;
                                timezone: string;
                                offset: string;
                                occurrence: string;
                                until: string | null;
                                remaining: number | null;
                            } | null;
                            notificationId: string | null;
                            error: string | null;
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createRecurringSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key and body within 24 h returns the first result; another body, 409 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cancelKey: string;
                    cron: string;
                    timezone?: string;
                    /** Format: date-time */
                    startAt?: string;
                    /** Format: date-time */
                    until?: string;
                    maxRuns?: number;
                    reminders?: string[];
                    event: {
                        type: string;
                        entityId?: string;
                        branchIds?: string[] | null;
                        recipientIds?: string[];
                        data?: {
                            [key: string]: unknown;
                        };
                        message?: string;
                        title?: string;
                        link?: string;
                        /** @enum {string} */
                        severity?: "info" | "success" | "warning" | "critical";
                        actions?: {
                            id: string;
                            label: string;
                            /** @enum {string} */
                            style?: "primary" | "secondary" | "danger";
                            cancels?: string[];
                        }[];
                        idempotencyKey?: string;
                        locale?: string;
                        /** Format: date-time */
                        deliverAt?: string;
                        /** Format: date-time */
                        dueAt?: string;
                        reminders?: string[];
                        cancelKey?: string;
                        requireAck?: boolean;
                    };
                    idempotencyKey?: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "scheduled";
                        scheduled: {
                            id: string;
                            label: string;
                            dueAt: string;
                        }[];
                        nextOccurrences: string[];
                    };
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "scheduled";
                        scheduled: {
                            id: string;
                            label: string;
                            dueAt: string;
                        }[];
                        nextOccurrences: string[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    cancelSchedules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cancelKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cancelled: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    recordStockMovements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    branchId: string;
                    reference?: {
                        type: string;
                        id: string;
                    };
                    items: {
                        productId: string;
                        sku?: string;
                        name?: string;
                        qty: number;
                        min: number;
                    }[];
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        crossings: {
                            productId: string;
                            sku: string | null;
                            name: string | null;
                            previous: number;
                            qty: number;
                            min: number;
                            difference: number;
                            alertId: string | null;
                        }[];
                        alerts: string[];
                        notification: {
                            id: string;
                            /** @enum {string} */
                            status: "created" | "duplicate" | "scheduled";
                            scheduled?: {
                                id: string;
                                label: string;
                                dueAt: string;
                            }[];
                            skipped?: {
                                label: string;
                                dueAt: string;
                                reason: string;
                            }[];
                            templateFallback?: {
                                /** @enum {string} */
                                field: "title" | "message";
                                /** @enum {string} */
                                code: "TEMPLATE_TOO_COSTLY" | "TEMPLATE_ERROR";
                                reason: string;
                            }[];
                            warnings?: {
                                /** @enum {string} */
                                field: "title" | "message" | "emailSubject" | "emailBody";
                                /** @enum {string} */
                                code: "MISSING_DATA";
                                variables: string[];
                            }[];
                        } | null;
                        resolved: string[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    replaceStockLevels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    branchId: string;
                    items: {
                        productId: string;
                        sku?: string;
                        name?: string;
                        qty: number;
                        min: number;
                    }[];
                };
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stored: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listStockAlerts: {
        parameters: {
            query?: {
                status?: "active" | "resolved";
                branchId?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            branchId: string;
                            productId: string;
                            sku: string | null;
                            name: string | null;
                            level: number;
                            min: number;
                            difference: number;
                            /** @enum {string} */
                            status: "active" | "resolved";
                            reference: {
                                type: string;
                                id: string;
                            } | null;
                            /** @enum {string} */
                            source: "movement" | "snapshot";
                            notificationId: string | null;
                            openedAt: string;
                            resolvedAt: string | null;
                            /** @enum {string|null} */
                            resolvedBy: "stock" | "manual" | null;
                            notifiedAt: string | null;
                            notifiedVia: string[] | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    resolveStockAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        branchId: string;
                        productId: string;
                        sku: string | null;
                        name: string | null;
                        level: number;
                        min: number;
                        difference: number;
                        /** @enum {string} */
                        status: "active" | "resolved";
                        reference: {
                            type: string;
                            id: string;
                        } | null;
                        /** @enum {string} */
                        source: "movement" | "snapshot";
                        notificationId: string | null;
                        openedAt: string;
                        resolvedAt: string | null;
                        /** @enum {string|null} */
                        resolvedBy: "stock" | "manual" | null;
                        notifiedAt: string | null;
                        notifiedVia: string[] | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    previewEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    locale: string;
                    data?: {
                        [key: string]: unknown;
                    };
                    entityId?: string;
                    title?: string;
                    message?: string;
                    link?: string | null;
                    /** @enum {string} */
                    severity?: "info" | "success" | "warning" | "critical";
                    email?: {
                        subject?: string;
                        body?: string;
                    };
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        title: string | null;
                        message: string;
                        link: string | null;
                        warnings: {
                            /** @enum {string} */
                            field: "title" | "message" | "emailSubject" | "emailBody";
                            /** @enum {string} */
                            code: "MISSING_DATA";
                            variables: string[];
                        }[];
                        email: {
                            subject: string;
                            html: string;
                            text: string;
                        };
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listChannels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            kind: "email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook";
                            name: string;
                            config: {
                                [key: string]: unknown;
                            };
                            enabled: boolean;
                            priority: number;
                            categories: string[] | null;
                            types: string[] | null;
                            ratePerMinute: number | null;
                            disabledReason: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createChannel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook";
                    name: string;
                    config: {
                        [key: string]: unknown;
                    };
                    enabled?: boolean;
                    priority?: number;
                    categories?: ("sales" | "expenses" | "inventory" | "purchases" | "catalog" | "orders" | "billing" | "subscription" | "maintenance" | "reservations" | "support" | "system" | "promotions")[] | null;
                    types?: string[] | null;
                    ratePerMinute?: number | null;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook";
                        name: string;
                        config: {
                            [key: string]: unknown;
                        };
                        enabled: boolean;
                        priority: number;
                        categories: string[] | null;
                        types: string[] | null;
                        ratePerMinute: number | null;
                        disabledReason: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook";
                        name: string;
                        config: {
                            [key: string]: unknown;
                        };
                        enabled: boolean;
                        priority: number;
                        categories: string[] | null;
                        types: string[] | null;
                        ratePerMinute: number | null;
                        disabledReason: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    updateChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    config?: {
                        [key: string]: unknown;
                    };
                    enabled?: boolean;
                    priority?: number;
                    categories?: ("sales" | "expenses" | "inventory" | "purchases" | "catalog" | "orders" | "billing" | "subscription" | "maintenance" | "reservations" | "support" | "system" | "promotions")[] | null;
                    types?: string[] | null;
                    ratePerMinute?: number | null;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook";
                        name: string;
                        config: {
                            [key: string]: unknown;
                        };
                        enabled: boolean;
                        priority: number;
                        categories: string[] | null;
                        types: string[] | null;
                        ratePerMinute: number | null;
                        disabledReason: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    testChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    to?: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                        deliveryId: string;
                        providerMessageId?: string;
                        durationMs: number;
                    } | {
                        /** @enum {boolean} */
                        ok: false;
                        deliveryId: string;
                        durationMs: number;
                        error: {
                            code: string;
                            message: string;
                            retryable: boolean;
                        };
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "sending" | "sent" | "failed" | "bounced" | "cancelled" | "skipped";
                channel?: "email" | "whatsapp" | "telegram" | "sms" | "slack" | "webhook";
                type?: string;
                days?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            notificationId: string | null;
                            type: string;
                            recipientId: string | null;
                            group: {
                                branchId: string | null;
                            } | null;
                            /** @enum {string} */
                            step: "fallback" | "escalate" | "digest" | "event" | "test";
                            /** @enum {string|null} */
                            condition: "offline" | "unseen" | "unread" | null;
                            channel: string | null;
                            channelId: string | null;
                            /** @enum {string} */
                            status: "pending" | "sending" | "sent" | "failed" | "bounced" | "cancelled" | "skipped";
                            attempts: number;
                            dueAt: string;
                            sentAt: string | null;
                            durationMs: number | null;
                            providerMessageId: string | null;
                            errorCode: string | null;
                            lastError: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getDeliveryStats: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        days: number;
                        timezone: string;
                        total: number;
                        byStatus: {
                            pending?: number;
                            sending?: number;
                            sent?: number;
                            failed?: number;
                            bounced?: number;
                            cancelled?: number;
                            skipped?: number;
                        };
                        byChannel: {
                            channel: string | null;
                            total: number;
                            sent: number;
                            failed: number;
                            bounced: number;
                            successRate: number | null;
                        }[];
                        byType: {
                            type: string;
                            total: number;
                            sent: number;
                            failed: number;
                            bounced: number;
                            successRate: number | null;
                        }[];
                        linked: {
                            telegram: number;
                            whatsapp: number;
                            sms: number;
                            email: number;
                        };
                        byDay: {
                            day: string;
                            total: number;
                            sent: number;
                            failed: number;
                            bounced: number;
                            cancelled: number;
                            skipped: number;
                            pending: number;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        notificationId: string | null;
                        type: string;
                        recipientId: string | null;
                        group: {
                            branchId: string | null;
                        } | null;
                        /** @enum {string} */
                        step: "fallback" | "escalate" | "digest" | "event" | "test";
                        /** @enum {string|null} */
                        condition: "offline" | "unseen" | "unread" | null;
                        channel: string | null;
                        channelId: string | null;
                        /** @enum {string} */
                        status: "pending" | "sending" | "sent" | "failed" | "bounced" | "cancelled" | "skipped";
                        attempts: number;
                        dueAt: string;
                        sentAt: string | null;
                        durationMs: number | null;
                        providerMessageId: string | null;
                        errorCode: string | null;
                        lastError: string | null;
                        createdAt: string;
                        updatedAt: string;
                        attemptLog: {
                            at: string;
                            kind: string | null;
                            channelId: string | null;
                            channelName: string | null;
                            /** @enum {string} */
                            outcome: "sent" | "retry" | "failed" | "bounced";
                            durationMs: number | null;
                            errorCode: string | null;
                            error: string | null;
                            providerMessageId: string | null;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        notificationId: string | null;
                        type: string;
                        recipientId: string | null;
                        group: {
                            branchId: string | null;
                        } | null;
                        /** @enum {string} */
                        step: "fallback" | "escalate" | "digest" | "event" | "test";
                        /** @enum {string|null} */
                        condition: "offline" | "unseen" | "unread" | null;
                        channel: string | null;
                        channelId: string | null;
                        /** @enum {string} */
                        status: "pending" | "sending" | "sent" | "failed" | "bounced" | "cancelled" | "skipped";
                        attempts: number;
                        dueAt: string;
                        sentAt: string | null;
                        durationMs: number | null;
                        providerMessageId: string | null;
                        errorCode: string | null;
                        lastError: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                type?: string;
                category?: "sales" | "expenses" | "inventory" | "purchases" | "catalog" | "orders" | "billing" | "subscription" | "maintenance" | "reservations" | "support" | "system" | "promotions";
                severity?: "info" | "success" | "warning" | "critical";
                branchId?: string;
                recipientId?: string;
                entityId?: string;
                warnings?: "true" | "false";
                days?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            type: string;
                            category: string;
                            title: string | null;
                            message: string;
                            entityId: string | null;
                            branchIds: string[] | null;
                            recipientIds: string[] | null;
                            data: {
                                [key: string]: unknown;
                            };
                            link: string | null;
                            /** @enum {string} */
                            severity: "info" | "success" | "warning" | "critical";
                            icon: string;
                            actions: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                style?: "primary" | "secondary" | "danger";
                            }[] | null;
                            warnings: {
                                /** @enum {string} */
                                field: "title" | "message" | "emailSubject" | "emailBody";
                                /** @enum {string} */
                                code: "MISSING_DATA";
                                variables: string[];
                            }[];
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: string;
                        category: string;
                        title: string | null;
                        message: string;
                        entityId: string | null;
                        branchIds: string[] | null;
                        recipientIds: string[] | null;
                        data: {
                            [key: string]: unknown;
                        };
                        link: string | null;
                        /** @enum {string} */
                        severity: "info" | "success" | "warning" | "critical";
                        icon: string;
                        actions: {
                            id: string;
                            label: string;
                            /** @enum {string} */
                            style?: "primary" | "secondary" | "danger";
                        }[] | null;
                        warnings: {
                            /** @enum {string} */
                            field: "title" | "message" | "emailSubject" | "emailBody";
                            /** @enum {string} */
                            code: "MISSING_DATA";
                            variables: string[];
                        }[];
                        createdAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getNotificationReceipts: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notification: {
                            id: string;
                            type: string;
                            category: string;
                            title: string | null;
                            message: string;
                            entityId: string | null;
                            branchIds: string[] | null;
                            recipientIds: string[] | null;
                            data: {
                                [key: string]: unknown;
                            };
                            link: string | null;
                            /** @enum {string} */
                            severity: "info" | "success" | "warning" | "critical";
                            icon: string;
                            actions: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                style?: "primary" | "secondary" | "danger";
                            }[] | null;
                            warnings: {
                                /** @enum {string} */
                                field: "title" | "message" | "emailSubject" | "emailBody";
                                /** @enum {string} */
                                code: "MISSING_DATA";
                                variables: string[];
                            }[];
                            createdAt: string;
                        };
                        counts: {
                            audience: number;
                            live: number;
                            seen: number;
                            read: number;
                            acted: number;
                            deliveries: number;
                        };
                        people: {
                            recipientId: string;
                            name: string | null;
                            /** @enum {string} */
                            role: "owner" | "admin" | "manager" | "staff";
                            live: boolean | null;
                            seenAt: string | null;
                            readAt: string | null;
                            archivedAt: string | null;
                            actionId: string | null;
                            actedAt: string | null;
                            deliveries: {
                                id: string;
                                notificationId: string | null;
                                type: string;
                                recipientId: string | null;
                                group: {
                                    branchId: string | null;
                                } | null;
                                /** @enum {string} */
                                step: "fallback" | "escalate" | "digest" | "event" | "test";
                                /** @enum {string|null} */
                                condition: "offline" | "unseen" | "unread" | null;
                                channel: string | null;
                                channelId: string | null;
                                /** @enum {string} */
                                status: "pending" | "sending" | "sent" | "failed" | "bounced" | "cancelled" | "skipped";
                                attempts: number;
                                dueAt: string;
                                sentAt: string | null;
                                durationMs: number | null;
                                providerMessageId: string | null;
                                errorCode: string | null;
                                lastError: string | null;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                        }[];
                        truncated: boolean;
                        endpoints: {
                            id: string;
                            notificationId: string | null;
                            type: string;
                            recipientId: string | null;
                            group: {
                                branchId: string | null;
                            } | null;
                            /** @enum {string} */
                            step: "fallback" | "escalate" | "digest" | "event" | "test";
                            /** @enum {string|null} */
                            condition: "offline" | "unseen" | "unread" | null;
                            channel: string | null;
                            channelId: string | null;
                            /** @enum {string} */
                            status: "pending" | "sending" | "sent" | "failed" | "bounced" | "cancelled" | "skipped";
                            attempts: number;
                            dueAt: string;
                            sentAt: string | null;
                            durationMs: number | null;
                            providerMessageId: string | null;
                            errorCode: string | null;
                            lastError: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listMyNotifications: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                filter?: "unread" | "all" | "archived";
                category?: "sales" | "expenses" | "inventory" | "purchases" | "catalog" | "orders" | "billing" | "subscription" | "maintenance" | "reservations" | "support" | "system" | "promotions";
                branchId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            type: string;
                            category?: string;
                            title: string | null;
                            message: string;
                            entityId: string | null;
                            branchIds: string[] | null;
                            data: {
                                [key: string]: unknown;
                            };
                            link: string | null;
                            /** @enum {string} */
                            severity: "info" | "success" | "warning" | "critical";
                            icon: string;
                            actions: {
                                id: string;
                                label: string;
                                /** @enum {string} */
                                style?: "primary" | "secondary" | "danger";
                            }[] | null;
                            createdAt: string;
                            readAt: string | null;
                            seenAt: string | null;
                            archivedAt: string | null;
                            actionId: string | null;
                        }[];
                        unreadCount: number;
                        nextCursor: string | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getMyUnreadCount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        count: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listMyBranches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                        }[];
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    markAllMyNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        readAt: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    markMyNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        readAt: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    archiveMyNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        archivedAt: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    markMyNotificationUnread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    unarchiveMyNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    snoozeMyNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    until: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        snoozedUntil: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    archiveMyReadNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                        archivedAt: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    answerMyNotificationAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                actionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        recorded: boolean;
                        actionId: string;
                        readAt: string;
                        unreadCount: number;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getMyPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        categories?: {
                            sales?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            expenses?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            inventory?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            purchases?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            catalog?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            orders?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            billing?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            subscription?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            maintenance?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            reservations?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            support?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            system?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            promotions?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                        };
                        channels?: {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        quietHours?: {
                            start: string;
                            end: string;
                        } | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    replaceMyPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    categories?: {
                        sales?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        expenses?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        inventory?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        purchases?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        catalog?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        orders?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        billing?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        subscription?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        maintenance?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        reservations?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        support?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        system?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        promotions?: boolean | {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                    };
                    channels?: {
                        email?: boolean;
                        whatsapp?: boolean;
                        telegram?: boolean;
                        sms?: boolean;
                        slack?: boolean;
                        webhook?: boolean;
                    };
                    quietHours?: {
                        start: string;
                        end: string;
                    } | null;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        categories?: {
                            sales?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            expenses?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            inventory?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            purchases?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            catalog?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            orders?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            billing?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            subscription?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            maintenance?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            reservations?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            support?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            system?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                            promotions?: boolean | {
                                email?: boolean;
                                whatsapp?: boolean;
                                telegram?: boolean;
                                sms?: boolean;
                                slack?: boolean;
                                webhook?: boolean;
                            };
                        };
                        channels?: {
                            email?: boolean;
                            whatsapp?: boolean;
                            telegram?: boolean;
                            sms?: boolean;
                            slack?: boolean;
                            webhook?: boolean;
                        };
                        quietHours?: {
                            start: string;
                            end: string;
                        } | null;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createTelegramLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    channelId?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        expiresAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createBranchTelegramLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                branchId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    channelId?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        expiresAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createTenantTelegramLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    channelId?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        expiresAt: string;
                    };
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    receiveTelegramUpdate: {
        parameters: {
            query?: never;
            header: {
                "x-telegram-bot-api-secret-token": string;
            };
            path: {
                /** @description The channel that receives the hook; it names the tenant */
                channelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    receiveTwilioMessage: {
        parameters: {
            query?: never;
            header: {
                "x-twilio-signature": string;
            };
            path: {
                /** @description The channel that receives the hook; it names the tenant */
                channelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    From?: string;
                    Body?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/xml": string;
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    verifyWhatsappHook: {
        parameters: {
            query: {
                "hub.mode": "subscribe";
                "hub.verify_token": string;
                "hub.challenge": string;
            };
            header?: never;
            path: {
                /** @description The channel that receives the hook; it names the tenant */
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    receiveWhatsappMessage: {
        parameters: {
            query?: never;
            header: {
                "x-hub-signature-256": string;
            };
            path: {
                /** @description The channel that receives the hook; it names the tenant */
                channelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
}
