import { describe, expect, it } from 'vitest';
import type { UsageTotals } from './billing-api.js';
import { defaultUsageRange, periodPoints, periodsBetween, topModelSlices } from './usage-chart-data.js';

const totals = (overrides: Partial<UsageTotals>): UsageTotals => ({
  requests: 1,
  input: 0,
  cache_read: 0,
  cache_write: 0,
  output: 0,
  reasoning: 0,
  cost_micros: 0,
  pricing_missing_requests: 0,
  ...overrides,
});

describe(defaultUsageRange.name, () => {
  it('covers the last 30 UTC days including today', () => {
    expect(defaultUsageRange(Date.parse('2026-03-15T22:00:00Z'))).toEqual({
      from: '2026-02-14',
      to: '2026-03-15',
    });
  });
});

describe(periodsBetween.name, () => {
  it('lists every day and every month of the range, ends included', () => {
    expect(periodsBetween('2026-02-27', '2026-03-02', 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(periodsBetween('2025-12-31', '2026-02-01', 'month')).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('gives nothing for unreadable dates', () => {
    expect(periodsBetween('garbage', '2026-01-01', 'day')).toEqual([]);
  });
});

describe(periodPoints.name, () => {
  it('fills days without usage with zeros and keeps the exact cost beside the plotted one', () => {
    const points = periodPoints(
      {
        granularity: 'day',
        periods: [{ period: '2026-01-02', ...totals({ cost_micros: 15_000, output: 7 }) }],
      },
      { from: '2026-01-01', to: '2026-01-03' },
    );
    expect(points.map((point) => point.period)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(points[0].requests).toBe(0);
    expect(points[1]).toMatchObject({ cost: 0.015, costMicros: 15_000, output: 7 });
  });
});

describe(topModelSlices.name, () => {
  it('keeps the costliest models and sums the rest into one slice', () => {
    const slices = topModelSlices(
      [
        { model: 'a', ...totals({ cost_micros: 1 }) },
        { model: 'b', ...totals({ cost_micros: 5, input: 3 }) },
        { model: 'c', ...totals({ cost_micros: 2, output: 4 }) },
        { model: 'd', ...totals({ cost_micros: 3 }) },
      ],
      { limit: 2, otherLabel: 'Other' },
    );
    expect(slices.map((slice) => [slice.name, slice.costMicros, slice.requests])).toEqual([
      ['b', 5, 1],
      ['d', 3, 1],
      ['Other', 3, 2],
    ]);
    expect(slices[2].tokens).toBe(4);
  });
});
