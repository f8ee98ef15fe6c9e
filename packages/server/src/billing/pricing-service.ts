import type { AuditActor, AuditLog } from '../identity/index.js';
import type { Clock } from '../kernel/clock.js';
import { toIso } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import { priceNotFound, pricingIncomplete } from './billing-errors.js';
import type { ModelPriceUpsert } from './billing-schemas.js';
import { defaultPriceTable, defaultPriceTableDate } from './prices/default-price-table.js';
import { missingPriceBuckets, type PriceBook } from './prices/price-book.js';
import { deletePriceRow, type ModelPriceRow, upsertAliasRow, upsertPriceRow } from './prices/price-store.js';

function presentPrice(row: ModelPriceRow, source: 'custom' | 'default') {
  return {
    model: row.model,
    currency: row.currency,
    input: row.input === null ? null : Number(row.input),
    cache_read: row.cache_read === null ? null : Number(row.cache_read),
    cache_write: row.cache_write === null ? null : Number(row.cache_write),
    output: row.output === null ? null : Number(row.output),
    reasoning: row.reasoning === null ? null : Number(row.reasoning),
    is_active: Boolean(row.is_active),
    is_complete: missingPriceBuckets(row).length === 0,
    source,
    updated_at: source === 'custom' ? toIso(row.updated_at_ms) : `${defaultPriceTableDate}T00:00:00.000Z`,
  };
}

export type PublicModelPrice = ReturnType<typeof presentPrice>;

/** Admin price management: validated upserts, aliases, and the merged custom + default list. */
export function createPricingService(deps: {
  database: Database;
  clock: Clock;
  priceBook: PriceBook;
  audit: AuditLog;
}) {
  const { database, clock, priceBook, audit } = deps;

  async function list(): Promise<PublicModelPrice[]> {
    const custom = await priceBook.listCustom();
    const customModels = new Set(custom.map((row) => row.model.toLowerCase()));
    const defaults = defaultPriceTable
      .filter((price) => !customModels.has(price.model))
      // A default price is live until an admin overrides it (PUT, which may also deactivate it).
      .map((price) => presentPrice({ ...price, is_active: 1, updated_at_ms: 0 }, 'default'));
    return [...custom.map((row) => presentPrice(row, 'custom')), ...defaults].sort((left, right) =>
      left.model.localeCompare(right.model),
    );
  }

  async function upsert(
    model: string,
    input: ModelPriceUpsert,
    actor: AuditActor,
  ): Promise<PublicModelPrice> {
    const row: ModelPriceRow = {
      model,
      currency: input.currency,
      input: input.input ?? null,
      cache_read: input.cache_read ?? null,
      cache_write: input.cache_write ?? null,
      output: input.output ?? null,
      reasoning: input.reasoning ?? null,
      is_active: input.is_active ? 1 : 0,
      updated_at_ms: clock.nowMs(),
    };
    const missing = missingPriceBuckets(row);
    if (input.is_active && missing.length > 0) throw pricingIncomplete(model, missing);
    await upsertPriceRow(database.db, row);
    priceBook.invalidate();
    await audit.record({
      actor,
      action: 'pricing.upsert',
      target: { type: 'model', id: model },
      outcome: 'success',
      details: { ...input },
    });
    return presentPrice(row, 'custom');
  }

  async function remove(model: string, actor: AuditActor): Promise<void> {
    if (!(await deletePriceRow(database.db, model))) throw priceNotFound(model);
    priceBook.invalidate();
    await audit.record({
      actor,
      action: 'pricing.delete',
      target: { type: 'model', id: model },
      outcome: 'success',
    });
  }

  async function setAlias(
    alias: string,
    model: string,
    actor: AuditActor,
  ): Promise<{ alias: string; model: string }> {
    await upsertAliasRow(database.db, alias, model, clock.nowMs());
    priceBook.invalidate();
    await audit.record({
      actor,
      action: 'pricing.alias',
      target: { type: 'model', id: alias },
      outcome: 'success',
      details: { model },
    });
    return { alias, model };
  }

  return { list, upsert, remove, setAlias, listAliases: () => priceBook.listAliases() };
}

export type PricingService = ReturnType<typeof createPricingService>;
