/** The demo store's own data: a small back office, saved with the demo's state between restarts. */

import type { Branch, Line, Persona, Product, StoreRecords } from '../src/model.ts';

export const BRANCHES: Branch[] = [
  { id: 'central', name: 'Suc. Central' },
  { id: 'norte', name: 'Suc. Norte' },
  { id: 'sur', name: 'Suc. Sur' },
];

export const branchName = (id: string) => BRANCHES.find((b) => b.id === id)?.name ?? id;

export const PERSONAS: Record<Persona['key'], Persona> = {
  central: {
    key: 'central',
    id: 'cajera-central',
    name: 'Lucía Pérez',
    role: 'staff',
    branchIds: ['central'],
  },
  norte: { key: 'norte', id: 'cajero-norte', name: 'Martín Ruiz', role: 'staff', branchIds: ['norte'] },
  owner: {
    key: 'owner',
    id: 'duena',
    name: 'Sofía Herrera',
    role: 'owner',
    branchIds: ['central', 'norte', 'sur'],
    email: 'sofia@abarrotes-demo.mx',
  },
};

/** A quantity that moved: `before` and `qty` (after) are on hand at one branch. */
export interface StockChange {
  productId: string;
  sku: string;
  name: string;
  before: number;
  qty: number;
  min: number;
}

/** Everything the back office holds, as saved in the state file. */
export interface OfficeData extends StoreRecords {
  seq: number;
}

const seedProducts: [string, string, number, number, [number, number, number]][] = [
  ['ARR-1K', 'Arroz blanco 1 kg', 32, 10, [14, 25, 18]],
  ['FRI-900', 'Frijol negro 900 g', 41, 8, [11, 16, 9]],
  ['ACE-1L', 'Aceite vegetal 1 L', 58, 6, [9, 12, 7]],
  ['AZU-2K', 'Azúcar estándar 2 kg', 54, 6, [20, 8, 15]],
  ['CAF-250', 'Café molido 250 g', 89, 5, [7, 10, 6]],
  ['LEC-1L', 'Leche entera 1 L', 27, 12, [30, 24, 28]],
  ['HUE-30', 'Huevo blanco 30 pzas', 95, 4, [12, 6, 8]],
];

/** A store as it opens the first time: seven products, one customer, no documents. */
function freshOffice(): OfficeData {
  return {
    products: seedProducts.map(([sku, name, price, min, [c, n, s]], i) => ({
      id: `p${i + 1}`,
      sku,
      name,
      price,
      min,
      stock: { central: c, norte: n, sur: s },
    })),
    sales: [],
    expenses: [],
    purchases: [],
    transfers: [],
    customers: [{ id: 'c1', name: 'Fonda Doña Mary', phone: '55 1234 5678', at: new Date().toISOString() }],
    reservations: [],
    // Folios start from the clock, so a new store never reuses the ids of an older one's notifications.
    seq: Math.floor(Date.now() / 1000) % 90_000,
  };
}

/** The store: products with stock per branch, and every document the demo's buttons create. */
export class Backoffice {
  readonly data: OfficeData;

  /** A saved store, or a fresh one when there is none. */
  constructor(saved?: OfficeData) {
    this.data = saved && Array.isArray(saved.products) ? { ...freshOffice(), ...saved } : freshOffice();
  }

  get products(): Product[] {
    return this.data.products;
  }

  /** A fresh folio: `V-10234`, `G-10235`, … */
  folio(prefix: string): string {
    this.data.seq += 1;
    return `${prefix}-${10_000 + this.data.seq}`;
  }

  product(id: string): Product | undefined {
    return this.products.find((p) => p.id === id || p.sku === id);
  }

  /** Builds priced lines from `{productId, qty}`; unknown products and non-positive quantities are dropped. */
  lines(items: { productId: string; qty: number }[]): Line[] {
    return items.flatMap(({ productId, qty }) => {
      const p = this.product(productId);
      const n = Math.floor(qty);
      return p && n > 0 ? [{ productId: p.id, sku: p.sku, name: p.name, qty: n, price: p.price }] : [];
    });
  }

  /** Adds `delta` per line at a branch (never below zero) and says what moved. */
  move(branchId: string, lines: Line[], sign: 1 | -1): StockChange[] {
    return lines.map((l) => {
      const p = this.product(l.productId)!;
      const before = p.stock[branchId] ?? 0;
      const qty = Math.max(0, before + sign * l.qty);
      p.stock[branchId] = qty;
      return { productId: p.id, sku: p.sku, name: p.name, before, qty, min: p.min };
    });
  }

  /** What is on hand at a branch, as changes that moved nothing (to tell the hub the starting levels). */
  onHand(branchId: string): StockChange[] {
    return this.products.map((p) => {
      const qty = p.stock[branchId] ?? 0;
      return { productId: p.id, sku: p.sku, name: p.name, before: qty, qty, min: p.min };
    });
  }

  /** Lines that restock every product at or near its minimum at a branch to three times it. */
  restockLines(branchId: string): Line[] {
    return this.products.flatMap((p) => {
      const have = p.stock[branchId] ?? 0;
      const want = p.min * 3;
      return have <= p.min + 2 && want > have
        ? [{ productId: p.id, sku: p.sku, name: p.name, qty: want - have, price: Math.round(p.price * 0.7) }]
        : [];
    });
  }
}

/** The total of priced lines, in whole cents. */
export const total = (lines: Line[]) =>
  Math.round(lines.reduce((s, l) => s + l.qty * l.price, 0) * 100) / 100;
