import type { SecretBox } from '../lib/secrets.ts';
import type { Db } from './client.ts';
import { ActivityRepo } from './repos/activity.ts';
import { BranchRepo } from './repos/branches.ts';
import { ChannelRepo } from './repos/channels.ts';
import { DeliveryQueue, DeliveryRepo } from './repos/deliveries.ts';
import { NotificationWriter, type NotificationWriterOptions } from './repos/notification-writer.ts';
import { NotificationRepo } from './repos/notifications.ts';
import { PresenceLogRepo } from './repos/presence-log.ts';
import { RecipientRepo } from './repos/recipients.ts';
import { ScheduleQueue, ScheduleRepo } from './repos/schedules.ts';
import { SettingsRepo } from './repos/settings.ts';
import { StockRepo } from './repos/stock.ts';
import { TenantDirectory } from './repos/tenants.ts';

/** Every repository of one tenant; each adds `tenant_id` to every query it runs. */
export class TenantStore {
  readonly settings: SettingsRepo;
  readonly branches: BranchRepo;
  readonly recipients: RecipientRepo;
  readonly notifications: NotificationRepo;
  readonly channels: ChannelRepo;
  readonly deliveries: DeliveryRepo;
  readonly schedules: ScheduleRepo;
  readonly stock: StockRepo;
  readonly activity: ActivityRepo;

  constructor(
    readonly db: Db,
    readonly tenantId: string,
    readonly box: SecretBox,
    writer: NotificationWriter = new NotificationWriter(db),
  ) {
    this.settings = new SettingsRepo(db, tenantId);
    this.branches = new BranchRepo(db, tenantId);
    this.recipients = new RecipientRepo(db, tenantId);
    this.notifications = new NotificationRepo(db, tenantId, writer);
    this.channels = new ChannelRepo(db, tenantId, box);
    this.deliveries = new DeliveryRepo(db, tenantId);
    this.schedules = new ScheduleRepo(db, tenantId);
    this.stock = new StockRepo(db, tenantId);
    this.activity = new ActivityRepo(db, tenantId);
  }
}

/** The data layer: the tenant directory, and a scoped store per tenant. */
export class Store {
  readonly tenants: TenantDirectory;
  readonly queue: DeliveryQueue;
  readonly scheduleQueue: ScheduleQueue;
  readonly presenceLog: PresenceLogRepo;
  /** One group commit for every tenant's new notifications. */
  readonly writer: NotificationWriter;

  constructor(
    readonly db: Db,
    readonly box: SecretBox,
    writer: NotificationWriterOptions = {},
  ) {
    this.writer = new NotificationWriter(db, writer);
    this.tenants = new TenantDirectory(db);
    this.queue = new DeliveryQueue(db);
    this.scheduleQueue = new ScheduleQueue(db);
    this.presenceLog = new PresenceLogRepo(db);
  }

  // Repositories hold no state of their own: one set per tenant serves every request and socket.
  private readonly scoped = new Map<string, TenantStore>();

  forTenant(tenantId: string): TenantStore {
    let store = this.scoped.get(tenantId);
    if (!store) {
      if (this.scoped.size >= 10_000) this.scoped.clear();
      store = new TenantStore(this.db, tenantId, this.box, this.writer);
      this.scoped.set(tenantId, store);
    }
    return store;
  }
}
