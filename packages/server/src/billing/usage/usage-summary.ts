import type { AnyKysely } from '../../kernel/db/database.js';
import { type DailyModelUsage, sumUsageByDayAndModel } from './usage-charge-store.js';

export interface UsageTotals {
  requests: number;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
  cost_micros: number;
  pricing_missing_requests: number;
}

const emptyTotals = (): UsageTotals => ({
  requests: 0,
  input: 0,
  cache_read: 0,
  cache_write: 0,
  output: 0,
  reasoning: 0,
  cost_micros: 0,
  pricing_missing_requests: 0,
});

const totalKeys = Object.keys(emptyTotals()) as Array<keyof UsageTotals>;

function addInto(totals: UsageTotals, row: DailyModelUsage): void {
  for (const key of totalKeys) totals[key] += row[key];
}

const periodOf = (day: number, granularity: 'day' | 'month') => {
  const iso = new Date(day * 86_400_000).toISOString();
  return granularity === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
};

/**
 * Tokens per bucket and cost, per period and per model, plus totals. Days are summed in SQL; months
 * are rolled up from days here because month lengths differ and SQL date functions differ per engine.
 */
export async function summariseUsage(
  db: AnyKysely,
  filter: {
    userId?: string;
    keyId?: string;
    model?: string;
    fromMs: number;
    toMs: number;
    granularity: 'day' | 'month';
  },
) {
  const rows = await sumUsageByDayAndModel(db, filter);
  const periods = new Map<string, UsageTotals & { period: string }>();
  const models = new Map<string, UsageTotals & { model: string }>();
  const totals = emptyTotals();
  for (const row of rows) {
    const period = periodOf(row.day, filter.granularity);
    if (!periods.has(period)) periods.set(period, { period, ...emptyTotals() });
    if (!models.has(row.model)) models.set(row.model, { model: row.model, ...emptyTotals() });
    addInto(periods.get(period) as UsageTotals, row);
    addInto(models.get(row.model) as UsageTotals, row);
    addInto(totals, row);
  }
  return {
    granularity: filter.granularity,
    from: new Date(filter.fromMs).toISOString(),
    to: new Date(filter.toMs).toISOString(),
    totals,
    periods: [...periods.values()],
    models: [...models.values()].sort(
      (left, right) => right.cost_micros - left.cost_micros || right.requests - left.requests,
    ),
  };
}
