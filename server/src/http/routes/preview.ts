import { buildLink, DataSchema, EventTypeNameSchema } from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { resolveEventType } from '../../ingest/catalog.ts';
import { pickLocale, renderTemplate } from '../../ingest/templates.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';

/** What to render: a locale, sample data, and optionally unsaved templates to try instead of the stored ones. */
export const PreviewInputSchema = z
  .object({
    locale: z.string().min(2).max(35),
    data: DataSchema.optional(),
    entityId: z.string().min(1).max(128).optional(),
    title: z.string().max(200).optional(),
    message: z.string().max(4000).optional(),
    link: z.string().max(2048).nullable().optional(),
  })
  .strict();

export const PreviewSchema = z.object({
  title: z.string().nullable(),
  message: z.string(),
  link: z.string().nullable(),
});

/**
 * `POST /v1/event-types/:type/preview`: renders a type's templates (or drafts of them) with sample
 * data, exactly as an event would, so the admin console previews without a template engine of its own.
 */
export function previewRoutes({ guard }: { guard: Guard }) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-types/{type}/preview',
      operationId: 'previewEventType',
      tags: ['Event types'],
      summary: 'Render a type’s title, message and link for a locale with sample data (drafts allowed)',
      middleware: guard.middleware,
      security: guard.security,
      request: { params: z.object({ type: EventTypeNameSchema }), body: jsonBody(PreviewInputSchema) },
      responses: { 200: jsonContent(PreviewSchema, 'The rendered texts'), ...errors },
    }),
    async (c) => {
      const { type } = c.req.valid('param');
      const input = c.req.valid('json');
      const def = resolveEventType(type, await c.var.store.settings.eventTypeOverrides());
      if (!def && input.message === undefined) {
        fail('NOT_FOUND', { what: `event type ${type}: give a draft message to preview` });
      }
      const tenant = c.var.tenant;
      const ctx = { locale: input.locale, currency: tenant.currency, timezone: tenant.timezone };
      const data = input.data ?? {};
      const render = (source: string) => renderTemplate(source, data, def?.formats, ctx);
      try {
        const titleSource = input.title ?? pickLocale(def?.title, input.locale);
        const message = render(input.message ?? pickLocale(def?.message, input.locale) ?? '');
        const linkTemplate = input.link === undefined ? def?.link : input.link;
        return c.json(
          {
            title: titleSource ? render(titleSource) || null : null,
            message: message || type,
            link: buildLink(linkTemplate, { entityId: input.entityId ?? null, data }),
          },
          200,
        );
      } catch (err) {
        fail('TEMPLATE_ERROR', { template: `of ${type}`, problem: (err as Error).message });
      }
    },
  );
  return app;
}
