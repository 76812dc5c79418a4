import {
  ActionResultSchema,
  InboxPageSchema,
  InboxQuerySchema,
  InstantSchema,
  MyBranchesSchema,
  PreferencesSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { Inbox } from '../../inbox/inbox.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';

const IdParam = z.object({ id: z.string().max(64) });
const ActionParam = z.object({ id: z.string().max(64), actionId: z.string().max(64) });
const ReadResult = z.object({ id: z.string(), readAt: z.string(), unreadCount: z.number().int() });
const StateResult = z.object({ id: z.string(), unreadCount: z.number().int() });
const SnoozeBody = z.object({
  until: InstantSchema.refine((v) => Date.parse(v) > Date.now(), 'must be in the future'),
});
const tags = ['Widget'];

/** The widget's own API: one person's inbox, authenticated by a widget token. */
export function meRoutes(deps: { guard: Guard; inbox: Inbox; onQueued?: () => void; now?: () => Date }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security };
  const { inbox } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/notifications',
      operationId: 'listMyNotifications',
      tags,
      summary: 'A page of the inbox, newest first',
      ...secured,
      request: { query: InboxQuerySchema },
      responses: { 200: jsonContent(InboxPageSchema, 'A page'), ...errors },
    }),
    async (c) => c.json(await inbox.page(c.var.store, c.var.recipient, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/unread-count',
      operationId: 'getMyUnreadCount',
      tags,
      summary: 'How many visible notifications are unread',
      ...secured,
      responses: { 200: jsonContent(z.object({ count: z.number().int() }), 'The count'), ...errors },
    }),
    async (c) => c.json({ count: await inbox.unreadCount(c.var.store, c.var.recipient) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/branches',
      operationId: 'listMyBranches',
      tags,
      summary: 'The branches the inbox spans, by name (all of the business’s for an owner)',
      ...secured,
      responses: { 200: jsonContent(MyBranchesSchema, 'The branches'), ...errors },
    }),
    async (c) => c.json(await inbox.branches(c.var.store, c.var.recipient), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/read-all',
      operationId: 'markAllMyNotificationsRead',
      tags,
      summary: 'Mark everything visible now as read',
      ...secured,
      responses: {
        200: jsonContent(z.object({ readAt: z.string(), unreadCount: z.number().int() }), 'Done'),
        ...errors,
      },
    }),
    async (c) => c.json(await inbox.readAll(c.var.store, c.var.recipient), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/{id}/read',
      operationId: 'markMyNotificationRead',
      tags,
      summary: 'Mark one notification as read (every tab and device of the person follows)',
      ...secured,
      request: { params: IdParam },
      responses: { 200: jsonContent(ReadResult, 'Read'), ...errors },
    }),
    async (c) => c.json(await inbox.read(c.var.store, c.var.recipient, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/{id}/archive',
      operationId: 'archiveMyNotification',
      tags,
      summary: 'Archive one notification (it also counts as read)',
      ...secured,
      request: { params: IdParam },
      responses: {
        200: jsonContent(
          z.object({ id: z.string(), archivedAt: z.string(), unreadCount: z.number().int() }),
          'Archived',
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await inbox.archive(c.var.store, c.var.recipient, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/{id}/unread',
      operationId: 'markMyNotificationUnread',
      tags,
      summary: 'Mark one notification unread again (also after “read all”; every tab follows)',
      ...secured,
      request: { params: IdParam },
      responses: { 200: jsonContent(StateResult, 'Unread'), ...errors },
    }),
    async (c) => c.json(await inbox.unread(c.var.store, c.var.recipient, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/{id}/unarchive',
      operationId: 'unarchiveMyNotification',
      tags,
      summary: 'Take one notification out of the archive (it stays read)',
      ...secured,
      request: { params: IdParam },
      responses: { 200: jsonContent(StateResult, 'Back in the inbox'), ...errors },
    }),
    async (c) => c.json(await inbox.unarchive(c.var.store, c.var.recipient, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/{id}/snooze',
      operationId: 'snoozeMyNotification',
      tags,
      summary: 'Snooze one notification until a time (it comes back unread, and toasts in open tabs)',
      ...secured,
      request: { params: IdParam, body: jsonBody(SnoozeBody) },
      responses: {
        200: jsonContent(
          z.object({ id: z.string(), snoozedUntil: z.string(), unreadCount: z.number().int() }),
          'Snoozed',
        ),
        ...errors,
      },
    }),
    async (c) =>
      c.json(
        await inbox.snooze(
          c.var.store,
          c.var.recipient,
          c.req.valid('param').id,
          new Date(c.req.valid('json').until),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/archive-read',
      operationId: 'archiveMyReadNotifications',
      tags,
      summary: 'Archive every read notification (unread ones stay in the inbox); answers the ids archived',
      ...secured,
      responses: {
        200: jsonContent(
          z.object({ ids: z.array(z.string()), archivedAt: z.string(), unreadCount: z.number().int() }),
          'Archived',
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await inbox.archiveRead(c.var.store, c.var.recipient), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/notifications/{id}/actions/{actionId}',
      operationId: 'answerMyNotificationAction',
      tags,
      summary: 'Answer one of the notification’s actions (the first answer from anyone wins)',
      description:
        'Marks the notification read and sends a signed `notification.action` webhook. When someone ' +
        'answered first (here, on WhatsApp or on Telegram), nothing changes and `recorded` is false, ' +
        'with the `actionId` that was recorded. An unknown action is 404 `ACTION_NOT_FOUND`.',
      ...secured,
      request: { params: ActionParam },
      responses: { 200: jsonContent(ActionResultSchema, 'Answered, or already answered'), ...errors },
    }),
    async (c) => {
      const { id, actionId } = c.req.valid('param');
      const { label: _, ...result } = await inbox.act(c.var.store, c.var.recipient, id, actionId, 'widget', {
        now: deps.now?.() ?? new Date(),
        onQueued: deps.onQueued,
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/preferences',
      operationId: 'getMyPreferences',
      tags,
      summary: 'The person’s preferences',
      ...secured,
      responses: { 200: jsonContent(PreferencesSchema, 'Preferences'), ...errors },
    }),
    async (c) => c.json(c.var.recipient.preferences, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/me/preferences',
      operationId: 'replaceMyPreferences',
      tags,
      summary: 'Replace the person’s preferences (opt-outs per category and channel, quiet hours)',
      ...secured,
      request: { body: jsonBody(PreferencesSchema) },
      responses: { 200: jsonContent(PreferencesSchema, 'Saved'), ...errors },
    }),
    async (c) => {
      const row = await c.var.store.recipients.setPreferences(c.var.recipient.id, c.req.valid('json'));
      return c.json(row.preferences, 200);
    },
  );

  return app;
}
