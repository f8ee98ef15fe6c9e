import type { Clock } from '../../kernel/clock.js';
import type { AnyKysely } from '../../kernel/db/database.js';
import type { PriceSnapshot } from './compute-cost-micros.js';
import { defaultPriceAliases, defaultPriceTable } from './default-price-table.js';
import { candidatePriceNames } from './normalize-model-name.js';
import { listAliasRows, listPriceRows, type ModelPriceRow } from './price-store.js';

export const priceBuckets = ['input', 'cache_read', 'cache_write', 'output'] as const;

export interface ResolvedPrice {
  price: PriceSnapshot;
  source: 'custom' | 'default';
}

export function missingPriceBuckets(row: Pick<ModelPriceRow, (typeof priceBuckets)[number]>): string[] {
  return priceBuckets.filter((bucket) => row[bucket] === null || row[bucket] === undefined);
}

function rowToSnapshot(row: ModelPriceRow): PriceSnapshot | undefined {
  if (missingPriceBuckets(row).length > 0) return undefined;
  return {
    model: row.model,
    currency: row.currency,
    input: Number(row.input),
    cache_read: Number(row.cache_read),
    cache_write: Number(row.cache_write),
    output: Number(row.output),
    reasoning: row.reasoning === null ? null : Number(row.reasoning),
  };
}

// Other instances may write prices; reload at least this often so they converge without a restart.
const reloadIntervalMs = 10_000;

/**
 * Prices and aliases loaded once and held in memory (the gateway prices every request); writes
 * through the billing service invalidate it. Lookup order per candidate name (see
 * normalize-model-name.ts): alias → admin price → default table.
 */
export function createPriceBook(deps: { db: AnyKysely; clock: Clock }) {
  let loadedAtMs = -Infinity;
  let custom = new Map<string, ModelPriceRow>();
  let aliases = new Map<string, string>();
  const defaults = new Map(defaultPriceTable.map((price) => [price.model, price]));

  async function ensureLoaded(): Promise<void> {
    if (deps.clock.nowMs() - loadedAtMs < reloadIntervalMs) return;
    const [rows, aliasRows] = await Promise.all([listPriceRows(deps.db), listAliasRows(deps.db)]);
    custom = new Map(rows.map((row) => [row.model.toLowerCase(), row]));
    aliases = new Map([
      ...Object.entries(defaultPriceAliases),
      ...aliasRows.map((row) => [row.alias.toLowerCase(), row.model] as const),
    ]);
    loadedAtMs = deps.clock.nowMs();
  }

  function resolveName(name: string): ResolvedPrice | undefined {
    const customRow = custom.get(name);
    const customPrice = customRow ? rowToSnapshot(customRow) : undefined;
    if (customPrice) return { price: customPrice, source: 'custom' };
    const defaultPrice = defaults.get(name);
    return defaultPrice ? { price: defaultPrice, source: 'default' } : undefined;
  }

  return {
    async lookup(model: string): Promise<ResolvedPrice | undefined> {
      await ensureLoaded();
      for (const candidate of candidatePriceNames(model)) {
        const aliasTarget = aliases.get(candidate);
        const resolved = (aliasTarget && resolveName(aliasTarget.toLowerCase())) || resolveName(candidate);
        if (resolved) return resolved;
      }
      return undefined;
    },
    async listCustom(): Promise<ModelPriceRow[]> {
      await ensureLoaded();
      return [...custom.values()];
    },
    async listAliases(): Promise<Array<{ alias: string; model: string }>> {
      await ensureLoaded();
      return [...aliases.entries()].map(([alias, model]) => ({ alias, model }));
    },
    invalidate(): void {
      loadedAtMs = -Infinity;
    },
  };
}

export type PriceBook = ReturnType<typeof createPriceBook>;
