import { expect, waitUntil } from '@open-wc/testing';
import type { AvisoBell } from '../src/aviso-bell.ts';
import { $, mountBell, newTenant, sharedHub } from './hub-support.ts';

// End to end, against the real hub process and the bundle as it serves it: what one person does in
// one tab (or over the API from another device) comes back into the lists of their other tabs.

const { hub, api } = await sharedHub();
await import(/* @vite-ignore */ `${hub.url}/widget/aviso.js`);

const ids = (el: AvisoBell) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('.list .item')].map((i) => i.dataset.id);

describe('inbox changes across tabs, against a real hub', () => {
  let apiKey = '';
  let token = '';
  const bells: AvisoBell[] = [];
  const published: string[] = [];

  before(async () => {
    apiKey = await newTenant('Inbox sync e2e', 'en');
    await api('/v1/branches/norte', apiKey, { name: 'Sucursal Norte' }, 'PUT');
    await api('/v1/branches/sur', apiKey, { name: 'Sucursal Sur' }, 'PUT');
    await api('/v1/recipients/duena', apiKey, { role: 'owner', branchIds: [], name: 'Rosa' }, 'PUT');
    ({ token } = await api<{ token: string }>('/v1/widget-tokens', apiKey, { recipientId: 'duena' }));
    for (const [i, branchId] of ['norte', 'sur', 'norte'].entries()) {
      const { id } = await api<{ id: string }>('/v1/events', apiKey, {
        type: 'NUEVA_VENTA',
        entityId: `V-${i}`,
        data: { branchId, total: 100 + i },
      });
      published.unshift(id); // newest first, as the inbox lists them
    }
  });

  after(() => {
    for (const el of bells) el.remove();
  });

  it('names the branches in the filter, marks unread and snoozes across tabs, and the snooze comes back as a toast', async () => {
    const [tabA, tabB] = [mountBell(token, 'en'), mountBell(token, 'en')];
    bells.push(tabA, tabB);
    await waitUntil(() => tabA.unreadCount === 3 && tabB.unreadCount === 3, 'both tabs connected', {
      timeout: 10_000,
    });
    const [newest, middle, oldest] = published as [string, string, string];

    // The owner's branch filter, by name.
    tabB.toggle(true);
    await waitUntil(() => ids(tabB).length === 3, 'tab B lists all three');
    await waitUntil(() => $(tabB, 'select[aria-label="Branch"]'), 'the branch filter', { timeout: 5_000 });
    const options = [...($(tabB, 'select[aria-label="Branch"]') as HTMLSelectElement).options];
    expect(options.map((o) => o.text)).to.deep.equal(['All branches', 'Sucursal Norte', 'Sucursal Sur']);

    // Read in tab A, then tab B looks at its unread tab: two left.
    await api(`/v1/me/notifications/${middle}/read`, token);
    await waitUntil(() => tabB.unreadCount === 2, 'tab B counts the read');
    [...tabB.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')][1]!.click();
    await waitUntil(() => ids(tabB).length === 2, 'tab B unread tab');
    expect(ids(tabB)).to.deep.equal([newest, oldest]);

    // Marked unread in tab A: it comes back into tab B's unread list, in its place.
    $(tabA, '.bell')!.click();
    await waitUntil(() => tabA.shadowRoot!.querySelector(`[data-id="${middle}"] .toggle`), 'tab A lists it');
    const toggle = tabA.shadowRoot!.querySelector<HTMLElement>(`[data-id="${middle}"] .toggle`)!;
    expect(toggle.getAttribute('aria-label')).to.equal('Mark as unread');
    toggle.click();
    await waitUntil(() => ids(tabB).length === 3, 'back in tab B unread list', { timeout: 5_000 });
    expect(ids(tabB)).to.deep.equal([newest, middle, oldest]);
    tabA.toggle(false);
    tabB.toggle(false);

    // Snoozed for a moment from another device: out of both tabs, then back unread as a toast in both.
    const until = new Date(Date.now() + 1_500).toISOString();
    await api(`/v1/me/notifications/${newest}/snooze`, token, { until });
    await waitUntil(() => tabA.unreadCount === 2 && tabB.unreadCount === 2, 'out of the counts');
    for (const tab of [tabA, tabB]) {
      await waitUntil(() => tab.unreadCount === 3, 'back in the count', { timeout: 10_000 });
      // The newest sale was of 102: no other toast was shown in these tabs (mounted after the sales).
      await waitUntil(() => $(tab, '.toast .message')?.textContent?.includes('102'), 'back as a toast');
    }
    expect(Date.now()).to.be.at.least(Date.parse(until));
    tabB.toggle(true);
    await waitUntil(() => ids(tabB)[0] === newest, 'back on top of tab B');
  });
});
