import type { EventInput, StockCrossing, StockMovement, StockMovementResult } from '@aviso/protocol';
import { newId } from '../db/ids.ts';
import type { LevelInput, NewStockAlert, StockAlertRow } from '../db/repos/stock.ts';
import type { TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { type IngestHooks, ingestEvent } from '../ingest/events.ts';

/** No second alert for the same product and branch within this long of the previous one's opening. */
export const REALERT_WINDOW_MS = 24 * 3600 * 1000;

/** The last item of each product wins: `qty` is the on-hand quantity after the movement. */
export function lastPerProduct<T extends { productId: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((i) => [i.productId, i])).values()];
}

const label = (a: Pick<StockAlertRow, 'name' | 'sku' | 'productId'>) => a.name ?? a.sku ?? a.productId;

/**
 * Applies a sale or transfer: stores the new quantities and, per product, decides under its row
 * lock whether it crossed its minimum (above before, at or below now). Each crossing opens an
 * alert unless the product had one opened in the last 24 hours; stock back above the minimum
 * resolves the active alert. The opened alerts then become one notification for the branch:
 * `PRODUCTO_STOCK_BAJO` for one product, `MULTIPLE_PRODUCTOS_STOCK_BAJO` for several.
 *
 * A product Aviso has never seen has no previous level, so it cannot cross; when it arrives
 * already at or below its minimum it is left for the hourly sweep, which tells the owners.
 */
export async function applyMovement(
  store: TenantStore,
  tenant: TenantRow,
  movement: StockMovement,
  hooks: IngestHooks,
  now: Date,
): Promise<StockMovementResult> {
  const { branchId } = movement;
  const reference = movement.reference ?? null;
  const items: LevelInput[] = lastPerProduct(movement.items);

  const decided = await store.stock.locked(async (stock) => {
    const previous = await stock.replaceLevels(branchId, items, now, {
      sweepPending: (i) => i.qty <= i.min,
    });
    const { active, recent } = await stock.alertsFor(
      branchId,
      items.map((i) => i.productId),
      new Date(now.getTime() - REALERT_WINDOW_MS),
    );
    const crossings: (StockCrossing & { open: boolean })[] = [];
    const toResolve: string[] = [];
    for (const item of items) {
      const open = active.get(item.productId);
      if (open && item.qty > item.min) toResolve.push(open.id);
      else if (open) await stock.refreshAlert(open.id, item.qty, item.min);
      const before = previous.get(item.productId);
      if (!before || !(before.qty > before.min) || item.qty > item.min) continue;
      crossings.push({
        productId: item.productId,
        sku: item.sku ?? before.sku,
        name: item.name ?? before.name,
        previous: before.qty,
        qty: item.qty,
        min: item.min,
        difference: item.min - item.qty,
        alertId: null,
        // An alert still open (say, from a snapshot the sweep has not resolved) or one opened less
        // than 24 hours ago already speaks for this product.
        open: !open && !recent.has(item.productId),
      });
    }
    const rows: NewStockAlert[] = crossings
      .filter((c) => c.open)
      .map((c) => ({
        id: newId(),
        branchId,
        productId: c.productId,
        sku: c.sku,
        name: c.name,
        level: c.qty,
        min: c.min,
        difference: c.difference,
        status: 'active',
        reference,
        source: 'movement',
        openedAt: now,
      }));
    const opened = await stock.openAlerts(rows);
    const byProduct = new Map(opened.map((a) => [a.productId, a.id]));
    for (const c of crossings) c.alertId = byProduct.get(c.productId) ?? null;
    const resolved = await stock.resolve(toResolve, 'stock', now);
    return { crossings, opened, resolved };
  });

  let notification: StockMovementResult['notification'] = null;
  if (decided.opened.length) {
    const overrides = await store.settings.eventTypeOverrides();
    const accepted = await ingestEvent(
      store,
      tenant,
      overrides,
      noticeFor(branchId, reference, decided.opened),
      hooks,
    );
    await store.stock.setNotification(
      decided.opened.map((a) => a.id),
      accepted.id,
    );
    notification = { id: accepted.id, status: accepted.status };
  }
  return {
    crossings: decided.crossings.map(({ open: _, ...c }) => c),
    alerts: decided.opened.map((a) => a.id),
    notification,
    resolved: decided.resolved.map((a) => a.id),
  };
}

/** The branch's notification for the alerts one movement opened. */
export function noticeFor(
  branchId: string,
  reference: { type: string; id: string } | null,
  opened: readonly StockAlertRow[],
): EventInput {
  if (opened.length === 1) {
    const a = opened[0]!;
    return {
      type: 'PRODUCTO_STOCK_BAJO',
      entityId: a.productId.slice(0, 128),
      data: {
        branchId,
        productId: a.productId,
        productName: label(a),
        ...(a.sku ? { sku: a.sku } : {}),
        qty: a.level,
        min: a.min,
        difference: a.difference,
        ...(reference ? { reference: reference.id, referenceType: reference.type } : {}),
      },
    };
  }
  return {
    type: 'MULTIPLE_PRODUCTOS_STOCK_BAJO',
    ...(reference ? { entityId: reference.id } : {}),
    data: {
      branchId,
      ...(reference ? { reference: reference.id, referenceType: reference.type } : {}),
      count: opened.length,
      // Bounded so that the data stays small whatever the size of the sale.
      products: opened.slice(0, 50).map((a) => ({
        productId: a.productId,
        name: label(a),
        sku: a.sku,
        qty: a.level,
        min: a.min,
      })),
    },
  };
}
