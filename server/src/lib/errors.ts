import {
  type ErrorCode,
  type ErrorParams,
  type ErrorStatus,
  errorMessage,
  errorStatus,
} from '@aviso/protocol';
import type { Context } from 'hono';
import type { Logger } from 'pino';

/** What an error carries beside its code and message. */
export interface ErrorExtras {
  /** Machine-readable context for the client (field paths, the current state, …). */
  details?: unknown;
  /** Response headers, such as `Retry-After`. */
  headers?: Record<string, string>;
}

/** The arguments after a code: its template's values (required when it has any), then extras. */
export type ErrorArgs<C extends ErrorCode> = [keyof ErrorParams<C>] extends [never]
  ? [params?: ErrorParams<C>, extras?: ErrorExtras]
  : [params: ErrorParams<C>, extras?: ErrorExtras];

/**
 * The one error type of Aviso: a stable code from the catalog in `@aviso/protocol`, which gives
 * its HTTP status and message template. Build it with `appError` or throw it with `fail`.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: ErrorStatus;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: C,
    ...[params, extras]: ErrorArgs<C>
  ) {
    super(errorMessage(code, params as Record<string, string | number> | undefined));
    this.name = 'AppError';
    this.status = errorStatus(code);
    this.details = extras?.details;
    this.headers = extras?.headers;
  }

  /** The SPEC's error body: `{error: {code, message, details?}}`. */
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

/** Builds the error of a code, with its template's values and optional details or headers. */
export function appError<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): AppError<C> {
  return new AppError(code, ...args);
}

/** Throws the error of a code: `fail('CHANNEL_NOT_FOUND', { id })`. */
export function fail<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): never {
  throw new AppError(code, ...args);
}

/** Turns a zod error into the details clients get: where and what. */
export function zodDetails(issues: readonly { path: PropertyKey[]; message: string; code?: string }[]) {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

// SQLSTATEs of a value PostgreSQL cannot read: invalid text representation (a non-UUID for a uuid
// column), a character not in UTF-8 (NUL), an untranslatable character (an unpaired surrogate in jsonb).
const REFUSED_VALUE = new Set(['22P02', '22021', '22P05']);

/** The SQLSTATE and driver message when PostgreSQL (or PGlite, through drizzle) refused a value. */
function refusedValue(err: unknown): { sqlstate: string; reason: string } | undefined {
  let e = err;
  for (let depth = 0; depth < 3 && e && typeof e === 'object'; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && REFUSED_VALUE.has(code)) {
      return { sqlstate: code, reason: String(message ?? '').slice(0, 200) };
    }
    e = cause;
  }
  return undefined;
}

/** The AppError a thrown value is or wraps (drizzle wraps what the driver threw in its own error). */
export function asAppError(err: unknown): AppError | undefined {
  let e = err;
  for (let depth = 0; depth < 3 && e && typeof e === 'object'; depth++) {
    if (e instanceof AppError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Any thrown value as an AppError: a body parser's errors get their codes, anything else is a logged `INTERNAL`. */
export function toAppError(err: unknown, log: Logger): AppError {
  const known = asAppError(err);
  if (known) return known;
  if (err instanceof SyntaxError) return appError('INVALID_JSON');
  if ((err as { status?: number }).status === 413) return appError('PAYLOAD_TOO_LARGE');
  const refused = refusedValue(err);
  if (refused) {
    // The input's fault, caught late: one line, without the query or a stack.
    log.warn(refused, 'the database refused a value of the request');
    return appError('VALIDATION_FAILED', { what: 'request (a value has a form the database refuses)' });
  }
  log.error({ err }, 'unhandled error');
  return appError('INTERNAL');
}

/** Renders any thrown value as the SPEC's error body, with the status the catalog gives its code. */
export function errorRenderer(log: Logger) {
  return function renderError(err: unknown, c: Context) {
    const e = toAppError(err, log);
    for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
    return c.json(e.toJSON(), e.status);
  };
}

/** The Socket.IO form of an error: a handshake middleware rejects with `next(socketError(e))`. */
export function socketError(e: AppError): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(e.message), { data: { code: e.code } });
}
