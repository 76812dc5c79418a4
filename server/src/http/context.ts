import type { RecipientRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';

/** What middleware puts on the Hono context. */
export interface AppEnv {
  Variables: {
    tenant: TenantRow;
    store: TenantStore;
    apiKeyId: string;
    recipient: RecipientRow;
  };
}
