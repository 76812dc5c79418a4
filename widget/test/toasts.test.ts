import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import '../src/aviso-bell.ts';
import type { AvisoBell } from '../src/aviso-bell.ts';
import type { AvisoNavigateEvent } from '../src/events.ts';
import { MemoryClient, notification } from './support.ts';

const $ = (el: AvisoBell, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: AvisoBell, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const center = (r: DOMRect): [number, number] => [
  Math.round(r.x + r.width / 2),
  Math.round(r.y + r.height / 2),
];

/** A bell fixed at one place on the screen, as a host's header or sidebar puts it. */
async function placed(client: MemoryClient, where: string, attrs = '') {
  const box = await fixture<HTMLElement>(
    html`<div style="position: fixed; ${where}"><aviso-bell lang="es" .client=${client}></aviso-bell></div>`,
  );
  const el = box.querySelector('aviso-bell')!;
  for (const [name, value] of attrs
    .split(' ')
    .filter(Boolean)
    .map((a) => a.split('='))) {
    el.setAttribute(name!, value ?? '');
  }
  await el.updateComplete;
  // With `sound` or `desktop-notifications`, the alerts load as a chunk of their own.
  if (/sound|desktop/.test(attrs))
    await waitUntil(() => (el as unknown as { alerts?: unknown }).alerts, 'alerts loaded');
  return el;
}

describe('toasts', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('go by default to the corner away from the bell, never over it', async () => {
    const client = new MemoryClient();
    const topRight = await placed(client, 'top: 8px; right: 8px');
    client.push(notification({ severity: 'critical', message: 'Caja abierta sin supervisor' }));
    client.push(notification());
    await topRight.updateComplete;
    const bell = $(topRight, '.bell')!.getBoundingClientRect();
    for (const toast of $$(topRight, '.toast')) {
      expect(overlap(toast.getBoundingClientRect(), bell), 'a toast over the bell').to.equal(false);
    }
    expect($(topRight, '.toasts')!.getBoundingClientRect().bottom).to.be.greaterThan(innerHeight / 2);
    // The bell stays clickable while the critical toast stays.
    const hit = topRight.shadowRoot!.elementFromPoint(...center(bell));
    expect(hit?.closest('.bell'), 'the bell is on top at its own place').to.exist;

    const other = new MemoryClient();
    const bottomLeft = await placed(other, 'bottom: 8px; left: 8px');
    other.push(notification());
    await bottomLeft.updateComplete;
    const box = $(bottomLeft, '.toast')!.getBoundingClientRect();
    expect(box.top).to.be.lessThan(innerHeight / 2);
    expect(box.left).to.be.lessThan(innerWidth / 2);
  });

  it('go where `toast-position` says', async () => {
    const client = new MemoryClient();
    const el = await placed(client, 'top: 8px; right: 8px', 'toast-position=top-left');
    client.push(notification());
    await el.updateComplete;
    const box = $(el, '.toast')!.getBoundingClientRect();
    expect(box.top).to.be.lessThan(40);
    expect(box.left).to.be.lessThan(40);
    el.setAttribute('toast-position', 'bottom-center');
    await el.updateComplete;
    const moved = $(el, '.toast')!.getBoundingClientRect();
    expect(moved.bottom).to.be.greaterThan(innerHeight - 40);
    expect(Math.abs(moved.left + moved.width / 2 - innerWidth / 2)).to.be.lessThan(2);
  });

  it('hide while the panel is open, and come back when it closes', async () => {
    const client = new MemoryClient();
    const el = await placed(client, 'top: 8px; right: 8px');
    client.push(notification({ severity: 'critical' }));
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(1);
    el.toggle(true);
    await el.updateComplete;
    expect($$(el, '.toast'), 'no toast over the open panel').to.have.length(0);
    el.toggle(false);
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(1);
  });

  it('say how many more there are beyond the maximum ("+7 más"), which opens the inbox', async () => {
    const client = new MemoryClient();
    const el = await placed(client, 'top: 8px; right: 8px');
    for (let i = 0; i < 10; i++) client.push(notification());
    await el.updateComplete;
    expect($$(el, '.toast')).to.have.length(3);
    const summary = $(el, '[part="toast-summary"]')!;
    expect(summary.textContent!.trim()).to.equal('+7 más');
    summary.click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
  });

  it('show the severity stripe in the severity colour', async () => {
    const client = new MemoryClient();
    const el = await placed(client, 'top: 8px; right: 8px');
    client.push(notification({ severity: 'critical' }));
    client.push(notification({ severity: 'warning' }));
    await el.updateComplete;
    const [warning, critical] = $$(el, '.toast').map((t) => getComputedStyle(t));
    expect(critical!.borderLeftWidth).to.equal('4px');
    expect(critical!.borderLeftColor).to.equal('rgb(200, 16, 46)');
    expect(warning!.borderLeftColor).to.equal('rgb(154, 103, 0)');
  });

  it('show one toast on a phone, which a swipe dismisses', async () => {
    const [width, height] = [innerWidth, innerHeight];
    await setViewport({ width: 375, height: 700 });
    try {
      const client = new MemoryClient();
      const el = await placed(client, 'top: 4px; right: 4px');
      const first = notification();
      client.push(first);
      client.push(notification({ message: 'La segunda' }));
      await el.updateComplete;
      expect($$(el, '.toast')).to.have.length(1);
      expect($(el, '.toast .message')!.textContent).to.equal('La segunda');
      expect($(el, '[part="toast-summary"]')!.textContent!.trim()).to.equal('+1 más');
      const box = $(el, '.toast')!.getBoundingClientRect();
      expect(box.left).to.be.at.most(12);
      expect(box.right).to.be.at.least(375 - 12);

      let navigated = false;
      el.addEventListener('aviso-navigate', () => (navigated = true));
      const [x, y] = center(box);
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x + 60, y] });
      await sendMouse({ type: 'move', position: [x + 160, y] });
      await sendMouse({ type: 'up' });
      await el.updateComplete;
      expect($$(el, '.toast'), 'swiped away').to.have.length(0);
      expect(navigated, 'a swipe is not a click').to.equal(false);
    } finally {
      await setViewport({ width, height });
    }
  });

  it('show the answered action at once, and give the buttons back when the hub refuses', async () => {
    const client = new MemoryClient();
    const el = await placed(client, 'top: 8px; right: 8px');
    const actions = [
      { id: 'confirm', label: 'Confirmar', style: 'primary' as const },
      { id: 'reject', label: 'Rechazar', style: 'danger' as const },
    ];
    let release = () => {};
    client.actionGate = new Promise((r) => (release = r));
    client.push(notification({ actions, severity: 'critical' }));
    await el.updateComplete;
    const buttons = () => $$(el, '.toast [part="action"]') as HTMLButtonElement[];
    buttons()[0]!.click();
    await el.updateComplete;
    expect(buttons().map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false']);
    expect(buttons().every((b) => b.disabled)).to.equal(true);
    release();
    await waitUntil(() => client.items[0]!.actionId === 'confirm', 'the hub has the answer');
    await el.updateComplete;
    expect(buttons()[0]!.getAttribute('aria-pressed')).to.equal('true');
    expect(buttons()[0]!.querySelector('svg'), 'a check mark').to.exist;

    client.refuseAction = new Error('409 ALREADY_ANSWERED');
    client.push(notification({ actions }));
    await el.updateComplete;
    const warn = console.warn;
    console.warn = () => {};
    try {
      buttons()[0]!.click();
      await el.updateComplete;
      expect(buttons()[0]!.getAttribute('aria-pressed')).to.equal('true');
      await waitUntil(() => !buttons()[0]!.disabled, 'the buttons come back');
      expect(buttons()[0]!.hasAttribute('aria-pressed')).to.equal(false);
    } finally {
      console.warn = warn;
    }
  });
});

describe('critical alerts', () => {
  it('beep only with `sound`, only for critical, once the page had a click', async () => {
    const started: number[] = [];
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      started.push(this.frequency.value);
      return start.call(this, when);
    };
    try {
      const quiet = new MemoryClient();
      const plain = await placed(quiet, 'top: 8px; right: 8px');
      await sendMouse({ type: 'click', position: [2, 300] });
      quiet.push(notification({ severity: 'critical' }));
      await plain.updateComplete;
      expect(started, 'off by default').to.have.length(0);

      const client = new MemoryClient();
      const el = await placed(client, 'top: 8px; right: 8px', 'sound');
      await sendMouse({ type: 'click', position: [2, 300] });
      client.push(notification({ severity: 'info' }));
      expect(started, 'not for info').to.have.length(0);
      client.push(notification({ severity: 'critical' }));
      await el.updateComplete;
      expect(started.length).to.be.greaterThan(0);
    } finally {
      OscillatorNode.prototype.start = start;
    }
  });

  it('show a desktop notification with `desktop-notifications`, asking permission on a click on the bell only', async () => {
    // The browser's permission prompt and notification centre, played by a stand-in.
    const shown: { title: string; options: NotificationOptions; onclick: (() => void) | null }[] = [];
    let asked = 0;
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static async requestPermission() {
        asked += 1;
        FakeNotification.permission = 'granted';
        return FakeNotification.permission;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        shown.push(Object.assign(this, { title, options }) as never);
      }
      close() {}
    }
    const real = window.Notification;
    const hasFocus = document.hasFocus;
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
    try {
      const client = new MemoryClient();
      const el = await placed(client, 'top: 8px; right: 8px', 'desktop-notifications');
      client.push(notification({ severity: 'critical' }));
      await sendMouse({ type: 'click', position: [2, 300] });
      expect(asked, 'not asked without a click on the bell').to.equal(0);

      await sendMouse({ type: 'click', position: center($(el, '.bell')!.getBoundingClientRect()) });
      expect(asked).to.equal(1);
      el.toggle(false);
      // The window is behind another one: the desktop notification is what the cashier sees.
      document.hasFocus = () => false;
      const alarm = notification({ severity: 'critical', title: 'Cajón abierto', message: 'Caja 2' });
      client.push(notification({ severity: 'warning' }));
      client.push(alarm);
      expect(shown.map((s) => [s.title, s.options.body, s.options.tag])).to.deep.equal([
        ['Cajón abierto', 'Caja 2', alarm.id],
      ]);
      el.addEventListener('aviso-navigate', (e) => e.preventDefault(), { once: true });
      setTimeout(() => shown[0]!.onclick!());
      const opened = (await oneEvent(el, 'aviso-navigate')) as AvisoNavigateEvent;
      expect(opened.notification.id).to.equal(alarm.id);
    } finally {
      Object.defineProperty(window, 'Notification', { value: real, configurable: true });
      document.hasFocus = hasFocus;
    }
  });
});
