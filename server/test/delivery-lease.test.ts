import { describe, expect, it } from 'vitest';
import { newId } from '../src/db/ids.ts';
import { Store } from '../src/db/store.ts';
import { SecretBox } from '../src/lib/secrets.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, SECRET_KEYS, testApp } from './harness.ts';

describe.each(databaseBackends)('delivery leases on $name', ({ url }) => {
  const hub = testApp(url);

  it('a node whose lease ran out cannot overwrite the result of the node that took the row over', async () => {
    const t = await makeTenant(hub.fetcher);
    const start = new Date();
    const id = newId();
    await hub.store.forTenant(t.id).deliveries.insert([
      {
        id,
        type: 'PRUEBA',
        recipientId: 'u-1',
        step: 'fallback',
        condition: 'offline',
        plan: { channels: ['email'], mode: 'first-available' },
        kind: 'email',
        status: 'pending',
        dueAt: start,
      },
    ]);
    // Two workers on one database, as two nodes would be.
    const nodeA = new Store(hub.database.db, new SecretBox(SECRET_KEYS)).queue;
    const nodeB = new Store(hub.database.db, new SecretBox(SECRET_KEYS)).queue;

    const [claimedByA] = (await nodeA.claim(50, 1_000, start)).filter((r) => r.id === id);
    expect(claimedByA?.status).toBe('sending');
    // A stalls past its lease; B takes the row over and sends it.
    const later = new Date(start.getTime() + 5_000);
    const [claimedByB] = (await nodeB.claim(50, 1_000, later)).filter((r) => r.id === id);
    expect(claimedByB?.id).toBe(id);
    expect(await nodeB.finish(claimedByB!, { status: 'sent', attempts: 1 }, later)).toBe(true);

    // A wakes up with its stale claim and tries to record a failure.
    expect(await nodeA.finish(claimedByA!, { status: 'failed', attempts: 1, lastError: 'late' }, later)).toBe(
      false,
    );
    const row = await hub.store.forTenant(t.id).deliveries.get(id);
    expect(row).toMatchObject({ status: 'sent', lastError: null });
  });
});
