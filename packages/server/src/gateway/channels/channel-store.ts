import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';
import type { ChannelStatus, ChannelType } from './channel-schemas.js';

export interface ChannelRow {
  id: string;
  name: string;
  type: ChannelType;
  vendor: string | null;
  base_url: string;
  models_json: string;
  model_mapping_json: string;
  groups_json: string;
  priority: number;
  weight: number;
  status: ChannelStatus;
  status_reason: string | null;
  timeout_ms: number;
  created_at_ms: number;
  updated_at_ms: number;
  last_test_at_ms: number | null;
  last_test_latency_ms: number | null;
  last_test_outcome: string | null;
  last_test_error: string | null;
}

export interface ChannelKeyRow {
  id: string;
  channel_id: string;
  position: number;
  sealed_key: string;
  created_at_ms: number;
}

interface ChannelTables {
  channels: ChannelRow;
  channel_keys: ChannelKeyRow;
}

const channelsOf = (db: AnyKysely) => db as Kysely<ChannelTables>;

export async function insertChannel(db: AnyKysely, row: ChannelRow, keys: ChannelKeyRow[]): Promise<void> {
  await channelsOf(db).insertInto('channels').values(row).execute();
  if (keys.length > 0) await channelsOf(db).insertInto('channel_keys').values(keys).execute();
}

export async function findChannelById(db: AnyKysely, id: string): Promise<ChannelRow | undefined> {
  return channelsOf(db).selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listChannelRows(db: AnyKysely): Promise<ChannelRow[]> {
  return channelsOf(db)
    .selectFrom('channels')
    .selectAll()
    .orderBy('priority', 'desc')
    .orderBy('id', 'asc')
    .execute();
}

export async function countKeysByChannel(db: AnyKysely): Promise<Map<string, number>> {
  const rows = await channelsOf(db)
    .selectFrom('channel_keys')
    .select(['channel_id', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('channel_id')
    .execute();
  return new Map(rows.map((row) => [row.channel_id, Number(row.count)]));
}

export async function listChannelKeyRows(db: AnyKysely): Promise<ChannelKeyRow[]> {
  return channelsOf(db)
    .selectFrom('channel_keys')
    .selectAll()
    .orderBy('channel_id')
    .orderBy('position')
    .execute();
}

export async function updateChannel(
  db: AnyKysely,
  id: string,
  changes: Partial<Omit<ChannelRow, 'id' | 'created_at_ms'>>,
): Promise<void> {
  await channelsOf(db).updateTable('channels').set(changes).where('id', '=', id).execute();
}

export async function replaceChannelKeys(
  db: AnyKysely,
  channelId: string,
  keys: ChannelKeyRow[],
): Promise<void> {
  await channelsOf(db).deleteFrom('channel_keys').where('channel_id', '=', channelId).execute();
  if (keys.length > 0) await channelsOf(db).insertInto('channel_keys').values(keys).execute();
}

export async function deleteChannel(db: AnyKysely, id: string): Promise<boolean> {
  await channelsOf(db).deleteFrom('channel_keys').where('channel_id', '=', id).execute();
  const result = await channelsOf(db).deleteFrom('channels').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listKeysOfChannel(db: AnyKysely, channelId: string): Promise<ChannelKeyRow[]> {
  return channelsOf(db)
    .selectFrom('channel_keys')
    .selectAll()
    .where('channel_id', '=', channelId)
    .orderBy('position')
    .execute();
}
