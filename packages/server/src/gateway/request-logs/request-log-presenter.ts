import { toIso } from '../../kernel/clock.js';
import type { RequestLogRow } from './request-log-store.js';

/** One request log item in the Contract's exact field names. */
export function presentRequestLog(row: RequestLogRow) {
  return {
    id: row.id,
    created_at: toIso(row.created_at_ms),
    user_id: row.user_id,
    key_id: row.key_id,
    group: row.group_name,
    model: row.model,
    upstream_model: row.upstream_model,
    channel_id: row.channel_id,
    inbound: row.inbound,
    outbound: row.outbound,
    stream: row.is_stream === 1,
    status: row.status,
    error_code: row.error_code,
    error_message: row.error_message,
    ttfb_ms: row.ttfb_ms,
    duration_ms: row.duration_ms,
    overhead_ms: row.overhead_us / 1000,
    attempts: JSON.parse(row.attempts_json) as unknown[],
    usage: {
      input: Number(row.usage_input),
      cache_read: Number(row.usage_cache_read),
      cache_write: Number(row.usage_cache_write),
      output: Number(row.usage_output),
      reasoning: Number(row.usage_reasoning),
    },
    usage_source: row.usage_source,
  };
}
