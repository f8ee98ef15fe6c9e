import { toIso } from '../../kernel/clock.js';
import type { PublicChannel } from './channel-schemas.js';
import type { ChannelRow } from './channel-store.js';

export const parseJsonColumn = <T>(text: string | null, fallback: T): T =>
  text ? (JSON.parse(text) as T) : fallback;

/** The channel as the admin API shows it: keys only as a count, never their values. */
export function presentChannel(row: ChannelRow, keyCount: number): PublicChannel {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    vendor: row.vendor,
    base_url: row.base_url,
    key_count: keyCount,
    models: parseJsonColumn<string[]>(row.models_json, []),
    model_mapping: parseJsonColumn<Record<string, string>>(row.model_mapping_json, {}),
    groups: parseJsonColumn<string[]>(row.groups_json, []),
    priority: row.priority,
    weight: row.weight,
    timeout_ms: row.timeout_ms,
    status: row.status,
    status_reason: row.status_reason,
    created_at: toIso(row.created_at_ms) ?? '',
    updated_at: toIso(row.updated_at_ms) ?? '',
    last_test:
      row.last_test_at_ms === null
        ? null
        : {
            at: toIso(row.last_test_at_ms) ?? '',
            latency_ms: row.last_test_latency_ms,
            outcome: row.last_test_outcome ?? 'unknown',
            error: row.last_test_error,
          },
  };
}
