import { dataValue, type TemplateSource, templateParameters, WhatsappTemplateSchema } from '@aviso/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from './i18n.ts';

/** What the editor holds: the mapping and the sample data as typed (JSON), and the type's fields. */
export interface WhatsappDraft {
  type: string;
  entityId: string;
  whatsappTemplate: string;
  data: string;
}

/**
 * What goes to WhatsApp outside the 24-hour window: the template and its parameters, filled from
 * the sample data and the rendered (Spanish) preview the way the hub fills them. The hub also
 * formats amounts and dates as the type says; the preview shows the sample values as typed.
 */
export function whatsappPreview(
  t: Translate,
  d: WhatsappDraft,
  shown: { title: string | null; message: string; link: string | null } | undefined,
): TemplateResult {
  const box = (body: unknown) =>
    html`<div class="preview" data-preview="whatsapp"><div class="hint">${t('whatsappPreview')}</div>${body}</div>`;
  if (!d.whatsappTemplate.trim()) return box(html`<div class="hint">${t('whatsappNoTemplate')}</div>`);
  let mapping: unknown;
  let data: Record<string, unknown>;
  try {
    mapping = JSON.parse(d.whatsappTemplate);
    data = d.data.trim() ? JSON.parse(d.data) : {};
  } catch (err) {
    return box(html`<div class="critical">${t('invalidJson', { message: (err as Error).message })}</div>`);
  }
  const parsed = WhatsappTemplateSchema.safeParse(mapping);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return box(html`<div class="critical">${issue.path.join('.')}: ${issue.message}</div>`);
  }
  const m = parsed.data;
  const fields: Record<string, unknown> = {
    title: shown?.title,
    message: shown?.message,
    link: shown?.link,
    entityId: d.entityId,
    type: d.type,
    tenant: '…',
  };
  const read = (source: TemplateSource) =>
    source.startsWith('data.') ? dataValue(data, source) : fields[source];
  const p = templateParameters(m, read);
  return box(html`
    ${m.name ? html`<div class="mono">Meta: ${m.name} (${m.language})</div>` : nothing}
    ${m.contentSid ? html`<div class="mono">Twilio: ${m.contentSid}</div>` : nothing}
    <ol class="mono">
      ${p.body.map((v, i) => html`<li>{{${i + 1}}} = ${v}</li>`)}
      ${p.buttons.map((b) => html`<li>${b.type} #${b.index} = ${b.text}</li>`)}
    </ol>`);
}
