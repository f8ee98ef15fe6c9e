import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface RequestLogRow {
  id: string;
  created_at_ms: number;
  user_id: string | null;
  key_id: string | null;
  group_name: string | null;
  model: string | null;
  upstream_model: string | null;
  channel_id: string | null;
  inbound: string;
  outbound: string | null;
  is_stream: number;
  status: number;
  error_code: string | null;
  error_message: string | null;
  ttfb_ms: number | null;
  duration_ms: number;
  overhead_us: number;
  attempts_json: string;
  usage_input: number;
  usage_cache_read: number;
  usage_cache_write: number;
  usage_output: number;
  usage_reasoning: number;
  usage_source: string;
}

interface RequestLogTables {
  request_logs: RequestLogRow;
}

const logsOf = (db: AnyKysely) => db as Kysely<RequestLogTables>;

// SQLite caps bound parameters per statement (32,766); 24 columns × 500 rows stays well below.
const insertBatchSize = 500;

export async function insertRequestLogs(db: AnyKysely, rows: readonly RequestLogRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += insertBatchSize) {
    await logsOf(db)
      .insertInto('request_logs')
      .values(rows.slice(start, start + insertBatchSize))
      .execute();
  }
}

export interface RequestLogFilter {
  limit: number;
  /** The id of the last item of the previous page; the next page holds older entries. */
  cursor?: string;
  userId?: string;
  keyId?: string;
  channelId?: string;
  model?: string;
  status?: number;
}

export async function listRequestLogs(db: AnyKysely, filter: RequestLogFilter): Promise<RequestLogRow[]> {
  let query = logsOf(db).selectFrom('request_logs').selectAll();
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.keyId) query = query.where('key_id', '=', filter.keyId);
  if (filter.channelId) query = query.where('channel_id', '=', filter.channelId);
  if (filter.model) query = query.where('model', '=', filter.model);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}
