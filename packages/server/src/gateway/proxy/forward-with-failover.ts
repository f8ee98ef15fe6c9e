import type { RoutableChannel } from '../channels/channel-directory.js';
import { channelUnavailable } from '../gateway-errors.js';
import type { ChannelHealth } from '../routing/channel-health.js';
import { type ChannelRouter, resolveUpstreamModel } from '../routing/channel-router.js';
import type { AttemptFailure, AttemptSuccess } from './attempt-upstream.js';

/** One entry of the attempt chain in the request log. */
export interface AttemptRecord {
  channel_id: string;
  upstream_model: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export type FailoverOutcome =
  | {
      kind: 'success';
      channel: RoutableChannel;
      upstreamModel: string;
      attempt: AttemptSuccess;
      attempts: AttemptRecord[];
      upstreamWaitMs: number;
    }
  | {
      kind: 'rejected';
      channel: RoutableChannel;
      upstreamModel: string;
      attempt: AttemptFailure;
      attempts: AttemptRecord[];
      upstreamWaitMs: number;
    };

export interface FailoverDeps {
  router: ChannelRouter;
  health: ChannelHealth;
  maxAttempts: number;
  autoDisableChannel(channelId: string, reason: string): Promise<void>;
}

/**
 * Tries channels until one answers 2xx (success) or with an error that is the caller's (rejected).
 * Retryable failures move on to another channel, never the same one twice, at most `maxAttempts`
 * times; when none is left, 503 channel_unavailable with Retry-After. Every attempt is recorded.
 */
export async function forwardWithFailover(
  deps: FailoverDeps,
  options: {
    candidates: readonly RoutableChannel[];
    model: string;
    /** Filled as attempts happen, so the caller can log the chain even when this throws. */
    attempts: AttemptRecord[];
    attempt(channel: RoutableChannel, upstreamModel: string): Promise<AttemptSuccess | AttemptFailure>;
  },
): Promise<FailoverOutcome> {
  const { attempts } = options;
  const triedChannelIds = new Set<string>();
  let upstreamWaitMs = 0;
  let coolingRemainingMs = 0;
  while (attempts.length < deps.maxAttempts) {
    const pick = deps.router.pickNext(options.candidates, { model: options.model, triedChannelIds });
    if (!pick.channel) {
      coolingRemainingMs = pick.coolingRemainingMs;
      break;
    }
    const { channel } = pick;
    triedChannelIds.add(channel.id);
    const upstreamModel = resolveUpstreamModel(channel, options.model);
    const result = await options.attempt(channel, upstreamModel);
    upstreamWaitMs += result.upstreamWaitMs;
    attempts.push({
      channel_id: channel.id,
      upstream_model: upstreamModel,
      status: result.isOk ? result.response.status : result.failure.status,
      error: result.isOk ? null : result.failure.message,
      duration_ms: Math.round(result.upstreamWaitMs),
    });
    if (result.isOk) {
      deps.health.recordSuccess(channel.id, options.model);
      return { kind: 'success', channel, upstreamModel, attempt: result, attempts, upstreamWaitMs };
    }
    if (!result.failure.isRetryable)
      return { kind: 'rejected', channel, upstreamModel, attempt: result, attempts, upstreamWaitMs };
    deps.health.recordFailure(channel.id, options.model, result.failure);
    if (result.failure.disablesChannel) {
      await deps.autoDisableChannel(
        channel.id,
        `upstream answered HTTP ${result.failure.status}: ${result.failure.message}`.slice(0, 500),
      );
    }
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(coolingRemainingMs / 1000));
  throw channelUnavailable({ model: options.model, retryAfterSeconds });
}
