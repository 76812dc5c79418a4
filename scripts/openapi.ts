// Prints the hub's /openapi.json as the app serves it, without opening a port:
// `tsx scripts/openapi.ts [file]` (stdout when no file). The lint and the SDK's types start here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../server/src/db/client.ts';
import { Store } from '../server/src/db/store.ts';
import { createApp } from '../server/src/http/app.ts';
import { WidgetTokens } from '../server/src/identity/widget-tokens.ts';
import { silentBroadcaster } from '../server/src/inbox/broadcaster.ts';
import { Inbox } from '../server/src/inbox/inbox.ts';
import { createLogger } from '../server/src/lib/log.ts';
import { SecretBox } from '../server/src/lib/secrets.ts';

const database = await openDatabase('memory:', { max: 1 });
const box = new SecretBox([{ id: 'openapi', key: Buffer.alloc(32, 1) }]);
const store = new Store(database.db, box);
const app = createApp({
  adminToken: 'unused',
  corsOrigins: '*',
  database,
  store,
  box,
  tokens: new WidgetTokens(store, box),
  inbox: new Inbox(silentBroadcaster),
  broadcaster: silentBroadcaster,
  log: createLogger('silent'),
});
const res = await app.request('/openapi.json');
if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
await database.close();
const [file] = process.argv.slice(2);
if (file) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
} else process.stdout.write(text);
