// Long because it is the element's own tour in Chromium: the badge, the list, text that stays text,
// axe checks, toasts, actions, links and their safety, keyboard and focus, paging, errors, language.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../src/aviso-bell.ts';
import type { AvisoBell } from '../src/aviso-bell.ts';
import type { AvisoActionEvent, AvisoNavigateEvent } from '../src/events.ts';
import { MemoryClient, notification } from './support.ts';

const $ = (el: AvisoBell, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: AvisoBell, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const focused = (el: AvisoBell) => el.shadowRoot!.activeElement as HTMLElement | null;

async function bell(client: MemoryClient, attrs: { lang?: string; duration?: number } = {}) {
  const el = await fixture<AvisoBell>(
    html`<aviso-bell lang=${attrs.lang ?? 'es'} toast-duration=${attrs.duration ?? 6000} .client=${client}></aviso-bell>`,
  );
  await el.updateComplete;
  return el;
}

async function openPanel(el: AvisoBell) {
  $(el, '.bell')!.click();
  await waitUntil(
    () => $$(el, '.list .item').length > 0 || $(el, '.state:not([role="status"])'),
    'panel loaded',
  );
}

describe('<aviso-bell>', () => {
  it('shows the unread count, 99+ past 99, and says it in the label', async () => {
    const client = new MemoryClient([notification(), notification()]);
    const el = await bell(client);
    expect($(el, '.badge')!.textContent!.trim()).to.equal('2');
    expect($(el, '.bell')!.getAttribute('aria-label')).to.equal('Notificaciones, 2 sin leer');
    client.setUnread(150);
    await el.updateComplete;
    expect($(el, '.badge')!.textContent!.trim()).to.equal('99+');
    client.setUnread(0);
    await el.updateComplete;
    expect($(el, '.badge')).to.equal(null);
  });

  it('lists notifications newest first with icon, relative time and unread dot, in the page language', async () => {
    const older = notification({
      createdAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      readAt: new Date().toISOString(),
    });
    const newer = notification({ type: 'PRODUCTO_STOCK_BAJO', icon: 'low-stock', severity: 'warning' });
    const el = await bell(new MemoryClient([newer, older]), { lang: 'en' });
    await openPanel(el);
    const items = $$(el, '.list .item');
    expect(items.map((i) => i.dataset.id)).to.deep.equal([newer.id, older.id]);
    expect(items[0]!.classList.contains('unread')).to.equal(true);
    expect(items[0]!.classList.contains('warning')).to.equal(true);
    expect(items[1]!.classList.contains('unread')).to.equal(false);
    expect(items[0]!.querySelector('svg path')).to.exist;
    expect(items[0]!.querySelector('time')!.textContent).to.equal('1 minute ago');
    expect(items[1]!.querySelector('time')!.textContent).to.equal('3 hours ago');
    expect($$(el, '[role="tab"]').map((t) => t.textContent!.trim())).to.deep.equal([
      'All',
      'Unread',
      'Archived',
    ]);
  });

  it('renders text containing HTML as text, never as markup', async () => {
    const evil = notification({
      title: '<b>bold</b>',
      message: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
    });
    const el = await bell(new MemoryClient([evil]));
    await openPanel(el);
    const item = $(el, '.list .item')!;
    expect(item.querySelector('img, script, b')).to.equal(null);
    expect(item.querySelector('.message')!.textContent).to.equal(evil.message);
    expect(item.querySelector('.title')!.textContent).to.equal('<b>bold</b>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('passes axe checks closed, open and with a toast', async () => {
    const client = new MemoryClient([
      notification({ actions: [{ id: 'ok', label: 'Confirmar', style: 'primary' }] }),
    ]);
    const el = await bell(client);
    await expect(el).to.be.accessible();
    client.push(notification({ severity: 'critical' }));
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(1);
    // Contrast is measured on the settled toast, not halfway through its fade-in.
    await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
    await expect(el).to.be.accessible();
    await openPanel(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('stacks toasts up to the maximum, newest first, and closes one with its button', async () => {
    const client = new MemoryClient();
    const el = await bell(client);
    const pushed = [1, 2, 3, 4].map(() => notification());
    for (const n of pushed) client.push(n);
    await el.updateComplete;
    const ids = () => $$(el, '.toast .item').map((t) => t.dataset.id);
    expect(ids()).to.deep.equal([pushed[3]!.id, pushed[2]!.id, pushed[1]!.id]);
    expect($(el, '.toasts')!.getAttribute('aria-live')).to.equal('polite');
    expect($(el, '.badge')!.textContent!.trim()).to.equal('4');
    ($(el, '.toast [part="toast-close"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(ids()).to.deep.equal([pushed[2]!.id, pushed[1]!.id]);
    expect(client.seenIds).to.include(pushed[3]!.id);
  });

  it('auto-dismisses toasts, but not while hovered or focused', async () => {
    const client = new MemoryClient();
    const el = await bell(client, { duration: 400 });
    const hovered = notification();
    client.push(hovered);
    await el.updateComplete;
    const box = $(el, '.toast')!.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await aTimeout(700);
    expect($$(el, '.toast')).to.have.length(1);
    await sendMouse({ type: 'move', position: [1, 1] });
    await waitUntil(() => $$(el, '.toast').length === 0, 'toast leaves after the pointer does', {
      timeout: 3000,
    });

    client.push(notification());
    await el.updateComplete;
    ($(el, '.toast .main') as HTMLButtonElement).focus();
    await aTimeout(700);
    expect($$(el, '.toast')).to.have.length(1);
    ($(el, '.toast .main') as HTMLButtonElement).blur();
    await waitUntil(() => $$(el, '.toast').length === 0, 'toast leaves after focus does', { timeout: 3000 });
  });

  it('shows no toast over the open panel: the item appears at the top of the list', async () => {
    const client = new MemoryClient([notification()]);
    const el = await bell(client);
    await openPanel(el);
    const live = notification({ message: 'live one' });
    client.push(live);
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(0);
    expect($(el, '.list .item')!.dataset.id).to.equal(live.id);
  });

  it('counts and shows a notification delivered twice (replay overlap) once', async () => {
    const client = new MemoryClient();
    const el = await bell(client);
    const n = notification();
    client.push(n);
    client.push({ ...n });
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(1);
    expect($(el, '.badge')!.textContent!.trim()).to.equal('1');
  });

  it('offers the notification actions as buttons and reports the choice', async () => {
    const n = notification({
      actions: [
        { id: 'confirm', label: 'Confirmar', style: 'primary' },
        { id: 'cancel', label: 'Cancelar' },
      ],
    });
    const el = await bell(new MemoryClient([n]));
    await openPanel(el);
    const buttons = $$(el, '.list [part="action"]');
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Confirmar', 'Cancelar']);
    let navigated = false;
    el.addEventListener('aviso-navigate', () => (navigated = true));
    setTimeout(() => buttons[0]!.click());
    const event = (await oneEvent(el, 'aviso-action')) as AvisoActionEvent;
    expect(event.actionId).to.equal('confirm');
    expect(event.notification.id).to.equal(n.id);
    expect(navigated, 'an action button does not open the link').to.equal(false);
  });

  it('lets the host suppress a toast or turn toasts off', async () => {
    const client = new MemoryClient();
    const el = await bell(client);
    el.addEventListener('aviso-notification', (e) => e.preventDefault(), { once: true });
    client.push(notification());
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(0);
    el.toasts = 'off';
    client.push(notification());
    await el.updateComplete;
    expect($(el, '.toasts')).to.equal(null);
    expect($(el, '.badge')!.textContent!.trim()).to.equal('2');
  });

  it('clicking an item marks it read and fires a cancelable aviso-navigate with its link', async () => {
    const n = notification({ link: '#/ventas/V-77' });
    const client = new MemoryClient([n]);
    const el = await bell(client);
    await openPanel(el);
    setTimeout(() => $(el, '.list .main')!.click());
    const event = (await oneEvent(el, 'aviso-navigate')) as AvisoNavigateEvent;
    expect(event.link).to.equal('#/ventas/V-77');
    expect(event.cancelable).to.equal(true);
    expect(location.hash).to.equal('#/ventas/V-77');
    await waitUntil(() => !$(el, '.badge'), 'badge cleared');
    expect(el.open).to.equal(false);

    location.hash = '';
    el.addEventListener('aviso-navigate', (e) => e.preventDefault(), { once: true });
    client.push(notification({ link: '#/gastos/G-1' }));
    await el.updateComplete;
    $(el, '.toast .main')!.click();
    expect(location.hash).to.equal('');
  });

  it('refuses unsafe links: javascript: and other origins', async () => {
    const bad = [
      notification({ link: 'javascript:window.__pwned=1' }),
      notification({ link: 'https://evil.example.com/phish' }),
      notification({ link: '//evil.example.com/x' }),
    ];
    const el = await bell(new MemoryClient(bad));
    let navigations = 0;
    el.addEventListener('aviso-navigate', () => navigations++);
    await openPanel(el);
    for (const button of $$(el, '.list .main')) button.click();
    await aTimeout(50);
    expect(navigations).to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(location.href).to.not.contain('evil');
  });

  it('follows the host link templates and allowed origins', async () => {
    const n = notification({ type: 'NUEVA_VENTA', entityId: 'V 9', link: '#/ventas/V%209' });
    const el = await bell(new MemoryClient([n]));
    el.linkTemplates = { NUEVA_VENTA: 'https://erp.example.com/sales/{entityId}' };
    el.allowedOrigins = ['https://erp.example.com'];
    el.addEventListener('aviso-navigate', (e) => e.preventDefault());
    await openPanel(el);
    setTimeout(() => $(el, '.list .main')!.click());
    const event = (await oneEvent(el, 'aviso-navigate')) as AvisoNavigateEvent;
    expect(event.link).to.equal('https://erp.example.com/sales/V%209');
    expect(event.defaultPrevented).to.equal(true);
  });

  it('is usable by keyboard: arrows move, Tab is trapped, Escape closes and returns focus', async () => {
    const el = await bell(new MemoryClient([notification(), notification(), notification()]));
    $(el, '.bell')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '.list .item').length === 3, 'items');
    expect(focused(el)!.getAttribute('role')).to.equal('tab');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focused(el)?.textContent?.trim() === 'No leídas', 'unread tab focused');
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => $$(el, '.list .item').length === 3, 'all tab again');

    const rows = () => $$(el, '.list .main');
    rows()[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el) === rows()[1], 'focus').to.equal(true);
    await sendKeys({ press: 'End' });
    expect(focused(el) === rows()[2], 'focus').to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(el) === rows()[1], 'focus').to.equal(true);

    const panel = $(el, '.panel')!;
    const focusable = [...panel.querySelectorAll<HTMLElement>('button, [tabindex]')].filter(
      (b) => b.tabIndex >= 0 && !b.matches(':disabled'),
    );
    focusable.at(-1)!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el) === focusable[0], 'focus').to.equal(true);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(el) === focusable.at(-1), 'focus').to.equal(true);

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(focused(el) === $(el, '.bell'), 'focus').to.equal(true);
  });

  it('loads more by cursor when scrolled to the end, and shows the empty state per tab', async () => {
    const many = Array.from({ length: 30 }, () => notification());
    const client = new MemoryClient(many);
    const el = await bell(client);
    await openPanel(el);
    expect($$(el, '.list .item')).to.have.length(20);
    const list = $(el, '.list')!;
    list.scrollTop = list.scrollHeight;
    await waitUntil(() => $$(el, '.list .item').length === 30, 'second page');
    ($$(el, '[role="tab"]')[2] as HTMLButtonElement).click();
    await waitUntil(() => $(el, '.state')?.textContent?.includes('archivadas'), 'archived empty state');
  });

  it('shows an error with a retry, and a "reconnecting" banner while retrying', async () => {
    const client = new MemoryClient([notification()]);
    client.failures = 1;
    const el = await bell(client, { lang: 'en' });
    $(el, '.bell')!.click();
    await waitUntil(() => $(el, '.state[role="alert"]'), 'error state');
    expect($(el, '.state')!.textContent).to.contain('could not be loaded');
    ($(el, '.state button') as HTMLButtonElement).click();
    await waitUntil(() => $$(el, '.list .item').length === 1, 'retry loads the inbox');
    client.goOffline();
    await el.updateComplete;
    expect($(el, '.offline')!.textContent).to.equal('Reconnecting…');
  });

  it('speaks Spanish, English and Portuguese, and takes string overrides', async () => {
    const el = await bell(new MemoryClient());
    expect($(el, '.bell')!.getAttribute('aria-label')).to.equal('Notificaciones');
    el.setAttribute('lang', 'pt-BR');
    await el.updateComplete;
    expect($(el, '.bell')!.getAttribute('aria-label')).to.equal('Notificações');
    el.setAttribute('lang', 'en');
    el.strings = { bell: 'Alerts' };
    await el.updateComplete;
    expect($(el, '.bell')!.getAttribute('aria-label')).to.equal('Alerts');
  });

  it('uses the host icon for a type', async () => {
    const el = await bell(new MemoryClient([notification({ type: 'NUEVA_VENTA' })]));
    el.icons = { NUEVA_VENTA: 'M1 1h22v22H1z' };
    await openPanel(el);
    expect($(el, '.list [part="icon"] path')!.getAttribute('d')).to.equal('M1 1h22v22H1z');
  });
});
