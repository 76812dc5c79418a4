/** The error body every hub route answers with (SPEC section 5). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the hub has no such route at all (a feature not deployed yet), not a missing record. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND' && /^no route/.test(this.message);
  }
}

const KEY = 'aviso.admin.apiKey';

/** The API key of this tab: sessionStorage, so it goes with the tab and never reaches other sites. */
export const session = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/**
 * A JSON client for the tenant API; every call sends `Authorization: Bearer <key>`. A 401 from
 * any call also reaches `onUnauthorized`: the key was revoked or is wrong, so the session is over.
 */
export class Api {
  constructor(
    readonly key: string,
    private readonly base = '',
    private readonly onUnauthorized?: (error: ApiError) => void,
  ) {}

  /** One call; a non-2xx answer throws an `ApiError` with the hub's code, message and details. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)
        ?.error;
      const failure = new ApiError(
        res.status,
        error?.code ?? `HTTP_${res.status}`,
        error?.message ?? res.statusText,
        error?.details,
      );
      if (res.status === 401) this.onUnauthorized?.(failure);
      throw failure;
    }
    return parsed as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  put = <T>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  patch = <T>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  delete = <T>(path: string) => this.request<T>('DELETE', path);
}

/** `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
