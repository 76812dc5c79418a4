import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/aviso-bell.ts';
import type { AvisoBell } from '../src/aviso-bell.ts';
import { AvisoClient, type ConnectionStatus } from '../src/client.ts';
import { $, callHub } from './hub-support.ts';

// A deploy, end to end: a real hub process (PGlite folder) stopped with SIGTERM and started again
// on the same port and database, while the bell stays on the page. Some tests reach the hub
// through a gate, a TCP pass-through that can be shut: the browser's network, down on purpose.

interface OwnHub {
  id: string;
  url: string;
  gateUrl: string;
  adminToken: string;
  done: boolean;
}
/** Runs a command of scripts/hub.mjs to its end (a start can outlast one command's time limit). */
async function hubCommand(action: string, id?: string): Promise<OwnHub> {
  const run = (a: string, i?: string) =>
    executeServerCommand<OwnHub, { action: string; id?: string }>('aviso-hub', { action: a, id: i });
  let hub = await run(action, id);
  while (!hub.done) hub = await run('wait', hub.id);
  return hub;
}

const toastTexts = (el: AvisoBell) =>
  [...el.shadowRoot!.querySelectorAll('.toast .message')].map((m) => m.textContent ?? '');

describe('through a hub restart', function () {
  this.timeout(120_000);
  let hub: OwnHub;
  let apiKey = '';
  let token = '';
  const bells: AvisoBell[] = [];

  const publish = (entityId: string, total: number) =>
    callHub<{ id: string }>(hub.url, '/v1/events', apiKey, {
      type: 'NUEVA_VENTA',
      entityId,
      data: { branchId: 'central', total },
    });

  /** A bell whose client retries quickly (the default backoff reaches 30 s). */
  function mount(server: string): { el: AvisoBell; statuses: ConnectionStatus[] } {
    const el = document.createElement('aviso-bell');
    el.lang = 'es';
    const client = new AvisoClient({ server, token, reconnectDelay: 300, reconnectDelayMax: 1500 });
    const statuses: ConnectionStatus[] = [];
    client.addEventListener('change', () => {
      if (statuses.at(-1) !== client.status) statuses.push(client.status);
    });
    el.client = client;
    el.addEventListener('aviso-navigate', (e) => e.preventDefault());
    document.body.append(el);
    bells.push(el);
    return { el, statuses };
  }

  before(async () => {
    hub = await hubCommand('start');
    const tenant = await callHub<{ apiKey: string }>(hub.url, '/v1/admin/tenants', hub.adminToken, {
      name: 'Restart',
      currency: 'MXN',
      locale: 'es-MX',
    });
    apiKey = tenant.apiKey;
    await callHub(hub.url, '/v1/branches/central', apiKey, { name: 'Central' }, 'PUT');
    await callHub(
      hub.url,
      '/v1/recipients/cajero-1',
      apiKey,
      { role: 'staff', branchIds: ['central'] },
      'PUT',
    );
    ({ token } = await callHub<{ token: string }>(hub.url, '/v1/widget-tokens', apiKey, {
      recipientId: 'cajero-1',
    }));
  });

  afterEach(async () => {
    for (const el of bells.splice(0)) el.remove();
    await hubCommand('up', hub.id);
  });

  after(async () => {
    if (hub) await hubCommand('dispose', hub.id);
  });

  it('reconnects by itself after SIGTERM and a start on the same port, showing "reconectando" meanwhile', async () => {
    const { el, statuses } = mount(hub.url);
    await waitUntil(() => el.unreadCount === 0, 'connected', { timeout: 10_000 });
    await publish('V-A', 10);
    await waitUntil(() => toastTexts(el).some((t) => t.includes('$10')), 'A as a toast', { timeout: 5_000 });

    await hubCommand('stop', hub.id);
    await waitUntil(() => el.client!.status !== 'online', 'the socket dropped', { timeout: 10_000 });
    el.toggle(true);
    await el.updateComplete;
    expect($(el, '.offline')?.textContent).to.contain('Reconectando');
    await hubCommand('start', hub.id);
    await waitUntil(() => el.client!.status === 'online', 'back online by itself', { timeout: 20_000 });
    expect(statuses).to.not.include('unauthorized');
    expect(statuses).to.include('offline');
    expect($(el, '.offline')).to.equal(null);

    el.toggle(false);
    await publish('V-B', 20);
    await waitUntil(() => toastTexts(el).some((t) => t.includes('$20')), 'B as a toast', { timeout: 5_000 });
    expect($(el, '.badge')!.textContent!.trim()).to.equal('2');
  });

  it('replays what was published on the restarted hub before it reconnected, even with nothing seen before', async () => {
    const { el, statuses } = mount(hub.gateUrl);
    await waitUntil(() => el.client!.status === 'online', 'connected', { timeout: 10_000 });
    await waitUntil(() => el.unreadCount !== null, 'count known');
    const before = el.unreadCount!;

    await hubCommand('stop', hub.id);
    await waitUntil(() => el.client!.status !== 'online', 'the socket dropped', { timeout: 10_000 });
    await hubCommand('shut', hub.id);
    await hubCommand('start', hub.id);
    const missed = [await publish('V-C', 30), await publish('V-D', 40), await publish('V-E', 50)];
    expect(el.client!.status, 'still cut off while publishing').to.not.equal('online');
    await hubCommand('open', hub.id);

    await waitUntil(() => el.client!.status === 'online', 'back online', { timeout: 20_000 });
    await waitUntil(() => toastTexts(el).length === 3, 'the missed ones as toasts', { timeout: 5_000 });
    expect(toastTexts(el).join()).to.contain('$50').and.contain('$40').and.contain('$30');
    expect(el.unreadCount).to.equal(before + missed.length);
    // The hub's count closes the replay; the line comes with it, a moment after the toasts (the
    // count follows the hub's reads after the join: on a busy machine, right after a restart, more
    // than the second waitUntil gives by default).
    await waitUntil(
      () => $(el, '.toasts')!.textContent!.includes('3 avisos mientras estabas sin conexión'),
      'the bell says what it missed',
      { timeout: 5_000 },
    ).catch((err: Error) => {
      // The statuses say whether the replay came over one connection or more.
      const shown = $(el, '.toasts')?.textContent?.replace(/\s+/g, ' ');
      throw new Error(`${err.message} (statuses: ${statuses.join(' → ')}; toasts: ${shown})`);
    });
    expect(statuses).to.not.include('unauthorized');
  });
});
