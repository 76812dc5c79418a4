import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error the demo's API answers with: a status, a stable code and a message, like the hub's. */
export class DemoError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DemoError';
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Bad input to one of the demo's buttons. */
export const invalid = (message: string) => new DemoError(422, 'VALIDATION_FAILED', message);

export type Body = Record<string, unknown>;

/** One answer of the hub: its status and JSON body (`{}` when it had none). */
export interface HubAnswer {
  status: number;
  body: Body;
}

/**
 * The hub's public HTTP API, called exactly as any host backend would: bearer tokens over HTTP.
 * Without a key it can only do what the given token allows (the admin token to create a tenant).
 */
export class HubClient {
  constructor(
    readonly url: string,
    private readonly key?: string,
  ) {}

  /** The same hub with the tenant's API key. */
  withKey(key: string): HubClient {
    return new HubClient(this.url, key);
  }

  /** One call; a hub that cannot be reached is a 502 `HUB_UNREACHABLE`. */
  async call(method: string, path: string, body?: unknown, token = this.key): Promise<HubAnswer> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new DemoError(
        502,
        'HUB_UNREACHABLE',
        `the hub at ${this.url} did not answer: ${(err as Error).message}`,
      );
    }
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Body };
  }

  /** One call that must succeed; the hub's 4xx error is passed on with its status and code. */
  async ok(method: string, path: string, body?: unknown, token?: string): Promise<Body> {
    const res = await this.call(method, path, body, token);
    if (res.status < 400) return res.body;
    const err = (res.body.error ?? {}) as { code?: string; message?: string };
    // A hub failing on its side is the demo's upstream failing: 502, never the hub's 5xx as ours.
    const status = (res.status < 500 ? res.status : 502) as ContentfulStatusCode;
    throw new DemoError(
      status,
      err.code ?? 'HUB_ERROR',
      `${method} ${path}: ${err.message ?? `HTTP ${res.status}`}`,
    );
  }

  /** Resolves once the hub answers `/healthz`, or throws after `timeoutMs`. */
  async waitUntilUp(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const up = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      if (Date.now() > deadline)
        throw new Error(`the hub at ${this.url} did not answer /healthz in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
