import type { ApiKeyService } from './api-keys/api-key-service.js';
import type { ChannelService } from './channels/channel-service.js';
import type { UsageBuckets, UsageSource } from './usage/index.js';

export type { UsageBuckets, UsageSource };

/** What a quota holder knows before the request is forwarded. */
export interface QuotaReservationContext {
  requestId: string;
  userId: string;
  keyId: string;
  group: string;
  model: string;
  /** A tokenizer estimate of the prompt, for a pre-deduction. */
  estimatedInputTokens: number;
  /** The caller's output cap when it gave one. */
  maxOutputTokens: number | null;
}

export interface QuotaSettlement {
  usage: UsageBuckets;
  usageSource: UsageSource;
  channelId: string | null;
  upstreamModel: string | null;
}

/**
 * Set by a later module (billing) to reserve before forwarding and settle after. The gateway calls
 * exactly one of settle or release for every successful reserve, on every exit path. A reserve that
 * throws an AppError (e.g. insufficient_quota) is answered to the caller in its own dialect.
 */
export interface QuotaHooks<Reservation = unknown> {
  reserve(context: QuotaReservationContext): Promise<Reservation>;
  settle(reservation: Reservation, settlement: QuotaSettlement): Promise<void>;
  release(reservation: Reservation): Promise<void>;
}

export interface GatewayService {
  channels: ChannelService;
  apiKeys: ApiKeyService;
  /** Unset until a billing module installs its hooks. */
  quotaHooks: QuotaHooks | undefined;
  /** Writes what is batched off the request path (request logs, last_used_at); tests and shutdown call it. */
  flush(): Promise<void>;
}
