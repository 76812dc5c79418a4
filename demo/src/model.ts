/** The demo store's data model, shared by its pages and its backend (demo/server), which keeps it. */

export interface Branch {
  id: string;
  name: string;
}

/** Who sits at each screen of the demo. */
export interface Persona {
  key: 'central' | 'norte' | 'owner';
  id: string;
  name: string;
  role: 'staff' | 'owner';
  branchIds: string[];
  email?: string;
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

export interface Line {
  productId: string;
  sku: string;
  name: string;
  qty: number;
  price: number;
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
  reminders: 'programados' | 'no disponibles';
}

/** The store's records: what the back office keeps and what its `/api/state` answers. */
export interface StoreRecords {
  products: Product[];
  sales: Sale[];
  expenses: Expense[];
  purchases: Purchase[];
  transfers: Transfer[];
  customers: Customer[];
  reservations: Reservation[];
}
