import type { Clock } from '../../kernel/clock.js';
import { rateLimited } from '../../kernel/errors.js';

interface Window {
  startMs: number;
  count: number;
}

/**
 * Fixed one-minute windows kept in memory: per IP for every login/signup attempt, per username for
 * failed logins only (so a user's own typos lock out only that username, and only briefly).
 * With several `serve` instances each instance counts separately; the limits are per instance.
 */
export function createAuthRateLimiter(options: {
  perIpPerMinute: number;
  failuresPerUserPerMinute: number;
  clock: Clock;
}) {
  const windowMs = 60_000;
  const ipWindows = new Map<string, Window>();
  const userFailureWindows = new Map<string, Window>();

  const current = (windows: Map<string, Window>, key: string): Window => {
    const nowMs = options.clock.nowMs();
    let window = windows.get(key);
    if (!window || nowMs - window.startMs >= windowMs) {
      window = { startMs: nowMs, count: 0 };
      windows.set(key, window);
      if (windows.size > 50_000) windows.clear();
    }
    return window;
  };
  const retryAfterSeconds = (window: Window) =>
    Math.max(1, Math.ceil((window.startMs + windowMs - options.clock.nowMs()) / 1000));

  return {
    /** Counts one attempt from this IP; throws 429 rate_limited when over the limit. */
    checkAttempt(ip: string, username?: string): void {
      const ipWindow = current(ipWindows, ip);
      ipWindow.count += 1;
      if (ipWindow.count > options.perIpPerMinute) throw rateLimited(retryAfterSeconds(ipWindow));
      if (username) {
        const userWindow = current(userFailureWindows, username.toLowerCase());
        if (userWindow.count >= options.failuresPerUserPerMinute)
          throw rateLimited(retryAfterSeconds(userWindow));
      }
    },
    recordLoginFailure(username: string): void {
      current(userFailureWindows, username.toLowerCase()).count += 1;
    },
  };
}

export type AuthRateLimiter = ReturnType<typeof createAuthRateLimiter>;
