import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.ts';

/**
 * Refuses a body over `maxSize` bytes. A request that says its length (nearly all: node's parser
 * then reads exactly that many bytes) is judged by its header alone, without turning the body into
 * a web stream, which the hot path cannot afford; a chunked one is counted as it is read.
 */
export function boundedBody(
  maxSize: number,
  onError: (c: Context<AppEnv>) => never,
): MiddlewareHandler<AppEnv> {
  const counted = bodyLimit({ maxSize, onError });
  return async function boundedBodyMiddleware(c, next) {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > maxSize) onError(c);
      return next();
    }
    // No length and no chunks: over HTTP/1.1 no body; a GET given to `app.fetch` cannot have one.
    if (length === undefined && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      if (c.req.header('transfer-encoding') === undefined) return next();
    }
    return counted(c, next);
  };
}
