import type { Clock } from '../../kernel/clock.js';
import type { AnyKysely } from '../../kernel/db/database.js';
import type { SecretBox } from '../../kernel/secrets/secret-box.js';
import { effectiveBaseUrl } from '../upstream/effective-base-url.js';
import { parseJsonColumn } from './channel-presenter.js';
import type { ChannelType } from './channel-schemas.js';
import { listChannelKeyRows, listChannelRows } from './channel-store.js';

/** A channel as the router sees it: parsed, with its keys decrypted. Only ever held in memory. */
export interface RoutableChannel {
  id: string;
  name: string;
  type: ChannelType;
  vendor: string | null;
  baseUrl: string;
  models: ReadonlySet<string>;
  modelMapping: Readonly<Record<string, string>>;
  groups: ReadonlySet<string>;
  priority: number;
  weight: number;
  timeoutMs: number;
  apiKeys: readonly string[];
}

export interface ChannelDirectory {
  /** Enabled channels, from a snapshot at most `refreshIntervalMs` old. */
  listEnabled(): Promise<readonly RoutableChannel[]>;
  /** Drops the snapshot; the next read reloads (called after every channel write here). */
  invalidate(): void;
}

/**
 * The request path reads channels from memory. Writes on this instance invalidate at once; writes
 * on other instances show up within `refreshIntervalMs` (one query per interval, not per request).
 */
export function createChannelDirectory(deps: {
  db: AnyKysely;
  secretBox: SecretBox;
  clock: Clock;
  refreshIntervalMs?: number;
}): ChannelDirectory {
  const refreshIntervalMs = deps.refreshIntervalMs ?? 5_000;
  let snapshot: { loadedAtMs: number; channels: RoutableChannel[] } | undefined;
  let loading: Promise<RoutableChannel[]> | undefined;
  let generation = 0;

  async function load(): Promise<RoutableChannel[]> {
    const startedGeneration = generation;
    const [rows, keyRows] = await Promise.all([listChannelRows(deps.db), listChannelKeyRows(deps.db)]);
    const keysByChannel = new Map<string, string[]>();
    for (const keyRow of keyRows) {
      const keys = keysByChannel.get(keyRow.channel_id) ?? [];
      keys.push(deps.secretBox.decrypt(keyRow.sealed_key));
      keysByChannel.set(keyRow.channel_id, keys);
    }
    const channels = rows
      .filter((row) => row.status === 'enabled')
      .map((row) => ({
        id: row.id,
        name: row.name,
        type: row.type,
        vendor: row.vendor,
        baseUrl: effectiveBaseUrl(row.type, row.base_url),
        models: new Set(parseJsonColumn<string[]>(row.models_json, [])),
        modelMapping: parseJsonColumn<Record<string, string>>(row.model_mapping_json, {}),
        groups: new Set(parseJsonColumn<string[]>(row.groups_json, [])),
        priority: row.priority,
        weight: row.weight,
        timeoutMs: row.timeout_ms,
        apiKeys: keysByChannel.get(row.id) ?? [],
      }));
    // A write during the load makes this result stale; keep it only if nothing changed meanwhile.
    if (startedGeneration === generation) snapshot = { loadedAtMs: deps.clock.nowMs(), channels };
    return channels;
  }

  return {
    async listEnabled() {
      if (snapshot && deps.clock.nowMs() - snapshot.loadedAtMs < refreshIntervalMs) return snapshot.channels;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    invalidate() {
      generation += 1;
      snapshot = undefined;
      loading = undefined;
    },
  };
}
