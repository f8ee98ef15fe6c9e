import type { ApiKeyPrincipal } from '../api-keys/api-key-service.js';
import type { RoutableChannel } from '../channels/channel-directory.js';
import type { AttemptRecord } from '../proxy/forward-with-failover.js';
import type { RequestLogRow } from '../request-logs/request-log-store.js';
import type { Dialect, MeasuredUsage } from '../usage/index.js';

const noUsage: MeasuredUsage = {
  usage: { input: 0, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 },
  source: 'reported',
};

/** Everything one gateway request learns on its way, for the response header, the log and metrics. */
export class GatewayExchange {
  readonly startedAt = performance.now();
  principal: ApiKeyPrincipal | undefined;
  channel: RoutableChannel | undefined;
  upstreamModel: string | undefined;
  outbound: Dialect | undefined;
  readonly attempts: AttemptRecord[] = [];
  /** Time spent waiting on upstreams (all attempts), which is not gateway overhead. */
  upstreamWaitMs = 0;
  committedAt: number | undefined;
  status = 500;
  errorCode: string | null = null;
  errorMessage: string | null = null;
  usage: MeasuredUsage = noUsage;
  /** The last attempt asked for usage the caller did not; its usage-only chunk is dropped. */
  isUsageChunkAdded = false;

  /** Known once the body parsed; empty for requests rejected before that. */
  model = '';
  isStream = false;

  constructor(readonly options: { id: string; createdAtMs: number; protocol: string }) {}

  /** Gateway time before the first byte, minus upstream waits; what x-switchyard-overhead-ms reports. */
  overheadMs(): number {
    const end = this.committedAt ?? performance.now();
    return Math.max(0, end - this.startedAt - this.upstreamWaitMs);
  }

  overheadHeader(): Record<string, string> {
    this.committedAt ??= performance.now();
    return { 'x-switchyard-overhead-ms': this.overheadMs().toFixed(3) };
  }

  toLogRow(): RequestLogRow {
    const durationMs = performance.now() - this.startedAt;
    return {
      id: this.options.id,
      created_at_ms: this.options.createdAtMs,
      user_id: this.principal?.userId ?? null,
      key_id: this.principal?.keyId ?? null,
      group_name: this.principal?.group ?? null,
      model: this.model || null,
      upstream_model: this.upstreamModel ?? null,
      channel_id: this.channel?.id ?? null,
      inbound: this.options.protocol,
      outbound: this.outbound ?? null,
      is_stream: this.isStream ? 1 : 0,
      status: this.status,
      error_code: this.errorCode,
      error_message: this.errorMessage,
      ttfb_ms: this.committedAt === undefined ? null : Math.round(this.committedAt - this.startedAt),
      duration_ms: Math.round(durationMs),
      overhead_us: Math.round(this.overheadMs() * 1000),
      attempts_json: JSON.stringify(this.attempts),
      usage_input: this.usage.usage.input,
      usage_cache_read: this.usage.usage.cache_read,
      usage_cache_write: this.usage.usage.cache_write,
      usage_output: this.usage.usage.output,
      usage_reasoning: this.usage.usage.reasoning,
      usage_source: this.usage.source,
    };
  }
}
