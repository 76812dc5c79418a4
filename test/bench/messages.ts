/** The IPC messages between the orchestrator (`run.ts`) and its children. */

export interface ClockPing {
  type: 'ping';
  t0: number;
}
export interface ClockPong {
  type: 'pong';
  t0: number;
  tc: number;
}

/** Orchestrator → clients. */
export type ToClients =
  | ClockPing
  /** `tokens` are sent as `auth.token`; on a namespace without auth they are only counted. */
  | {
      type: 'connect';
      url: string;
      path: string;
      tokens: string[];
      concurrency: number;
      /** Sent as `auth.since`: a reconnection asking for what it missed. */
      since?: string;
    }
  | { type: 'collect' }
  /** Closes every socket (to connect another set). */
  | { type: 'drop' }
  | { type: 'close' };

/** Clients → orchestrator. */
export type FromClients =
  | ClockPong
  | { type: 'connected'; ok: number; failed: number; firstError?: string }
  | { type: 'progress'; received: number }
  /** Receipts since the last collect: `seq[i]` arrived at `at[i]` (the child's clock). */
  | { type: 'receipts'; seq: Float64Array; at: Float64Array }
  | { type: 'dropped' }
  | { type: 'closed' };

/** Orchestrator → publisher. */
export type ToPublisher =
  | ClockPing
  | {
      type: 'publish';
      url: string;
      apiKey: string;
      rate: number;
      seconds: number;
      branches: number;
      firstSeq: number;
      maxInFlight: number;
      /** Every event to a branch nobody is in (`BENCH_TO_NOBODY`): ingestion alone, beside the same sockets. */
      toNobody: boolean;
    }
  | { type: 'close' };

/** Publisher → orchestrator. */
export type FromPublisher =
  | ClockPong
  | {
      type: 'published';
      /** Intended send time of event `firstSeq + i` (the child's clock). */
      scheduled: Float64Array;
      /** HTTP status of each POST (0: network error or not sent). */
      status: Uint16Array;
      /** POST → response time of each event, ms. */
      responseMs: Float64Array;
      /** How long after its intended time each POST went out, ms (the publisher's own lateness). */
      lateMs: Float64Array;
      /** Events not sent because `maxInFlight` POSTs were already waiting. */
      skipped: number;
      /** Why the POSTs of status 0 got no answer: the error's code (or message), and how many. */
      failures: Record<string, number>;
    };

/** One measured phase of the ingest bench's load generator. */
export interface LoadPhase {
  url: string;
  headers: Record<string, string>;
  /** 1: `POST` one event per request; more: a batch `{ events }` of this many. */
  perRequest: number;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** The entity number of the first event (each phase continues where the last one stopped). */
  firstId: number;
}

/** Ingest orchestrator → load generator. */
export type ToLoad = { type: 'run'; phase: LoadPhase } | { type: 'exit' };

/** Load generator → ingest orchestrator. */
export type FromLoad =
  | { type: 'ready' }
  | {
      type: 'result';
      /** Events answered 202 after the warm-up. */
      events: number;
      requests: number;
      /** Answers other than 202 and connection errors. */
      refused: number;
      seconds: number;
      /** Request latency, ms. */
      p50: number;
      p99: number;
      nextId: number;
    };

/** Ingest orchestrator → a server under test (the hub or the floor). */
export type ToServer = { type: 'cpu' } | { type: 'exit' };

/** A server under test → ingest orchestrator. */
export type FromServer =
  | { type: 'listening'; url: string; headers: Record<string, string> }
  /** CPU time the process has used so far, ms (user + system). */
  | { type: 'cpu'; ms: number };
