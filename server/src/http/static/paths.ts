import { fail } from '../../lib/errors.ts';

/**
 * The decoded rest of a static file's URL path. A malformed percent-encoding (`%E0%A4%A`, a lone
 * `%`) or an encoded NUL is the caller's mistake: 400, not the `URIError` `decodeURIComponent` throws.
 */
export function decodePath(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    fail('VALIDATION_FAILED', { what: 'percent-encoding of the path' });
  }
  if (decoded.includes('\u0000')) fail('VALIDATION_FAILED', { what: 'path (it holds a NUL)' });
  return decoded;
}
