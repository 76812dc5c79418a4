import {
  buildLink,
  DataSchema,
  EmailPreviewSchema,
  EventTypeNameSchema,
  LocaleSchema,
  SeveritySchema,
  safeText,
  type TemplateWarning,
  TemplateWarningSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { renderEmail } from '../../channels/email/render.ts';
import { renderEmailTexts } from '../../delivery/email-texts.ts';
import { absoluteLink, brandOf } from '../../delivery/message.ts';
import { resolveEventType } from '../../ingest/catalog.ts';
import { enrichData } from '../../ingest/enrich.ts';
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
    severity: SeveritySchema.optional(),
    /** Drafts of the type's email subject and body, in `locale`. */
    email: z
      .object({ subject: safeText(4000, 1), body: safeText(4000, 1) })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export const PreviewSchema = z.object({
  title: z.string().nullable(),
  message: z.string(),
  link: z.string().nullable(),
  /** Variables the templates named that the sample data did not have (they rendered empty). */
  warnings: z.array(TemplateWarningSchema),
  /** The email a person in `locale` would get: subject, branded HTML and plain text. */
  email: EmailPreviewSchema,
});

/** The email drafts of a preview request, as per-locale templates. */
function draftEmail(input: z.infer<typeof PreviewInputSchema>) {
  const out: { subject?: Record<string, string>; body?: Record<string, string> } = {};
  if (input.email?.subject) out.subject = { [input.locale]: input.email.subject };
  if (input.email?.body) out.body = { [input.locale]: input.email.body };
  return out;
}

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
      // Read fresh: the key's cached tenant may predate a settings change (branding) made just now.
      const tenant = await c.var.store.settings.get();
      const ctx = formatContext(tenant, input.locale);
      // What the hub adds to an event's data (branch names, counts) is added here too.
      const data = await enrichData(c.var.store, input.data ?? {}, ctx.locale);
      // Drafts are checked as a save would check them; everything renders on one request budget.
      for (const [field, draft] of [
        ['title', input.title],
        ['message', input.message],
        ['email.subject', input.email?.subject],
        ['email.body', input.email?.body],
      ] as const) {
        const problem = draft ? templateProblem(draft) : undefined;
        if (problem) fail(problem.code, { template: field, problem: problem.reason });
      }
      const budget = new RenderBudget();
      const warnings: TemplateWarning[] = [];
      const render = (field: TemplateWarning['field'], source: string) => {
        const out = budget.render(source, data, def?.formats, ctx);
        if (!out.ok) fail(out.code, { template: field, problem: out.reason });
        if (out.missing.length) warnings.push({ field, code: 'MISSING_DATA', variables: out.missing });
        return out.text;
      };
      const titleSource = input.title ?? pickLocale(def?.title, input.locale);
      const message =
        render('message', input.message ?? pickLocale(def?.message, input.locale) ?? '') || type;
      const title = titleSource ? render('title', titleSource) || null : null;
      const link = buildLink(input.link === undefined ? def?.link : input.link, {
        entityId: input.entityId ?? null,
        data,
      });
      // The email as the person would get it: drafts over the stored overrides, the tenant's look.
      const emailDef = { formats: def?.formats, email: { ...def?.email, ...draftEmail(input) } };
      const texts = renderEmailTexts(emailDef, data, { title, message }, tenant, input.locale, budget);
      warnings.push(...texts.warnings);
      const email = renderEmail({
        notificationId: '00000000-0000-7000-8000-000000000000',
        type,
        tenantName: tenant.name,
        title,
        text: message,
        link: absoluteLink(link, tenant.appUrl),
        severity: input.severity ?? def?.severity ?? 'info',
        locale: input.locale,
        idempotencyKey: 'preview',
        brand: brandOf(tenant),
        ...(texts.email ? { email: texts.email } : {}),
      });
      return c.json({ title, message, link, warnings, email }, 200);
    },
  );
  return app;
}
