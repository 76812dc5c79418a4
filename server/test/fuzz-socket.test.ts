/**
 * Property-based suite for the realtime protocol: real socket.io-client sockets against a node on
 * port 0, with every kind of handshake auth (none, hostile values, wrong, expired, forged, another
 * tenant's token, a hostile `since`) and every client event of `ClientToServerEvents` (and names
 * the hub does not know) with arbitrary payloads; then raw Engine.IO long-polling requests with
 * hostile queries and Socket.IO packets. Checks: a handshake is accepted only for a widget token,
 * or refused with a stable code; every ack is a well-formed success or error (never INTERNAL);
 * another tenant's notification is never acknowledged, marked or sent; no 5xx; the hub stays up
 * (`/healthz`, and a fresh socket is set up). PGlite, and PostgreSQL when AVISO_TEST_DATABASE_URL is set.
 *
 * The cases are fixed by default. To explore: AVISO_FUZZ_SEED=<n> (a failure prints the seed and
 * the case), AVISO_FUZZ_RUNS=<n> (runs per property, default 12).
 */
import type { ClientToServerEvents } from '@aviso/protocol';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { HOSTILE_STRINGS, hostileValue, RAW_URL_PIECES } from './fuzz/hostile.ts';
import { send } from './fuzz/http.ts';
import { checkProperty, fuzzRuns } from './fuzz/run.ts';
import { ask, checkAck, checkNoLeak, checkRefusal, open } from './fuzz/sockets.ts';
import { type FuzzWorld, startFuzzWorld } from './fuzz/world.ts';

const RUNS = fuzzRuns(12);

/** Every client event of the protocol; the type check fails when one is added and not fuzzed here. */
const CLIENT_EVENTS = ['read', 'read-all', 'seen'] as const satisfies readonly (keyof ClientToServerEvents)[];
type Unfuzzed = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>;
const everyEventFuzzed: [Unfuzzed] extends [never] ? true : Unfuzzed = true;
void everyEventFuzzed;

describe.each(databaseBackends)('socket events, fuzzed, on $name', ({ url }) => {
  let world: FuzzWorld;
  const ids = () => [...world.tenants.a.notificationIds, ...world.tenants.b.notificationIds];
  const id = () =>
    fc.oneof(fc.constantFrom(...ids()), fc.uuid(), fc.constantFrom(...HOSTILE_STRINGS), hostileValue);

  /** The hub still answers HTTP and sets up a fresh socket. */
  async function expectHealthy(after: string) {
    expect((await send(world.node.url, { method: 'GET', path: '/healthz' }, 5_000))?.status, after).toBe(200);
    const { socket, outcome } = await open(world.node.url, { token: world.tenants.a.people[0]!.token });
    socket.close();
    expect(outcome, after).toBe('ready');
  }

  beforeAll(async () => {
    world = await startFuzzWorld(url);
  }, 180_000);
  afterAll(() => world?.close());

  it('has checks that catch a malformed or INTERNAL ack and a leak', () => {
    expect(checkAck({ ok: true, count: 2 }, 'read')).toEqual({ ok: true, count: 2 });
    expect(() => checkAck({ ok: true, count: -1 }, 'read')).toThrow(/malformed/);
    expect(() => checkAck({ ok: false, error: { code: 'NOPE', message: '' } }, 'read')).toThrow(/malformed/);
    expect(() => checkAck({ ok: false, error: { code: 'INTERNAL', message: 'x' } }, 'read')).toThrow(
      /INTERNAL/,
    );
    expect(() => checkAck(undefined, 'read')).toThrow(/malformed/);
    const socket = { seen: [`notification ${world.tenants.b.markers[0]}`] } as Parameters<
      typeof checkNoLeak
    >[2];
    expect(() => checkNoLeak(world, 'a', socket, 'a socket')).toThrow(/tenant b's data/);
    expect(() => checkNoLeak(world, 'b', socket, 'a socket')).not.toThrow();
  });

  it('accepts a handshake only with a widget token, and refuses any other with a stable code', async () => {
    const auth = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({ cred: fc.constantFrom(...world.credentials), since: fc.option(id()) }),
      },
      { weight: 1, arbitrary: fc.record({ cred: fc.constant(world.credentials[0]!), raw: hostileValue }) },
    );
    const transport = fc.constantFrom('websocket', 'polling') as fc.Arbitrary<'websocket' | 'polling'>;
    type Case = {
      auth: typeof auth extends fc.Arbitrary<infer A> ? A : never;
      transport: 'websocket' | 'polling';
    };
    const check = async ({ auth, transport }: Case) => {
      const { cred } = auth;
      const value =
        'raw' in auth
          ? auth.raw
          : { token: cred.token, ...(auth.since === null ? {} : { since: auth.since }) };
      const what = `a handshake as ${cred.name} with ${JSON.stringify(value)?.slice(0, 200)}`;
      const { socket, outcome, code } = await open(world.node.url, value, transport);
      socket.close();
      if (outcome === 'ready' && !cred.name.startsWith('widget token of'))
        throw new Error(`accepted ${what}`);
      if (outcome === 'refused') checkRefusal(code, what);
      // A `since` of another tenant's notification replays nothing of theirs.
      checkNoLeak(world, cred.tenant, socket, what);
    };
    await checkProperty('handshake', 1_000, fc.record({ auth, transport }), check, RUNS);
    await expectHealthy('the handshakes');
  }, 300_000);

  it("answers read, read-all and seen with any payload, and never acknowledges another tenant's notification", async () => {
    const { a, b } = world.tenants;
    const payload = fc.oneof(
      { weight: 3, arbitrary: fc.record({ id: id() }) },
      { weight: 3, arbitrary: fc.record({ ids: fc.oneof(fc.array(id(), { maxLength: 6 }), hostileValue) }) },
      { weight: 2, arbitrary: hostileValue },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((u) => Buffer.from(u)) },
      // Past Socket.IO's 1 MB message limit: the hub drops that socket, and only that one.
      { weight: 1, arbitrary: fc.constant({ id: 'x'.repeat(1_100_000) }) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const emit = fc.record({
      event: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom<string>(...CLIENT_EVENTS) },
        // (`disconnect` and the like are reserved in the client: the raw packets below send them.)
        { weight: 1, arbitrary: fc.constantFrom('unknown', 'notification', 'connected', '__proto__') },
      ),
      // Payloads before the ack: none, one, or one more than the event takes.
      args: fc.array(payload, { maxLength: 2 }),
    });
    const run = fc.record({
      person: fc.constantFrom(0, 1),
      emits: fc.array(emit, { minLength: 1, maxLength: 6 }),
    });
    await checkProperty(
      'socket events',
      1_001,
      run,
      async ({ person, emits }) => {
        const name = `widget token of A ${person ? 'staff' : 'owner'}`;
        const { socket, outcome } = await open(world.node.url, { token: a.people[person]!.token });
        try {
          if (outcome !== 'ready') throw new Error(`${name} was refused`);
          for (const { event, args } of emits) {
            const what = `${event} ${JSON.stringify(args)?.slice(0, 200)} from ${name}`;
            if (!(CLIENT_EVENTS as readonly string[]).includes(event)) {
              (socket as unknown as Socket).emit(event, ...args);
              continue;
            }
            const ack = await ask(socket, event, args, what);
            if (ack === undefined) break;
            const answer = checkAck(ack, what);
            const target = (args[0] as { id?: unknown } | undefined)?.id;
            if (event === 'read' && answer.ok && b.notificationIds.includes(target as string))
              throw new Error(`acknowledged ${what}: a notification of tenant B`);
          }
          checkNoLeak(world, 'a', socket, name);
        } finally {
          socket.close();
        }
      },
      RUNS,
    );
    await expectHealthy('the socket events');
    // Tenant B's sockets never sent an event: nobody may have marked its notifications.
    for (const tenantId of [a.t.id, b.t.id]) {
      const store = world.node.store.forTenant(tenantId);
      for (const n of b.notificationIds) {
        expect(await store.notifications.anyState(n, 'seenAt'), n).toBe(false);
        expect(await store.notifications.anyState(n, 'readAt'), n).toBe(false);
      }
    }
  }, 300_000);

  it('answers raw Engine.IO requests and Socket.IO packets of any shape without a 5xx', async () => {
    const token = world.tenants.a.people[0]!.token;
    const query = fc.record({
      EIO: fc.constantFrom('4', '3', '5', '', '%zz', '-1', '99999999999'),
      transport: fc.constantFrom('polling', 'websocket', 'webtransport', 'x', '%00'),
      sid: fc.option(fc.oneof(fc.constantFrom(...RAW_URL_PIECES), fc.uuid())),
    });
    // Packets a broken or hostile client may post in a live session: events of every shape, acks,
    // binary placeholders with no attachment, connects with odd auth, and noise.
    const packet = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('42', '42/nope,', '421', '4299999999999'),
          fc.constantFrom<unknown>(
            ...CLIENT_EVENTS,
            'disconnect',
            'disconnecting',
            'connect',
            'x',
            1,
            null,
            {},
          ),
          fc.array(hostileValue, { maxLength: 2 }),
        )
        .map(([prefix, event, args]) => `${prefix}${JSON.stringify([event, ...args])}`),
      fc.constantFrom(
        '40{"token":1}',
        '40[]',
        '41',
        '43["x"]',
        '451-["read",{"_placeholder":true,"num":0}]',
        '452-["seen",{"_placeholder":true,"num":99}]',
        '42["read",{"id":{"_placeholder":true,"num":0}}]',
        '4',
        '9',
        '',
        '2probe',
        '6',
        '1',
      ),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    const check = async ({
      q,
      packets,
    }: {
      q: { EIO: string; transport: string; sid: string | null };
      packets: string[];
    }) => {
      const raw = `/socket.io/?EIO=${q.EIO}&transport=${q.transport}${q.sid ? `&sid=${q.sid}` : ''}`;
      const statuses = [(await send(world.node.url, { method: 'GET', path: raw }))?.status];
      // A live session, set up by the book, then fed the packets.
      const opened = await send(world.node.url, {
        method: 'GET',
        path: '/socket.io/?EIO=4&transport=polling',
      });
      const sid = /"sid":"([^"]+)"/.exec(opened?.text ?? '')?.[1];
      if (!sid) throw new Error(`no session: ${opened?.status} ${opened?.text}`);
      const path = `/socket.io/?EIO=4&transport=polling&sid=${sid}`;
      const post = (body: string) =>
        send(world.node.url, { method: 'POST', path, headers: { 'content-type': 'text/plain' }, body });
      statuses.push((await post(`40${JSON.stringify({ token })}`))?.status);
      for (const p of packets) statuses.push((await post(p))?.status);
      if (statuses.some((s) => s !== undefined && s >= 500))
        throw new Error(`5xx: ${raw} ${JSON.stringify(packets)} -> ${statuses}`);
    };
    const arb = fc.record({ q: query, packets: fc.array(packet, { minLength: 1, maxLength: 4 }) });
    await checkProperty('engine.io', 1_002, arb, check, RUNS);
    await expectHealthy('the raw Engine.IO requests');
  }, 300_000);
});
