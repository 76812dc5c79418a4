/** Every error the SDK throws; `code` is the hub's stable error code or one of the SDK's own. */
export class AvisoError extends Error {
  override readonly name: string = 'AvisoError';
  constructor(
    /** `VALIDATION_FAILED`, `UNAUTHORIZED`, … from the hub; `NETWORK_ERROR` or `TIMEOUT` from the SDK. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The hub answered with an error status (after the retries, for 408, 429 and 5xx). */
export class AvisoApiError extends AvisoError {
  override readonly name = 'AvisoApiError';
  constructor(
    readonly status: number,
    code: string,
    message: string,
    /** The `details` of the hub's error body (e.g. which fields failed validation). */
    readonly details?: unknown,
  ) {
    super(code, message);
  }
}

/** No answer: the connection failed or dropped (`NETWORK_ERROR`), or the hub was too slow (`TIMEOUT`). */
export class AvisoConnectionError extends AvisoError {
  override readonly name = 'AvisoConnectionError';
}
