/** The demo backend's answers (`/api/*` of demo/server). */

import type { Branch, Persona, StoreRecords } from './model.ts';

export type {
  Branch,
  Customer,
  Expense,
  Line,
  Persona,
  Product,
  Purchase,
  Reservation,
  Sale,
  Transfer,
} from './model.ts';

/** What `/api/state` answers. */
export type State = StoreRecords;
export interface Session {
  persona: Persona;
  token: string;
  tenantName: string;
  branches: Branch[];
  lowStockAfter: string;
  /** The hub, as the browser reaches it: the widget script and its socket come from there. */
  hubUrl: string;
}

const BASE = new URL('./api/', new URL(import.meta.env.BASE_URL, location.origin));

/** GET or POST one demo endpoint; a failed call throws the backend's (or the hub's) error message. */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, BASE), {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data?.error?.message ?? `HTTP ${res.status}`);
  return data as T;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML: every value shown comes through here. */
export const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c] ?? c);

const money = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });
export const fmtMoney = (n: number) => money.format(n);
const dt = new Intl.DateTimeFormat('es-MX', { dateStyle: 'short', timeStyle: 'short' });
export const fmtDate = (iso: string) => dt.format(new Date(iso));
