import { CATALOG_EVENT_TYPES } from '@aviso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { makeTenant, testNode } from './harness.ts';
import { connect, settle, type TestSocket, until } from './sockets.ts';

type Persona = 'staffA' | 'staffB' | 'managerAB' | 'owner' | 'otherTenant';
const PERSONAS: Persona[] = ['staffA', 'staffB', 'managerAB', 'owner', 'otherTenant'];

const atA = ['staffA', 'managerAB', 'owner'] as const;
const atB = ['staffB', 'managerAB', 'owner'] as const;
const all = ['staffA', 'staffB', 'managerAB', 'owner'] as const;

// Written from SPEC section 4's table, not from the code: who must get each type.
const MATRIX: Record<string, { event: Record<string, unknown>; expect: readonly Persona[] }> = {
  NUEVA_VENTA: { event: { data: { branchId: 'A', total: 10 } }, expect: atA },
  NUEVO_GASTO: { event: { data: { branchId: 'A', total: 10 } }, expect: atA },
  NUEVA_COMPRA: { event: { data: { branchIds: ['B'], supplierName: 'Acme' } }, expect: atB },
  TRASPASO_ENVIADO: { event: { data: { originBranchId: 'A', destinationBranchId: 'B' } }, expect: all },
  TRASPASO_RECIBIDO: { event: { data: { originBranchId: 'A', destinationBranchId: 'B' } }, expect: all },
  PRODUCTO_STOCK_BAJO: { event: { data: { branchId: 'A', sku: 'S1' } }, expect: atA },
  MULTIPLE_PRODUCTOS_STOCK_BAJO: { event: { data: { branchId: 'B' } }, expect: atB },
  NUEVO_PRODUCTO: { event: { data: {} }, expect: all },
  NUEVO_PROVEEDOR: { event: { data: {} }, expect: all },
  NUEVO_CLIENTE: { event: { data: {} }, expect: all },
  NUEVO_USUARIO: { event: { data: {} }, expect: all },
  NUEVO_PEDIDO_RETIRO: { event: { data: { branchId: 'B', folio: 'W-1' } }, expect: atB },
  NUEVO_PEDIDO_ENVIO: { event: { data: { folio: 'W-2' } }, expect: all },
  FACTURA_EMITIDA: { event: { data: { branchId: 'A' } }, expect: atA },
  DOCUMENTO_CREADO: { event: { data: { branchId: 'A' } }, expect: atA },
  PAGO_PROXIMO: { event: { recipientIds: ['staffB'] }, expect: ['staffB'] },
  PAGO_VENCIDO: { event: { recipientIds: ['owner'] }, expect: ['owner'] },
  SUSCRIPCION_POR_VENCER: { event: { data: { days: 5 } }, expect: ['owner'] },
  SUSCRIPCION_VENCIDA: { event: {}, expect: ['owner'] },
  MANTENIMIENTO_PROGRAMADO: { event: { data: { branchId: 'B' } }, expect: atB },
  RESERVA_CREADA: { event: { data: { branchId: 'A' } }, expect: atA },
  RESERVA_MODIFICADA: { event: { data: { branchId: 'A' } }, expect: atA },
  RESERVA_CANCELADA: { event: { data: { branchId: 'B' } }, expect: atB },
  RESERVA_CONFIRMADA: { event: { data: { branchId: 'B' } }, expect: atB },
  RECORDATORIO_RESERVA: { event: { recipientIds: ['staffA'] }, expect: ['staffA'] },
  NO_SHOW: { event: { data: { branchId: 'A' } }, expect: atA },
  ATENCION_PENDIENTE: { event: { data: { branchId: 'B' } }, expect: atB },
  SLA_INCUMPLIDO: { event: { data: {} }, expect: ['managerAB', 'owner'] },
  INCIDENTE_SLA: { event: { data: {} }, expect: ['owner'] },
  PRUEBA: { event: { recipientIds: ['managerAB'] }, expect: ['managerAB'] },
  PROMOCION: { event: { data: { description: '2x1 en clavos' } }, expect: all },
};

// Overrides an event may always make (SPEC section 4), as pseudo-types.
const OVERRIDES: Record<string, { event: Record<string, unknown>; expect: readonly Persona[] }> = {
  GLOBAL_OVERRIDE: { event: { type: 'NUEVA_VENTA', branchIds: null }, expect: all },
  BRANCH_OVERRIDE: { event: { type: 'NUEVO_PRODUCTO', branchIds: ['B'] }, expect: atB },
  OWNERS_ONLY: { event: { type: 'NUEVO_PRODUCTO', branchIds: [] }, expect: ['owner'] },
  PERSON_AND_BRANCH: {
    event: { type: 'PRUEBA', recipientIds: ['staffA'], branchIds: ['B'] },
    expect: ['staffA', ...atB],
  },
  PERSON_ONLY: {
    event: { type: 'NUEVA_VENTA', recipientIds: ['staffB'], data: { branchId: 'A' } },
    expect: ['staffB'],
  },
};

describe.each(databaseBackends)('routing matrix on $name', ({ url }) => {
  const hub = testNode({ databaseUrl: url });
  const sockets = {} as Record<Persona, TestSocket>;
  const inboxes = {} as Record<
    Persona,
    {
      get: (p: string) => Promise<{
        body: { items: { type: string; data: Record<string, unknown> }[]; unreadCount: number };
      }>;
    }
  >;

  beforeAll(async () => {
    const t = await makeTenant(hub.fetcher);
    const other = await makeTenant(hub.fetcher);
    const people = {
      staffA: await t.person('staffA', { role: 'staff', branchIds: ['A'] }),
      staffB: await t.person('staffB', { role: 'staff', branchIds: ['B'] }),
      managerAB: await t.person('managerAB', { role: 'manager', branchIds: ['A', 'B'] }),
      owner: await t.person('owner', { role: 'owner', branchIds: [] }),
      // Same branch id, same role names, other tenant: must never receive anything of T.
      otherTenant: await other.person('staffA', { role: 'owner', branchIds: ['A', 'B'] }),
    };
    for (const p of PERSONAS) {
      sockets[p] = await connect(hub.node.url, { token: people[p].token });
      inboxes[p] = people[p].me;
    }
    for (const [type, { event }] of Object.entries(MATRIX)) {
      const res = await t.api.post('/v1/events', {
        type,
        entityId: `${type}-1`,
        ...event,
        data: { ...(event.data as object), tag: type },
      });
      expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(202);
    }
    for (const [tag, { event }] of Object.entries(OVERRIDES)) {
      const res = await t.api.post('/v1/events', { ...event, data: { ...(event.data as object), tag } });
      expect(res.status, `${tag}: ${JSON.stringify(res.body)}`).toBe(202);
    }
  });
  afterAll(async () => {
    for (const s of Object.values(sockets)) s.close();
  });

  const cases = { ...MATRIX, ...OVERRIDES };
  const expectedTags = (p: Persona) =>
    Object.entries(cases)
      .filter(([, c]) => c.expect.includes(p))
      .map(([tag]) => tag)
      .sort();

  it('covers every type of the catalog', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...CATALOG_EVENT_TYPES].sort());
  });

  it.each(PERSONAS)('%s receives live exactly what they may see', async (p) => {
    const want = expectedTags(p);
    await until(() => sockets[p].received.length >= want.length, `${want.length} notifications for ${p}`);
    await settle(200);
    expect(sockets[p].received.map((n) => n.data.tag as string).sort()).toEqual(want);
  });

  it.each(PERSONAS)('%s finds exactly that in their inbox, and the unread count agrees', async (p) => {
    const page = await inboxes[p].get('/v1/me/notifications?limit=100');
    expect(page.body.items.map((n) => n.data.tag as string).sort()).toEqual(expectedTags(p));
    expect(page.body.unreadCount).toBe(expectedTags(p).length);
  });
});
