import {
  ErrorBodySchema,
  type StockAlert,
  StockAlertPageSchema,
  StockAlertQuerySchema,
  StockAlertSchema,
  StockMovementResultSchema,
  StockMovementSchema,
  StockSnapshotResultSchema,
  StockSnapshotSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { StockAlertRow } from '../../db/repos/stock.ts';
import type { IngestHooks } from '../../ingest/events.ts';
import { fail } from '../../lib/errors.ts';
import { applyMovement, lastPerProduct } from '../../stock/movements.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A stock alert as the API shows it. */
export const stockAlertOut = (a: StockAlertRow): StockAlert => ({
  id: a.id,
  branchId: a.branchId,
  productId: a.productId,
  sku: a.sku,
  name: a.name,
  level: a.level,
  min: a.min,
  difference: a.difference,
  status: a.status,
  reference: a.reference ?? null,
  source: a.source,
  notificationId: a.notificationId,
  openedAt: a.openedAt.toISOString(),
  resolvedAt: iso(a.resolvedAt),
  resolvedBy: a.resolvedBy,
  notifiedAt: iso(a.notifiedAt),
  notifiedVia: a.notifiedVia,
});

/** Stock movements and snapshots from the host, and the low-stock alerts they open (SPEC section 8). */
export function stockRoutes(deps: { guard: Guard; hooks: IngestHooks; now?: () => Date }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security };
  const now = deps.now ?? (() => new Date());

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/stock/movements',
      operationId: 'recordStockMovements',
      tags: ['Stock'],
      summary: 'New on-hand quantities after a sale or transfer; crossings of the minimum alert the branch',
      ...secured,
      request: { body: jsonBody(StockMovementSchema) },
      responses: {
        200: jsonContent(StockMovementResultSchema, 'What crossed, the alerts opened and resolved'),
        ...errors,
      },
    }),
    async (c) => {
      const result = await applyMovement(c.var.store, c.var.tenant, c.req.valid('json'), deps.hooks, now());
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/stock/levels',
      operationId: 'replaceStockLevels',
      tags: ['Stock'],
      summary: 'A full snapshot of a branch’s stock; the hourly sweep evaluates it and tells the owners',
      ...secured,
      request: { body: jsonBody(StockSnapshotSchema) },
      responses: { 202: jsonContent(StockSnapshotResultSchema, 'Stored for the next sweep'), ...errors },
    }),
    async (c) => {
      const { branchId, items } = c.req.valid('json');
      const unique = lastPerProduct(items);
      await c.var.store.stock.locked((stock) =>
        stock.replaceLevels(branchId, unique, now(), { sweepPending: true }),
      );
      return c.json({ stored: unique.length }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stock/alerts',
      operationId: 'listStockAlerts',
      tags: ['Stock'],
      summary: 'Low-stock alerts, newest first',
      ...secured,
      request: { query: StockAlertQuerySchema },
      responses: { 200: jsonContent(StockAlertPageSchema, 'A page of alerts'), ...errors },
    }),
    async (c) => {
      const page = await c.var.store.stock.list(c.req.valid('query'));
      return c.json({ items: page.items.map(stockAlertOut), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/stock/alerts/{id}/resolve',
      operationId: 'resolveStockAlert',
      tags: ['Stock'],
      summary: 'Resolve an active alert by hand',
      ...secured,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: jsonContent(StockAlertSchema, 'Resolved'),
        409: jsonContent(ErrorBodySchema, 'Already resolved (`STOCK_ALERT_RESOLVED`)'),
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const stock = c.var.store.stock;
      const found = await stock.alert(id);
      if (!found) fail('STOCK_ALERT_NOT_FOUND', { id });
      const [resolved] = await stock.resolve([found.id], 'manual', now());
      if (!resolved) {
        fail(
          'STOCK_ALERT_RESOLVED',
          { id },
          { details: { resolvedAt: iso(found.resolvedAt), resolvedBy: found.resolvedBy } },
        );
      }
      return c.json(stockAlertOut(resolved), 200);
    },
  );
  return app;
}
