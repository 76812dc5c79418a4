import type { ErrorCode } from '@aviso/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

/** The one error type of Aviso: an HTTP status, a stable code and a message for people. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const notFound = (code: ErrorCode, what: string) => new AppError(404, code, `${what} not found`);

/** Turns a zod error into the details clients get: where and what. */
export function zodDetails(issues: readonly { path: PropertyKey[]; message: string; code?: string }[]) {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Renders any thrown value as the SPEC's error body; unknown errors become a logged 500. */
export function errorRenderer(log: Logger) {
  return function renderError(err: unknown, c: Context) {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return c.json(err.toJSON(), err.status);
    }
    if (err instanceof SyntaxError) {
      return c.json(new AppError(400, 'INVALID_JSON', 'the body is not valid JSON').toJSON(), 400);
    }
    const status = (err as { status?: number }).status;
    if (status === 413) {
      return c.json(new AppError(413, 'PAYLOAD_TOO_LARGE', 'the body is too large').toJSON(), 413);
    }
    log.error({ err }, 'unhandled error');
    return c.json(new AppError(500, 'INTERNAL', 'internal error').toJSON(), 500);
  };
}
