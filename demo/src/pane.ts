// Long because it draws every screen of the demo POS (sales, stock, transfers, reservations,
// payments) with plain template strings; each screen is one function below.
import type { AvisoBell } from '@aviso/widget';
import { api, type Branch, esc, fmtDate, fmtMoney, type Line, type Session, type State } from './api.ts';
import { type Route, route } from './router.ts';

const as = new URLSearchParams(location.search).get('as') ?? 'owner';
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
let session: Session;
let state: State;
let bell: AvisoBell | undefined;
/** The branch this screen works in: the cashier's own one, or the one the owner picked. */
let branchId = 'central';
let notice = '';

const PAGES: [string, string][] = [
  ['ventas', 'Ventas'],
  ['inventarios', 'Inventario'],
  ['traspasos', 'Traspasos'],
  ['gastos', 'Gastos'],
  ['compras', 'Compras'],
  ['productos', 'Productos'],
  ['clientes', 'Clientes'],
  ['pedidos', 'Pedidos web'],
  ['reservas', 'Reservas'],
];

const isOwner = () => session.persona.role === 'owner';
const name = (id: string | null) =>
  id ? (session.branches.find((b: Branch) => b.id === id)?.name ?? id) : 'A domicilio';
/** Whether a document of these branches belongs on this screen: the owner sees all of them. */
const mine = (...ids: (string | null)[]) => isOwner() || ids.includes(branchId);
const link = (page: string, id: string, text = id) =>
  `<a href="#/${page}/${encodeURIComponent(id)}">${esc(text)}</a>`;

function linesTable(items: Line[]) {
  const rows = items
    .map(
      (l) =>
        `<tr><td>${esc(l.sku)}</td><td>${esc(l.name)}</td><td class="n">${l.qty}</td><td class="n">${fmtMoney(l.price * l.qty)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>SKU</th><th>Producto</th><th class="n">Cant.</th><th class="n">Importe</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function detail(title: string, found: boolean, body: () => string, back: string) {
  const inner = found
    ? body()
    : `<p class="muted">No está en esta sesión de la demo (la demo guarda sus documentos en memoria).</p>`;
  return `<article class="card detail" data-testid="detail"><h2>${esc(title)}</h2>${inner}<p><a href="#/${back}">← Volver</a></p></article>`;
}

function productOptions() {
  return state.products
    .map(
      (p) =>
        `<option value="${esc(p.id)}">${esc(p.sku)} · ${esc(p.name)} (${p.stock[branchId] ?? 0})</option>`,
    )
    .join('');
}
const otherBranches = () =>
  session.branches
    .filter((b) => b.id !== branchId)
    .map((b) => `<option value="${esc(b.id)}">${esc(b.name)}</option>`)
    .join('');

const VIEWS: Record<string, (r: Route) => string> = {
  ventas(r) {
    if (r.id) {
      const s = state.sales.find((x) => x.id === r.id);
      const kind =
        s?.kind === 'mostrador'
          ? 'Venta'
          : s?.kind === 'retiro'
            ? 'Pedido web para retiro'
            : 'Pedido web a domicilio';
      return detail(
        `${kind} ${r.id}`,
        !!s,
        () =>
          `<p>${esc(name(s!.branchId))} · ${fmtDate(s!.at)} · ${esc(s!.customerName ?? s!.by)}</p>${linesTable(s!.items)}<p class="total">Total ${fmtMoney(s!.total)}</p>`,
        'ventas',
      );
    }
    const rows = state.products
      .map((p) => {
        const have = p.stock[branchId] ?? 0;
        return `<tr><td>${esc(p.name)}<br><small>${esc(p.sku)} · mín. ${p.min}</small></td><td class="n ${have <= p.min ? 'low' : ''}">${have}</td><td class="n"><input type="number" min="0" max="${have}" name="${esc(p.id)}" aria-label="Cantidad de ${esc(p.name)}" value="0"></td></tr>`;
      })
      .join('');
    const sales = state.sales
      .filter((s) => mine(s.branchId))
      .slice(0, 8)
      .map(
        (s) =>
          `<li>${link('ventas', s.id)} · ${esc(name(s.branchId))} · ${fmtMoney(s.total)} <small>${fmtDate(s.at)}</small></li>`,
      )
      .join('');
    return `<form class="card" data-form="sale"><h2>Nueva venta en ${esc(name(branchId))}</h2>
      <table><thead><tr><th>Producto</th><th class="n">Existencia</th><th class="n">Cant.</th></tr></thead><tbody>${rows}</tbody></table>
      <div class="row"><button type="button" data-act="fill-low" class="ghost">Llenar una venta que deja 2 productos en su mínimo</button><button type="submit">Registrar venta</button></div></form>
      <section class="card"><h2>Últimas ventas</h2><ul class="list">${sales || '<li class="muted">Sin ventas todavía.</li>'}</ul></section>`;
  },
  inventarios(r) {
    const low = r.query.get('status') === 'low_stock';
    const search = (r.query.get('search') ?? '').trim().toLowerCase();
    const branches = isOwner() ? session.branches : session.branches.filter((b) => b.id === branchId);
    const isLow = (p: State['products'][number]) => branches.some((b) => (p.stock[b.id] ?? 0) <= p.min);
    const shown = state.products.filter(
      (p) => (!low || isLow(p)) && (!search || `${p.sku} ${p.name}`.toLowerCase().includes(search)),
    );
    const chips = [low ? 'Stock bajo' : '', search ? `Búsqueda: “${esc(search.toUpperCase())}”` : ''].filter(
      Boolean,
    );
    const head = branches.map((b) => `<th class="n">${esc(b.name.replace('Suc. ', ''))}</th>`).join('');
    const rows = shown
      .map(
        (p) =>
          `<tr data-sku="${esc(p.sku)}"><td>${esc(p.sku)}</td><td>${esc(p.name)}</td>${branches
            .map((b) => {
              const have = p.stock[b.id] ?? 0;
              return `<td class="n ${have <= p.min ? 'low' : ''}">${have}</td>`;
            })
            .join('')}<td class="n">${p.min}</td></tr>`,
      )
      .join('');
    return `<section class="card"><h2>Inventario</h2>
      <form class="row filters" data-form="inv-filter"><input name="search" placeholder="Buscar SKU o nombre" value="${esc(r.query.get('search') ?? '')}">
      <label><input type="checkbox" name="low" ${low ? 'checked' : ''}> Solo stock bajo</label><button type="submit" class="ghost">Filtrar</button></form>
      ${chips.length ? `<p class="chips" data-testid="filter">Filtro aplicado: ${chips.map((c) => `<span class="chip">${c}</span>`).join(' ')} <a href="#/inventarios">Quitar</a></p>` : ''}
      <table data-testid="inventory"><thead><tr><th>SKU</th><th>Producto</th>${head}<th class="n">Mín.</th></tr></thead><tbody>${rows || `<tr><td colspan="9" class="muted">Ningún producto coincide.</td></tr>`}</tbody></table>
      <p class="muted">${shown.length} de ${state.products.length} productos.</p></section>`;
  },
  traspasos(r) {
    if (r.id) {
      const t = state.transfers.find((x) => x.id === r.id);
      return detail(
        `Traspaso ${r.id}`,
        !!t,
        () =>
          `<p>${esc(name(t!.originBranchId))} → ${esc(name(t!.destinationBranchId))} · <span class="chip">${esc(t!.status)}</span></p>${linesTable(t!.items)}${receive(t!)}`,
        'traspasos',
      );
    }
    const list = state.transfers
      .filter((t) => mine(t.originBranchId, t.destinationBranchId))
      .slice(0, 8)
      .map(
        (t) =>
          `<li>${link('traspasos', t.id)} ${esc(name(t.originBranchId))} → ${esc(name(t.destinationBranchId))} <span class="chip">${esc(t.status)}</span> ${receive(t)}</li>`,
      )
      .join('');
    return `<form class="card" data-form="transfer"><h2>Enviar traspaso desde ${esc(name(branchId))}</h2>
      <div class="row"><label>Hacia <select name="destinationBranchId">${otherBranches()}</select></label>
      <label>Producto <select name="productId">${productOptions()}</select></label><label>Cant. <input type="number" name="qty" min="1" value="3"></label></div>
      <div class="row"><button type="submit">Enviar</button></div></form>
      <section class="card"><h2>Traspasos</h2><ul class="list">${list || '<li class="muted">Sin traspasos.</li>'}</ul></section>`;
  },
  gastos(r) {
    if (r.id) {
      const g = state.expenses.find((x) => x.id === r.id);
      return detail(
        `Gasto ${r.id}`,
        !!g,
        () =>
          `<p>${esc(name(g!.branchId))} · ${fmtDate(g!.at)} · ${esc(g!.by)}</p><p>${esc(g!.concept)}</p><p class="total">${fmtMoney(g!.total)}</p>`,
        'gastos',
      );
    }
    const list = state.expenses
      .filter((g) => mine(g.branchId))
      .slice(0, 8)
      .map(
        (g) =>
          `<li>${link('gastos', g.id)} ${esc(g.concept)} · ${fmtMoney(g.total)} <small>${esc(name(g.branchId))}</small></li>`,
      )
      .join('');
    return `<form class="card" data-form="expense"><h2>Registrar gasto en ${esc(name(branchId))}</h2>
      <div class="row"><label>Concepto <input name="concept" value="Garrafones de agua"></label><label>Importe <input type="number" name="total" min="1" step="0.01" value="180"></label></div>
      <div class="row"><button type="submit">Registrar gasto</button></div></form>
      <section class="card"><h2>Gastos</h2><ul class="list">${list || '<li class="muted">Sin gastos.</li>'}</ul></section>`;
  },
  compras(r) {
    if (r.id) {
      const c = state.purchases.find((x) => x.id === r.id);
      return detail(
        `Compra ${r.id}`,
        !!c,
        () =>
          `<p>${esc(c!.supplierName)} · ${esc(name(c!.branchId))} · ${fmtDate(c!.at)}</p>${linesTable(c!.items)}<p class="total">${fmtMoney(c!.total)}</p>`,
        'compras',
      );
    }
    const list = state.purchases
      .filter((c) => mine(c.branchId))
      .slice(0, 8)
      .map(
        (c) =>
          `<li>${link('compras', c.id)} ${esc(c.supplierName)} · ${fmtMoney(c.total)} <small>${esc(name(c.branchId))}</small></li>`,
      )
      .join('');
    return `<form class="card" data-form="purchase"><h2>Recibir mercancía en ${esc(name(branchId))}</h2>
      <div class="row"><label>Proveedor <input name="supplierName" value="Distribuidora del Valle"></label></div>
      <p class="muted">Reabastece a 3× su mínimo lo que esté en su mínimo o cerca.</p><div class="row"><button type="submit">Recibir compra</button></div></form>
      <section class="card"><h2>Compras</h2><ul class="list">${list || '<li class="muted">Sin compras.</li>'}</ul></section>`;
  },
  productos(r) {
    if (r.id) {
      const p = state.products.find((x) => x.id === r.id);
      return detail(
        `Producto ${p?.name ?? r.id}`,
        !!p,
        () =>
          `<p>${esc(p!.sku)} · ${fmtMoney(p!.price)} · mínimo ${p!.min}${p!.createdBy ? ` · creado por ${esc(p!.createdBy)}` : ''}</p><p>${session.branches.map((b) => `${esc(b.name)}: <b>${p!.stock[b.id] ?? 0}</b>`).join(' · ')}</p>`,
        'productos',
      );
    }
    const list = state.products
      .map(
        (p) =>
          `<li>${link('productos', p.id, p.name)} <small>${esc(p.sku)} · ${fmtMoney(p.price)}</small></li>`,
      )
      .join('');
    return `<form class="card" data-form="product"><h2>Nuevo producto</h2>
      <div class="row"><label>Nombre <input name="name" value="Galletas María 170 g"></label><label>SKU <input name="sku" value="GAL-${Math.floor(Math.random() * 900 + 100)}"></label></div>
      <div class="row"><label>Precio <input type="number" name="price" value="19"></label><label>Mínimo <input type="number" name="min" value="5"></label><button type="submit">Crear producto</button></div></form>
      <section class="card"><h2>Productos</h2><ul class="list">${list}</ul></section>`;
  },
  clientes() {
    const list = state.customers
      .map((c) => `<li>${esc(c.name)} <small>${esc(c.phone)}</small></li>`)
      .join('');
    return `<form class="card" data-form="customer"><h2>Nuevo cliente</h2>
      <div class="row"><label>Nombre <input name="name" value="Taquería El Güero"></label><label>Teléfono <input name="phone" value="55 8765 4321"></label><button type="submit">Registrar cliente</button></div></form>
      <section class="card"><h2>Clientes</h2><ul class="list" data-testid="customers">${list}</ul></section>`;
  },
  pedidos() {
    const list = state.sales
      .filter((s) => s.kind !== 'mostrador' && mine(s.branchId))
      .slice(0, 8)
      .map(
        (s) =>
          `<li>${link('ventas', s.id)} ${s.kind === 'retiro' ? `retiro en ${esc(name(s.branchId))}` : 'a domicilio'} · ${esc(s.customerName ?? '')} · ${fmtMoney(s.total)}</li>`,
      )
      .join('');
    return `<section class="card"><h2>Simular un pedido de la tienda en línea</h2>
      <div class="row"><button data-act="order-retiro">Pedido para retiro en ${esc(name(branchId))}</button><button data-act="order-envio" class="ghost">Pedido a domicilio (avisa a todos)</button></div></section>
      <section class="card"><h2>Pedidos web</h2><ul class="list">${list || '<li class="muted">Sin pedidos.</li>'}</ul></section>`;
  },
  reservas(r) {
    if (r.id) {
      const v = state.reservations.find((x) => x.id === r.id);
      return detail(
        `Reserva ${r.id}`,
        !!v,
        () =>
          `<p>${esc(v!.name)} · ${v!.people} personas · ${fmtDate(v!.dateTime)} · ${esc(name(v!.branchId))}</p><p>Recordatorios T-24 h y T-2 h: <b>${esc(v!.reminders)}</b></p>`,
        'reservas',
      );
    }
    const when = new Date(Date.now() + 26 * 3600_000);
    when.setMinutes(0, 0, 0);
    const local = new Date(when.getTime() - when.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    const list = state.reservations
      .filter((v) => mine(v.branchId))
      .slice(0, 8)
      .map(
        (v) =>
          `<li>${link('reservas', v.id)} ${esc(v.name)} · ${v.people} p. · ${fmtDate(v.dateTime)} <small>recordatorios ${esc(v.reminders)}</small></li>`,
      )
      .join('');
    return `<form class="card" data-form="reservation"><h2>Nueva reserva en ${esc(name(branchId))}</h2>
      <div class="row"><label>Cliente <input name="name" value="Familia Ortega"></label><label>Personas <input type="number" name="people" min="1" value="4"></label></div>
      <div class="row"><label>Fecha y hora <input type="datetime-local" name="dateTime" value="${local}"></label><button type="submit">Reservar con recordatorios</button></div></form>
      <section class="card"><h2>Reservas</h2><ul class="list">${list || '<li class="muted">Sin reservas.</li>'}</ul></section>`;
  },
};

function receive(t: State['transfers'][number]) {
  return t.status === 'enviado' && mine(t.destinationBranchId)
    ? `<button class="small" data-act="receive" data-id="${esc(t.id)}">Recibir</button>`
    : '';
}

function render() {
  const r = route();
  const view = VIEWS[r.page] ?? VIEWS.ventas!;
  $('#nav').innerHTML = PAGES.map(
    ([page, label]) => `<a href="#/${page}" ${page === r.page ? 'aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  $('#view').innerHTML = (notice ? `<p class="notice">${esc(notice)}</p>` : '') + view(r);
}

/** Reloads the store's data; a background reload leaves a form being typed in alone. */
async function refresh(background = false) {
  state = await api<State>('state');
  const typing = document.activeElement?.closest('#view form');
  if (!(background && typing)) render();
}

/** Runs one action of the store, then shows the result (or the error) and reloads the data. */
async function act(path: string, body: Record<string, unknown>, goto?: (result: { id: string }) => string) {
  try {
    const result = await api<{ id: string }>(path, { as, ...body });
    notice = '';
    await refresh();
    if (goto) location.hash = goto(result);
  } catch (err) {
    notice = (err as Error).message;
    render();
  }
}

const fields = (form: HTMLFormElement) => Object.fromEntries(new FormData(form)) as Record<string, string>;

document.addEventListener('submit', (e) => {
  const form = e.target as HTMLFormElement;
  e.preventDefault();
  const f = fields(form);
  switch (form.dataset.form) {
    case 'sale': {
      const items = Object.entries(f)
        .map(([productId, qty]) => ({ productId, qty: Number(qty) }))
        .filter((i) => i.qty > 0);
      return void act('sale', { branchId, items });
    }
    case 'inv-filter': {
      const q = new URLSearchParams();
      if (f.low) q.set('status', 'low_stock');
      if (f.search) q.set('search', f.search);
      location.hash = `#/inventarios${q.size ? `?${q}` : ''}`;
      return;
    }
    case 'transfer':
      return void act('transfer', {
        originBranchId: branchId,
        destinationBranchId: f.destinationBranchId,
        items: [{ productId: f.productId, qty: Number(f.qty) }],
      });
    case 'expense':
      return void act('expense', { branchId, concept: f.concept, total: Number(f.total) });
    case 'purchase':
      return void act('purchase', { branchId, supplierName: f.supplierName });
    case 'product':
      return void act('product', { ...f });
    case 'customer':
      return void act('customer', { ...f });
    case 'reservation':
      return void act('reservation', {
        branchId,
        name: f.name,
        people: Number(f.people),
        dateTime: new Date(f.dateTime ?? '').toISOString(),
      });
  }
});

document.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest<HTMLElement>('[data-act]');
  if (!button) return;
  const items = state.products.slice(0, 3).map((p) => ({ productId: p.id, qty: 1 }));
  switch (button.dataset.act) {
    case 'fill-low': {
      // Two products still above their minimum, sold down to exactly it: both cross in one sale.
      const above = state.products.filter((p) => (p.stock[branchId] ?? 0) > p.min).slice(0, 2);
      for (const input of document.querySelectorAll<HTMLInputElement>('form[data-form="sale"] input')) {
        const p = above.find((x) => x.id === input.name);
        input.value = String(p ? (p.stock[branchId] ?? 0) - p.min : 0);
      }
      return;
    }
    case 'receive':
      return void act(`transfer/${encodeURIComponent(button.dataset.id ?? '')}/receive`, {});
    case 'order-retiro':
      return void act('order', { kind: 'retiro', branchId, customerName: 'Carla Núñez', items });
    case 'order-envio':
      return void act('order', { kind: 'envio', customerName: 'Jorge Salas', items });
  }
});

function mountBell() {
  // The element comes from the hub's bundle (/widget/aviso.js); its type from the widget package.
  bell = document.createElement('aviso-bell');
  bell.token = session.token;
  bell.getToken = async () => (await api<Session>(`session?as=${as}`)).token;
  bell.setAttribute('lang', 'es');
  // Another screen's action changed the data: reload it (the toast itself is the widget's job).
  bell.addEventListener('aviso-notification', () => void refresh(true));
  $('#tools').append(bell);
}

function tools() {
  const t = $('#tools');
  if (isOwner()) {
    t.innerHTML = `<label class="op">Opera en <select id="branch">${session.branches.map((b) => `<option value="${esc(b.id)}">${esc(b.name)}</option>`).join('')}</select></label>
      <label class="switch"><input type="checkbox" id="online" checked> <span id="online-label">En línea</span></label>`;
    $<HTMLSelectElement>('#branch').addEventListener('change', (e) => {
      branchId = (e.target as HTMLSelectElement).value;
      render();
    });
    $<HTMLInputElement>('#online').addEventListener('change', (e) => {
      const on = (e.target as HTMLInputElement).checked;
      $('#online-label').textContent = on
        ? 'En línea'
        : `Desconectada (stock bajo por correo tras ${session.lowStockAfter})`;
      document.body.classList.toggle('offline', !on);
      if (on) mountBell();
      else {
        bell?.remove();
        bell = undefined;
      }
    });
  }
  mountBell();
}

async function main() {
  session = await api<Session>(`session?as=${encodeURIComponent(as)}`);
  branchId = session.persona.role === 'owner' ? 'central' : (session.persona.branchIds[0] ?? 'central');
  document.title = `${session.persona.name} · ${session.tenantName}`;
  $('#who').textContent = session.persona.name;
  $('#where').textContent = isOwner()
    ? ' · Dueña · todas las sucursales'
    : ` · Cajero(a) · ${name(branchId)}`;
  document.body.dataset.as = as;
  // Loaded from the hub, as any host page embeds it: the bell then talks to the hub it came from.
  await import(/* @vite-ignore */ `${session.hubUrl}/widget/aviso.js`);
  tools();
  await refresh();
  addEventListener('hashchange', render);
  // Other screens change the stock too; an offline screen still sees it within a few seconds.
  setInterval(() => void refresh(true).catch(() => {}), 4000);
}

main().catch((err) => {
  $('#view').innerHTML = `<p class="notice">La demo no pudo arrancar: ${esc((err as Error).message)}</p>`;
});
