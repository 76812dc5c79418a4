import type { Severity } from '@aviso/protocol';
import { escapeHtml, safeLink, words } from '../text.ts';
import type { OutboundMessage } from '../types.ts';

const ACCENT: Record<Severity, string> = {
  info: '#2563eb',
  success: '#16a34a',
  warning: '#d97706',
  critical: '#dc2626',
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The subject, the HTML body (every value escaped) and the plain-text part of a notification email. */
export function renderEmail(message: OutboundMessage): RenderedEmail {
  const w = words(message.locale);
  const link = safeLink(message.link);
  const headline = message.title ?? message.text;
  const subject = `[${message.tenantName}] ${headline}`.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const e = escapeHtml;
  const accent = ACCENT[message.severity] ?? ACCENT.info;
  const title = message.title
    ? `<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;color:#111827">${e(message.title)}</h1>`
    : '';
  const button = link
    ? `<p style="margin:24px 0 0"><a href="${e(link)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:${accent};color:#ffffff;text-decoration:none;font-weight:600">${e(w.open)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${e(message.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${accent}">
<tr><td style="padding:24px">
<p style="margin:0 0 8px;font-size:13px;color:#6b7280">${e(message.tenantName)}</p>
${title}<p style="margin:0;font-size:15px;line-height:1.5;color:#1f2937;white-space:pre-line">${e(message.text)}</p>
${button}
</td></tr>
</table>
<p style="max-width:560px;margin:12px auto 0;font-size:12px;color:#9ca3af;text-align:center">${e(w.footer(message.tenantName))}</p>
</body>
</html>
`;
  const lines = [message.tenantName, ''];
  if (message.title) lines.push(message.title, '');
  lines.push(message.text);
  if (link) lines.push('', `${w.open}: ${link}`);
  lines.push('', '--', w.footer(message.tenantName));
  return { subject, html, text: `${lines.join('\n')}\n` };
}
