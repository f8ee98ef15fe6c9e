import type { Clock } from '../../kernel/clock.js';
import { keyRateLimited } from '../gateway-errors.js';

const windowMs = 60_000;

interface KeyWindow {
  windowStartMs: number;
  requests: number;
  tokens: number;
}

/**
 * Per-key rpm/tpm in fixed one-minute windows, in this process. A request counts when admitted;
 * tokens count when its usage is known, so tpm stops the next request after the limit is crossed.
 * With several instances each enforces its own share; a shared store is the Redis follow-up.
 */
export function createApiKeyRateLimiter(deps: { clock: Clock }) {
  const windows = new Map<string, KeyWindow>();

  function currentWindow(keyId: string, nowMs: number): KeyWindow {
    const windowStartMs = nowMs - (nowMs % windowMs);
    let window = windows.get(keyId);
    if (!window || window.windowStartMs !== windowStartMs) {
      window = { windowStartMs, requests: 0, tokens: 0 };
      windows.set(keyId, window);
    }
    return window;
  }

  return {
    /** Throws 429 with Retry-After when the key is over a limit; otherwise counts the request. */
    admit(options: { keyId: string; rpm: number | null; tpm: number | null }): void {
      if (options.rpm === null && options.tpm === null) return;
      const nowMs = deps.clock.nowMs();
      const window = currentWindow(options.keyId, nowMs);
      const retryAfterSeconds = Math.max(1, Math.ceil((window.windowStartMs + windowMs - nowMs) / 1000));
      if (options.rpm !== null && window.requests >= options.rpm)
        throw keyRateLimited({ limit: 'rpm', retryAfterSeconds });
      if (options.tpm !== null && window.tokens >= options.tpm)
        throw keyRateLimited({ limit: 'tpm', retryAfterSeconds });
      window.requests += 1;
    },
    recordTokens(keyId: string, tokens: number): void {
      currentWindow(keyId, deps.clock.nowMs()).tokens += tokens;
    },
  };
}
export type ApiKeyRateLimiter = ReturnType<typeof createApiKeyRateLimiter>;
