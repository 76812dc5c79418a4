/**
 * The error catalog of the HTTP API and the socket handshake: every stable code has exactly one
 * HTTP status and one message template. Clients may switch on the code; the message is for people.
 * A template names its parameters in braces (`channel {id} not found`); the server fills them in.
 */
export const ERRORS = {
  // 400: the request itself is malformed.
  VALIDATION_FAILED: { status: 400, message: 'the {what} is not valid' },
  INVALID_JSON: { status: 400, message: 'the body is not valid JSON' },
  DESTINATION_NOT_ALLOWED: {
    status: 400,
    message:
      '{fields}: a loopback, private, link-local or reserved address, which channels may not reach (the operator may allow it with AVISO_EGRESS_ALLOW)',
  },

  // 401 and 403: credentials.
  UNAUTHORIZED: { status: 401, message: 'the {credential} is missing or wrong' },
  INVALID_TOKEN: { status: 401, message: 'the widget token is invalid: {reason}' },
  TOKEN_EXPIRED: { status: 401, message: 'the widget token expired' },
  INVALID_SIGNATURE: { status: 401, message: 'the {what} is missing or wrong' },
  FORBIDDEN: { status: 403, message: 'forbidden: {reason}' },

  // 404: what the request names does not exist (or is not visible to the caller).
  NOT_FOUND: { status: 404, message: 'no {what}' },
  TENANT_NOT_FOUND: { status: 404, message: 'tenant {id} not found' },
  RECIPIENT_NOT_FOUND: { status: 404, message: 'recipient {id} not found' },
  BRANCH_NOT_FOUND: { status: 404, message: 'branch {id} not found' },
  NOTIFICATION_NOT_FOUND: { status: 404, message: 'notification {id} not found' },
  ACTION_NOT_FOUND: { status: 404, message: 'notification {id} has no action {action}' },
  CHANNEL_NOT_FOUND: { status: 404, message: 'channel {id} not found' },
  DELIVERY_NOT_FOUND: { status: 404, message: 'delivery {id} not found' },
  SCHEDULE_NOT_FOUND: { status: 404, message: 'nothing pending is scheduled under {cancelKey}' },
  STOCK_ALERT_NOT_FOUND: { status: 404, message: 'stock alert {id} not found' },

  // 405, 413, 415: the shape of the exchange.
  METHOD_NOT_ALLOWED: { status: 405, message: 'the method {method} is not allowed here' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'the body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'send the body as JSON (Content-Type: application/json)',
  },

  // 409: the request conflicts with the current state.
  IDEMPOTENCY_CONFLICT: { status: 409, message: 'this Idempotency-Key was used with a different request' },
  DELIVERY_NOT_RETRYABLE: {
    status: 409,
    message: 'a {status} delivery cannot be retried; only failed or bounced ones can',
  },
  TEST_NOT_RETRYABLE: {
    status: 409,
    message:
      'delivery {id} was a channel test that kept no address; send a new one (POST /v1/channels/{channelId}/test)',
  },
  STOCK_ALERT_RESOLVED: { status: 409, message: 'stock alert {id} is already resolved' },
  TELEGRAM_NOT_CONFIGURED: { status: 409, message: 'the tenant has no enabled Telegram channel' },

  // 422: valid JSON that cannot be acted on.
  UNKNOWN_EVENT_TYPE: { status: 422, message: 'unknown event type {type}: see GET /v1/event-types' },
  TEMPLATE_ERROR: { status: 422, message: 'the template {template} failed: {problem}' },
  TEMPLATE_TOO_COSTLY: {
    status: 422,
    message: 'the template {template} is too costly to render: {problem}',
  },
  TARGET_REQUIRED: { status: 422, message: '{type} has no one to reach: give {need}' },
  MESSAGE_REQUIRED: { status: 422, message: 'the new event type {type} needs at least a message' },
  ADDRESS_REQUIRED: { status: 422, message: 'a {kind} test needs an address: give "to"' },
  SECRET_REQUIRED: {
    status: 422,
    message: '{changed} changed, so a stored secret may not follow it: type {secrets} again',
  },
  TELEGRAM_BOT_USERNAME_MISSING: {
    status: 422,
    message: 'set the bot’s username (botUsername) on the Telegram channel to build t.me links',
  },

  // 429 and 5xx: come back later.
  RATE_LIMITED: { status: 429, message: 'too many requests; retry in {retryAfter} s' },
  TOO_MANY_CONNECTIONS: {
    status: 429,
    message: 'this person already has {max} live connections; close one to open another',
  },
  INTERNAL: { status: 500, message: 'internal error' },
  UNAVAILABLE: { status: 503, message: '{what} is not reachable' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'the database is not reachable right now; retry in {retryAfter} s',
  },
  SHUTTING_DOWN: { status: 503, message: 'this node is shutting down; retry on another' },
} as const satisfies Record<string, { status: ErrorStatus; message: string }>;

/** The statuses an Aviso error may carry. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** Stable error codes of the HTTP API and the socket handshake; clients may switch on them. */
export type ErrorCode = keyof typeof ERRORS;

/** Every code of the catalog, in catalog order. */
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

/** The values a code's message template needs, by placeholder name. */
export type ErrorParams<C extends ErrorCode> = {
  [K in ParamNames<(typeof ERRORS)[C]['message']>]: string | number;
};

/** The HTTP status of a code. */
export function errorStatus(code: ErrorCode): ErrorStatus {
  return ERRORS[code].status;
}

/** A code's message with its placeholders filled in; a missing value stays visible as `{name}`. */
export function errorMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The codes answered with one status, for API documentation. */
export function codesWithStatus(status: ErrorStatus): ErrorCode[] {
  return ERROR_CODES.filter((code) => ERRORS[code].status === status);
}
