/** How the router treats one failed attempt. Failures are values, never thrown. */
export interface UpstreamFailure {
  kind: 'connect' | 'timeout' | 'status';
  status: number | null;
  message: string;
  /** Another channel may succeed where this one failed. */
  isRetryable: boolean;
  /** The upstream rejected the channel's credentials; the channel is disabled with this reason. */
  disablesChannel: boolean;
  /** Set when the upstream told us how long to stay away (Retry-After on 429/503). */
  retryAfterMs: number | null;
}

// Retry-After is either delta-seconds or an HTTP date. @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  return Number.isNaN(dateMs) ? null : Math.max(0, dateMs - nowMs);
}

/**
 * Status-based, the same for every provider: 408/409/429 and 5xx are worth another channel; 401/403
 * mean this channel's key is bad (another channel may still serve); other 4xx are the caller's
 * request and would fail everywhere, so they go back to the caller unchanged.
 */
export function classifyUpstreamStatus(options: {
  status: number;
  retryAfterMs: number | null;
  message: string;
}): UpstreamFailure {
  const { status } = options;
  const isAuthFailure = status === 401 || status === 403;
  return {
    kind: 'status',
    status,
    message: options.message,
    isRetryable: isAuthFailure || status === 408 || status === 409 || status === 429 || status >= 500,
    disablesChannel: isAuthFailure,
    retryAfterMs: options.retryAfterMs,
  };
}

export function connectFailure(message: string): UpstreamFailure {
  return {
    kind: 'connect',
    status: null,
    message,
    isRetryable: true,
    disablesChannel: false,
    retryAfterMs: null,
  };
}

export function timeoutFailure(timeoutMs: number): UpstreamFailure {
  return {
    kind: 'timeout',
    status: null,
    message: `no response within ${timeoutMs} ms`,
    isRetryable: true,
    disablesChannel: false,
    retryAfterMs: null,
  };
}
