import { expect, waitUntil } from '@open-wc/testing';
import type { AvisoBell } from '../src/aviso-bell.ts';
import { $, mountBell, sharedHub } from './hub-support.ts';

// End to end: a real hub process (started by web-test-runner.config.mjs), the bundle exactly as
// the hub serves it at /widget/aviso.js, and two "tabs" of the same person, each with its socket.

const { hub, api } = await sharedHub();
const bundle = (await import(
  /* @vite-ignore */ `${hub.url}/widget/aviso.js`
)) as typeof import('../src/index.ts');

const badge = (el: AvisoBell) => $(el, '.badge')?.textContent?.trim() ?? '';

describe('against a real hub', () => {
  let apiKey = '';
  let token = '';
  const bells: AvisoBell[] = [];

  before(async () => {
    const tenant = await api<{ apiKey: string }>('/v1/admin/tenants', hub.adminToken, {
      name: 'Widget e2e',
      currency: 'MXN',
      locale: 'es-MX',
    });
    apiKey = tenant.apiKey;
    await api('/v1/branches/central', apiKey, { name: 'Central' }, 'PUT');
    await api(
      '/v1/recipients/cajero-1',
      apiKey,
      { role: 'staff', branchIds: ['central'], name: 'Ana' },
      'PUT',
    );
    ({ token } = await api<{ token: string }>('/v1/widget-tokens', apiKey, { recipientId: 'cajero-1' }));
  });

  after(() => {
    for (const el of bells) el.remove();
  });

  it('serves the bundle with the tag defined', () => {
    expect(customElements.get('aviso-bell')).to.be.a('function');
  });

  it('shows a published event as a toast and a badge in both tabs; reading in one clears the other', async () => {
    const [tabA, tabB] = [mountBell(token), mountBell(token)];
    bells.push(tabA, tabB);
    // Each socket is connected once the hub has sent its count.
    await waitUntil(() => tabA.unreadCount === 0 && tabB.unreadCount === 0, 'both tabs connected', {
      timeout: 10_000,
    });

    await api('/v1/events', apiKey, {
      type: 'NUEVA_VENTA',
      entityId: 'V-1',
      data: { branchId: 'central', total: 120 },
    });
    for (const tab of [tabA, tabB]) {
      await waitUntil(() => $(tab, '.toast .message')?.textContent?.includes('Nueva venta'), 'toast shown', {
        timeout: 5_000,
      });
      await waitUntil(() => badge(tab) === '1', 'badge shows 1');
    }

    // The toast was displayed on a visible page: the hub has it as seen (this cancels `unseen` fallbacks).
    await waitUntil(
      async () => {
        const page = await api<{ items: { seenAt: string | null }[] }>(
          '/v1/me/notifications',
          token,
          undefined,
          'GET',
        );
        return page.items[0]?.seenAt != null;
      },
      'seen reported to the hub',
      { timeout: 5_000, interval: 100 },
    );

    let link = '';
    tabB.addEventListener('aviso-navigate', (e) => (link = e.link), { once: true });
    $(tabB, '.toast .main')!.click();
    expect(link).to.equal('#/ventas/V-1');
    await waitUntil(() => badge(tabB) === '', 'the reading tab clears its badge', { timeout: 5_000 });
    await waitUntil(() => badge(tabA) === '' && tabA.unreadCount === 0, 'the other tab follows', {
      timeout: 5_000,
    });
  });

  it('replays what a tab missed while disconnected', async () => {
    const tab = bells[0]!;
    tab.remove();
    await api('/v1/events', apiKey, {
      type: 'NUEVO_GASTO',
      entityId: 'G-7',
      data: { branchId: 'central', total: 50 },
    });
    document.body.append(tab);
    await waitUntil(
      () => $(tab, '.toast .message')?.textContent?.includes('Nuevo gasto'),
      'missed event replayed',
      { timeout: 8_000 },
    );
    await waitUntil(() => badge(tab) === '1', 'badge counts it');

    $(tab, '.bell')!.click();
    await waitUntil(() => tab.shadowRoot!.querySelectorAll('.list .item').length === 2, 'inbox lists both', {
      timeout: 5_000,
    });
    const messages = [...tab.shadowRoot!.querySelectorAll('.list .message')].map((m) => m.textContent);
    expect(messages[0]).to.contain('Nuevo gasto');
    expect(messages[1]).to.contain('Nueva venta');
  });

  it('renews the token through the host callback before it expires, and after a refusal', async () => {
    const mint = async (expiresIn?: number) =>
      (await api<{ token: string }>('/v1/widget-tokens', apiKey, { recipientId: 'cajero-1', expiresIn }))
        .token;
    const short = await mint(60);
    const client = new bundle.AvisoClient({
      server: hub.url,
      token: short,
      refreshBefore: 59_000,
      getToken: () => mint(),
    });
    const refused = new bundle.AvisoClient({ server: hub.url, token: 'not-a-token', getToken: () => mint() });
    try {
      client.connect();
      refused.connect();
      await waitUntil(() => client.token !== short, 'renewed about a second after connecting', {
        timeout: 5_000,
      });
      await waitUntil(
        () => refused.status === 'online',
        'a refused token is replaced and the socket connects',
        { timeout: 5_000 },
      );
      expect((await client.list()).items.length).to.be.greaterThan(0);
      expect(client.status).to.equal('online');
    } finally {
      client.disconnect();
      refused.disconnect();
    }
  });
});
