import type { Delivery, Receipts } from '@aviso/protocol';
import { api, esc, fmtDate } from './api.ts';

/** A notification the demo published, as the demo backend lists them. */
export interface Published {
  id: string;
  type: string;
  title: string | null;
  message: string;
  createdAt: string;
  /** The console's Activity view of it, on the hub. */
  activityUrl: string;
}

const list = document.querySelector<HTMLUListElement>('#notifications');
/** The notifications whose receipts are shown, to show them again after the list is redrawn. */
const expanded = new Set<string>();
let shown = '';

const when = (iso: string | null) => (iso ? fmtDate(iso) : '—');
const STATUS: Record<Delivery['status'], string> = {
  pending: 'pendiente',
  sending: 'enviando',
  sent: 'enviado',
  failed: 'falló',
  bounced: 'rebotó',
  cancelled: 'cancelado',
  skipped: 'omitido',
};
const deliveryText = (d: Delivery) => `${d.channel ?? d.step} ${STATUS[d.status] ?? d.status}`;

function receiptsHtml(r: Receipts & { activityUrl: string }): string {
  const c = r.counts;
  const rows = r.people
    .map(
      (p) => `<tr><td>${esc(p.name ?? p.recipientId)}</td>
        <td>${p.live === null ? '—' : p.live ? 'sí' : 'no'}</td>
        <td>${when(p.seenAt)}</td><td>${when(p.readAt)}</td>
        <td>${esc(p.deliveries.map(deliveryText).join(', ') || '—')}</td></tr>`,
    )
    .join('');
  const endpoints = r.endpoints.length
    ? `<p><small>Otros destinos: ${esc(r.endpoints.map(deliveryText).join(', '))}</small></p>`
    : '';
  return `<p><small>Para ${c.audience} · en vivo ${c.live} · lo vieron ${c.seen} · lo leyeron ${c.read} ·
      entregas ${c.deliveries}</small></p>
    <table class="receipts-table"><thead><tr><th>Persona</th><th>En vivo</th><th>Visto</th><th>Leído</th>
      <th>Entregas</th></tr></thead><tbody>${rows}</tbody></table>${endpoints}`;
}

/** Asks the demo backend (which holds the API key) for one notification's receipts and shows them. */
async function showReceipts(id: string) {
  const box = list?.querySelector<HTMLElement>(`[data-notification="${CSS.escape(id)}"] .receipts`);
  if (!box) return;
  try {
    box.innerHTML = receiptsHtml(
      await api<Receipts & { activityUrl: string }>(`notifications/${id}/receipts`),
    );
  } catch (err) {
    box.innerHTML = `<p class="notice">${esc((err as Error).message)}</p>`;
  }
}

/** Draws the published notifications, each with its "who saw it" button and console link. */
export function renderPublished(items: Published[]) {
  if (!list || !items.length) return;
  const key = items.map((n) => n.id).join(',');
  // Redrawn only when the list changes: open receipts stay as they are between polls.
  if (key === shown) return;
  shown = key;
  list.innerHTML = items
    .map(
      (n) => `<li data-notification="${esc(n.id)}"><b>${esc(n.title ?? n.type)}</b>
        <small>${esc(n.type)} · ${fmtDate(n.createdAt)}</small><br>
        <button type="button" data-receipts>¿Quién lo vio?</button>
        <a href="${esc(n.activityUrl)}" target="_blank" rel="noopener">Abrir en la consola</a>
        <div class="receipts"></div></li>`,
    )
    .join('');
  for (const id of expanded) void showReceipts(id);
}

list?.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest('[data-receipts]');
  const id = button?.closest<HTMLElement>('[data-notification]')?.dataset.notification;
  if (!id) return;
  expanded.add(id);
  void showReceipts(id);
});
