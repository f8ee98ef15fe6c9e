import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface ModelPriceRow {
  model: string;
  currency: string;
  input: number | null;
  cache_read: number | null;
  cache_write: number | null;
  output: number | null;
  reasoning: number | null;
  is_active: number;
  updated_at_ms: number;
}

interface PriceTables {
  model_prices: ModelPriceRow;
  model_price_aliases: { alias: string; model: string; created_at_ms: number };
}

const pricesOf = (db: AnyKysely) => db as Kysely<PriceTables>;

export async function listPriceRows(db: AnyKysely): Promise<ModelPriceRow[]> {
  return pricesOf(db).selectFrom('model_prices').selectAll().orderBy('model').execute();
}

export async function listAliasRows(db: AnyKysely): Promise<Array<{ alias: string; model: string }>> {
  return pricesOf(db).selectFrom('model_price_aliases').select(['alias', 'model']).orderBy('alias').execute();
}

export async function upsertPriceRow(db: AnyKysely, row: ModelPriceRow): Promise<void> {
  const { model, ...changes } = row;
  await pricesOf(db)
    .insertInto('model_prices')
    .values(row)
    .onConflict((conflict) => conflict.column('model').doUpdateSet(changes))
    .execute();
}

export async function deletePriceRow(db: AnyKysely, model: string): Promise<boolean> {
  const result = await pricesOf(db).deleteFrom('model_prices').where('model', '=', model).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function upsertAliasRow(
  db: AnyKysely,
  alias: string,
  model: string,
  nowMs: number,
): Promise<void> {
  await pricesOf(db)
    .insertInto('model_price_aliases')
    .values({ alias, model, created_at_ms: nowMs })
    .onConflict((conflict) => conflict.column('alias').doUpdateSet({ model }))
    .execute();
}
