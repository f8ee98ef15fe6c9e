/** The one error type. Services throw it; the HTTP edge renders it once. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Extra response headers (e.g. Retry-After) the edge must send with this error. */
  readonly headers: Record<string, string> | undefined;

  constructor(options: {
    code: string;
    status: number;
    message: string;
    details?: Record<string, unknown>;
    headers?: Record<string, string>;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Normalises anything thrown into an Error, so every catch handles one shape. */
export function coerceError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === 'string') return new Error(value);
  try {
    return new Error(JSON.stringify(value));
  } catch {
    return new Error(String(value));
  }
}

export const invalidRequest = (message: string, details?: Record<string, unknown>) =>
  new AppError({ code: 'invalid_request', status: 400, message, details });
export const unauthorized = (message = 'Authentication required') =>
  new AppError({ code: 'unauthorized', status: 401, message });
export const forbidden = (message = 'You are not allowed to do this') =>
  new AppError({ code: 'forbidden', status: 403, message });
export const notFound = (message = 'Not found') => new AppError({ code: 'not_found', status: 404, message });
export const conflict = (message: string, code = 'conflict') => new AppError({ code, status: 409, message });
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError({
    code: 'rate_limited',
    status: 429,
    message: `Too many requests; retry in ${retryAfterSeconds} s`,
    details: { retry_after_s: retryAfterSeconds },
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
