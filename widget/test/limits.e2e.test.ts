import { expect, waitUntil } from '@open-wc/testing';
import { AvisoClient } from '../src/client.ts';
import { sharedHub } from './hub-support.ts';

// Against the real hub of web-test-runner.config.mjs, with its default cap of 20 sockets a person.

const { hub, api } = await sharedHub();
const CAP = 20;

describe('a person with too many live connections', () => {
  const clients: AvisoClient[] = [];
  after(() => {
    for (const c of clients) c.disconnect();
  });

  it('stays offline (not signed out) and connects once one of the others closes', async () => {
    const { apiKey } = await api<{ apiKey: string }>('/v1/admin/tenants', hub.adminToken, { name: 'Cap' });
    await api('/v1/recipients/many-tabs', apiKey, { role: 'staff', branchIds: [] }, 'PUT');
    const { token } = await api<{ token: string }>('/v1/widget-tokens', apiKey, { recipientId: 'many-tabs' });
    const open = (options = {}) => {
      const client = new AvisoClient({ server: hub.url, token, ...options });
      clients.push(client);
      client.connect();
      return client;
    };

    const tabs = Array.from({ length: CAP }, () => open());
    await waitUntil(() => tabs.every((c) => c.status === 'online'), 'the first 20 online', {
      timeout: 15_000,
    });

    const extra = open({ reconnectDelay: 100, reconnectDelayMax: 300 });
    await waitUntil(() => extra.status === 'offline', 'the 21st refused', { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 700));
    // Retried, but still refused while the others stay: never taken for a bad token.
    expect(extra.status).to.equal('offline');
    expect(tabs.every((c) => c.status === 'online')).to.equal(true);

    tabs[0]!.disconnect();
    await waitUntil(() => extra.status === 'online', 'the 21st connects once a tab closed', {
      timeout: 5_000,
    });
  });
});
