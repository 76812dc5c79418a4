import type { Line, Persona } from '../src/model.ts';
import { type Backoffice, BRANCHES, branchName, PERSONAS, type StockChange, total } from './backoffice.ts';
import { type Body, type HubClient, invalid } from './hub.ts';

/** Options of `Shop`: the hub with the demo tenant's key, the store, and where to save it after each change. */
export interface ShopOptions {
  hub: HubClient;
  office: Backoffice;
  save: () => void;
}

/**
 * The demo store's backend: each button of the demo becomes a document in the back office and the
 * calls a real POS would make to the hub (`/v1/events`, `/v1/stock/movements`), with the tenant's
 * API key, which never leaves this server.
 */
export class Shop {
  readonly hub: HubClient;
  readonly office: Backoffice;
  private readonly save: () => void;

  constructor({ hub, office, save }: ShopOptions) {
    this.hub = hub;
    this.office = office;
    this.save = save;
  }

  publish(event: Body): Promise<Body> {
    return this.hub.ok('POST', '/v1/events', event);
  }

  /** A widget token for one of the demo's screens. */
  async token(persona: Persona): Promise<string> {
    const res = await this.hub.ok('POST', '/v1/widget-tokens', { recipientId: persona.id, expiresIn: 3600 });
    return String(res.token);
  }

  /** Tells the hub the new quantities at a branch; the hub finds the products that crossed their minimum. */
  async stockMoved(branchId: string, reference: { type: string; id: string }, changes: StockChange[]) {
    if (!changes.length) return;
    const items = changes.map(({ productId, sku, name, qty, min }) => ({ productId, sku, name, qty, min }));
    await this.hub.ok('POST', '/v1/stock/movements', { branchId, reference, items });
  }

  /** Tells the hub every branch's quantities, so the first sale after a start can cross a minimum. */
  async syncStock(): Promise<void> {
    for (const { id } of BRANCHES)
      await this.stockMoved(id, { type: 'inventory', id: 'inicial' }, this.office.onHand(id));
  }

  private need(value: unknown, what: string): string {
    if (typeof value !== 'string' || !value.trim()) throw invalid(`${what} is required`);
    return value.trim().slice(0, 120);
  }

  private branch(value: unknown): string {
    const id = this.need(value, 'branchId');
    if (!BRANCHES.some((b) => b.id === id)) throw invalid(`no branch ${id}`);
    return id;
  }

  private items(value: unknown): Line[] {
    const list = Array.isArray(value) ? (value as { productId: string; qty: number }[]) : [];
    const lines = this.office.lines(list.filter((i) => i && typeof i.productId === 'string'));
    if (!lines.length) throw invalid('add at least one product with a quantity');
    return lines;
  }

  private by(value: unknown): Persona {
    return PERSONAS[value as Persona['key']] ?? PERSONAS.owner;
  }

  async sale(b: Body) {
    const branchId = this.branch(b.branchId);
    const items = this.items(b.items);
    const sale = {
      id: this.office.folio('V'),
      branchId,
      kind: 'mostrador' as const,
      items,
      total: total(items),
      at: new Date().toISOString(),
      by: this.by(b.as).name,
    };
    this.office.data.sales.unshift(sale);
    const changes = this.office.move(branchId, items, -1);
    this.save();
    await this.publish({
      type: 'NUEVA_VENTA',
      entityId: sale.id,
      data: { branchId, total: sale.total, folio: sale.id },
    });
    await this.stockMoved(branchId, { type: 'sale', id: sale.id }, changes);
    return sale;
  }

  async expense(b: Body) {
    const branchId = this.branch(b.branchId);
    const amount = Number(b.total);
    if (!(amount > 0)) throw invalid('total must be positive');
    const expense = {
      id: this.office.folio('G'),
      branchId,
      concept: this.need(b.concept, 'concept'),
      total: Math.round(amount * 100) / 100,
      at: new Date().toISOString(),
      by: this.by(b.as).name,
    };
    this.office.data.expenses.unshift(expense);
    this.save();
    await this.publish({
      type: 'NUEVO_GASTO',
      entityId: expense.id,
      data: { branchId, total: expense.total, concept: expense.concept },
    });
    return expense;
  }

  async purchase(b: Body) {
    const branchId = this.branch(b.branchId);
    const items = this.office.restockLines(branchId);
    if (!items.length) throw invalid('every product is well above its minimum');
    const purchase = {
      id: this.office.folio('C'),
      branchId,
      supplierName: this.need(b.supplierName ?? 'Distribuidora del Valle', 'supplierName'),
      items,
      total: total(items),
      at: new Date().toISOString(),
    };
    this.office.data.purchases.unshift(purchase);
    const changes = this.office.move(branchId, items, 1);
    this.save();
    await this.publish({
      type: 'NUEVA_COMPRA',
      entityId: purchase.id,
      data: { branchIds: [branchId], supplierName: purchase.supplierName, total: purchase.total },
    });
    await this.stockMoved(branchId, { type: 'purchase', id: purchase.id }, changes);
    return purchase;
  }

  async sendTransfer(b: Body) {
    const originBranchId = this.branch(b.originBranchId);
    const destinationBranchId = this.branch(b.destinationBranchId);
    if (originBranchId === destinationBranchId) throw invalid('origin and destination must differ');
    const items = this.items(b.items);
    const transfer = {
      id: this.office.folio('T'),
      originBranchId,
      destinationBranchId,
      items,
      status: 'enviado' as const,
      sentAt: new Date().toISOString(),
    };
    this.office.data.transfers.unshift(transfer);
    const changes = this.office.move(originBranchId, items, -1);
    this.save();
    await this.publish({ type: 'TRASPASO_ENVIADO', entityId: transfer.id, data: transferData(transfer) });
    await this.stockMoved(originBranchId, { type: 'transfer', id: transfer.id }, changes);
    return transfer;
  }

  /** Receives a transfer at its destination; receiving it twice changes nothing. */
  async receiveTransfer(id: string) {
    const transfer = this.office.data.transfers.find((t) => t.id === id);
    if (!transfer) return undefined;
    if (transfer.status === 'recibido') return transfer;
    Object.assign(transfer, { status: 'recibido', receivedAt: new Date().toISOString() });
    const changes = this.office.move(transfer.destinationBranchId, transfer.items, 1);
    this.save();
    await this.publish({ type: 'TRASPASO_RECIBIDO', entityId: transfer.id, data: transferData(transfer) });
    await this.stockMoved(transfer.destinationBranchId, { type: 'transfer', id: transfer.id }, changes);
    return transfer;
  }

  async product(b: Body) {
    const persona = this.by(b.as);
    const name = this.need(b.name, 'name');
    const sku = this.need(b.sku, 'sku').toUpperCase();
    if (this.office.product(sku)) throw invalid(`the SKU ${sku} exists`);
    const product = {
      id: `p${this.office.products.length + 1}`,
      sku,
      name,
      price: Math.max(1, Number(b.price) || 25),
      min: Math.max(1, Math.floor(Number(b.min) || 5)),
      stock: { central: 12, norte: 12, sur: 12 },
      createdBy: persona.name,
    };
    this.office.products.push(product);
    this.save();
    await this.publish({
      type: 'NUEVO_PRODUCTO',
      entityId: product.id,
      data: { userName: persona.name, productName: name, sku },
    });
    return product;
  }

  async customer(b: Body) {
    const customer = {
      id: `c${this.office.data.customers.length + 1}`,
      name: this.need(b.name, 'name'),
      phone: typeof b.phone === 'string' ? b.phone.slice(0, 30) : '',
      at: new Date().toISOString(),
    };
    this.office.data.customers.unshift(customer);
    this.save();
    await this.publish({
      type: 'NUEVO_CLIENTE',
      entityId: customer.id,
      data: { customerName: customer.name },
    });
    return customer;
  }

  async order(b: Body) {
    const kind = b.kind === 'envio' ? 'envio' : 'retiro';
    const branchId = kind === 'retiro' ? this.branch(b.branchId) : null;
    const items = this.items(b.items);
    const order = {
      id: this.office.folio('W'),
      branchId,
      kind,
      items,
      total: total(items),
      at: new Date().toISOString(),
      by: 'Tienda en línea',
      customerName: this.need(b.customerName ?? 'Cliente web', 'customerName'),
    } as const;
    this.office.data.sales.unshift({ ...order, items: [...items] });
    this.save();
    await this.publish({
      type: kind === 'retiro' ? 'NUEVO_PEDIDO_RETIRO' : 'NUEVO_PEDIDO_ENVIO',
      entityId: order.id,
      data: {
        ...(branchId ? { branchId } : {}),
        folio: order.id,
        total: order.total,
        customerName: order.customerName,
      },
    });
    return order;
  }

  /** A reservation; the hub reminds the branch at T-24h and T-2h (`dueAt` + `reminders`). */
  async reservation(b: Body) {
    const branchId = this.branch(b.branchId);
    const when = new Date(String(b.dateTime ?? ''));
    if (Number.isNaN(when.getTime())) throw invalid('dateTime is not a date');
    const id = this.office.folio('R');
    const reservation = {
      id,
      code: id,
      branchId,
      name: this.need(b.name, 'name'),
      people: Math.max(1, Math.floor(Number(b.people) || 2)),
      dateTime: when.toISOString(),
      reminders: 'programados' as const,
    };
    await this.publish({
      type: 'RESERVA_CREADA',
      entityId: id,
      data: {
        branchId,
        code: id,
        people: reservation.people,
        dateTime: reservation.dateTime,
        name: reservation.name,
      },
      dueAt: reservation.dateTime,
      reminders: ['-24h', '-2h'],
      cancelKey: `reserva-${id}`,
    });
    this.office.data.reservations.unshift(reservation);
    this.save();
    return reservation;
  }
}

function transferData(t: { originBranchId: string; destinationBranchId: string; items: Line[] }) {
  return {
    originBranchId: t.originBranchId,
    destinationBranchId: t.destinationBranchId,
    originName: branchName(t.originBranchId),
    destinationName: branchName(t.destinationBranchId),
    itemCount: t.items.reduce((s, l) => s + l.qty, 0),
  };
}
