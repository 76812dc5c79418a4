import { startNode } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
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
    // Only what was generated: a secret given in the environment is never echoed.
    const values: Record<string, () => string> = {
      AVISO_ADMIN_TOKEN: () => config.adminToken,
      AVISO_SECRET_KEYS: () => config.secretKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
    };
    const lines = config.generated.map(
      (name) => `  ${name}=${values[name]?.() ?? `(in ${config.devSecretsFile})`}`,
    );
    console.log(`\n${lines.join('\n')}\n`);
  }
  const node = await startNode(config, log, { delivery: { leaseMs: config.deliveryLeaseMs } });
  log.info(
    {
      url: node.url,
      // Where an owner or operator signs in: printed so nobody has to guess the path.
      console: `${node.url}/admin`,
      port: node.port,
      node: node.nodeId,
      database: node.database.kind,
      redis: !!config.redisUrl,
    },
    'aviso listening',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await node.close().catch((err) => log.error({ err }, 'shutdown failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
