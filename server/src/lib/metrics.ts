import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The hub's Prometheus metrics, one registry per node (no tenant ids in labels). */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  notifications: Counter;
  deliveries: Counter<'kind' | 'status'>;
  sockets: Gauge;
  /** Rows the retention job deleted, by table. */
  retentionPurged: Counter<'table'>;
  /** Retention runs by outcome: `done`, `skipped` (another node held the lock) or `failed`. */
  retentionRuns: Counter<'outcome'>;
  /** When the last retention run that did its work ended (Unix seconds). */
  retentionLastRun: Gauge;
}

/** Builds the registry; `sockets` reads the live count when scraped. */
export function createMetrics(liveSockets: () => number = () => 0): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aviso_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'aviso_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'aviso_http_request_duration_seconds',
      help: 'HTTP request duration by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'aviso_notifications_total',
      help: 'Notifications stored and pushed live',
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'aviso_deliveries_total',
      help: 'Delivery outcomes by channel kind and status',
      labelNames: ['kind', 'status'],
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'aviso_sockets',
      help: 'Live widget sockets on this node',
      registers: [registry],
      collect() {
        this.set(liveSockets());
      },
    }),
    retentionPurged: new Counter({
      name: 'aviso_retention_purged_rows_total',
      help: 'Rows deleted by the retention job, by table',
      labelNames: ['table'],
      registers: [registry],
    }),
    retentionRuns: new Counter({
      name: 'aviso_retention_runs_total',
      help: 'Retention runs by outcome (done, skipped while another node ran it, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    retentionLastRun: new Gauge({
      name: 'aviso_retention_last_run_timestamp_seconds',
      help: 'End of the last retention run that did its work on this node (Unix time)',
      registers: [registry],
    }),
  };
}
