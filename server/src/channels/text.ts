/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface Words {
  open: string;
  reply: string;
  footer: (tenant: string) => string;
}

const WORDS: Record<'es' | 'en' | 'pt', Words> = {
  es: {
    open: 'Abrir',
    reply: 'Responde con el número',
    footer: (tenant) => `Recibes este aviso de ${tenant} a través de Aviso.`,
  },
  en: {
    open: 'Open',
    reply: 'Reply with the number',
    footer: (tenant) => `You get this notice from ${tenant} through Aviso.`,
  },
  pt: {
    open: 'Abrir',
    reply: 'Responda com o número',
    footer: (tenant) => `Você recebe este aviso de ${tenant} pelo Aviso.`,
  },
};

/** The few words a sender adds itself, in the recipient's language (Spanish unless English or Portuguese). */
export function words(locale: string): Words {
  const language = locale.toLowerCase().split('-')[0];
  return language === 'en' ? WORDS.en : language === 'pt' ? WORDS.pt : WORDS.es;
}

/** Actions as numbered replies for text-only channels: `1 = Confirmar, 2 = Cancelar`. */
export function numberedActions(actions: readonly { label: string }[] | undefined): string | null {
  if (!actions?.length) return null;
  return actions.map((a, i) => `${i + 1} = ${a.label}`).join(', ');
}

/** Plain-text body shared by WhatsApp and SMS: title, message, link and numbered replies. */
export function plainBody(
  message: {
    tenantName: string;
    title: string | null;
    text: string;
    link: string | null;
    actions?: { label: string }[];
    locale: string;
  },
  bold: (s: string) => string = (s) => s,
): string {
  const head = message.title ? `${bold(message.tenantName)}: ${message.title}` : bold(message.tenantName);
  const lines = [head, message.text];
  if (message.link) lines.push(message.link);
  const replies = numberedActions(message.actions);
  if (replies) lines.push('', `${words(message.locale).reply}: ${replies}`);
  return lines.join('\n');
}

/** Only absolute http(s) links become buttons; anything else is dropped rather than made clickable. */
export function safeLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
