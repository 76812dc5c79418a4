/** The demo backend's answers (`/demo/api/*` on the hub). */

export interface Branch {
  id: string;
  name: string;
}
export interface Persona {
  key: 'central' | 'norte' | 'owner';
  id: string;
  name: string;
  role: 'staff' | 'owner';
  branchIds: string[];
}
export interface Line {
  productId: string;
  sku: string;
  name: string;
  qty: number;
  price: number;
}
export interface Product {
  id: string;
  sku: string;
  name: string;
  price: number;
  min: number;
  stock: Record<string, number>;
  createdBy?: string;
}
export interface Sale {
  id: string;
  branchId: string | null;
  kind: 'mostrador' | 'retiro' | 'envio';
  items: Line[];
  total: number;
  at: string;
  by: string;
  customerName?: string;
}
export interface Expense {
  id: string;
  branchId: string;
  concept: string;
  total: number;
  at: string;
  by: string;
}
export interface Purchase {
  id: string;
  branchId: string;
  supplierName: string;
  items: Line[];
  total: number;
  at: string;
}
export interface Transfer {
  id: string;
  originBranchId: string;
  destinationBranchId: string;
  items: Line[];
  status: 'enviado' | 'recibido';
  sentAt: string;
  receivedAt?: string;
}
export interface Customer {
  id: string;
  name: string;
  phone: string;
  at: string;
}
export interface Reservation {
  id: string;
  code: string;
  branchId: string;
  name: string;
  people: number;
  dateTime: string;
  reminders: string;
}
export interface State {
  products: Product[];
  sales: Sale[];
  expenses: Expense[];
  purchases: Purchase[];
  transfers: Transfer[];
  customers: Customer[];
  reservations: Reservation[];
  stockApi?: boolean;
  remindersApi?: boolean;
}
export interface Session {
  persona: Persona;
  token: string;
  tenantName: string;
  branches: Branch[];
  lowStockAfter: string;
}

const BASE = new URL('./api/', new URL(import.meta.env.BASE_URL, location.origin));

/** GET or POST one demo endpoint; a failed call throws the hub's error message. */
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
