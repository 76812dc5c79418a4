/** What one scenario measured: the RELIABILITY section of BENCHMARKS.md is a table of these. */
export interface Figures {
  scenario: string;
  /** How long the fault lasted (the dependency away, or the node down until it was back). */
  outageS: number;
  /** Events answered 202 (each stored once). */
  accepted: number;
  /** Answers other than 202 (503, 429…), connection errors and client timeouts, all retried. */
  refused: number;
  /** The slowest answer (or failure) the publisher saw. */
  maxRequestMs: number;
  /** From the end of the fault until the last socket had every notification published during it. */
  socketsRecoveredS: number;
  /** The slowest live notification published after the fault (acceptance → arrival). */
  liveAfterMs: number;
  reconnects: number;
  /** The longest a widget stayed disconnected. */
  longestGapS: number;
  /** Events accepted by each node. */
  accepting: string;
  /** Mails sent / expected, and repeats of one Message-ID. */
  mails: { sent: number; expected: number; repeats: number };
  /** Mails that arrived later than 5 s after their event was accepted, and the latest one. */
  lateMails: number;
  latestMailS: number;
  /** `/readyz` answers 503 while the database was cut, and the slowest `/readyz`. */
  readyUnavailable: number;
  readyMaxMs: number;
  /** The suite's own event-loop lag at worst: how loaded the machine was (timings scale with it). */
  runnerLagMs: number;
  /** The one-minute load average at the end of the scenario (2 cores: above 2 means queueing). */
  load: number;
  /** `kept`, or the promises found broken. */
  verdict: string;
}

/** The figures as a Markdown table. */
export function reliabilityTable(rows: Figures[]): string {
  const head = [
    'Scenario',
    'Promises',
    'Outage',
    'Events 202',
    'Refused (retried)',
    'Slowest request',
    'Sockets complete after',
    'Slowest live push after',
    'Accepted by',
    'Reconnects (longest gap)',
    'Mails sent / expected (repeats)',
    'Mails > 5 s late (latest)',
    '/readyz 503s (slowest)',
    'Load (runner lag)',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    r.verdict,
    `${r.outageS.toFixed(1)} s`,
    String(r.accepted),
    String(r.refused),
    `${r.maxRequestMs} ms`,
    `${r.socketsRecoveredS.toFixed(1)} s`,
    `${r.liveAfterMs} ms`,
    r.accepting,
    `${r.reconnects} (${r.longestGapS.toFixed(1)} s)`,
    `${r.mails.sent} / ${r.mails.expected} (${r.mails.repeats})`,
    `${r.lateMails} (${r.latestMailS.toFixed(1)} s)`,
    `${r.readyUnavailable} (${r.readyMaxMs} ms)`,
    `${r.load.toFixed(1)} (${r.runnerLagMs} ms)`,
  ]);
  return [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
