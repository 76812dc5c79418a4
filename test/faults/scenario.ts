import { loadavg } from 'node:os';
import {
  BOUNDS,
  Broken,
  checkMails,
  checkStoredOnce,
  type FaultWindow,
  openVisitors,
  presenceSettles,
  sleep,
} from './checks.ts';
import { type Call, Publisher, ReadyProbe, type Sent } from './clients.ts';
import { BRANCHES, type Cluster } from './cluster.ts';
import type { Figures } from './report.ts';

export interface ScenarioOptions {
  name: string;
  /**
   * Breaks something, waits, repairs it (in a `finally`); resolves with the window. Promises it
   * checks itself (the storm's) go to `broken`.
   */
  fault: (broken: Broken) => Promise<FaultWindow>;
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

/** What a scenario measured, and the promises it found broken (with what the nodes logged). */
export interface Outcome {
  figures: Figures;
  broken: Broken;
  logs: string;
}

/**
 * Publishes through the fault, then checks every promise the hub makes. Every check runs whatever
 * the others found, so the figures are complete and every broken promise is named.
 */
export async function runScenario(cluster: Cluster, o: ScenarioOptions): Promise<Outcome> {
  const run = ++scenarioCount;
  const broken = new Broken();
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
  if (perNode.some((n) => n < 5)) broken.add('set-up', `sockets per node ${perNode}`);
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
    window = await o.fault(broken);
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
  for (const [i, n] of cluster.nodes.entries()) {
    for (const crash of n.crashes.slice(crashesBefore[i])) broken.add('node crashed', crash);
  }

  const sent = publisher.sent;
  await checkStoredOnce(cluster, run, sent, broken);
  const sockets = await socketsComplete(cluster, sent, window, broken);
  const kicked = cluster.widgets.reduce((n, w, i) => n + w.kicked - kickedBefore[i]!, 0);
  if (kicked)
    broken.add('sockets kicked', `${kicked} "io server disconnect" (a widget takes it as a revoked token)`);
  const mails = await checkMails(cluster, run, sent, {
    from: mailsBefore,
    window,
    repeats: o.mailRepeats ?? 0,
    broken,
  });
  const presence = await presenceSettles(
    cluster,
    visitors.map((v) => v.person),
    o.presenceMs ?? BOUNDS.presenceMs,
  );
  if (presence.wrong) broken.add('presence ghost', presence.wrong);
  const maxRequestMs = checkRequests(publisher.calls, window, broken);
  const ready = checkReady(probe.answers, window, Boolean(o.databaseDown), broken);

  const figures: Figures = {
    scenario: o.name,
    outageS: (window.end - window.start) / 1_000,
    accepted: sent.length,
    refused: publisher.calls.filter((c) => c.status !== 202).length,
    maxRequestMs,
    ...sockets,
    reconnects: cluster.widgets.reduce((n, w, i) => n + w.connects - connectsBefore[i]!, 0),
    longestGapS: Math.max(...cluster.widgets.map((w) => w.longestGapMs)) / 1_000,
    accepting: cluster.nodes
      .map((n) => `${n.name} ${sent.filter((e) => e.acceptedBy === n.url).length}`)
      .join(' / '),
    ...mails,
    ...ready,
    runnerLagMs: lag.maxMs,
    load: loadavg()[0]!,
    verdict: broken.items.length ? [...new Set(broken.items.map((b) => b.what))].join(', ') : 'kept',
  };
  // What the nodes logged (warnings and errors) says why.
  const logs = cluster.nodes.map((n) => `--- ${n.name}\n${n.output(15)}`).join('\n');
  return { figures, broken, logs };
}

/** Waits (within the bound) until every socket has every sale it may see; measures how late. */
async function socketsComplete(cluster: Cluster, sent: Sent[], window: FaultWindow, broken: Broken) {
  const sales = sent.filter((e) => e.kind === 'sale');
  const missing = () =>
    cluster.widgets.flatMap((w) =>
      sales
        .filter((e) => cluster.seesSale(w.person, (e.body.data as { branchId: string }).branchId))
        .filter((e) => !w.received.has([...e.ids][0]!))
        .map((e) => `${w.person}:${e.key}`),
    );
  const lastAccepted = Math.max(...sent.map((e) => e.acceptedAt!));
  const deadline = Math.max(window.end, lastAccepted) + BOUNDS.socketsMs;
  while (missing().length && Date.now() < deadline) await sleep(100);
  const gone = missing();
  if (gone.length)
    broken.add('notifications lost', `${gone.length} never reached their socket: ${gone.slice(0, 8)}`);
  let recoveredMs = 0;
  let liveAfterMs = 0;
  for (const w of cluster.widgets) {
    for (const e of sales) {
      const at = w.received.get([...e.ids][0]!);
      if (at === undefined) continue;
      if (e.acceptedAt! <= window.end) recoveredMs = Math.max(recoveredMs, at - window.end);
      else liveAfterMs = Math.max(liveAfterMs, at - e.acceptedTryAt!);
    }
  }
  if (recoveredMs > BOUNDS.socketsMs)
    broken.add('sockets late', `complete ${recoveredMs} ms after the fault`);
  if (liveAfterMs > BOUNDS.socketsMs) broken.add('sockets late', `a live push took ${liveAfterMs} ms`);
  return { socketsRecoveredS: recoveredMs / 1_000, liveAfterMs };
}

/** No request hung, none took longer than the bound; returns the slowest. */
function checkRequests(calls: Call[], window: FaultWindow, broken: Broken): number {
  const slowest = Math.max(...calls.map((c) => c.ms));
  const hung = calls.filter((c) => c.status === 'timeout');
  if (hung.length) broken.add('request hung', `${hung.length} not answered in 20 s`);
  const worst = calls.find((c) => c.ms === slowest)!;
  if (slowest > BOUNDS.requestMs) {
    const when = worst.at - window.start;
    broken.add(
      'slow request',
      `${slowest} ms (${worst.status} ${worst.code ?? ''}, ${worst.url}, ${when} ms into it)`,
    );
  }
  return slowest;
}

/** `/readyz` answered every time, fast, with 503 while the database was cut and 200 otherwise. */
function checkReady(
  answers: ReadyProbe['answers'],
  window: FaultWindow,
  databaseDown: boolean,
  broken: Broken,
) {
  const readyMaxMs = Math.max(...answers.map((a) => a.ms));
  const silent = answers.filter((a) => typeof a.status !== 'number');
  const into = (a: { at: number }) => `${a.at - window.start} ms into the fault`;
  if (silent.length)
    broken.add('/readyz silent', silent.map((a) => `${a.node} ${a.status} ${into(a)}`).join('; '));
  const slow = answers.filter((a) => typeof a.status === 'number' && a.ms > BOUNDS.readyMs);
  if (slow.length) broken.add('/readyz slow', slow.map((a) => `${a.node} ${a.ms} ms ${into(a)}`).join('; '));
  const during = answers.filter((a) => a.at > window.start + 1_000 && a.at + a.ms < window.end);
  const after = answers.filter((a) => a.at > window.end + 5_000);
  const want = databaseDown ? 503 : 200;
  const wrong = [...during.filter((a) => a.status !== want), ...after.filter((a) => a.status !== 200)].filter(
    (a) => typeof a.status === 'number',
  );
  if (databaseDown && !during.length) broken.add('/readyz', 'no answer while the database was cut');
  if (wrong.length)
    broken.add('/readyz lied', wrong.map((a) => `${a.node} ${a.status} ${into(a)}`).join('; '));
  return { readyUnavailable: answers.filter((a) => a.status === 503).length, readyMaxMs };
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
