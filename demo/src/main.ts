import type { Delivery } from '@aviso/protocol';
import { type Published, renderPublished } from './activity.ts';
import { api, esc, fmtDate } from './api.ts';

interface Mail {
  id: number;
  at: string;
  to: string[];
  subject: string;
  text: string;
  /** It has an HTML part (the hub's branded layout), fetched when the email is opened. */
  hasHtml: boolean;
}
/** A message the hub sent to the branch's Telegram group (caught by the demo's Bot API stand-in). */
interface Chat {
  id: number;
  at: string;
  chatId: string;
  text: string;
}
/** A row of the hub's delivery log, with the name the demo backend gives its recipient. */
type LoggedDelivery = Delivery & { recipientName: string | null };

const mailList = document.querySelector<HTMLUListElement>('#mail')!;
const deliveryList = document.querySelector<HTMLUListElement>('#deliveries')!;
const chatList = document.querySelector<HTMLUListElement>('#chats');
const opened = new Set<number>();

/** HTML parts already fetched, by email id. */
const htmlOf = new Map<number, string>();
let shownMail = '';

function renderMail(items: Mail[]) {
  if (!items.length) return;
  const key = items.map((m) => m.id).join(',');
  // Redrawn only when an email arrives: redrawing would reload every open email's frame.
  if (key === shownMail) return;
  shownMail = key;
  mailList.innerHTML = items
    .map(
      (m) => `<li data-mail="${m.id}"><details class="mail" ${opened.has(m.id) ? 'open' : ''}>
        <summary><b>${esc(m.subject)}</b><br>
        <small>para ${esc(m.to.join(', '))} · ${fmtDate(m.at)}</small></summary>
        ${m.hasHtml ? `<iframe class="mail-html" sandbox="" title="Correo: ${esc(m.subject)}"></iframe>` : ''}
        <details class="plain" ${m.hasHtml ? '' : 'open'}><summary>Texto plano</summary>
        <pre>${esc(m.text)}</pre></details></details></li>`,
    )
    .join('');
  for (const id of opened) void showHtml(id);
}

/**
 * Shows an email's HTML part as the mail client would: in a frame with `sandbox=""` (no scripts, an
 * origin of its own) given the HTML as `srcdoc`, never written into the page.
 */
async function showHtml(id: number) {
  const frame = mailList.querySelector<HTMLIFrameElement>(`[data-mail="${id}"] iframe`);
  if (!frame || frame.srcdoc) return;
  let html = htmlOf.get(id);
  if (html === undefined) {
    html = (await api<{ html: string | null }>(`mail/${id}`).catch(() => ({ html: null }))).html ?? '';
    htmlOf.set(id, html);
  }
  frame.srcdoc = html;
}

function renderChats(items: Chat[]) {
  if (!items.length || !chatList) return;
  // The Bot API text is HTML; shown as plain text with its tags taken out.
  const plain = (html: string) => html.replace(/<[^>]*>/g, '');
  chatList.innerHTML = items
    .map(
      (m) => `<li data-chat="${m.id}"><small>${fmtDate(m.at)}</small><pre>${esc(plain(m.text))}</pre></li>`,
    )
    .join('');
}

function renderDeliveries(items: LoggedDelivery[]) {
  if (!items.length) return;
  deliveryList.innerHTML = items
    .map(
      (d) => `<li><span class="chip ${esc(d.status)}">${esc(d.status)}</span> <b>${esc(d.type)}</b>
        → ${esc(d.recipientName ?? 'endpoint')} <small>${esc(d.step)}${d.condition ? ` if ${esc(d.condition)}` : ''}
        · ${esc(d.channel ?? '—')} · ${fmtDate(d.dueAt)}${d.lastError ? ` · ${esc(d.lastError)}` : ''}</small></li>`,
    )
    .join('');
}

mailList.addEventListener(
  'toggle',
  (e) => {
    const details = e.target as HTMLDetailsElement;
    // The email's own details, not its "Texto plano" inside.
    if (!details.classList.contains('mail')) return;
    const id = Number(details.closest<HTMLElement>('[data-mail]')?.dataset.mail);
    if (details.open) {
      opened.add(id);
      void showHtml(id);
    } else opened.delete(id);
  },
  true,
);

/** Polls the mail catcher, the delivery log and the published notifications: they appear as they happen. */
async function poll() {
  try {
    const [mail, chats, deliveries, published] = await Promise.all([
      api<{ items: Mail[] }>('mail'),
      api<{ items: Chat[] }>('chats'),
      api<{ items: LoggedDelivery[] }>('deliveries'),
      api<{ items: Published[] }>('notifications'),
    ]);
    renderMail(mail.items);
    renderPublished(published.items);
    renderChats(chats.items);
    renderDeliveries(deliveries.items);
  } catch {
    // The hub restarting: try again on the next tick.
  }
  setTimeout(poll, 1500);
}

void poll();
