/** The console API's one error shape: `{error:{code,message,details?}}`, plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: { status: number; code: string; message: string; details?: Record<string, unknown> }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }

  /** `details.fields` as `{field: message}`, for showing each message beside its input. */
  fieldErrors(): Record<string, string> {
    const fields = this.details?.fields;
    if (!fields || typeof fields !== 'object') return {};
    return Object.fromEntries(
      Object.entries(fields as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }
}

/** What the client throws when the server cannot be reached at all. */
export const networkErrorCode = 'network_error';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Builds an ApiError from any failed response body, including non-JSON ones from proxies. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details =
      error.details && typeof error.details === 'object'
        ? (error.details as Record<string, unknown>)
        : undefined;
    return new ApiError({ status, code: error.code, message: error.message, details });
  }
  return new ApiError({ status, code: `http_${status}`, message: `The server answered with HTTP ${status}` });
}
