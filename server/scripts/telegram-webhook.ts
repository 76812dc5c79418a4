// Registers a tenant's Telegram bot webhook with Telegram (`setWebhook`):
// `pnpm telegram:webhook <tenantApiKey|channelId>`. The hook URL is AVISO_PUBLIC_URL +
// /v1/hooks/telegram/<channelId>; a channel without a webhookSecret gets one first.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { hubEgressAllow } from '../src/channels/destinations.ts';
import { ProviderHttp } from '../src/channels/http.ts';
import { botApi } from '../src/channels/telegram/api.ts';
import type { TelegramConfig } from '../src/channels/telegram/config.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import type { ChannelRow } from '../src/db/repos/channels.ts';
import { Store } from '../src/db/store.ts';
import { channelTenant } from '../src/inbox/replies.ts';
import { EgressPolicy } from '../src/lib/egress.ts';
import { SecretBox } from '../src/lib/secrets.ts';

export interface RegisteredWebhook {
  channelId: string;
  url: string;
  /** Whether a webhook secret had to be generated (and saved on the channel). */
  generatedSecret: boolean;
}

/** The Telegram channel an API key (its tenant's first enabled bot) or a channel id names. */
async function findChannel(store: Store, target: string): Promise<ChannelRow> {
  if (target.startsWith('ak_')) {
    const found = await store.tenants.byApiKey(target);
    if (!found) throw new Error('unknown or revoked API key');
    const bot = (await store.forTenant(found.tenant.id).channels.list('telegram')).find((c) => c.enabled);
    if (!bot) throw new Error('the tenant has no enabled Telegram channel');
    return bot;
  }
  const owner = await channelTenant(store.db, target);
  const channel =
    owner?.kind === 'telegram' ? await store.forTenant(owner.tenantId).channels.get(target) : undefined;
  if (!channel) throw new Error(`no Telegram channel ${target}`);
  return channel;
}

/** Points the bot's webhook at this hub, with the channel's secret token. */
export async function registerTelegramWebhook(
  store: Store,
  http: ProviderHttp,
  publicUrl: string,
  target: string,
): Promise<RegisteredWebhook> {
  const channel = await findChannel(store, target);
  let config = channel.config as TelegramConfig;
  const generatedSecret = !config.webhookSecret;
  if (generatedSecret) {
    config = { ...config, webhookSecret: randomBytes(32).toString('base64url') };
    await store.forTenant(channel.tenantId).channels.update(channel.id, { config });
  }
  const url = `${publicUrl.replace(/\/$/, '')}/v1/hooks/telegram/${channel.id}`;
  const answer = await botApi(http, config, 'setWebhook', {
    url,
    secret_token: config.webhookSecret,
    allowed_updates: ['message', 'callback_query'],
  });
  if (!answer.ok) throw new Error(`Telegram refused the webhook: ${answer.description ?? 'no reason given'}`);
  return { channelId: channel.id, url, generatedSecret };
}

async function main() {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: pnpm telegram:webhook <tenantApiKey|channelId>');
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, { max: 2 });
  try {
    await migrate(database.db);
    const store = new Store(database.db, new SecretBox(config.secretKeys));
    // The same egress policy as the hub's: a tenant's apiRoot cannot point this script inside either.
    const egress = new EgressPolicy({ allow: hubEgressAllow(config.egressAllow, config.smtp.url) });
    const http = new ProviderHttp({ egress });
    const done = await registerTelegramWebhook(store, http, config.publicUrl, target).finally(() =>
      http.close(),
    );
    console.log(
      `webhook of channel ${done.channelId} set to ${done.url}` +
        (done.generatedSecret ? ' (a new webhook secret was saved on the channel)' : ''),
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`telegram:webhook failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
