import { createCipheriv, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { resealAll } from '../scripts/reseal.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { channels, tenants } from '../src/db/schema.ts';
import { Store } from '../src/db/store.ts';
import { SecretBox, widgetSecretAt } from '../src/lib/secrets.ts';
import { client, createTestApp, makeTenant } from './harness.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const keyA = { id: 'a', key: Buffer.alloc(32, 1) };
const keyB = { id: 'b', key: Buffer.alloc(32, 2) };
const SMTP_PASS = 'sm7p-pa55';
const email = {
  kind: 'email' as const,
  name: 'Correo',
  config: { host: 'smtp.example.com', pass: SMTP_PASS },
};

/** A value sealed the way the hub sealed it before values were bound to their row (no AAD). */
function sealV1(plain: string, key = keyA): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const b = (x: Buffer) => x.toString('base64url');
  return `v1:${key.id}:${b(iv)}:${b(cipher.getAuthTag())}:${b(data)}`;
}

// Each test has its own throwaway database: resealing touches every tenant, so never a shared PostgreSQL.
async function database() {
  const db = await openDatabase('memory:');
  closers.push(() => db.close());
  await migrate(db.db);
  return db;
}

// Migrating a throwaway database takes a while on a busy machine.
const SLOW = { timeout: 90_000 };

describe('pnpm reseal', SLOW, () => {
  it('moves every secret to the newest key, after which the old key is not needed', async () => {
    const { db } = await database();
    const boxA = new SecretBox([keyA]);
    const storeA = new Store(db, boxA);
    const made = [];
    for (const name of ['Uno', 'Dos']) {
      const { tenant } = await storeA.tenants.create({ name }, (id) =>
        boxA.encrypt(`wsec_${name}`, widgetSecretAt(id)),
      );
      await storeA.forTenant(tenant.id).channels.create(email);
      await storeA.forTenant(tenant.id).channels.create({
        kind: 'slack',
        name: 'Ops',
        config: { url: `https://hooks.slack.com/${name}` },
      });
      made.push(tenant);
    }

    const rotating = new Store(db, new SecretBox([keyB, keyA]));
    expect(await resealAll(rotating)).toEqual({ tenants: 2, widgetSecrets: 2, channels: 4 });
    expect(await resealAll(rotating)).toEqual({ tenants: 2, widgetSecrets: 0, channels: 0 });

    const boxB = new SecretBox([keyB]);
    const onlyB = new Store(db, boxB);
    for (const [i, tenant] of made.entries()) {
      const name = ['Uno', 'Dos'][i]!;
      const sealed = (await onlyB.tenants.get(tenant.id))!.widgetSecretEnc;
      expect(boxB.decrypt(sealed, widgetSecretAt(tenant.id))).toBe(`wsec_${name}`);
      const configs = (await onlyB.forTenant(tenant.id).channels.list()).map((c) => c.config);
      expect(configs).toEqual([
        { host: 'smtp.example.com', pass: SMTP_PASS },
        { url: `https://hooks.slack.com/${name}` },
      ]);
    }
    await expect(storeA.forTenant(made[0]!.id).channels.list()).rejects.toThrow(/key "b"/);
  });

  it('upgrades values sealed before the row binding (v1), which the hub keeps reading until then', async () => {
    const { db } = await database();
    const box = new SecretBox([keyA]);
    const store = new Store(db, box);
    const { tenant } = await store.tenants.create({ name: 'Vieja' }, () => sealV1('wsec_old'));
    const channel = await store.forTenant(tenant.id).channels.create(email);
    await db
      .update(channels)
      .set({ configEnc: sealV1(JSON.stringify(email.config)) })
      .where(eq(channels.id, channel.id));

    // Read as they are, with the same key.
    const fresh = new Store(db, box);
    expect((await fresh.forTenant(tenant.id).channels.get(channel.id))!.config).toEqual(email.config);

    expect(await resealAll(fresh)).toEqual({ tenants: 1, widgetSecrets: 1, channels: 1 });
    const [row] = await db.select().from(channels).where(eq(channels.id, channel.id));
    const [t] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row!.configEnc).toMatch(/^v2:a:/);
    expect(t!.widgetSecretEnc).toMatch(/^v2:a:/);
    expect(box.decrypt(t!.widgetSecretEnc, widgetSecretAt(tenant.id))).toBe('wsec_old');
    expect((await new Store(db, box).forTenant(tenant.id).channels.get(channel.id))!.config).toEqual(
      email.config,
    );
    expect(await resealAll(fresh)).toEqual({ tenants: 1, widgetSecrets: 0, channels: 0 });
  });
});

describe('sealed values are bound to their tenant and row', SLOW, () => {
  it('a channel configuration copied to another row or tenant does not open', async () => {
    const { db } = await database();
    const box = new SecretBox([keyA]);
    const store = new Store(db, box);
    const seal = (id: string) => box.encrypt('wsec_x', widgetSecretAt(id));
    const a = (await store.tenants.create({ name: 'A' }, seal)).tenant;
    const b = (await store.tenants.create({ name: 'B' }, seal)).tenant;
    const secret = await store.forTenant(a.id).channels.create(email);
    const plainA = await store.forTenant(a.id).channels.create({ ...email, config: { host: 'smtp.a.test' } });
    const plainB = await store.forTenant(b.id).channels.create({ ...email, config: { host: 'smtp.b.test' } });
    const [sealed] = await db.select().from(channels).where(eq(channels.id, secret.id));
    const configEnc = sealed!.configEnc;
    // Someone with write access to the table moves the sealed password elsewhere.
    for (const target of [plainA, plainB]) {
      await db.update(channels).set({ configEnc }).where(eq(channels.id, target.id));
      const reader = new Store(db, box).forTenant(target.tenantId);
      await expect(reader.channels.get(target.id)).rejects.toThrow();
    }
    // The widget secret of one tenant, moved to another, does not open either.
    const [sealedA] = await db.select().from(tenants).where(eq(tenants.id, a.id));
    expect(() => box.decrypt(sealedA!.widgetSecretEnc, widgetSecretAt(b.id))).toThrow();
  });

  it('widget tokens still verify with the tenant’s bound secret', async () => {
    const hub = await createTestApp('memory:');
    closers.push(hub.close);
    const t = await makeTenant(hub.fetcher);
    const [row] = await hub.database.db.select().from(tenants).where(eq(tenants.id, t.id));
    expect(row!.widgetSecretEnc).toMatch(/^v2:/);
    const ana = await t.person('ana', { name: 'Ana', role: 'owner', branchIds: [] });
    expect((await ana.me.get('/v1/me/notifications')).status).toBe(200);
    expect((await client(hub.fetcher, 'garbage').get('/v1/me/notifications')).status).toBe(401);
  });
});
