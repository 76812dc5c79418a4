// Long because every inbox action (read and unread, archive and unarchive, archive-read, filters,
// snooze, preferences) is tried here in its own tab and as another tab's change arriving.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/aviso-bell.ts';
import type { Preferences } from '@aviso/protocol';
import type { AvisoBell } from '../src/aviso-bell.ts';
import { type InboxQuery, NotificationUpdatedEvent } from '../src/client.ts';
import { MemoryClient, notification } from './support.ts';

const $ = (el: AvisoBell, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: AvisoBell, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const ids = (el: AvisoBell) => $$(el, '.list .item').map((i) => i.dataset.id);

/** The hub's inbox routes, in memory: each change is told to this tab as the hub would. */
class InboxClient extends MemoryClient {
  override async list(options: InboxQuery = {}) {
    const all = this.items;
    this.items = all.filter(
      (n) =>
        (!options.category || n.category === options.category) &&
        (!options.branchId || n.branchIds?.includes(options.branchId)),
    );
    try {
      return await super.list(options);
    } finally {
      this.items = all;
    }
  }
  private tell(
    ids: string[],
    update: Omit<ConstructorParameters<typeof NotificationUpdatedEvent>[0], 'ids'>,
  ) {
    this.setUnread(this.items.filter((n) => !n.readAt && !n.archivedAt).length);
    this.dispatchEvent(new NotificationUpdatedEvent({ ids, ...update }));
  }
  override async read(id: string) {
    const readAt = new Date().toISOString();
    for (const n of this.items) if (n.id === id) n.readAt ??= readAt;
    this.tell([id], { readAt });
  }
  /** The notification as the hub pushes it with a change that brings it back into lists. */
  private item(id: string) {
    return structuredClone(this.items.find((n) => n.id === id));
  }
  override async markUnread(id: string) {
    for (const n of this.items) if (n.id === id) n.readAt = null;
    this.tell([id], { unread: true, item: this.item(id) });
  }
  override async archive(id: string) {
    const archivedAt = new Date().toISOString();
    for (const n of this.items)
      if (n.id === id) Object.assign(n, { archivedAt, readAt: n.readAt ?? archivedAt });
    this.tell([id], { archivedAt });
  }
  override async unarchive(id: string) {
    for (const n of this.items) if (n.id === id) n.archivedAt = null;
    this.tell([id], { unarchived: true, item: this.item(id) });
  }
  /** The branches of the person, by name, as `GET /v1/me/branches` answers. */
  branches = [
    { id: 'norte', name: 'Sucursal Norte' },
    { id: 'sur', name: 'Sucursal Sur' },
  ];
  override async request<T>(method: string, path: string): Promise<T> {
    if (method === 'GET' && path === '/v1/me/branches') return { items: this.branches } as T;
    throw new Error(`not in memory: ${method} ${path}`);
  }
  prefs: Preferences = { categories: { sales: { whatsapp: false } } };
  saved: Preferences[] = [];
  override async preferences() {
    return structuredClone(this.prefs);
  }
  override async setPreferences(p: Preferences) {
    this.saved.push(structuredClone(p));
    this.prefs = structuredClone(p);
    return structuredClone(p);
  }
  snoozes: { id: string; until: Date }[] = [];
  override async snooze(id: string, until: Date) {
    this.snoozes.push({ id, until });
    this.items = this.items.filter((n) => n.id !== id);
    this.tell([id], { snoozedUntil: until.toISOString() });
  }
  override async fetchUnreadCount() {
    const count = this.items.filter((n) => !n.readAt && !n.archivedAt).length;
    this.setUnread(count);
    return count;
  }
  override async archiveRead() {
    const archivedAt = new Date().toISOString();
    const read = this.items.filter((n) => n.readAt && !n.archivedAt);
    for (const n of read) n.archivedAt = archivedAt;
    this.tell(
      read.map((n) => n.id),
      { archivedAt },
    );
  }
}

async function openBell(client: InboxClient, lang = 'es') {
  const el = await fixture<AvisoBell>(html`<aviso-bell lang=${lang} .client=${client}></aviso-bell>`);
  $(el, '.bell')!.click();
  await waitUntil(() => $$(el, '.list .item').length > 0, 'panel loaded');
  return el;
}

describe('<aviso-bell> inbox actions', () => {
  it('marks a row read and unread again without following its link', async () => {
    const n = notification();
    const client = new InboxClient([n, notification({ readAt: new Date().toISOString() })]);
    let navigated = false;
    const el = await openBell(client, 'en');
    el.addEventListener('aviso-navigate', () => (navigated = true));
    const toggle = () => $(el, `[data-id="${n.id}"] .toggle`)!;
    expect(toggle().getAttribute('aria-label')).to.equal('Mark as read');
    toggle().click();
    await waitUntil(() => !$(el, `[data-id="${n.id}"]`)!.classList.contains('unread'), 'read');
    expect(el.unreadCount).to.equal(0);
    expect(toggle().getAttribute('aria-label')).to.equal('Mark as unread');
    toggle().click();
    await waitUntil(() => $(el, `[data-id="${n.id}"]`)!.classList.contains('unread'), 'unread again');
    expect(el.unreadCount).to.equal(1);
    expect($(el, '.badge')!.textContent!.trim()).to.equal('1');
    expect(navigated).to.equal(false);
    expect(el.open).to.equal(true);
  });

  it('follows a mark unread made in another tab', async () => {
    const n = notification({ readAt: new Date().toISOString() });
    const client = new InboxClient([n]);
    const el = await openBell(client);
    client.dispatchEvent(new NotificationUpdatedEvent({ ids: [n.id], unread: true }));
    await el.updateComplete;
    expect($(el, `[data-id="${n.id}"]`)!.classList.contains('unread')).to.equal(true);
    expect($(el, `[data-id="${n.id}"] .sr-only`)!.textContent).to.contain('sin leer');
  });

  it('puts a row marked unread or unarchived in another tab back in its place in this tab’s list', async () => {
    const [older, middle, newer] = [notification(), notification(), notification()];
    middle.readAt = new Date().toISOString();
    const client = new InboxClient([newer, middle, older]);
    const el = await openBell(client);
    $$(el, '[role="tab"]')[1]!.click();
    await waitUntil(() => ids(el).length === 2, 'unread tab loaded');
    expect(ids(el)).to.deep.equal([newer.id, older.id]);
    // Another tab (the hub pushes the notification with the change) marks the middle one unread.
    middle.readAt = null;
    client.dispatchEvent(
      new NotificationUpdatedEvent({ ids: [middle.id], unread: true, item: { ...middle } }),
    );
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([newer.id, middle.id, older.id]);
    expect($(el, `[data-id="${middle.id}"]`)!.classList.contains('unread')).to.equal(true);

    // Archived here, unarchived elsewhere: back in "all" between its neighbours.
    $$(el, '[role="tab"]')[0]!.click();
    await waitUntil(() => ids(el).length === 3, 'all tab loaded');
    await client.archive(middle.id);
    await waitUntil(() => ids(el).length === 2, 'archived here');
    middle.archivedAt = null;
    client.dispatchEvent(
      new NotificationUpdatedEvent({ ids: [middle.id], unarchived: true, item: { ...middle } }),
    );
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([newer.id, middle.id, older.id]);
  });

  it('archives every read row at once, and takes one back out of the archive', async () => {
    const unread = notification();
    const [readA, readB] = [
      notification({ readAt: new Date().toISOString() }),
      notification({ readAt: new Date().toISOString() }),
    ];
    const client = new InboxClient([unread, readA, readB]);
    const el = await openBell(client, 'pt');
    await waitUntil(() => $(el, '.sweep'), 'toolbar loaded');
    expect($(el, '.sweep')!.textContent!.trim()).to.equal('Arquivar as lidas');
    $(el, '.sweep')!.click();
    await waitUntil(() => ids(el).length === 1, 'read rows archived');
    expect(ids(el)).to.deep.equal([unread.id]);

    $$(el, '[role="tab"]')[2]!.click();
    await waitUntil(() => ids(el).length === 2, 'archived tab loaded');
    expect($(el, '.sweep')).to.equal(null);
    expect($(el, '.toggle')).to.equal(null);
    const back = $(el, `[data-id="${readA.id}"] .corner`)!;
    expect(back.getAttribute('aria-label')).to.equal('Desarquivar');
    back.click();
    await waitUntil(() => ids(el).length === 1, 'unarchived');
    expect(ids(el)).to.deep.equal([readB.id]);
    $$(el, '[role="tab"]')[0]!.click();
    await waitUntil(() => ids(el).length === 2, 'back in the inbox');
    expect(ids(el)).to.deep.equal([unread.id, readA.id]);
    expect($(el, `[data-id="${readA.id}"]`)!.classList.contains('unread')).to.equal(false);
  });

  it('filters by category and, across branches, by branch; live ones of another category stay out', async () => {
    const sale = notification({ category: 'sales', branchIds: ['norte'] });
    const stock = notification({ category: 'inventory', type: 'PRODUCTO_STOCK_BAJO', branchIds: ['sur'] });
    const saleSur = notification({ category: 'sales', branchIds: ['sur'] });
    const client = new InboxClient([saleSur, stock, sale]);
    const el = await openBell(client, 'en');
    await waitUntil(() => $(el, 'select[aria-label="Category"]'), 'filters loaded');
    const pick = async (label: string, value: string, count: number) => {
      const select = $(el, `select[aria-label="${label}"]`) as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => ids(el).length === count && !$(el, '[aria-busy="true"]'), `${label} ${value}`);
    };
    expect(
      [...($(el, 'select[aria-label="Category"]') as HTMLSelectElement).options].map((o) => o.text),
    ).to.include('Inventory');
    await waitUntil(() => $(el, 'select[aria-label="Branch"]'), 'branches by name');
    expect(
      [...($(el, 'select[aria-label="Branch"]') as HTMLSelectElement).options].map((o) => [o.value, o.text]),
    ).to.deep.equal([
      ['', 'All branches'],
      ['norte', 'Sucursal Norte'],
      ['sur', 'Sucursal Sur'],
    ]);
    await pick('Category', 'sales', 2);
    expect(ids(el)).to.deep.equal([saleSur.id, sale.id]);
    await pick('Branch', 'sur', 1);
    expect(ids(el)).to.deep.equal([saleSur.id]);
    client.push(notification({ category: 'inventory', branchIds: ['sur'] }));
    client.push(notification({ category: 'sales', branchIds: ['norte'] }));
    const live = notification({ category: 'sales', branchIds: ['sur'] });
    client.push(live);
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([live.id, saleSur.id]);
    await pick('Category', '', 4);
    await pick('Branch', '', 6);
  });

  it('snoozes a row until a chosen time; one snoozed in another tab comes back when the hub says, unread, as a toast', async () => {
    const [other, mine] = [notification(), notification({ readAt: new Date().toISOString() })];
    const client = new InboxClient([mine, other]);
    const el = await openBell(client, 'en');
    const button = $(el, `[data-id="${mine.id}"] .snooze`)!;
    expect(button.getAttribute('aria-label')).to.equal('Snooze');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    // The choices open under the row, the first one focused; pressing the clock again closes them.
    await waitUntil(() => el.shadowRoot!.activeElement?.textContent?.trim() === '1 hour', 'choices focused');
    const menu = $(el, `[data-id="${mine.id}"] .snooze-menu`)!;
    expect(menu.getAttribute('aria-label')).to.equal('Snooze until');
    expect([...menu.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal([
      '1 hour',
      '3 hours',
      'Tomorrow, 9:00',
    ]);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    button.click();
    await waitUntil(() => !$(el, '.snooze-menu'), 'choices closed');
    button.click();
    await waitUntil(() => $(el, '.snooze-menu'), 'choices open again');
    [...$(el, '.snooze-menu')!.querySelectorAll('button')][2]!.click();
    await waitUntil(() => ids(el).length === 1, 'snoozed row gone');
    const [{ id, until }] = client.snoozes as [{ id: string; until: Date }];
    expect(id).to.equal(mine.id);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(9, 0, 0, 0);
    expect(until.getTime()).to.equal(tomorrow.getTime());

    // Another tab snoozed the other one: it leaves here too.
    client.items = client.items.filter((n) => n.id !== other.id);
    client.dispatchEvent(
      new NotificationUpdatedEvent({
        ids: [other.id],
        snoozedUntil: new Date(Date.now() + 200).toISOString(),
      }),
    );
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([]);
    el.toggle(false);
    // Its time came: the hub pushes it back (whole, unread) to every tab, and the new count.
    client.items.unshift(other);
    client.setUnread(1);
    client.dispatchEvent(
      new NotificationUpdatedEvent({ ids: [other.id], snoozeEnded: true, item: { ...other, readAt: null } }),
    );
    await waitUntil(() => $(el, '.toast .message')?.textContent?.includes(other.message), 'back as a toast');
    expect(el.unreadCount).to.equal(1);
    el.toggle(true);
    await waitUntil(() => ids(el).length === 1, 'back in the list');
    expect($(el, '.list .item')!.classList.contains('unread')).to.equal(true);
  });

  it('takes the host’s words for the filter bar and the preferences panel too', async () => {
    const client = new InboxClient([notification()]);
    const el = await fixture<AvisoBell>(
      html`<aviso-bell
        lang="en"
        .client=${client}
        .strings=${{ categoryFilter: 'Area', archiveRead: 'Tidy up', prefCategories: 'Topics' }}
      ></aviso-bell>`,
    );
    $(el, '.bell')!.click();
    await waitUntil(() => $(el, 'select[aria-label="Area"]'), 'filter bar with the host’s label');
    expect($(el, '.sweep')!.textContent!.trim()).to.equal('Tidy up');
    $(el, 'header [aria-label="Preferences"]')!.click();
    await waitUntil(() => $(el, '.prefs legend'), 'preferences loaded');
    expect($(el, '.prefs legend')!.textContent!.trim()).to.equal('Topics');
  });

  it('edits the person’s preferences in the panel and goes back to the list', async () => {
    const client = new InboxClient([notification()]);
    const el = await openBell(client);
    const button = $(el, 'header [aria-label="Preferencias"]')!;
    button.click();
    await waitUntil(() => $(el, 'form.prefs'), 'preferences loaded');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '.list')).to.equal(null);
    const box = (label: string) =>
      $$(el, 'form.prefs label')
        .find((l) => l.textContent!.trim() === label)!
        .querySelector('input')!;
    // A category switched off per channel elsewhere shows on and is kept.
    expect(box('Ventas').checked).to.equal(true);
    box('Inventario').click();
    box('WhatsApp').click();
    box('Horas de silencio').click();
    await el.updateComplete;
    const from = $(el, 'form.prefs input[type="time"]') as HTMLInputElement;
    from.value = '21:30';
    from.dispatchEvent(new Event('change'));
    $(el, 'form.prefs .save')!.click();
    await waitUntil(() => client.saved.length === 1, 'saved');
    expect(client.saved[0]).to.deep.equal({
      categories: { sales: { whatsapp: false }, inventory: false },
      channels: { whatsapp: false },
      quietHours: { start: '21:30', end: '08:00' },
    });
    await waitUntil(() =>
      $(el, 'form.prefs [role="status"]')!.textContent!.includes('Preferencias guardadas'),
    );
    button.click();
    await el.updateComplete;
    expect(ids(el)).to.have.length(1);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
  });

  it('reaches the mark buttons by keyboard', async () => {
    const n = notification();
    const client = new InboxClient([n]);
    const el = await openBell(client);
    $(el, '.list .main')!.focus();
    await sendKeys({ press: 'Tab' });
    expect((el.shadowRoot!.activeElement as HTMLElement).getAttribute('aria-label')).to.equal('Posponer');
    await sendKeys({ press: 'Tab' });
    const active = el.shadowRoot!.activeElement as HTMLElement;
    expect(active.classList.contains('toggle')).to.equal(true);
    expect(active.getAttribute('aria-label')).to.equal('Marcar como leída');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !$(el, '.list .item')!.classList.contains('unread'), 'read by keyboard');
    await sendKeys({ press: 'Tab' });
    expect((el.shadowRoot!.activeElement as HTMLElement).getAttribute('aria-label')).to.equal('Archivar');
  });

  it('opens the snooze choices by keyboard and snoozes with one', async () => {
    const n = notification();
    const client = new InboxClient([n, notification()]);
    const el = await openBell(client);
    const focused = () => (el.shadowRoot!.activeElement as HTMLElement).textContent!.trim();
    $(el, `[data-id="${n.id}"] .main`)!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused() === '1 hora', 'first choice focused');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('3 horas');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !ids(el).includes(n.id), 'snoozed');
    const [{ until }] = client.snoozes as [{ id: string; until: Date }];
    expect(Math.abs(until.getTime() - Date.now() - 3 * 3600_000)).to.be.below(5000);
  });
});
