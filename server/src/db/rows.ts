import type { InferSelectModel } from 'drizzle-orm';
import type * as schema from './schema.ts';

export type TenantRow = InferSelectModel<typeof schema.tenants>;
export type ApiKeyRow = InferSelectModel<typeof schema.apiKeys>;
export type BranchRow = InferSelectModel<typeof schema.branches>;
export type RecipientRow = InferSelectModel<typeof schema.recipients>;
export type NotificationRow = InferSelectModel<typeof schema.notifications>;
export type NotificationStateRow = InferSelectModel<typeof schema.notificationStates>;

/** What visibility needs to know of a reader. */
export type Reader = Pick<RecipientRow, 'id' | 'role' | 'branchIds' | 'readUpTo' | 'readUpToAt'>;

/** How long an Idempotency-Key answers with its first result. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
