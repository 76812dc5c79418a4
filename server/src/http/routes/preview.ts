import { buildLink, DataSchema, EventTypeNameSchema, LocaleSchema, safeText } from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { resolveEventType } from '../../ingest/catalog.ts';
import { formatContext, pickLocale, RenderBudget, templateProblem } from '../../ingest/templates.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';

/** What to render: a locale, sample data, and optionally unsaved templates to try instead of the stored ones. */
export const PreviewInputSchema = z
  .object({
    locale: LocaleSchema,
    data: DataSchema.optional(),
    entityId: safeText(128, 1).optional(),
    title: safeText(200).optional(),
    message: safeText(4000).optional(),
    link: safeText(2048).nullable().optional(),
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
      const ctx = formatContext(tenant, input.locale);
      const data = input.data ?? {};
      // Drafts are checked as a save would check them; everything renders on one request budget.
      for (const [field, draft] of [
        ['title', input.title],
        ['message', input.message],
      ] as const) {
        const problem = draft ? templateProblem(draft) : undefined;
        if (problem) fail(problem.code, { template: field, problem: problem.reason });
      }
      const budget = new RenderBudget();
      const render = (field: string, source: string) => {
        const out = budget.render(source, data, def?.formats, ctx);
        if (!out.ok) fail(out.code, { template: field, problem: out.reason });
        return out.text;
      };
      const titleSource = input.title ?? pickLocale(def?.title, input.locale);
      const message = render('message', input.message ?? pickLocale(def?.message, input.locale) ?? '');
      const linkTemplate = input.link === undefined ? def?.link : input.link;
      return c.json(
        {
          title: titleSource ? render('title', titleSource) || null : null,
          message: message || type,
          link: buildLink(linkTemplate, { entityId: input.entityId ?? null, data }),
        },
        200,
      );
    },
  );
  return app;
}
