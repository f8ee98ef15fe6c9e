import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  key_hint: string;
  group_name: string;
  expires_at_ms: number | null;
  models_json: string | null;
  allow_cidrs_json: string | null;
  rpm: number | null;
  tpm: number | null;
  is_enabled: number;
  created_at_ms: number;
  updated_at_ms: number;
  last_used_at_ms: number | null;
}

interface ApiKeyTables {
  api_keys: ApiKeyRow;
}

const keysOf = (db: AnyKysely) => db as Kysely<ApiKeyTables>;

export async function insertApiKey(db: AnyKysely, row: ApiKeyRow): Promise<void> {
  await keysOf(db).insertInto('api_keys').values(row).execute();
}

export async function findApiKeyByHash(db: AnyKysely, keyHash: string): Promise<ApiKeyRow | undefined> {
  return keysOf(db).selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function findUserApiKey(
  db: AnyKysely,
  filter: { id: string; userId: string },
): Promise<ApiKeyRow | undefined> {
  return keysOf(db)
    .selectFrom('api_keys')
    .selectAll()
    .where('id', '=', filter.id)
    .where('user_id', '=', filter.userId)
    .executeTakeFirst();
}

export async function listUserApiKeys(db: AnyKysely, userId: string): Promise<ApiKeyRow[]> {
  return keysOf(db)
    .selectFrom('api_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at_ms', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function updateApiKey(
  db: AnyKysely,
  id: string,
  changes: Partial<Omit<ApiKeyRow, 'id' | 'user_id' | 'key_hash'>>,
): Promise<void> {
  await keysOf(db).updateTable('api_keys').set(changes).where('id', '=', id).execute();
}

export async function deleteApiKey(db: AnyKysely, id: string): Promise<void> {
  await keysOf(db).deleteFrom('api_keys').where('id', '=', id).execute();
}

/** One statement per key; last_used_at only moves forward, so batches from several instances commute. */
export async function touchApiKeys(db: AnyKysely, usedAtMsByKey: ReadonlyMap<string, number>): Promise<void> {
  for (const [id, usedAtMs] of usedAtMsByKey) {
    await keysOf(db)
      .updateTable('api_keys')
      .set({ last_used_at_ms: usedAtMs })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at_ms', 'is', null), eb('last_used_at_ms', '<', usedAtMs)]))
      .execute();
  }
}
