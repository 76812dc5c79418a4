import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../src/aviso-bell.ts';
import type { AvisoBell } from '../src/aviso-bell.ts';
import { MemoryClient, notification } from './support.ts';

const $ = (el: AvisoBell, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: AvisoBell, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const focused = (el: AvisoBell) => el.shadowRoot!.activeElement as HTMLElement | null;

/** WCAG contrast ratio of two computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function openPanel(el: AvisoBell) {
  el.toggle(true);
  await waitUntil(() => $$(el, '.list .item').length > 0 || $(el, '.state'), 'panel loaded');
  await el.updateComplete;
}

describe('layout', () => {
  it('does not inherit the page’s text styles', async () => {
    const box = await fixture<HTMLElement>(html`<div
      style="text-align: right; line-height: 3; letter-spacing: 4px; word-spacing: 12px; text-transform: uppercase; white-space: nowrap; font-style: italic; text-indent: 30px"
    >
      <aviso-bell lang="es" .client=${new MemoryClient([notification({ title: 'Nueva venta' })])}></aviso-bell>
    </div>`);
    const el = box.querySelector('aviso-bell')!;
    await openPanel(el);
    for (const selector of ['h2', '.list .main', '.list time']) {
      const style = getComputedStyle($(el, selector)!);
      expect(style.textAlign, selector).to.be.oneOf(['start', 'left']);
      expect(style.letterSpacing, selector).to.equal('normal');
      expect(style.wordSpacing, selector).to.equal('0px');
      expect(style.textTransform, selector).to.equal('none');
      expect(style.whiteSpace, selector).to.equal('normal');
      expect(style.fontStyle, selector).to.equal('normal');
      expect(style.textIndent, selector).to.equal('0px');
    }
  });

  it('keeps the panel on screen: rightwards from a left sidebar, upwards from the bottom, clamped on a phone', async () => {
    const inView = (r: DOMRect, width = innerWidth) => {
      expect(r.left, 'left edge').to.be.at.least(0);
      expect(r.right, 'right edge').to.be.at.most(width);
      expect(r.top, 'top edge').to.be.at.least(0);
      expect(r.bottom, 'bottom edge').to.be.at.most(innerHeight);
    };
    const items = Array.from({ length: 8 }, () => notification());
    for (const where of ['top: 8px; left: 8px', 'bottom: 8px; right: 8px', 'bottom: 8px; left: 40%']) {
      const box = await fixture<HTMLElement>(
        html`<nav style="position: fixed; ${where}"><aviso-bell lang="es" .client=${new MemoryClient(items)}></aviso-bell></nav>`,
      );
      const el = box.querySelector('aviso-bell')!;
      await openPanel(el);
      inView($(el, '.panel')!.getBoundingClientRect());
    }
    const [width, height] = [innerWidth, innerHeight];
    await setViewport({ width: 360, height: 640 });
    try {
      const box = await fixture<HTMLElement>(
        html`<nav style="position: fixed; top: 4px; left: 120px"><aviso-bell lang="es" .client=${new MemoryClient(items)}></aviso-bell></nav>`,
      );
      const el = box.querySelector('aviso-bell')!;
      await openPanel(el);
      inView($(el, '.panel')!.getBoundingClientRect(), 360);
    } finally {
      await setViewport({ width, height });
    }
  });

  it('follows a dark system with theme="auto": dark severity and badge colours', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const client = new MemoryClient([
        notification({ severity: 'critical' }),
        notification({ severity: 'success' }),
      ]);
      const el = await fixture<AvisoBell>(
        html`<aviso-bell lang="es" theme="auto" .client=${client}></aviso-bell>`,
      );
      await openPanel(el);
      expect(getComputedStyle($(el, '.badge')!).backgroundColor).to.equal('rgb(218, 54, 51)');
      const [critical, success] = $$(el, '.list .glyph').map((g) => getComputedStyle(g).color);
      expect(critical).to.equal('rgb(248, 81, 73)');
      expect(success).to.equal('rgb(63, 185, 80)');
      expect(getComputedStyle($(el, '.panel')!).backgroundColor).to.equal('rgb(27, 31, 36)');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  for (const [theme, scheme] of [
    ['light', 'light'],
    ['dark', 'light'],
    ['auto', 'dark'],
  ] as const) {
    it(`meets WCAG AA contrast with theme="${theme}" (system ${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      try {
        const client = new MemoryClient([
          notification({
            severity: 'critical',
            actions: [
              { id: 'ok', label: 'Confirmar', style: 'primary' },
              { id: 'no', label: 'Rechazar', style: 'danger' },
            ],
          }),
          notification({ severity: 'warning', title: '' }),
        ]);
        const el = await fixture<AvisoBell>(
          html`<aviso-bell lang="es" theme=${theme} .client=${client}></aviso-bell>`,
        );
        await openPanel(el);
        client.goOffline();
        await el.updateComplete;
        const panelBg = getComputedStyle($(el, '.panel')!).backgroundColor;
        const primary = getComputedStyle($(el, '.primary')!);
        expect(contrast(primary.color, primary.backgroundColor), 'primary action').to.be.at.least(4.5);
        const badge = getComputedStyle($(el, '.badge')!);
        expect(contrast(badge.color, badge.backgroundColor), 'badge').to.be.at.least(4.5);
        const banner = getComputedStyle($(el, '.offline')!);
        expect(contrast(banner.color, banner.backgroundColor), 'banner').to.be.at.least(4.5);
        const danger = getComputedStyle($(el, '.danger')!);
        expect(contrast(danger.color, panelBg), 'danger action').to.be.at.least(4.5);
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });
  }

  it('marks untitled unread notifications, and never leaves the unread dot alone on a line', async () => {
    const titles = Array.from(
      { length: 36 },
      (_, i) => `Venta registrada${' en caja'.repeat(1 + (i % 12))}${'x'.repeat(i)}`,
    );
    const items = titles.flatMap((title) => [
      notification({ title }),
      notification({ title, readAt: new Date().toISOString() }),
    ]);
    const untitled = notification({ title: '', message: 'Sin título' });
    const client = new MemoryClient([untitled, ...items]);
    client.pageSize = 100;
    const el = await fixture<AvisoBell>(html`<aviso-bell lang="es" .client=${client}></aviso-bell>`);
    await openPanel(el);
    const rows = $$(el, '.list .item');
    const dot = (row: HTMLElement) =>
      [...row.querySelectorAll('*')].some((node) => {
        for (const pseudo of ['::before', '::after']) {
          const s = getComputedStyle(node, pseudo);
          if (s.content !== 'none' && s.backgroundColor === 'rgb(11, 99, 206)') return true;
        }
        return false;
      });
    expect(rows[0]!.classList.contains('unread')).to.equal(true);
    expect(dot(rows[0]!), 'the untitled one has a dot').to.equal(true);
    // Each title twice, unread then read: the dot must not add a line of its own.
    for (let i = 1; i < rows.length; i += 2) {
      const unread = rows[i]!.querySelector('.title')!.getBoundingClientRect().height;
      const read = rows[i + 1]!.querySelector('.title')!.getBoundingClientRect().height;
      expect(unread, `title ${(i - 1) / 2}`).to.equal(read);
    }
  });
});

describe('keyboard', () => {
  it('keeps Tab inside the panel with a few items', async () => {
    const el = await fixture<AvisoBell>(
      html`<aviso-bell lang="es" .client=${new MemoryClient([notification(), notification()])}></aviso-bell>`,
    );
    $(el, '.bell')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '.list .item').length === 2, 'items');
    const panel = $(el, '.panel')!;
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === el && panel.contains(focused(el)), `Tab ${i + 1} stays in`).to.equal(
        true,
      );
    }
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      expect(panel.contains(focused(el)), `Shift+Tab ${i + 1} stays in`).to.equal(true);
    }
    await sendKeys({ up: 'Shift' });
  });

  it('keeps focus in the panel after "mark all read" by keyboard, and Escape still closes it', async () => {
    const client = new MemoryClient([notification(), notification()]);
    const el = await fixture<AvisoBell>(html`<aviso-bell lang="es" .client=${client}></aviso-bell>`);
    await openPanel(el);
    const markAll = $(el, `[aria-label="Marcar todas como leídas"]`)!;
    markAll.focus();
    client.readAll = async () => {
      for (const n of client.items) n.readAt = new Date().toISOString();
      client.setUnread(0);
    };
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.unreadCount === 0, 'all read');
    await el.updateComplete;
    expect($(el, '.panel')!.contains(focused(el)), 'focus stays in the panel').to.equal(true);
    expect(markAll.getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(focused(el) === $(el, '.bell'), 'back on the bell').to.equal(true);
  });

  it('moves focus to the next row after archiving one by keyboard', async () => {
    const items = [notification(), notification(), notification()];
    const client = new MemoryClient(items);
    client.archive = async (id: string) => {
      const n = client.items.find((i) => i.id === id)!;
      n.archivedAt = new Date().toISOString();
      client.dispatchEvent(
        Object.assign(new Event('updated'), { update: { ids: [id], archivedAt: n.archivedAt } }),
      );
    };
    const el = await fixture<AvisoBell>(html`<aviso-bell lang="es" .client=${client}></aviso-bell>`);
    await openPanel(el);
    $$(el, '.list [part="archive"]')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '.list .item').length === 2, 'archived');
    await waitUntil(
      () => focused(el)?.closest('.item')?.getAttribute('data-id') === items[1]!.id,
      'next row',
    );
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });
});

describe('language', () => {
  const tokenWith = (claims: object) =>
    `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

  it('speaks the person’s language when the page gives no lang, before the browser’s', async () => {
    const client = new MemoryClient();
    client.setToken(tokenWith({ sub: 'cajero-1', locale: 'pt-BR' }));
    const el = await fixture<AvisoBell>(html`<aviso-bell .client=${client}></aviso-bell>`);
    expect(document.documentElement.lang).to.equal('');
    expect($(el, '.bell')!.getAttribute('aria-label')).to.equal('Notificações');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect($(el, '.bell')!.getAttribute('aria-label'), 'an explicit lang wins').to.equal('Notifications');
  });
});
