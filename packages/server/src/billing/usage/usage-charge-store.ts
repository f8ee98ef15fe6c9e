import { type Kysely, sql } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface UsageChargeRow {
  id: string;
  request_id: string | null;
  user_id: string;
  key_id: string | null;
  model: string;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
  usage_source: string;
  cost_micros: number;
  charged_micros: number;
  currency: string | null;
  price_json: string | null;
  pricing_missing: number;
  created_at_ms: number;
}

interface UsageTables {
  billing_usage_charges: UsageChargeRow;
}

const chargesOf = (db: AnyKysely) => db as Kysely<UsageTables>;

export async function insertUsageCharge(db: AnyKysely, row: UsageChargeRow): Promise<void> {
  await chargesOf(db).insertInto('billing_usage_charges').values(row).execute();
}

export async function insertUsageCharges(db: AnyKysely, rows: UsageChargeRow[]): Promise<void> {
  if (rows.length > 0) await chargesOf(db).insertInto('billing_usage_charges').values(rows).execute();
}

export async function findUsageChargesByRequestIds(
  db: AnyKysely,
  requestIds: string[],
): Promise<UsageChargeRow[]> {
  if (requestIds.length === 0) return [];
  return chargesOf(db)
    .selectFrom('billing_usage_charges')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .execute();
}

export interface UsageSummaryFilter {
  userId?: string;
  keyId?: string;
  model?: string;
  fromMs: number;
  toMs: number;
}

export interface DailyModelUsage {
  day: number;
  model: string;
  requests: number;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
  cost_micros: number;
  pricing_missing_requests: number;
}

const dayMs = 86_400_000;

/** Sums per UTC day and model in SQL; day = floor(created_at_ms / 86_400_000), the same on both engines. */
export async function sumUsageByDayAndModel(
  db: AnyKysely,
  filter: UsageSummaryFilter,
): Promise<DailyModelUsage[]> {
  let query = chargesOf(db)
    .selectFrom('billing_usage_charges')
    .where('created_at_ms', '>=', filter.fromMs)
    .where('created_at_ms', '<', filter.toMs);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.keyId) query = query.where('key_id', '=', filter.keyId);
  if (filter.model) query = query.where('model', '=', filter.model);
  // A literal, not a parameter: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const day = sql<number>`(created_at_ms / ${sql.lit(dayMs)})`;
  const rows = await query
    .select([
      day.as('day'),
      'model',
      sql<number>`count(*)`.as('requests'),
      sql<number>`sum(input)`.as('input'),
      sql<number>`sum(cache_read)`.as('cache_read'),
      sql<number>`sum(cache_write)`.as('cache_write'),
      sql<number>`sum(output)`.as('output'),
      sql<number>`sum(reasoning)`.as('reasoning'),
      sql<number>`sum(charged_micros)`.as('cost_micros'),
      sql<number>`sum(pricing_missing)`.as('pricing_missing_requests'),
    ])
    .groupBy([day, 'model'])
    .orderBy(day)
    .orderBy('model')
    .execute();
  return rows.map((row) => ({
    day: Math.floor(Number(row.day)),
    model: row.model,
    requests: Number(row.requests),
    input: Number(row.input),
    cache_read: Number(row.cache_read),
    cache_write: Number(row.cache_write),
    output: Number(row.output),
    reasoning: Number(row.reasoning),
    cost_micros: Number(row.cost_micros),
    pricing_missing_requests: Number(row.pricing_missing_requests),
  }));
}
