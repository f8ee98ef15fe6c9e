import type { Clock } from '../../kernel/clock.js';
import type { UpstreamFailure } from './classify-upstream-failure.js';

interface HealthEntry {
  coolingUntilMs: number;
  consecutiveFailures: number;
}

/**
 * Per channel+model health, in this process: a 429 cools the pair for its Retry-After (or the
 * default cooldown); `failuresBeforeCooldown` failures in a row cool it for the default cooldown.
 * A success clears the count. Cooling pairs are skipped while healthy ones exist.
 */
export function createChannelHealth(deps: {
  clock: Clock;
  failuresBeforeCooldown: number;
  cooldownMs: number;
  maxCooldownMs?: number;
}) {
  const entries = new Map<string, HealthEntry>();
  const maxCooldownMs = deps.maxCooldownMs ?? 600_000;
  const keyOf = (channelId: string, model: string) => `${channelId}\u0000${model}`;

  return {
    /** Milliseconds the pair still cools, 0 when it is usable. */
    coolingRemainingMs(channelId: string, model: string): number {
      const entry = entries.get(keyOf(channelId, model));
      return entry ? Math.max(0, entry.coolingUntilMs - deps.clock.nowMs()) : 0;
    },
    recordSuccess(channelId: string, model: string): void {
      entries.delete(keyOf(channelId, model));
    },
    recordFailure(channelId: string, model: string, failure: UpstreamFailure): void {
      const key = keyOf(channelId, model);
      const entry = entries.get(key) ?? { coolingUntilMs: 0, consecutiveFailures: 0 };
      entry.consecutiveFailures += 1;
      const nowMs = deps.clock.nowMs();
      if (failure.status === 429 || failure.retryAfterMs !== null) {
        const cooldownMs = Math.min(maxCooldownMs, failure.retryAfterMs ?? deps.cooldownMs);
        entry.coolingUntilMs = Math.max(entry.coolingUntilMs, nowMs + cooldownMs);
      } else if (entry.consecutiveFailures >= deps.failuresBeforeCooldown) {
        entry.coolingUntilMs = nowMs + deps.cooldownMs;
        entry.consecutiveFailures = 0;
      }
      entries.set(key, entry);
    },
  };
}
export type ChannelHealth = ReturnType<typeof createChannelHealth>;
