import type { EventTypeDefinition, TemplateWarning } from '@aviso/protocol';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { resolveEventType } from '../ingest/catalog.ts';
import { formatContext, pickLocale, RenderBudget } from '../ingest/templates.ts';

/** A type's own email subject and body for one locale, and what their templates missed. */
export interface EmailTexts {
  email?: { subject?: string; body?: string };
  warnings: TemplateWarning[];
}

/**
 * Renders a type's email overrides (`email.subject`, `email.body`) with the notification's data
 * and texts, in `locale`, formatted for the tenant. A template that fails or runs out of budget is
 * left out (the default email goes instead); one that names missing data is reported.
 */
export function renderEmailTexts(
  def: Pick<EventTypeDefinition, 'email' | 'formats'> | undefined,
  data: Record<string, unknown>,
  notification: { title: string | null; message: string },
  tenant: Pick<TenantRow, 'locale' | 'currency' | 'timezone'>,
  locale: string,
  budget = new RenderBudget(),
): EmailTexts {
  const warnings: TemplateWarning[] = [];
  const templates = def?.email;
  if (!templates) return { warnings };
  const ctx = formatContext(tenant, locale);
  const scope = { ...data, notification };
  const out: { subject?: string; body?: string } = {};
  for (const [field, key] of [
    ['emailSubject', 'subject'],
    ['emailBody', 'body'],
  ] as const) {
    const source = pickLocale(templates[key], locale);
    if (!source) continue;
    const rendered = budget.render(source, scope, def.formats, ctx);
    if (!rendered.ok || !rendered.text) continue;
    out[key] = rendered.text;
    if (rendered.missing.length) warnings.push({ field, code: 'MISSING_DATA', variables: rendered.missing });
  }
  return { ...(out.subject || out.body ? { email: out } : {}), warnings };
}

/** The email texts of a stored notification for one person's locale (none when its type has no overrides). */
export async function emailTextsFor(
  store: TenantStore,
  n: NotificationRow,
  tenant: TenantRow,
  locale: string,
): Promise<EmailTexts['email']> {
  const def = resolveEventType(n.type, await store.settings.eventTypeOverrides());
  if (!def?.email) return undefined;
  return renderEmailTexts(def, n.data, { title: n.title, message: n.message }, tenant, locale).email;
}
