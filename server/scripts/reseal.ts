// Re-encrypts every tenant's channel configurations and widget secret under the newest key of
// AVISO_SECRET_KEYS: `pnpm reseal`. Put the new key first and keep the old ones until this ran.
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { Store } from '../src/db/store.ts';
import { SecretBox, widgetSecretAt } from '../src/lib/secrets.ts';

export interface ResealCounts {
  tenants: number;
  widgetSecrets: number;
  channels: number;
}

/**
 * Seals again whatever the store's box did not seal with its current key, or sealed in the older
 * format not bound to its row; returns what changed.
 */
export async function resealAll(store: Store): Promise<ResealCounts> {
  const { box } = store;
  const counts: ResealCounts = { tenants: 0, widgetSecrets: 0, channels: 0 };
  for (const { id, sealed } of await store.tenants.sealedSecrets()) {
    counts.tenants++;
    if (box.needsReseal(sealed)) {
      const at = widgetSecretAt(id);
      await store.tenants.reseal(id, box.encrypt(box.decrypt(sealed, at), at));
      counts.widgetSecrets++;
    }
    counts.channels += await store.forTenant(id).channels.reseal();
  }
  return counts;
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, { max: 2 });
  try {
    await migrate(database.db);
    const box = new SecretBox(config.secretKeys);
    const counts = await resealAll(new Store(database.db, box));
    console.log(
      `resealed under key "${box.currentKeyId}": ${counts.widgetSecrets} widget secrets and ` +
        `${counts.channels} channel configurations, across ${counts.tenants} tenants`,
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`reseal failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
