import type { Notification } from '@aviso/protocol';
import { buildLink, isSafeLink } from '@aviso/protocol/links';

/** The host's say over deep links: templates per event type, or a function that decides. */
export interface LinkOptions {
  /** Per event type, a template such as `/app/sales/{entityId}` (same syntax as the catalog). */
  templates?: Readonly<Record<string, string>>;
  /** Decides the link itself; `undefined` falls through to the templates and the server's link. */
  linkFor?: (notification: Notification) => string | null | undefined;
  /** Absolute origins other than the page's that links may go to. */
  allowedOrigins?: readonly string[];
  /** The page's origin (tests pass their own). */
  origin?: string;
}

type LinkSubject = Pick<Notification, 'type' | 'entityId' | 'data'> & { link?: string | null };

/**
 * Where clicking a notification goes: the host's `linkFor`, then its template for the type, then
 * the link the hub stored (built there from the catalog's template by the same `buildLink`).
 * Returns null when there is nowhere to go or the link is not safe to follow (`javascript:`,
 * another origin not allowed, …). The catalog itself is not bundled: it would cost 2.5 KB gzip.
 */
export function resolveLink(n: LinkSubject, options: LinkOptions = {}): string | null {
  const origin = options.origin ?? globalThis.location?.origin;
  let link = options.linkFor?.(n as Notification);
  if (link === undefined) {
    const template = options.templates?.[n.type];
    link = template !== undefined ? buildLink(template, n) : n.link;
  }
  if (!link) return null;
  return isSafeLink(link, origin, options.allowedOrigins) ? link : null;
}

/** Follows a resolved link: hash links set `location.hash`, others load the same-origin page. */
export function followLink(link: string): void {
  if (link.startsWith('#')) location.hash = link;
  else location.assign(link);
}
