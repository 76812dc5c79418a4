import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHubProcess } from './processes.ts';

describe('the hub process in development', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aviso-main-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts `server/src/main.ts`, waits for it to serve, stops it, and returns what it printed. */
  async function printed(env: Record<string, string>) {
    const hub = await startHubProcess({
      DATABASE_URL: 'memory:',
      NODE_ENV: 'development',
      AVISO_ADMIN_TOKEN: '',
      AVISO_SECRET_KEYS: '',
      ...env,
    });
    await hub.stop();
    return hub.output();
  }

  it('prints the secrets it generated, never one given in the environment', async () => {
    const given = 'adm_given_by_the_operator_0123456789';
    const out = await printed({
      AVISO_ADMIN_TOKEN: given,
      AVISO_DEV_SECRETS_FILE: join(dir, 'a.json'),
      LOG_LEVEL: 'info',
    });
    expect(out).not.toContain(given);
    expect(out).not.toContain('AVISO_ADMIN_TOKEN=');
    expect(out).toMatch(/AVISO_SECRET_KEYS=dev:[A-Za-z0-9+/=]{44}/);
    // The start banner says where the console is.
    expect(out).toMatch(/"console":"http:\/\/[^"]+\/admin"/);
  }, 120_000);

  it('prints the operator token when it generated it, and nothing once everything is given', async () => {
    const generated = await printed({ AVISO_DEV_SECRETS_FILE: join(dir, 'b.json') });
    expect(generated).toMatch(/AVISO_ADMIN_TOKEN=adm_\S+/);
    const keys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const none = await printed({
      AVISO_ADMIN_TOKEN: 'adm_given_too',
      AVISO_SECRET_KEYS: keys,
      AVISO_DEV_SECRETS_FILE: join(dir, 'c.json'),
    });
    expect(none).not.toContain('AVISO_');
    expect(none).not.toContain(keys.slice(3));
  }, 120_000);
});
