import { ADMIN_TOKEN, makeTenant, startSmtp, type TestTenant } from '@aviso/server/testing';
import { freshDatabase } from '../support/env.ts';
import { freePort } from '../support/processes.ts';
import { Widget } from './clients.ts';
import { HubNode } from './hubs.ts';
import { Balancer, CuttableProxy, RedisChild } from './services.ts';

export const BRANCHES = ['A', 'B', 'C'] as const;
/**
 * How long a node holds a claimed delivery: shorter than the 60 s default, so a killed node's sends
 * are taken over within the suite's bounds, yet longer than any send on a loaded machine (a lease
 * that runs out mid-send lets another node send the same mail again).
 */
const LEASE_MS = 15_000;

/** A mail that reached the suite's SMTP server, and when. */
export interface Mail {
  messageId: string;
  text: string;
  to: string[];
  at: number;
}

/** The SMTP server, which can go down and come back on the same port; it keeps every mail. */
export class MailServer {
  readonly mails: Mail[] = [];
  private server: Awaited<ReturnType<typeof startSmtp>> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private taken = 0;
  port = 0;

  async start() {
    const server = await startSmtp({ port: this.port });
    this.port = server.port;
    this.server = server;
    this.taken = 0;
    // Mails are stamped when first seen (every 50 ms): late deliveries are measured from this.
    this.timer = setInterval(() => {
      for (; this.taken < server.received.length; this.taken++) {
        const m = server.received[this.taken]!;
        this.mails.push({ messageId: m.messageId ?? '', text: m.text ?? '', to: m.to_, at: Date.now() });
      }
    }, 50);
  }

  async stop() {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await server.close();
    clearInterval(this.timer);
    for (; this.taken < server.received.length; this.taken++) {
      const m = server.received[this.taken]!;
      this.mails.push({ messageId: m.messageId ?? '', text: m.text ?? '', to: m.to_, at: Date.now() });
    }
  }

  get running() {
    return this.server !== undefined;
  }
}

export interface Person {
  id: string;
  role: 'owner' | 'staff';
  branchIds: string[];
  token: string;
}

/**
 * Two hub processes on a database of their own (reached through a proxy that can be cut), a Redis
 * of their own, an SMTP server and a balancer in front; one tenant with owners and branch staff,
 * each with a live widget. `close()` undoes everything, whatever state a scenario left.
 */
export class Cluster {
  nodes: HubNode[] = [];
  readonly redis: RedisChild;
  readonly pg: CuttableProxy;
  readonly smtp = new MailServer();
  readonly balancer = new Balancer([]);
  tenant!: TestTenant;
  people: Person[] = [];
  widgets: Widget[] = [];
  private dropDatabase = async () => {};
  /** Every id the database gave a notification of this tenant, for the stored-once check. */
  databaseUrl = '';

  private constructor(redisPort: number, postgres: URL) {
    this.redis = new RedisChild(redisPort);
    this.pg = new CuttableProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  }

  static async start(postgresUrl: string): Promise<Cluster> {
    const cluster = new Cluster(await freePort(), new URL(postgresUrl));
    try {
      await cluster.boot(postgresUrl);
    } catch (err) {
      await cluster.close();
      throw err;
    }
    return cluster;
  }

  private async boot(postgresUrl: string) {
    const fresh = await freshDatabase(postgresUrl);
    this.dropDatabase = fresh.drop;
    this.databaseUrl = fresh.url;
    await this.redis.start();
    await this.pg.listen();
    await this.smtp.start();
    const viaProxy = new URL(fresh.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(this.pg.port);
    const env = {
      DATABASE_URL: viaProxy.toString(),
      REDIS_URL: this.redis.url,
      AVISO_ADMIN_TOKEN: ADMIN_TOKEN,
      AVISO_SECRET_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      SMTP_URL: `smtp://127.0.0.1:${this.smtp.port}`,
      AVISO_DELIVERY_LEASE_MS: String(LEASE_MS),
    };
    this.nodes = [new HubNode('node-1', await freePort(), env), new HubNode('node-2', await freePort(), env)];
    // One at a time: both would run the migrations at once (they take a lock, but each waits).
    for (const node of this.nodes) await node.start();
    this.balancer.setBackends(this.nodes.map((n) => n.port));
    await this.balancer.listen();
    await this.setUpTenant();
  }

  private async setUpTenant() {
    const via = (p: string, i: RequestInit) => fetch(`${this.balancer.url}${p}`, i);
    this.tenant = await makeTenant(via, { name: 'Ferretería Faults' });
    for (const b of BRANCHES) await this.tenant.api.put(`/v1/branches/${b}`, { name: `Sucursal ${b}` });
    const specs: Omit<Person, 'token'>[] = [
      ...['dueno-1', 'dueno-2', 'dueno-3'].map((id) => ({ id, role: 'owner' as const, branchIds: [] })),
      ...BRANCHES.flatMap((b) =>
        Array.from({ length: 8 }, (_, i) => ({
          id: `cajero-${b}-${i}`,
          role: 'staff' as const,
          branchIds: [b],
        })),
      ),
    ];
    for (const spec of specs) {
      const { token } = await this.tenant.person(spec.id, { role: spec.role, branchIds: spec.branchIds });
      this.people.push({ ...spec, token });
    }
    // Debtors are never online: their overdue payments go out by email.
    for (let i = 0; i < 5; i++) {
      await this.tenant.api.put(`/v1/recipients/deudor-${i}`, {
        role: 'staff',
        branchIds: [],
        email: `deudor-${i}@example.com`,
      });
    }
    // One widget per person, and a second tab for the owners: 30 sockets.
    const tabs = [...this.people, ...this.people.filter((p) => p.role === 'owner')];
    this.widgets = tabs.map((p) => new Widget(this.balancer.url, p.id, p.token));
    await Promise.all(this.widgets.map((w) => w.connected()));
  }

  /** Who may see a sale of `branch`: its staff and every owner. */
  seesSale(person: string, branch: string): boolean {
    const p = this.people.find((x) => x.id === person)!;
    return p.role === 'owner' || p.branchIds.includes(branch);
  }

  /**
   * Moves widgets until both nodes hold about as many (after a node died they all sit on the
   * other): each reconnection goes to the node with fewer connections.
   */
  async rebalance() {
    const spread = () => {
      const counts = this.nodes.map((n) => this.balancer.active.get(n.port) ?? 0);
      return Math.max(...counts) - Math.min(...counts);
    };
    for (const w of this.widgets) {
      if (spread() <= 2) return;
      w.socket.disconnect();
      w.socket.connect();
      await w.connected();
    }
  }

  node(name: string): HubNode {
    return this.nodes.find((n) => n.name === name)!;
  }

  /** Restores whatever a scenario cut, then stops everything the suite started. */
  async close() {
    for (const w of this.widgets) w.close();
    await this.pg.restore().catch(() => {});
    await Promise.all(this.nodes.map((n) => n.stop('SIGTERM', 10_000).catch(() => {})));
    await this.balancer.close().catch(() => {});
    await this.redis.kill().catch(() => {});
    await this.smtp.stop().catch(() => {});
    this.pg.cut();
    await this.dropDatabase();
  }
}
