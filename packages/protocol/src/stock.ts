import { z } from 'zod';
import { EventAcceptedSchema, HostIdSchema } from './api.ts';

/** The most items one movement may carry (a sale, a transfer). */
export const STOCK_MOVEMENT_LIMIT = 1000;
/** The most items one snapshot may carry. */
export const STOCK_SNAPSHOT_LIMIT = 5000;

const Quantity = z.number().finite().min(-1e12).max(1e12);

/** One product's new on-hand quantity at the branch, and its minimum. */
export const StockItemSchema = z
  .object({
    productId: z.string().min(1).max(128),
    sku: z.string().min(1).max(128).optional(),
    name: z.string().min(1).max(300).optional(),
    qty: Quantity,
    min: Quantity,
  })
  .strict();
export type StockItem = z.infer<typeof StockItemSchema>;

/** The sale or transfer that moved the stock, as the host names it. */
export const StockReferenceSchema = z
  .object({ type: z.string().min(1).max(64), id: z.string().min(1).max(128) })
  .strict();
export type StockReference = z.infer<typeof StockReferenceSchema>;

export const StockMovementSchema = z
  .object({
    branchId: HostIdSchema,
    reference: StockReferenceSchema.optional(),
    items: z.array(StockItemSchema).min(1).max(STOCK_MOVEMENT_LIMIT),
  })
  .strict();
export type StockMovement = z.infer<typeof StockMovementSchema>;

export const StockSnapshotSchema = z
  .object({
    branchId: HostIdSchema,
    items: z.array(StockItemSchema).min(1).max(STOCK_SNAPSHOT_LIMIT),
  })
  .strict();
export type StockSnapshot = z.infer<typeof StockSnapshotSchema>;

export const StockAlertStatusSchema = z.enum(['active', 'resolved']);

/** A product at or below its minimum at a branch. */
export const StockAlertSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  productId: z.string(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  level: z.number(),
  min: z.number(),
  /** `min - level`: how many units below (0 = exactly at) the minimum. */
  difference: z.number(),
  status: StockAlertStatusSchema,
  reference: StockReferenceSchema.nullable(),
  source: z.enum(['movement', 'snapshot']),
  notificationId: z.string().nullable(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.enum(['stock', 'manual']).nullable(),
  notifiedAt: z.string().nullable(),
  notifiedVia: z.array(z.string()).nullable(),
});
export type StockAlert = z.infer<typeof StockAlertSchema>;

/** A product whose quantity went from above its minimum to at or below it. */
export const StockCrossingSchema = z.object({
  productId: z.string(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  previous: z.number(),
  qty: z.number(),
  min: z.number(),
  difference: z.number(),
  /** The alert it opened; null when one was opened for it less than 24 h ago (no second alert). */
  alertId: z.string().nullable(),
});
export type StockCrossing = z.infer<typeof StockCrossingSchema>;

export const StockMovementResultSchema = z.object({
  crossings: z.array(StockCrossingSchema),
  /** Ids of the alerts this movement opened. */
  alerts: z.array(z.string()),
  /** The one notification published for the crossings, if any alert was opened. */
  notification: EventAcceptedSchema.nullable(),
  /** Ids of the alerts this movement resolved (stock back above the minimum). */
  resolved: z.array(z.string()),
});
export type StockMovementResult = z.infer<typeof StockMovementResultSchema>;

export const StockSnapshotResultSchema = z.object({
  /** Levels stored; the hourly sweep evaluates them. */
  stored: z.number().int(),
});

export const StockAlertQuerySchema = z.object({
  status: StockAlertStatusSchema.optional(),
  branchId: HostIdSchema.optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type StockAlertQuery = z.infer<typeof StockAlertQuerySchema>;

export const StockAlertPageSchema = z.object({
  items: z.array(StockAlertSchema),
  nextCursor: z.string().nullable(),
});
