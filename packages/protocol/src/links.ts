/** What a deep-link template may read: `{entityId}` and any top-level field of `data`. */
export interface LinkSource {
  entityId?: string | null;
  data?: Record<string, unknown> | null;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function lookup(name: string, source: LinkSource): string | undefined {
  const value = name === 'entityId' ? source.entityId : source.data?.[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** A part of a link template split at its placeholders: text at even places, names at odd ones. */
const piecesOf = (part: string): string[] => part.split(PLACEHOLDER);

/** The part with its values URL-encoded; undefined when one is missing. */
function fill(pieces: readonly string[], source: LinkSource): string | undefined {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2) {
      const value = lookup(pieces[i]!, source);
      if (value === undefined) return undefined;
      out += encodeURIComponent(value);
    } else out += pieces[i];
  }
  return out;
}

/** A link template split once: its path segments and its query pairs, each in pieces. */
interface LinkParts {
  segments: string[][];
  pairs: string[][];
}

const parsed = new Map<string, LinkParts>();

function partsOf(template: string): LinkParts {
  let parts = parsed.get(template);
  if (!parts) {
    const [pathPart = '', query] = template.split('?', 2) as [string, string | undefined];
    parts = {
      segments: pathPart.split('/').map(piecesOf),
      pairs: (query ?? '').split('&').filter(Boolean).map(piecesOf),
    };
    // Templates come from the catalog and the tenants' types: few, but not trusted to stay few.
    if (parsed.size >= 1_000) parsed.clear();
    parsed.set(template, parts);
  }
  return parts;
}

/**
 * Turns a link template such as `#/ventas/{entityId}` or `#/inventarios?search={sku}` into a link.
 * A path segment whose value is missing cuts the path there (`#/ventas`); a query parameter whose
 * value is missing is dropped. Values are URL-encoded, so data can never change the link's shape.
 */
export function buildLink(template: string | null | undefined, source: LinkSource): string | null {
  if (!template) return null;
  const { segments, pairs } = partsOf(template);
  let path = '';
  for (const [i, segment] of segments.entries()) {
    const filled = fill(segment, source);
    if (filled === undefined) break;
    path = i ? `${path}/${filled}` : filled;
  }
  let params = '';
  for (const pair of pairs) {
    const filled = fill(pair, source);
    if (filled !== undefined) params = params ? `${params}&${filled}` : filled;
  }
  return params ? `${path}?${params}` : path;
}

/**
 * True for links that are inert to follow: in-app (`#/…`, `/…`, `?…`) or absolute http(s).
 * `javascript:`, `data:`, protocol-relative `//host` and anything with control characters are refused.
 * Pass `origin` to also refuse absolute links to other origins (the widget does, unless allowed).
 */
export function isSafeLink(link: string, origin?: string, allowedOrigins: readonly string[] = []): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (!link || /[\u0000-\u001f\u007f\\]/.test(link)) return false;
  if (link.startsWith('#') || link.startsWith('?')) return true;
  if (link.startsWith('/')) return !link.startsWith('//');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (origin === undefined) return true;
  return url.origin === origin || allowedOrigins.includes(url.origin);
}
