import type { AuditActor, AuditLog } from '../../identity/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { SecretBox } from '../../kernel/secrets/secret-box.js';
import { channelNotFound } from '../gateway-errors.js';
import { presetBaseUrl } from '../upstream/openai-compatible/openai-compatible-adapter.js';
import type { OpenAICompatibleVendor } from '../upstream/openai-compatible/openai-compatible-presets.js';
import type { ChannelDirectory } from './channel-directory.js';
import { presentChannel } from './channel-presenter.js';
import type { ChannelCreate, ChannelPatch, PublicChannel } from './channel-schemas.js';
import {
  type ChannelKeyRow,
  type ChannelRow,
  countKeysByChannel,
  deleteChannel,
  findChannelById,
  insertChannel,
  listChannelRows,
  listKeysOfChannel,
  replaceChannelKeys,
  updateChannel,
} from './channel-store.js';

export interface ChannelServiceDeps {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  audit: AuditLog;
  directory: ChannelDirectory;
}

export interface ChannelTestOutcome {
  isOk: boolean;
  latencyMs: number | null;
  error: string | null;
}

// Default base URLs by SDK convention, used when a channel gives none.
const defaultBaseUrls = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
} as const;

export type ChannelService = ReturnType<typeof createChannelService>;

export function createChannelService(deps: ChannelServiceDeps) {
  const { database, clock, secretBox, audit, directory } = deps;

  const sealKeys = (channelId: string, keys: string[], nowMs: number): ChannelKeyRow[] =>
    keys.map((key, position) => ({
      id: newId('chk', nowMs),
      channel_id: channelId,
      position,
      sealed_key: secretBox.encrypt(key),
      created_at_ms: nowMs,
    }));

  async function requireChannel(id: string): Promise<ChannelRow> {
    const row = await findChannelById(database.db, id);
    if (!row) throw channelNotFound(id);
    return row;
  }

  async function present(id: string): Promise<PublicChannel> {
    const row = await requireChannel(id);
    const counts = await countKeysByChannel(database.db);
    return presentChannel(row, counts.get(id) ?? 0);
  }

  function resolveBaseUrl(input: ChannelCreate): string {
    if (input.base_url) return input.base_url;
    if (input.type === 'openai-compatible') return presetBaseUrl(input.vendor as OpenAICompatibleVendor);
    return defaultBaseUrls[input.type];
  }

  return {
    async create(input: ChannelCreate, actor: AuditActor): Promise<PublicChannel> {
      const nowMs = clock.nowMs();
      const id = newId('chn', nowMs);
      const row: ChannelRow = {
        id,
        name: input.name,
        type: input.type,
        vendor: input.vendor ?? null,
        base_url: resolveBaseUrl(input),
        models_json: JSON.stringify(input.models),
        model_mapping_json: JSON.stringify(input.model_mapping),
        groups_json: JSON.stringify(input.groups),
        priority: input.priority,
        weight: input.weight,
        status: input.status,
        status_reason: null,
        timeout_ms: input.timeout_ms,
        created_at_ms: nowMs,
        updated_at_ms: nowMs,
        last_test_at_ms: null,
        last_test_latency_ms: null,
        last_test_outcome: null,
        last_test_error: null,
      };
      await database.writeTransaction(async (trx) => {
        await insertChannel(trx, row, sealKeys(id, input.keys, nowMs));
        await audit.record(
          {
            actor,
            action: 'channel.create',
            target: { type: 'channel', id },
            outcome: 'success',
            details: { name: input.name, type: input.type },
          },
          trx,
        );
      });
      directory.invalidate();
      return presentChannel(row, input.keys.length);
    },

    async list(): Promise<PublicChannel[]> {
      const [rows, counts] = await Promise.all([
        listChannelRows(database.db),
        countKeysByChannel(database.db),
      ]);
      return rows.map((row) => presentChannel(row, counts.get(row.id) ?? 0));
    },

    get: present,

    async patch(id: string, patch: ChannelPatch, actor: AuditActor): Promise<PublicChannel> {
      const nowMs = clock.nowMs();
      await database.writeTransaction(async (trx) => {
        if (!(await findChannelById(trx, id))) throw channelNotFound(id);
        const changes: Partial<ChannelRow> = { updated_at_ms: nowMs };
        if (patch.name !== undefined) changes.name = patch.name;
        if (patch.base_url !== undefined) changes.base_url = patch.base_url;
        if (patch.models !== undefined) changes.models_json = JSON.stringify(patch.models);
        if (patch.model_mapping !== undefined)
          changes.model_mapping_json = JSON.stringify(patch.model_mapping);
        if (patch.groups !== undefined) changes.groups_json = JSON.stringify(patch.groups);
        if (patch.priority !== undefined) changes.priority = patch.priority;
        if (patch.weight !== undefined) changes.weight = patch.weight;
        if (patch.timeout_ms !== undefined) changes.timeout_ms = patch.timeout_ms;
        if (patch.status !== undefined) Object.assign(changes, { status: patch.status, status_reason: null });
        await updateChannel(trx, id, changes);
        if (patch.keys) await replaceChannelKeys(trx, id, sealKeys(id, patch.keys, nowMs));
        const changed = Object.keys(patch).filter((field) => field !== 'keys');
        await audit.record(
          {
            actor,
            action: 'channel.update',
            target: { type: 'channel', id },
            outcome: 'success',
            details: { fields: changed, keys_replaced: patch.keys !== undefined },
          },
          trx,
        );
      });
      directory.invalidate();
      return present(id);
    },

    async remove(id: string, actor: AuditActor): Promise<void> {
      await database.writeTransaction(async (trx) => {
        if (!(await deleteChannel(trx, id))) throw channelNotFound(id);
        await audit.record(
          { actor, action: 'channel.delete', target: { type: 'channel', id }, outcome: 'success' },
          trx,
        );
      });
      directory.invalidate();
    },

    /** The router's verdict after the upstream rejected the channel's key; shown in the console. */
    async autoDisable(id: string, reason: string): Promise<void> {
      await updateChannel(database.db, id, {
        status: 'auto_disabled',
        status_reason: reason,
        updated_at_ms: clock.nowMs(),
      });
      directory.invalidate();
      await audit.record({
        actor: { id: null, username: null, ip: null },
        action: 'channel.auto_disable',
        target: { type: 'channel', id },
        outcome: 'success',
        details: { reason },
      });
    },

    async recordTestOutcome(id: string, outcome: ChannelTestOutcome): Promise<void> {
      await updateChannel(database.db, id, {
        last_test_at_ms: clock.nowMs(),
        last_test_latency_ms: outcome.latencyMs,
        last_test_outcome: outcome.isOk ? 'ok' : 'failed',
        last_test_error: outcome.error,
      });
    },

    requireChannel,

    /** The decrypted keys of one channel, for admin probes (the router reads the directory instead). */
    async readKeys(id: string): Promise<string[]> {
      const rows = await listKeysOfChannel(database.db, id);
      return rows.map((row) => secretBox.decrypt(row.sealed_key));
    },
  };
}
