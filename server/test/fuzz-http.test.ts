/**
 * Property-based suite for every HTTP route: requests generated from `/openapi.json` (whose
 * schemas are the protocol's zod schemas) and for the routes it does not describe, valid and
 * hostile (NUL, lone surrogates, huge numbers, deep nesting, long strings, SQL and HTML, non-UUID
 * ids of UUID length, malformed percent-encoding), with every kind of credential. Every answer:
 * never a 5xx, an error has a stable code, no other tenant's data, no other tenant's row acted on;
 * `/healthz` answers after each route's batch. A last property checks that a call past its budget
 * is a 429 with Retry-After. Runs on PGlite, and on PostgreSQL when AVISO_TEST_DATABASE_URL is set.
 *
 * The cases are fixed by default, so CI runs the same ones every time. To explore:
 *   AVISO_FUZZ_SEED=<n>     another seed (a failure prints the seed and the case that reproduce it)
 *   AVISO_FUZZ_RUNS=<n>     requests per route (default 6)
 *   AVISO_FUZZ_VERBOSE=1    per route: time, answers by status, slowest request
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { WidgetTokens } from '../src/identity/widget-tokens.ts';
import { Inbox } from '../src/inbox/inbox.ts';
import { createLimits } from '../src/lib/limiter.ts';
import { SecretBox } from '../src/lib/secrets.ts';
import { databaseBackends } from './env.ts';
import { type Answer, checkAnswer, send } from './fuzz/http.ts';
import {
  type Operation,
  openApiOperations,
  otherOperations,
  requestArb,
  worldHint,
} from './fuzz/requests.ts';
import { checkProperty, fuzzRuns } from './fuzz/run.ts';
import { type FuzzWorld, sealedRegistry, sign, startFuzzWorld } from './fuzz/world.ts';
import { ADMIN_TOKEN, log, SECRET_KEYS } from './harness.ts';

const RUNS = fuzzRuns(6);
const VERBOSE = !!process.env.AVISO_FUZZ_VERBOSE;

/** An app over the world's database with tight budgets; it reads the client's address from X-Forwarded-For. */
function limitedApp(world: FuzzWorld) {
  const tight = { points: 3, durationS: 60 };
  const limits = createLimits({ apiKey: tight, person: tight, authFailures: tight }, { trustedProxies: 1 });
  const box = new SecretBox(SECRET_KEYS);
  const { database, store, broadcaster } = world.node;
  const [tokens, inbox, registry] = [new WidgetTokens(store, box), new Inbox(broadcaster), sealedRegistry()];
  return createApp({
    adminToken: ADMIN_TOKEN,
    corsOrigins: '*',
    database,
    store,
    box,
    broadcaster,
    log,
    limits,
    tokens,
    inbox,
    registry,
  });
}

describe.each(databaseBackends)('every route, fuzzed, on $name', ({ url }) => {
  let world: FuzzWorld;
  let operations: Operation[];
  /** The operations `/openapi.json` describes (their requests come from its schemas). */
  let described: Operation[];

  beforeAll(async () => {
    world = await startFuzzWorld(url);
    const doc = await (await world.fetcher('/openapi.json', {})).json();
    described = openApiOperations(doc as Parameters<typeof openApiOperations>[0]);
    operations = [...described, ...otherOperations(world.node.app.routes, described)];
  }, 180_000);
  afterAll(() => world?.close());

  it('fuzzes every route, and every /v1 route with requests from its schemas', () => {
    const key = (o: Operation) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const covered = new Set(operations.map(key));
    const routes = world.node.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    // A /v1 route missing from the document would only get free-form requests.
    const fromSchemas = new Set(described.map(key));
    const schemaless = routes.filter((r) => r.split(' ')[1]!.startsWith('/v1/') && !fromSchemas.has(r));
    expect(schemaless).toEqual([]);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('has checks that catch a 5xx, an error without a code, a leak and a foreign row', () => {
    const [a, b] = [world.credentials.find((c) => c.tenant === 'a')!, world.tenants.b];
    const req = { method: 'GET', path: '/v1/tenant' };
    const json = (status: number, body: unknown) => ({ status, headers: {}, text: JSON.stringify(body) });
    expect(() => checkAnswer(world, a, req, json(200, { name: 'mine' }))).not.toThrow();
    expect(() => checkAnswer(world, a, req, json(500, { error: { code: 'INTERNAL' } }))).toThrow(/5xx/);
    expect(() => checkAnswer(world, a, req, json(400, { message: 'bad' }))).toThrow(/stable code/);
    expect(() => checkAnswer(world, a, req, json(200, { name: b.markers[0] }))).toThrow(/tenant b's data/);
    const foreign = { method: 'GET', path: `/v1/channels/${b.rowIds[1]}` };
    expect(() => checkAnswer(world, a, foreign, json(200, {}))).toThrow(/tenant b's row/);
    expect(() =>
      checkAnswer(world, a, foreign, json(404, { error: { code: 'CHANNEL_NOT_FOUND' } })),
    ).not.toThrow();
  });

  it('answers every request without a 5xx, a leak or a foreign row, and stays healthy', async () => {
    const hint = worldHint(world);
    // Every route gets its batch even when one fails: the report lists all that did.
    const failures: string[] = [];
    for (const [i, op] of operations.entries()) {
      const started = Date.now();
      const answers: Answer[] = [];
      await checkProperty(
        op.label,
        i,
        requestArb(op, world, hint),
        async ({ cred, req }) => {
          const ans = await send(world.node.url, req);
          if (ans) checkAnswer(world, cred, req, ans);
          if (ans && VERBOSE) answers.push(ans);
        },
        RUNS,
      ).catch((err: Error) => failures.push(err.message));
      if (VERBOSE) {
        const statuses = answers.map((a) => a.status).sort();
        console.log(`${op.label}: ${Date.now() - started} ms, ${statuses.join(' ')}`);
      }
      const health = await send(world.node.url, { method: 'GET', path: '/healthz' }, 5_000);
      expect(health?.status, `after ${op.label}`).toBe(200);
      // A write may have deleted a person, revoked their tokens or rotated the secret: start afresh.
      if (op.method !== 'GET') await world.refresh();
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers a call past its budget 429 with Retry-After, never a 5xx', async () => {
    const app = limitedApp(world);
    const hint = worldHint(world);
    const ops = (security: Operation['security']) => operations.filter((o) => o.security === security);
    const budgets = { apiKey: ops('apiKey'), person: ops('widgetToken'), authFailures: ops('apiKey') };
    // Three fuzzed requests spend a budget of three, then a plain one must wait; each run is a fresh
    // tenant, person and client address.
    const plain = { apiKey: '/v1/tenant', person: '/v1/me/unread-count', authFailures: '/v1/tenant' };
    const arb = fc.constantFrom('apiKey', 'person', 'authFailures' as const).chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        reqs: fc.array(
          fc.constantFrom(...budgets[kind]).chain((op) => requestArb(op, world, hint, { tame: true })),
          { minLength: 3, maxLength: 3 },
        ),
      }),
    );
    let run = 0;
    const check = async ({ kind, reqs }: typeof arb extends fc.Arbitrary<infer T> ? T : never) => {
      run++;
      const made = await app.request('/v1/admin/tenants', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `limited ${run}` }),
      });
      const tenant = (await made.json()) as { id: string; apiKey: string; widgetSecret: string };
      const claims = { sub: 'p', tid: tenant.id, role: 'staff', branchIds: [] };
      const credential = {
        apiKey: tenant.apiKey,
        person: await sign(tenant.widgetSecret, claims, Math.floor(Date.now() / 1000) + 3600),
        authFailures: 'ak_wrong_0123456789abcdef',
      }[kind];
      const answers: { status: number; retryAfter: string | null; body: string }[] = [];
      const requests = [...reqs.map((r) => r.req), { method: 'GET', path: plain[kind] }];
      for (const req of requests) {
        const headers = {
          ...('headers' in req ? req.headers : {}),
          authorization: `Bearer ${credential}`,
          'x-forwarded-for': `198.18.${run >> 8}.${run & 255}`,
        };
        const body = 'body' in req ? req.body : undefined;
        const res = await app.request(req.path, { method: req.method, headers, body });
        answers.push({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: await res.text(),
        });
      }
      const what = `${kind}: ${requests.map((req, i) => `${req.method} ${req.path.slice(0, 80)} -> ${answers[i]!.status} ${answers[i]!.body.slice(0, 120)}`).join('; ')}`;
      if (answers.some((a) => a.status >= 500)) throw new Error(`5xx: ${what}`);
      if (answers.slice(0, 3).some((a) => a.status === 429))
        throw new Error(`limited within the budget: ${what}`);
      const last = answers[3]!;
      const retryAfter = Number(last.retryAfter);
      if (last.status !== 429 || JSON.parse(last.body).error.code !== 'RATE_LIMITED')
        throw new Error(`not limited past the budget: ${what}`);
      if (!Number.isInteger(retryAfter) || retryAfter < 1 || retryAfter > 60)
        throw new Error(`Retry-After ${last.retryAfter}: ${what}`);
    };
    await checkProperty('limits', 500, arb, check, fuzzRuns(8));
  }, 120_000);
});
