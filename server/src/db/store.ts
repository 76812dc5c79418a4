import type { Db } from './client.ts';
import { BranchRepo } from './repos/branches.ts';
import { NotificationRepo } from './repos/notifications.ts';
import { RecipientRepo } from './repos/recipients.ts';
import { SettingsRepo } from './repos/settings.ts';
import { TenantDirectory } from './repos/tenants.ts';

/** Every repository of one tenant; each adds `tenant_id` to every query it runs. */
export class TenantStore {
  readonly settings: SettingsRepo;
  readonly branches: BranchRepo;
  readonly recipients: RecipientRepo;
  readonly notifications: NotificationRepo;

  constructor(
    readonly db: Db,
    readonly tenantId: string,
  ) {
    this.settings = new SettingsRepo(db, tenantId);
    this.branches = new BranchRepo(db, tenantId);
    this.recipients = new RecipientRepo(db, tenantId);
    this.notifications = new NotificationRepo(db, tenantId);
  }
}

/** The data layer: the tenant directory, and a scoped store per tenant. */
export class Store {
  readonly tenants: TenantDirectory;

  constructor(readonly db: Db) {
    this.tenants = new TenantDirectory(db);
  }

  forTenant(tenantId: string): TenantStore {
    return new TenantStore(this.db, tenantId);
  }
}
