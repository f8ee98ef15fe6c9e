import type { AuditActor } from '../identity/index.js';
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
  /**
   * A tokenizer estimate of the prompt, for a pre-deduction. A function because tokenizing a large
   * prompt costs milliseconds: billing calls it only for models that have a price.
   */
  estimateInputTokens(): number;
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

/** Billing facts about keys and requests, installed by the billing module next to its quota hooks. */
export interface GatewayBillingLink {
  /** cost_micros, price snapshot or pricing_missing per request id, for log items. */
  describeCharges(requestIds: string[]): Promise<Map<string, Record<string, unknown>>>;
  /** A key's own spending limit (null = unlimited) and what it used. */
  describeKeyQuota(keyId: string): Promise<{ quota_micros: number | null; quota_used_micros: number }>;
  setKeyQuota(keyId: string, quotaMicros: number | null, actor: AuditActor): Promise<void>;
}

export interface GatewayService {
  channels: ChannelService;
  apiKeys: ApiKeyService;
  /** Unset until a billing module installs its hooks. */
  quotaHooks: QuotaHooks | undefined;
  /** Unset until a billing module installs it. */
  billing: GatewayBillingLink | undefined;
  /** Writes what is batched off the request path (request logs, last_used_at); tests and shutdown call it. */
  flush(): Promise<void>;
  /**
   * Read-your-writes for the APIs that show what requests did (logs, keys' last_used_at, balances):
   * waits for the bookkeeping of requests already answered and writes what is batched. Cheap when
   * nothing is pending; never waits for a stream still in progress.
   */
  catchUp(): Promise<void>;
}
