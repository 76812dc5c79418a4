import type { AvisoBell } from '../src/aviso-bell.ts';

// What the end-to-end tests share: calls to a real hub's API, and the hub web-test-runner.config.mjs
// starts for them.

/** Calls a hub's API with a token; throws with the hub's answer unless it is 2xx. */
export async function callHub<T>(
  url: string,
  path: string,
  token: string,
  body?: unknown,
  method = 'POST',
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

/** The hub of web-test-runner.config.mjs (its URL and operator token), and `callHub` bound to it. */
export async function sharedHub() {
  const hub = (await (await fetch('/__hub.json')).json()) as { url: string; adminToken: string };
  const api = <T>(path: string, token: string, body?: unknown, method = 'POST') =>
    callHub<T>(hub.url, path, token, body, method);
  return { hub, api };
}

/** An element of the bell's shadow root. */
export const $ = (el: AvisoBell, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/**
 * A bell in the page holding a person's token, with no `server` (the bundle knows the hub it came
 * from); links are not followed, so the page stays. Remove it when done.
 */
export function mountBell(token: string, lang = 'es'): AvisoBell {
  const el = document.createElement('aviso-bell');
  el.token = token;
  el.lang = lang;
  el.addEventListener('aviso-navigate', (e) => e.preventDefault());
  document.body.append(el);
  return el;
}

/** A business of its own on the shared hub (made with the operator token); its API key. */
export async function newTenant(name: string, locale = 'es-MX'): Promise<string> {
  const { hub, api } = await sharedHub();
  return (await api<{ apiKey: string }>('/v1/admin/tenants', hub.adminToken, { name, locale })).apiKey;
}
