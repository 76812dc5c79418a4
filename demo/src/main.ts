import type { Delivery } from '@aviso/protocol';
import { api, esc, fmtDate } from './api.ts';

interface Mail {
  id: number;
  at: string;
  to: string[];
  subject: string;
  text: string;
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

function renderMail(items: Mail[]) {
  if (!items.length) return;
  mailList.innerHTML = items
    .map(
      (
        m,
      ) => `<li data-mail="${m.id}"><details ${opened.has(m.id) ? 'open' : ''}><summary><b>${esc(m.subject)}</b><br>
        <small>para ${esc(m.to.join(', '))} · ${fmtDate(m.at)}</small></summary><pre>${esc(m.text)}</pre></details></li>`,
    )
    .join('');
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
    const li = (e.target as HTMLElement).closest<HTMLElement>('[data-mail]');
    const id = Number(li?.dataset.mail);
    if ((e.target as HTMLDetailsElement).open) opened.add(id);
    else opened.delete(id);
  },
  true,
);

/** Polls the mail catcher and the delivery log: fallback deliveries appear as they happen. */
async function poll() {
  try {
    const [mail, chats, deliveries] = await Promise.all([
      api<{ items: Mail[] }>('mail'),
      api<{ items: Chat[] }>('chats'),
      api<{ items: LoggedDelivery[] }>('deliveries'),
    ]);
    renderMail(mail.items);
    renderChats(chats.items);
    renderDeliveries(deliveries.items);
  } catch {
    // The hub restarting: try again on the next tick.
  }
  setTimeout(poll, 1500);
}

void poll();
