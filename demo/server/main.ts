import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDemoApp } from './app.ts';
import { Backoffice } from './backoffice.ts';
import { MailCatcher } from './catcher.ts';
import { ChatCatcher } from './chat-catcher.ts';
import { type DemoConfig, DemoConfigError, loadDemoConfig, localUrl } from './config.ts';
import { HubClient } from './hub.ts';
import { seedDemo } from './seed.ts';
import { Shop } from './shop.ts';
import { DemoState } from './state.ts';

/** The address the start-up check writes to; the catcher drops it instead of showing it. */
const PROBE = 'comprobacion@abarrotes-demo.mx';

/** Why the hub cannot deliver to the catcher (a test send through the demo's channel); null when it can. */
async function mailProblem(shop: Shop, channelId: string): Promise<string | null> {
  const res = await shop.hub.call('POST', `/v1/channels/${channelId}/test`, { to: PROBE });
  if (res.status === 200 && res.body.ok === true) return null;
  const error = (res.body.error ?? {}) as { code?: string; message?: string };
  return `${error.code ?? res.status}: ${error.message ?? 'no answer'}`;
}

/** Starts the demo POS: mail catcher, demo tenant on the hub, then the pages and `/api` on DEMO_PORT. */
async function main() {
  let config: DemoConfig;
  try {
    config = loadDemoConfig();
  } catch (err) {
    if (err instanceof DemoConfigError) {
      console.error(`aviso demo: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const mail = new MailCatcher({ ignore: PROBE });
  const smtpPort = await mail.listen(config.smtp.port, config.smtp.host).catch((err: Error) => {
    throw new Error(
      `the mail catcher cannot listen on ${config.smtp.host}:${config.smtp.port} (${err.message}); set DEMO_SMTP_PORT`,
    );
  });
  const allow = `${config.smtp.reachHost}:${smtpPort}`;

  const hub = new HubClient(config.hubUrl);
  console.log(`aviso demo: waiting for the hub at ${config.hubUrl}…`);
  await hub.waitUntilUp(config.hubWaitMs);

  // Listening first: with DEMO_PORT=0 the port (which email links need) is known only then.
  let app: ReturnType<typeof createDemoApp> | undefined;
  const starting = () =>
    Response.json({ error: { code: 'UNAVAILABLE', message: 'the demo is still starting' } }, { status: 503 });
  const server = serve({
    fetch: (req) => (app ? app.fetch(req) : starting()),
    port: config.port,
    hostname: config.host,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = config.publicUrl ?? localUrl(config.host, port);

  const state = new DemoState(config.stateFile, config.hubUrl);
  const chats = new ChatCatcher();
  // The hub reaches the demo's own server for it, as it reaches the mail catcher.
  const demoAllow = `${new URL(localUrl(config.host, port)).hostname}:${port}`;
  const { tenant, channelId, refused, telegramRefused } = await seedDemo({
    hub,
    adminToken: config.adminToken,
    devSecretsFile: config.devSecretsFile,
    state,
    smtp: { host: config.smtp.reachHost, port: smtpPort },
    appUrl: `${publicUrl}/pane.html?as=owner`,
    telegramApiRoot: `${localUrl(config.host, port)}/telegram`,
  });
  const office = new Backoffice(tenant.office);
  const save = () => state.save({ ...tenant, office: office.data });
  const shop = new Shop({ hub: hub.withKey(tenant.apiKey), office, save });
  save();
  await shop.syncStock();
  const problem = channelId ? await mailProblem(shop, channelId) : refused;
  app = createDemoApp({
    shop,
    mail,
    chats,
    tenantName: tenant.name,
    hubPublicUrl: config.hubPublicUrl,
    distDir: config.distDir,
    onError: (err) => console.error('aviso demo: unexpected error', err),
  });

  console.log(
    `\n  Demo POS: ${publicUrl}/  (tenant "${tenant.name}" on the hub at ${config.hubUrl})` +
      `\n  Mail catcher: smtp://${allow}; the hub sends the demo's fallback emails there, so it needs` +
      `\n  AVISO_EGRESS_ALLOW=${allow} (the hub's egress policy refuses loopback addresses it does not list).\n`,
  );
  if (telegramRefused) {
    console.warn(
      `  aviso demo: the hub refused the demo's Telegram bot (${telegramRefused}).` +
        `\n  The branch group will get nothing: restart the hub with AVISO_EGRESS_ALLOW=${allow},${demoAllow}.\n`,
    );
  }
  if (problem) {
    console.warn(
      `  aviso demo: the hub cannot deliver to the mail catcher (${problem}).` +
        `\n  Fallback emails will not show up: restart the hub with AVISO_EGRESS_ALLOW=${allow}.\n`,
    );
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Pages left open keep connections alive; they get a moment, not a veto.
    const grace = new Promise((r) => setTimeout(r, 2000).unref());
    await Promise.race([Promise.all([new Promise((r) => server.close(r)), mail.close()]), grace]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`aviso demo: ${(err as Error).message}`);
  process.exit(1);
});
