import { randomBytes } from 'node:crypto';
import type ipaddr from 'ipaddr.js';
import type { AuditActor, AuditLog, UserService } from '../../identity/index.js';
import { type Clock, toIso } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { SecretBox } from '../../kernel/secrets/secret-box.js';
import { apiKeyNotFound } from '../gateway-errors.js';
import { type ApiKeyCreate, type ApiKeyPatch, type PublicApiKey, parseCidrRange } from './api-key-schemas.js';
import {
  type ApiKeyRow,
  deleteApiKey,
  findApiKeyByHash,
  findUserApiKey,
  insertApiKey,
  listUserApiKeys,
  updateApiKey,
} from './api-key-store.js';

/** What the request path knows about the caller once its key checked out. */
export interface ApiKeyPrincipal {
  keyId: string;
  userId: string;
  group: string;
  expiresAtMs: number | null;
  isEnabled: boolean;
  isUserDisabled: boolean;
  /** null = every model. */
  allowedModels: ReadonlySet<string> | null;
  allowedRanges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]> | null;
  rpm: number | null;
  tpm: number | null;
}

const parseList = (text: string | null): string[] | null => {
  const list = text ? (JSON.parse(text) as string[]) : null;
  return list && list.length > 0 ? list : null;
};

export function presentApiKey(row: ApiKeyRow): PublicApiKey {
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    key_hint: row.key_hint,
    group: row.group_name,
    expires_at: toIso(row.expires_at_ms),
    models: parseList(row.models_json),
    allow_cidrs: parseList(row.allow_cidrs_json),
    rpm: row.rpm,
    tpm: row.tpm,
    enabled: row.is_enabled === 1,
    created_at: toIso(row.created_at_ms) ?? '',
    last_used_at: toIso(row.last_used_at_ms),
  };
}

function toPrincipal(row: ApiKeyRow, isUserDisabled: boolean): ApiKeyPrincipal {
  const models = parseList(row.models_json);
  const cidrs = parseList(row.allow_cidrs_json);
  return {
    keyId: row.id,
    userId: row.user_id,
    group: row.group_name,
    expiresAtMs: row.expires_at_ms === null ? null : Number(row.expires_at_ms),
    isEnabled: row.is_enabled === 1,
    isUserDisabled,
    allowedModels: models ? new Set(models) : null,
    allowedRanges: cidrs ? cidrs.map(parseCidrRange) : null,
    rpm: row.rpm,
    tpm: row.tpm,
  };
}

const listColumn = (list: string[] | null | undefined) =>
  list && list.length > 0 ? JSON.stringify(list) : null;
const isoToMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

/**
 * API keys: `sk-…` shown once, stored as a keyed hash. Lookups are cached per hash for
 * `cacheTtlMs`, so a change made on another instance takes effect within that time; changes made
 * here evict at once.
 */
export function createApiKeyService(deps: {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  audit: AuditLog;
  users: UserService;
  cacheTtlMs?: number;
}) {
  const { database, clock, secretBox, audit } = deps;
  const cacheTtlMs = deps.cacheTtlMs ?? 10_000;
  const cache = new Map<string, { loadedAtMs: number; principal: ApiKeyPrincipal | undefined }>();

  async function requireOwnKey(userId: string, id: string): Promise<ApiKeyRow> {
    const row = await findUserApiKey(database.db, { id, userId });
    if (!row) throw apiKeyNotFound(id);
    return row;
  }

  return {
    async create(
      userId: string,
      input: ApiKeyCreate,
      actor: AuditActor,
    ): Promise<PublicApiKey & { key: string }> {
      const secret = `sk-${randomBytes(32).toString('base64url')}`;
      const nowMs = clock.nowMs();
      const row: ApiKeyRow = {
        id: newId('key', nowMs),
        user_id: userId,
        name: input.name,
        key_hash: secretBox.hashToken(secret),
        key_hint: `${secret.slice(0, 7)}…${secret.slice(-4)}`,
        group_name: input.group,
        expires_at_ms: isoToMs(input.expires_at),
        models_json: listColumn(input.models),
        allow_cidrs_json: listColumn(input.allow_cidrs),
        rpm: input.rpm ?? null,
        tpm: input.tpm ?? null,
        is_enabled: 1,
        created_at_ms: nowMs,
        updated_at_ms: nowMs,
        last_used_at_ms: null,
      };
      await insertApiKey(database.db, row);
      await audit.record({
        actor,
        action: 'api_key.create',
        target: { type: 'api_key', id: row.id },
        outcome: 'success',
      });
      return { ...presentApiKey(row), key: secret };
    },

    async list(userId: string): Promise<PublicApiKey[]> {
      return (await listUserApiKeys(database.db, userId)).map(presentApiKey);
    },

    async patch(options: {
      userId: string;
      id: string;
      patch: ApiKeyPatch;
      actor: AuditActor;
    }): Promise<PublicApiKey> {
      const { patch } = options;
      const row = await requireOwnKey(options.userId, options.id);
      const changes: Partial<ApiKeyRow> = { updated_at_ms: clock.nowMs() };
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.group !== undefined) changes.group_name = patch.group;
      if (patch.expires_at !== undefined) changes.expires_at_ms = isoToMs(patch.expires_at);
      if (patch.models !== undefined) changes.models_json = listColumn(patch.models);
      if (patch.allow_cidrs !== undefined) changes.allow_cidrs_json = listColumn(patch.allow_cidrs);
      if (patch.rpm !== undefined) changes.rpm = patch.rpm;
      if (patch.tpm !== undefined) changes.tpm = patch.tpm;
      if (patch.enabled !== undefined) changes.is_enabled = patch.enabled ? 1 : 0;
      await updateApiKey(database.db, row.id, changes);
      cache.delete(row.key_hash);
      await audit.record({
        actor: options.actor,
        action: 'api_key.update',
        target: { type: 'api_key', id: row.id },
        outcome: 'success',
        details: { fields: Object.keys(patch) },
      });
      return presentApiKey({ ...row, ...changes });
    },

    async remove(options: { userId: string; id: string; actor: AuditActor }): Promise<void> {
      const row = await requireOwnKey(options.userId, options.id);
      await deleteApiKey(database.db, row.id);
      cache.delete(row.key_hash);
      await audit.record({
        actor: options.actor,
        action: 'api_key.delete',
        target: { type: 'api_key', id: row.id },
        outcome: 'success',
      });
    },

    /** The key's principal, or undefined for an unknown key. Enabled/expiry checks are the caller's. */
    async lookup(secret: string): Promise<ApiKeyPrincipal | undefined> {
      const keyHash = secretBox.hashToken(secret);
      const nowMs = clock.nowMs();
      const cached = cache.get(keyHash);
      if (cached && nowMs - cached.loadedAtMs < cacheTtlMs) return cached.principal;
      const row = await findApiKeyByHash(database.db, keyHash);
      const user = row ? await deps.users.findById(row.user_id) : undefined;
      const principal = row ? toPrincipal(row, !user || user.is_disabled === 1) : undefined;
      // Unknown hashes are not cached: a flood of random keys must not grow memory.
      if (principal) cache.set(keyHash, { loadedAtMs: nowMs, principal });
      return principal;
    },
  };
}
