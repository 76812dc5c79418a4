import { expect } from 'vitest';
import {
  BOUNDS,
  expectMails,
  expectNoGhosts,
  expectStoredOnce,
  type FaultWindow,
  openVisitors,
  sleep,
} from './checks.ts';
import { Publisher, ReadyProbe, type Sent } from './clients.ts';
import { BRANCHES, type Cluster } from './cluster.ts';
import type { Figures } from './report.ts';

export interface ScenarioOptions {
  name: string;
  /** Breaks something, waits, repairs it; resolves with the window. Must repair in a `finally`. */
  fault: () => Promise<FaultWindow>;
  /** `/readyz` must say 503 while this window lasts (a second after it starts), 200 after. */
  databaseDown?: boolean;
  /** How long a person's last socket may stay "online" after it closed (a killed node's TTL). */
  presenceMs?: number;
  /** Repeats of a Message-ID allowed (sends in flight when a node is killed may go again). */
  mailRepeats?: number;
}

let scenarioCount = 0;

/** The event of sequence `seq`: sales to the branches, and every fifth an overdue payment (mailed). */
export function posEvent(run: number) {
  return (seq: number): Pick<Sent, 'kind' | 'body'> => {
    const tag = `${run}-${seq}`;
    if (seq % 5 === 0) {
      return {
        kind: 'payment',
        body: {
          type: 'PAGO_VENCIDO',
          recipientIds: [`deudor-${(seq / 5) % 5}`],
          message: `Pago vencido ref F-${tag}.`,
          data: { amount: seq, dueDate: '2026-11-01', fk: tag },
        },
      };
    }
    return {
      kind: 'sale',
      body: { type: 'NUEVA_VENTA', data: { branchId: BRANCHES[seq % 3], total: seq, fk: tag } },
    };
  };
}

/** Publishes through the fault, then checks every promise the hub makes; returns the figures. */
export async function runScenario(cluster: Cluster, o: ScenarioOptions): Promise<Figures> {
  try {
    return await scenario(cluster, o);
  } catch (err) {
    // What the nodes logged (warnings and errors) says why.
    const logs = cluster.nodes.map((n) => `--- ${n.name}\n${n.output(15)}`).join('\n');
    (err as Error).message += `\n${logs}`;
    throw err;
  }
}

async function scenario(cluster: Cluster, o: ScenarioOptions): Promise<Figures> {
  const run = ++scenarioCount;
  // A node that died in an earlier scenario (reported there) is started again.
  for (const node of cluster.nodes) if (!node.running) await node.start();
  const crashesBefore = cluster.nodes.map((n) => n.crashes.length);
  await cluster.rebalance();
  const mailsBefore = cluster.smtp.mails.length;
  const connectsBefore = cluster.widgets.map((w) => w.connects);
  const kickedBefore = cluster.widgets.map((w) => w.kicked);
  const visitors = await openVisitors(cluster, run);
  // Sockets on both nodes, or a push lost between nodes could not be seen.
  const perNode = cluster.nodes.map((n) => cluster.balancer.active.get(n.port) ?? 0);
  expect(
    perNode.every((n) => n >= 5),
    `sockets per node: ${perNode}`,
  ).toBe(true);
  for (const w of cluster.widgets) w.longestGapMs = 0;
  const publisher = new Publisher({
    // The nodes up, in turn (a balancer's health check): events land on both.
    urls: () => {
      const up = cluster.nodes.filter((n) => n.up);
      return (up.length ? up : cluster.nodes).map((n) => n.url);
    },
    apiKey: cluster.tenant.apiKey,
    event: posEvent(run),
    rate: 20,
  });
  const probe = new ReadyProbe(() => cluster.nodes);
  probe.start();
  const lag = lagMonitor();
  publisher.start();
  let window: FaultWindow;
  try {
    await sleep(2_000);
    window = await o.fault();
    await sleep(3_000);
  } finally {
    await Promise.race([
      publisher.stop(),
      sleep(60_000).then(() => {
        throw new Error('events still not accepted 60 s after the fault');
      }),
    ]).finally(() => {
      probe.stop();
      lag.stop();
    });
  }
  for (const v of visitors) v.close();
  // No node may die of the fault it was made to bear (only of a kill the scenario sent).
  expect(cluster.nodes.flatMap((n, i) => n.crashes.slice(crashesBefore[i]))).toEqual([]);

  const sent = publisher.sent;
  expect(
    sent.every((e) => e.ids.size === 1),
    'a key answered 202 with two different ids',
  ).toBe(true);
  await expectStoredOnce(cluster, run, sent);

  // Every socket, every sale it may see.
  const sales = sent.filter((e) => e.kind === 'sale');
  const missing = () =>
    cluster.widgets.flatMap((w) =>
      sales
        .filter((e) => cluster.seesSale(w.person, (e.body.data as { branchId: string }).branchId))
        .filter((e) => !w.received.has([...e.ids][0]!))
        .map((e) => `${w.person}:${e.key}`),
    );
  const lastAccepted = Math.max(...sent.map((e) => e.acceptedAt!));
  while (missing().length && Date.now() < Math.max(window.end, lastAccepted) + BOUNDS.socketsMs)
    await sleep(100);
  const gone = missing();
  expect(gone, `${gone.length} notifications never reached their sockets: ${gone.slice(0, 5)}`).toEqual([]);
  let socketsRecoveredMs = 0;
  let liveAfterMs = 0;
  for (const w of cluster.widgets) {
    for (const e of sales) {
      const at = w.received.get([...e.ids][0]!);
      if (at === undefined) continue;
      if (e.acceptedAt! <= window.end) socketsRecoveredMs = Math.max(socketsRecoveredMs, at - window.end);
      else liveAfterMs = Math.max(liveAfterMs, at - e.acceptedTryAt!);
    }
  }
  expect(socketsRecoveredMs).toBeLessThanOrEqual(BOUNDS.socketsMs);
  expect(liveAfterMs).toBeLessThanOrEqual(BOUNDS.socketsMs);
  const kicked = cluster.widgets.reduce((n, w, i) => n + w.kicked - kickedBefore[i]!, 0);
  expect(kicked, 'sockets disconnected by the hub (a widget takes that as a revoked token)').toBe(0);

  const mails = await expectMails(cluster, run, sent, mailsBefore, window, o.mailRepeats ?? 0);
  await expectNoGhosts(
    cluster,
    visitors.map((v) => v.person),
    o.presenceMs ?? BOUNDS.presenceMs,
  );

  const calls = publisher.calls;
  const slowest = Math.max(...calls.map((c) => c.ms));
  expect(
    calls.filter((c) => c.status === 'timeout'),
    'requests that hung',
  ).toEqual([]);
  const worst = calls.find((c) => c.ms === slowest)!;
  expect(
    slowest,
    `the slowest request: ${worst.status} ${worst.code ?? ''} from ${worst.url}, ${worst.at - window.start} ms into the fault`,
  ).toBeLessThanOrEqual(BOUNDS.requestMs);

  const ready = probe.answers;
  const readyMaxMs = Math.max(...ready.map((a) => a.ms));
  expect(
    ready.filter((a) => typeof a.status !== 'number'),
    '/readyz that did not answer',
  ).toEqual([]);
  const worstReady = ready.find((a) => a.ms === readyMaxMs);
  expect(
    readyMaxMs,
    `the slowest /readyz: ${JSON.stringify(worstReady)}, ${worstReady && worstReady.at - window.start} ms into the fault`,
  ).toBeLessThanOrEqual(BOUNDS.readyMs);
  const during = ready.filter((a) => a.at > window.start + 1_000 && a.at + a.ms < window.end);
  const after = ready.filter((a) => a.at > window.end + 5_000);
  if (o.databaseDown) {
    expect(during.length).toBeGreaterThan(0);
    expect(
      during.filter((a) => a.status !== 503),
      '/readyz while the database is cut',
    ).toEqual([]);
  } else {
    expect(
      during.filter((a) => a.status !== 200),
      '/readyz while the database is up',
    ).toEqual([]);
  }
  expect(
    after.filter((a) => a.status !== 200),
    '/readyz after the fault',
  ).toEqual([]);

  return {
    scenario: o.name,
    outageS: (window.end - window.start) / 1_000,
    accepted: sent.length,
    refused: calls.filter((c) => c.status !== 202).length,
    maxRequestMs: slowest,
    socketsRecoveredS: socketsRecoveredMs / 1_000,
    liveAfterMs,
    reconnects: cluster.widgets.reduce((n, w, i) => n + w.connects - connectsBefore[i]!, 0),
    longestGapS: Math.max(...cluster.widgets.map((w) => w.longestGapMs)) / 1_000,
    accepting: byNode(cluster, sent),
    ...mails,
    readyUnavailable: ready.filter((a) => a.status === 503).length,
    readyMaxMs,
    runnerLagMs: lag.maxMs,
  };
}

/** This process's worst event-loop delay, sampled every 100 ms. */
function lagMonitor() {
  let expected = Date.now() + 100;
  const monitor = {
    maxMs: 0,
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => {
    monitor.maxMs = Math.max(monitor.maxMs, Date.now() - expected);
    expected = Date.now() + 100;
  }, 100);
  return monitor;
}

/** How many of the events each node accepted, as `node-1 120 / node-2 98`. */
function byNode(cluster: Cluster, sent: Sent[]): string {
  return cluster.nodes
    .map((n) => `${n.name} ${sent.filter((e) => e.acceptedBy === n.url).length}`)
    .join(' / ');
}
