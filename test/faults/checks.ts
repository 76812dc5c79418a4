import { client } from '@aviso/server/testing';
import postgres from 'postgres';
import { type Sent, Widget } from './clients.ts';
import type { Cluster } from './cluster.ts';
import { redisCommand } from './services.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The bounds the suite holds the hub to: the hub's own (AVISO_DB_TIMEOUT_MS 3 s, /readyz 1 s),
 * each with a second or more of allowance, because CI runners and shared machines are loaded and
 * a starved process answers late without hanging. A hang still fails: it never ends.
 */
export const BOUNDS = {
  /** Every request is answered (or refused) within this. */
  requestMs: 6_000,
  /** `/readyz` answers within this. */
  readyMs: 2_000,
  /** Every socket has every notification it may see within this after the fault ends. */
  socketsMs: 10_000,
  /** Every mail is sent within this after the fault ends (delivery retries back off from 10 s). */
  mailsMs: 45_000,
  /** A person whose sockets all closed is offline within this. */
  presenceMs: 5_000,
};

/** When the fault began and when it ended (the service back, or the node gone and replaced). */
export interface FaultWindow {
  start: number;
  end: number;
}

/** The promises a scenario found broken: a short name (for the figures) and the details. */
export class Broken {
  readonly items: { what: string; detail: string }[] = [];

  add(what: string, detail = '') {
    this.items.push({ what, detail });
  }
}

/** Every accepted event is one row, under the id its 202 named; no event was stored twice. */
export async function checkStoredOnce(cluster: Cluster, run: number, sent: Sent[], broken: Broken) {
  const twoIds = sent.filter((e) => e.ids.size !== 1).map((e) => e.key);
  if (twoIds.length) broken.add('one key, two ids', `${twoIds.slice(0, 5)}`);
  const sql = postgres(cluster.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ fk: string; ids: string[] }[]>`
      select data->>'fk' as fk, array_agg(id::text) as ids from notifications
      where tenant_id = ${cluster.tenant.id} and data->>'fk' like ${`${run}-%`} group by 1`;
    const stored = new Map(rows.map((r) => [r.fk, r.ids]));
    const twice = rows.filter((r) => r.ids.length > 1).map((r) => r.fk);
    if (twice.length) broken.add('stored twice', `${twice.slice(0, 5)}`);
    const lost = sent.filter((e) => stored.get(`${run}-${e.seq}`)?.[0] !== [...e.ids][0]).map((e) => e.key);
    if (lost.length) broken.add('202 not stored', `${lost.slice(0, 5)}`);
  } finally {
    await sql.end();
  }
}

/**
 * Waits (within the bound) for a mail per accepted overdue payment, then checks each went out once
 * (`repeats` repeats of a Message-ID allowed) and measures how late they were.
 */
export async function checkMails(
  cluster: Cluster,
  run: number,
  sent: Sent[],
  { from, window, repeats, broken }: { from: number; window: FaultWindow; repeats: number; broken: Broken },
) {
  const payments = sent.filter((e) => e.kind === 'payment');
  const refOf = (text: string) => /ref F-(\d+-\d+)/.exec(text)?.[1];
  const ours = () => cluster.smtp.mails.slice(from).filter((m) => refOf(m.text)?.startsWith(`${run}-`));
  const want = new Set(payments.map((e) => `${run}-${e.seq}`));
  const deadline = Math.max(window.end, ...payments.map((e) => e.acceptedAt!)) + BOUNDS.mailsMs;
  while (new Set(ours().map((m) => refOf(m.text))).size < want.size && Date.now() < deadline)
    await sleep(200);
  const mails = ours();
  const got = new Set(mails.map((m) => refOf(m.text)!));
  const never = [...want].filter((r) => !got.has(r));
  if (never.length) broken.add('mails never sent', JSON.stringify(await deliveriesOf(cluster, never)));
  const byId = new Map<string, number>();
  for (const m of mails) byId.set(m.messageId, (byId.get(m.messageId) ?? 0) + 1);
  const repeated = [...byId.values()].reduce((n, c) => n + c - 1, 0);
  if (repeated > repeats) broken.add('mail sent twice', `${repeated} repeats of a Message-ID`);
  if (byId.size !== got.size) broken.add('Message-IDs', `${got.size} payments mailed under ${byId.size}`);
  let late = 0;
  let latest = 0;
  for (const e of payments) {
    const arrivals = mails.filter((m) => refOf(m.text) === `${run}-${e.seq}`).map((m) => m.at);
    if (!arrivals.length) continue;
    const first = Math.min(...arrivals);
    if (first - e.acceptedAt! > 5_000) late++;
    latest = Math.max(latest, first - Math.max(window.end, e.acceptedAt!));
  }
  return {
    mails: { sent: mails.length, expected: want.size, repeats: repeated },
    lateMails: late,
    latestMailS: Math.max(0, latest) / 1_000,
  };
}

/** The delivery rows of these events, for a failure message. */
async function deliveriesOf(cluster: Cluster, fks: string[]) {
  const sql = postgres(cluster.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql`
      select n.data->>'fk' as fk, d.status, d.attempts, d.last_error, d.due_at, d.locked_until, d.updated_at
      from notifications n left join deliveries d on d.notification_id = n.id
      where n.tenant_id = ${cluster.tenant.id} and n.data->>'fk' in ${sql(fks)}`;
  } finally {
    await sql.end();
  }
}

/** Visitors: people whose only widget opens before the fault and closes after it. */
export async function openVisitors(cluster: Cluster, run: number): Promise<Widget[]> {
  const out: Widget[] = [];
  for (let i = 0; i < 4; i++) {
    const { id, token } = await cluster.tenant.person(`visita-${run}-${i}`, {
      role: 'staff',
      branchIds: ['A'],
    });
    out.push(new Widget(cluster.balancer.url, id, token));
  }
  await Promise.all(out.map((w) => w.connected()));
  return out;
}

/**
 * Presence tells the truth within `boundMs`: every person with a widget is online, and the people
 * whose widgets all closed are not, through the API and in Redis (no member of theirs still
 * counts). Resolves with how long it took, or with what was still wrong.
 */
export async function presenceSettles(
  cluster: Cluster,
  closed: string[],
  boundMs: number,
): Promise<{ ms: number; wrong?: string }> {
  const api = client((p, i) => fetch(`${cluster.balancer.url}${p}`, i), cluster.tenant.apiKey);
  const everyone = cluster.people.map((p) => p.id);
  const gone = [...new Set(closed)];
  const started = Date.now();
  for (;;) {
    let wrong: string;
    const res = await api.get(`/v1/presence?recipientIds=${[...everyone, ...gone].join(',')}`);
    const live = await liveMembers(cluster, gone);
    if (res.status === 200) {
      const online = new Set<string>(res.body.online);
      const ghosts = gone.filter((p) => online.has(p));
      const absent = everyone.filter((p) => !online.has(p));
      if (!ghosts.length && !absent.length && !live.length) return { ms: Date.now() - started };
      wrong = `ghosts ${ghosts}; online but shown offline ${absent}; members still counting in Redis ${live}`;
    } else wrong = `GET /v1/presence ${res.status} ${JSON.stringify(res.body)}`;
    if (Date.now() - started > boundMs) return { ms: Date.now() - started, wrong };
    await sleep(250);
  }
}

/** The members of these people's presence keys in the suite's Redis that still count (not expired). */
async function liveMembers(cluster: Cluster, people: string[]): Promise<string[]> {
  if (!cluster.redis.running) return [];
  const out: string[] = [];
  for (const p of people) {
    const key = `aviso:presence:${cluster.tenant.id}:${p}`;
    const now = String(Date.now());
    const members = (await redisCommand(cluster.redis.port, 'ZRANGEBYSCORE', key, now, '+inf').catch(
      () => [],
    )) as string[];
    out.push(...members.map((m) => `${p}/${m}`));
  }
  return out;
}
