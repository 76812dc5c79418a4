import type { ErrorCode } from '@aviso/protocol';
import type { Logger } from 'pino';
import { AppError } from '../lib/errors.ts';
import {
  Backoffice,
  BRANCHES,
  crossings,
  type Line,
  PERSONAS,
  type Persona,
  type StockChange,
  total,
} from './backoffice.ts';
import { MailCatcher } from './catcher.ts';
import { type DemoTenant, type Fetcher, seedDemo } from './seed.ts';

export interface DemoHostOptions {
  adminToken: string;
  databaseUrl: string;
  /** The hub's public URL; email links open the owner's screen under it. */
  publicUrl: string;
  log: Logger;
  stateFile?: string;
}

type Body = Record<string, unknown>;
const branchName = (id: string) => BRANCHES.find((b) => b.id === id)?.name ?? id;

/**
 * The demo POS's backend: seeds the demo tenant, runs the mail catcher, and turns each button of
 * the demo into calls to the hub's public API with the demo tenant's key, which never leaves the server.
 */
export class DemoHost {
  readonly office = new Backoffice();
  readonly mail = new MailCatcher();
  /** Whether `POST /v1/stock/movements` answered (undefined until tried). */
  stockApi: boolean | undefined;
  /** Whether `dueAt` + `reminders` were accepted on `/v1/events` (undefined until tried). */
  remindersApi: boolean | undefined;
  private request?: Fetcher;
  private tenant?: DemoTenant;

  constructor(private readonly o: DemoHostOptions) {}

  /** Starts the mail catcher and seeds the demo tenant through `request` (the app's own `request`). */
  async start(request: Fetcher): Promise<void> {
    this.request = request;
    const smtpPort = await this.mail.listen();
    this.tenant = await seedDemo({
      request,
      adminToken: this.o.adminToken,
      databaseUrl: this.o.databaseUrl,
      stateFile: this.o.stateFile ?? './.aviso/demo.json',
      smtpPort,
      appUrl: `${this.o.publicUrl}/demo/pane.html?as=owner`,
    });
    // The hub learns each branch's starting quantities, so the first sale can cross a minimum.
    for (const { id } of BRANCHES) {
      const changes = this.office.products.map((p) => ({
        ...p,
        productId: p.id,
        before: p.stock[id] ?? 0,
        qty: p.stock[id] ?? 0,
      }));
      await this.stockMoved(id, { type: 'inventory', id: 'inicial' }, changes);
    }
    this.o.log.info({ tenant: this.tenant.tenantId, smtpPort, stockApi: this.stockApi }, 'demo tenant ready');
  }

  async close(): Promise<void> {
    await this.mail.close();
  }

  get tenantName(): string {
    return this.tenant?.name ?? '';
  }

  /** One call to the hub with the demo tenant's API key; the hub's error is passed on as is. */
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
    if (!this.request || !this.tenant) throw new AppError(503, 'UNAVAILABLE', 'the demo is still starting');
    const res = await this.request(path, {
      method,
      headers: { authorization: `Bearer ${this.tenant.apiKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Body };
  }

  private async ok(method: string, path: string, body?: unknown): Promise<Body> {
    const res = await this.call(method, path, body);
    if (res.status >= 400) {
      const err = (res.body.error ?? {}) as { code?: ErrorCode; message?: string };
      throw new AppError(
        res.status as 422,
        err.code ?? 'UNAVAILABLE',
        `${path}: ${err.message ?? res.status}`,
      );
    }
    return res.body;
  }

  publish(event: Body): Promise<Body> {
    return this.ok('POST', '/v1/events', event);
  }

  /** A widget token for one of the demo's screens. */
  async token(persona: Persona): Promise<string> {
    return String(
      (await this.ok('POST', '/v1/widget-tokens', { recipientId: persona.id, expiresIn: 3600 })).token,
    );
  }

  /**
   * Tells the hub the new quantities after a sale or transfer. Uses `POST /v1/stock/movements`
   * when the hub has it (it detects crossings itself); otherwise finds the crossings here and
   * publishes one `PRODUCTO_STOCK_BAJO` or one grouped `MULTIPLE_PRODUCTOS_STOCK_BAJO`.
   */
  async stockMoved(branchId: string, reference: { type: string; id: string }, changes: StockChange[]) {
    if (!changes.length) return;
    if (this.stockApi !== false) {
      const items = changes.map(({ productId, sku, name, qty, min }) => ({ productId, sku, name, qty, min }));
      const res = await this.call('POST', '/v1/stock/movements', { branchId, reference, items });
      if (res.status < 400) {
        this.stockApi = true;
        return;
      }
      if (res.status !== 404 && res.status !== 405) {
        const err = (res.body.error ?? {}) as { code?: ErrorCode; message?: string };
        throw new AppError(res.status as 422, err.code ?? 'UNAVAILABLE', `stock movement: ${err.message}`);
      }
      this.stockApi = false;
    }
    const low = crossings(changes);
    const [one] = low;
    if (low.length === 1 && one) {
      await this.publish({
        type: 'PRODUCTO_STOCK_BAJO',
        entityId: one.productId,
        data: { branchId, productName: one.name, qty: one.qty, sku: one.sku, min: one.min },
      });
    } else if (low.length > 1) {
      await this.publish({
        type: 'MULTIPLE_PRODUCTOS_STOCK_BAJO',
        entityId: reference.id,
        data: {
          branchId,
          reference: reference.id,
          products: low.map(({ sku, name, qty, min }) => ({ sku, name, qty, min })),
        },
      });
    }
  }

  private need(value: unknown, what: string): string {
    if (typeof value !== 'string' || !value.trim())
      throw new AppError(422, 'VALIDATION_FAILED', `${what} is required`);
    return value.trim().slice(0, 120);
  }

  private branch(value: unknown): string {
    const id = this.need(value, 'branchId');
    if (!BRANCHES.some((b) => b.id === id)) throw new AppError(422, 'VALIDATION_FAILED', `no branch ${id}`);
    return id;
  }

  private items(value: unknown): Line[] {
    const list = Array.isArray(value) ? (value as { productId: string; qty: number }[]) : [];
    const lines = this.office.lines(list.filter((i) => i && typeof i.productId === 'string'));
    if (!lines.length)
      throw new AppError(422, 'VALIDATION_FAILED', 'add at least one product with a quantity');
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
    this.office.sales.unshift(sale);
    const changes = this.office.move(branchId, items, -1);
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
    if (!(amount > 0)) throw new AppError(422, 'VALIDATION_FAILED', 'total must be positive');
    const expense = {
      id: this.office.folio('G'),
      branchId,
      concept: this.need(b.concept, 'concept'),
      total: Math.round(amount * 100) / 100,
      at: new Date().toISOString(),
      by: this.by(b.as).name,
    };
    this.office.expenses.unshift(expense);
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
    if (!items.length)
      throw new AppError(422, 'VALIDATION_FAILED', 'every product is well above its minimum');
    const purchase = {
      id: this.office.folio('C'),
      branchId,
      supplierName: this.need(b.supplierName ?? 'Distribuidora del Valle', 'supplierName'),
      items,
      total: total(items),
      at: new Date().toISOString(),
    };
    this.office.purchases.unshift(purchase);
    const changes = this.office.move(branchId, items, 1);
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
    if (originBranchId === destinationBranchId) {
      throw new AppError(422, 'VALIDATION_FAILED', 'origin and destination must differ');
    }
    const items = this.items(b.items);
    const transfer = {
      id: this.office.folio('T'),
      originBranchId,
      destinationBranchId,
      items,
      status: 'enviado' as const,
      sentAt: new Date().toISOString(),
    };
    this.office.transfers.unshift(transfer);
    const changes = this.office.move(originBranchId, items, -1);
    await this.publish({
      type: 'TRASPASO_ENVIADO',
      entityId: transfer.id,
      data: this.transferData(transfer),
    });
    await this.stockMoved(originBranchId, { type: 'transfer', id: transfer.id }, changes);
    return transfer;
  }

  async receiveTransfer(id: string) {
    const transfer = this.office.transfers.find((t) => t.id === id);
    if (!transfer) throw new AppError(404, 'NOT_FOUND', `no transfer ${id}`);
    if (transfer.status === 'recibido') return transfer;
    Object.assign(transfer, { status: 'recibido', receivedAt: new Date().toISOString() });
    const changes = this.office.move(transfer.destinationBranchId, transfer.items, 1);
    await this.publish({
      type: 'TRASPASO_RECIBIDO',
      entityId: transfer.id,
      data: this.transferData(transfer),
    });
    await this.stockMoved(transfer.destinationBranchId, { type: 'transfer', id: transfer.id }, changes);
    return transfer;
  }

  private transferData(t: { originBranchId: string; destinationBranchId: string; items: Line[] }) {
    return {
      originBranchId: t.originBranchId,
      destinationBranchId: t.destinationBranchId,
      originName: branchName(t.originBranchId),
      destinationName: branchName(t.destinationBranchId),
      itemCount: t.items.reduce((s, l) => s + l.qty, 0),
    };
  }

  async product(b: Body) {
    const persona = this.by(b.as);
    const name = this.need(b.name, 'name');
    const sku = this.need(b.sku, 'sku').toUpperCase();
    if (this.office.product(sku)) throw new AppError(409, 'VALIDATION_FAILED', `the SKU ${sku} exists`);
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
    await this.publish({
      type: 'NUEVO_PRODUCTO',
      entityId: product.id,
      data: { userName: persona.name, productName: name, sku },
    });
    return product;
  }

  async customer(b: Body) {
    const customer = {
      id: `c${this.office.customers.length + 1}`,
      name: this.need(b.name, 'name'),
      phone: typeof b.phone === 'string' ? b.phone.slice(0, 30) : '',
      at: new Date().toISOString(),
    };
    this.office.customers.unshift(customer);
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
    this.office.sales.unshift({ ...order, items: [...items] });
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

  /** A reservation, with reminders at T-24h and T-2h when the hub schedules them (`dueAt` + `reminders`). */
  async reservation(b: Body) {
    const branchId = this.branch(b.branchId);
    const when = new Date(String(b.dateTime ?? ''));
    if (Number.isNaN(when.getTime())) throw new AppError(422, 'VALIDATION_FAILED', 'dateTime is not a date');
    const id = this.office.folio('R');
    const reservation = {
      id,
      code: id,
      branchId,
      name: this.need(b.name, 'name'),
      people: Math.max(1, Math.floor(Number(b.people) || 2)),
      dateTime: when.toISOString(),
      reminders: 'no disponibles' as 'programados' | 'no disponibles',
    };
    const event = {
      type: 'RESERVA_CREADA',
      entityId: id,
      data: {
        branchId,
        code: id,
        people: reservation.people,
        dateTime: reservation.dateTime,
        name: reservation.name,
      },
    };
    const scheduled = {
      ...event,
      dueAt: reservation.dateTime,
      reminders: ['-24h', '-2h'],
      cancelKey: `reserva-${id}`,
    };
    // Until the hub takes `dueAt` + `reminders`, the reservation is announced without them.
    const res = this.remindersApi === false ? undefined : await this.call('POST', '/v1/events', scheduled);
    if (res && res.status < 400) {
      this.remindersApi = true;
      reservation.reminders = 'programados';
    } else {
      if (res && (res.status === 400 || res.status === 422)) this.remindersApi = false;
      await this.publish(event);
    }
    this.office.reservations.unshift(reservation);
    return reservation;
  }
}
