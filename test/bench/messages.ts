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
  | { type: 'connect'; url: string; path: string; tokens: string[]; concurrency: number }
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
      /** Events not sent because `maxInFlight` POSTs were already waiting. */
      skipped: number;
    };
