import type { Granularity, UsageSummary, UsageTotals } from './billing-api.js';
import { microsToChartValue } from './micro-units.js';

const dayMs = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The default range: the last `days` UTC days including today, as the server's `from`/`to`. */
export function defaultUsageRange(nowMs: number, days = 30): { from: string; to: string } {
  return { from: isoDay(nowMs - (days - 1) * dayMs), to: isoDay(nowMs) };
}

/**
 * Every period between `from` and `to` (inclusive, `YYYY-MM-DD`), so the chart's time axis has no
 * gaps on days without requests. Periods are UTC, as the server groups them.
 */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const periods: string[] = [];
  const endMs = Date.parse(`${to}T00:00:00Z`);
  let cursor = new Date(`${from}T00:00:00Z`);
  if (Number.isNaN(cursor.getTime()) || Number.isNaN(endMs)) return periods;
  if (granularity === 'month') cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), 1));
  // A bound keeps a mistyped year from building a huge axis.
  while (cursor.getTime() <= endMs && periods.length < 4_000) {
    const iso = cursor.toISOString();
    periods.push(granularity === 'day' ? iso.slice(0, 10) : iso.slice(0, 7));
    cursor =
      granularity === 'day'
        ? new Date(cursor.getTime() + dayMs)
        : new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
  }
  return periods;
}

export interface PeriodPoint {
  period: string;
  /** Currency units, for plotting only; exact values stay in `costMicros`. */
  cost: number;
  costMicros: number;
  requests: number;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
}

const emptyTotals: UsageTotals = {
  requests: 0,
  input: 0,
  cache_read: 0,
  cache_write: 0,
  output: 0,
  reasoning: 0,
  cost_micros: 0,
  pricing_missing_requests: 0,
};

/** One point per period in the range, zero where the summary has none. */
export function periodPoints(
  summary: Pick<UsageSummary, 'periods' | 'granularity'>,
  range: { from: string; to: string },
): PeriodPoint[] {
  const byPeriod = new Map(summary.periods.map((entry) => [entry.period, entry]));
  const axis = periodsBetween(range.from, range.to, summary.granularity);
  // Periods outside the requested range (should not happen) are still shown rather than dropped.
  for (const period of byPeriod.keys()) if (!axis.includes(period)) axis.push(period);
  return axis.sort().map((period) => {
    const totals = byPeriod.get(period) ?? emptyTotals;
    return {
      period,
      cost: microsToChartValue(totals.cost_micros),
      costMicros: totals.cost_micros,
      requests: totals.requests,
      input: totals.input,
      cache_read: totals.cache_read,
      cache_write: totals.cache_write,
      output: totals.output,
    };
  });
}

export interface ModelSlice {
  name: string;
  cost: number;
  costMicros: number;
  requests: number;
  tokens: number;
}

/** The `limit` costliest models, the rest summed as one `otherLabel` slice. */
export function topModelSlices(
  models: UsageSummary['models'],
  options: { limit: number; otherLabel: string },
): ModelSlice[] {
  const slice = (name: string, entries: UsageSummary['models']): ModelSlice => {
    const costMicros = entries.reduce((sum, entry) => sum + entry.cost_micros, 0);
    return {
      name,
      cost: microsToChartValue(costMicros),
      costMicros,
      requests: entries.reduce((sum, entry) => sum + entry.requests, 0),
      tokens: entries.reduce(
        (sum, entry) => sum + entry.input + entry.cache_read + entry.cache_write + entry.output,
        0,
      ),
    };
  };
  const sorted = [...models].sort(
    (left, right) => right.cost_micros - left.cost_micros || right.requests - left.requests,
  );
  const top = sorted.slice(0, options.limit).map((entry) => slice(entry.model, [entry]));
  const rest = sorted.slice(options.limit);
  return rest.length > 0 ? [...top, slice(options.otherLabel, rest)] : top;
}
