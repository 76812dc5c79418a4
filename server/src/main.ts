import { startNode } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DemoHost } from './demo/host.ts';
import { createLogger } from './lib/log.ts';

/** Starts one Aviso node from the environment. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`aviso: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (config.generated.length) {
    log.warn(
      { generated: config.generated, file: config.devSecretsFile },
      'development secrets were generated; set them in the environment for production',
    );
    console.log(`\n  AVISO_ADMIN_TOKEN=${config.adminToken}\n`);
  }
  const demo = config.demo ? new DemoHost({ ...config, log }) : undefined;
  const node = await startNode(config, log, { delivery: { leaseMs: config.deliveryLeaseMs }, demo });
  await demo?.start((path, init) => node.app.request(path, init));
  log.info(
    {
      url: node.url,
      port: node.port,
      node: node.nodeId,
      database: node.database.kind,
      redis: !!config.redisUrl,
    },
    'aviso listening',
  );
  if (demo) console.log(`\n  Demo POS: ${config.publicUrl}/demo/  (AVISO_DEMO=0 turns it off)\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await node.close().catch((err) => log.error({ err }, 'shutdown failed'));
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
