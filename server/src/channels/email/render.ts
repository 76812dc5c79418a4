import type { Severity } from '@aviso/protocol';
import { escapeHtml, safeLink, words } from '../text.ts';
import type { OutboundMessage } from '../types.ts';

const ACCENT: Record<Severity, string> = {
  info: '#2563eb',
  success: '#16a34a',
  warning: '#d97706',
  critical: '#dc2626',
};

/** The hub's own colour, for tenants that set none. */
const DEFAULT_BRAND = '#1f2937';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Dark text on light colours, white on dark ones (WCAG relative luminance). */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.4 ? '#111827' : '#ffffff';
}

/** Paragraphs (separated by a blank line) with their line breaks, every character escaped. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        `<p style="margin:0 0 12px;font-size:15px;line-height:1.55;color:#1f2937">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}

/**
 * The subject, the HTML body and the plain-text part of a notification email. The HTML is a
 * single-column layout that narrows on phones, with the tenant's name, logo and colour; every value
 * in it is escaped, and only an absolute https logo and an http(s) link are used.
 */
export function renderEmail(message: OutboundMessage): RenderedEmail {
  const w = words(message.locale);
  const e = escapeHtml;
  const link = safeLink(message.link);
  const headline = message.title ?? message.text;
  const subject = (message.email?.subject || `[${message.tenantName}] ${headline}`)
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 200);
  const body = message.email?.body || message.text;
  const brand = message.brand?.color ?? DEFAULT_BRAND;
  const onBrand = textOn(brand);
  const accent = ACCENT[message.severity] ?? ACCENT.info;
  const logo =
    message.brand?.logoUrl && /^https:\/\//i.test(message.brand.logoUrl) ? message.brand.logoUrl : null;
  const header = logo
    ? `<img src="${e(logo)}" alt="${e(message.tenantName)}" height="40" style="display:block;height:40px;max-width:240px;border:0">`
    : `<span style="font-size:18px;font-weight:700;color:${onBrand}">${e(message.tenantName)}</span>`;
  const title = message.title
    ? `<h1 style="margin:0 0 12px;padding-left:10px;border-left:4px solid ${accent};font-size:20px;line-height:1.3;color:#111827">${e(message.title)}</h1>`
    : '';
  const button = link
    ? `<p style="margin:20px 0 0"><a href="${e(link)}" style="display:inline-block;padding:11px 20px;border-radius:6px;background:${brand};color:${onBrand};text-decoration:none;font-weight:600">${e(w.open)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${e(message.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${e(subject)}</title>
<style>@media (max-width:600px){.aviso-outer{padding:0!important}.aviso-card{border-radius:0!important}.aviso-pad{padding:18px!important}}</style></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td class="aviso-outer" style="padding:24px">
<table role="presentation" class="aviso-card" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td class="aviso-pad" style="padding:16px 24px;background:${brand}">${header}</td></tr>
<tr><td class="aviso-pad" style="padding:24px">
${title}${paragraphs(body)}
${button}
</td></tr>
</table>
<p style="max-width:560px;margin:12px auto 0;font-size:12px;color:#6b7280;text-align:center">${e(w.footer(message.tenantName))}</p>
</td></tr></table>
</body>
</html>
`;
  const lines = [message.tenantName, ''];
  if (message.title) lines.push(message.title, '');
  lines.push(body);
  if (link) lines.push('', `${w.open}: ${link}`);
  lines.push('', '--', w.footer(message.tenantName));
  return { subject, html, text: `${lines.join('\n')}\n` };
}
