import { expect, waitUntil } from '@open-wc/testing';
import '../src/aviso-bell.ts';
import type { AvisoBell } from '../src/aviso-bell.ts';
import { AvisoClient, type ConnectionStatus } from '../src/client.ts';
import { $, newTenant, sharedHub } from './hub-support.ts';

// Against the real hub of web-test-runner.config.mjs: what the hub says on connect, and which of
// its refusals end the connection for good.

const { hub, api } = await sharedHub();

describe('what the hub tells a bell', () => {
  let apiKey = '';
  const mint = async (recipientId: string) =>
    (await api<{ token: string }>('/v1/widget-tokens', apiKey, { recipientId })).token;
  const bells: AvisoBell[] = [];

  before(async () => {
    apiKey = await newTenant('Connection');
    await api('/v1/branches/central', apiKey, { name: 'Central' }, 'PUT');
  });

  after(() => {
    for (const el of bells) el.remove();
  });

  function mount(client: AvisoClient): AvisoBell {
    const el = document.createElement('aviso-bell');
    el.client = client;
    document.body.append(el);
    bells.push(el);
    return el;
  }

  it('speaks the person’s language from their profile when the page gives no lang', async () => {
    await api(
      '/v1/recipients/gerente-pt',
      apiKey,
      { role: 'manager', branchIds: ['central'], locale: 'pt-BR' },
      'PUT',
    );
    const el = mount(new AvisoClient({ server: hub.url, token: await mint('gerente-pt') }));
    expect(el.closest('[lang]')).to.equal(null);
    await waitUntil(() => el.client!.status === 'online', 'connected', { timeout: 10_000 });
    await waitUntil(() => $(el, '.bell')?.getAttribute('aria-label') === 'Notificações', 'in Portuguese', {
      timeout: 5_000,
    });
    // No profile locale: the tenant's.
    await api('/v1/recipients/cajero-es', apiKey, { role: 'staff', branchIds: ['central'] }, 'PUT');
    const other = mount(new AvisoClient({ server: hub.url, token: await mint('cajero-es') }));
    await waitUntil(() => $(other, '.bell')?.getAttribute('aria-label') === 'Notificaciones', 'in Spanish', {
      timeout: 10_000,
    });
  });

  it('comes back with a renewed token after its tokens are revoked, and is signed out without one', async () => {
    await api('/v1/recipients/cajero-r', apiKey, { role: 'staff', branchIds: ['central'] }, 'PUT');
    // Tokens are revoked to the second: the ones refused must be older than that.
    const [renewable, stuck] = [await mint('cajero-r'), await mint('cajero-r')];
    await new Promise((r) => setTimeout(r, 1100));
    const withHost = new AvisoClient({
      server: hub.url,
      token: renewable,
      reconnectDelay: 100,
      reconnectDelayMax: 300,
      getToken: () => mint('cajero-r'),
    });
    const alone = new AvisoClient({
      server: hub.url,
      token: stuck,
      reconnectDelay: 100,
      reconnectDelayMax: 300,
    });
    const seen: ConnectionStatus[] = [];
    withHost.addEventListener('change', () => seen.push(withHost.status));
    const [a, b] = [mount(withHost), mount(alone)];
    await waitUntil(() => withHost.status === 'online' && alone.status === 'online', 'both online', {
      timeout: 10_000,
    });
    await new Promise((r) => setTimeout(r, 1100));
    await api('/v1/recipients/cajero-r/revoke-tokens', apiKey, {});
    await waitUntil(() => alone.status === 'unauthorized', 'the one without a host signed out', {
      timeout: 10_000,
    });
    await waitUntil(() => withHost.status === 'online' && withHost.token !== renewable, 'renewed', {
      timeout: 10_000,
    });
    expect(seen).to.not.include('unauthorized');
    b.toggle(true);
    await b.updateComplete;
    expect($(b, '.offline')!.textContent).to.contain('sesión ya no es válida');
    a.toggle(true);
    await a.updateComplete;
    expect($(a, '.offline')).to.equal(null);
  });
});
