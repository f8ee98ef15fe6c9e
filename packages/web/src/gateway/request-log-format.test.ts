import { describe, expect, it } from 'vitest';
import {
  describeRequestCost,
  formatDurationMs,
  formatLogTime,
  parseStatusFilter,
  statusColorOf,
  visibleUsageBuckets,
} from './request-log-format.js';

describe(visibleUsageBuckets.name, () => {
  it('always shows input and output and the other buckets only when used', () => {
    const usage = { input: 10, cache_read: 0, cache_write: 0, output: 5, reasoning: 2 };
    expect(visibleUsageBuckets(usage)).toEqual([
      { bucket: 'input', tokens: 10 },
      { bucket: 'output', tokens: 5 },
      { bucket: 'reasoning', tokens: 2 },
    ]);
  });
});

describe(describeRequestCost.name, () => {
  it('marks a request without a price instead of showing zero', () => {
    expect(describeRequestCost({ cost_micros: 0, pricing_missing: true })).toEqual({
      kind: 'pricing_missing',
    });
  });

  it('formats the cost in the currency of the price snapshot', () => {
    expect(describeRequestCost({ cost_micros: 15_000, price: { currency: 'USD' } })).toEqual({
      kind: 'cost',
      text: '$0.015',
    });
  });

  it('shows nothing for records without cost data', () => {
    expect(describeRequestCost({})).toEqual({ kind: 'none' });
  });
});

describe(formatDurationMs.name, () => {
  it('uses milliseconds below a second and seconds above', () => {
    expect(formatDurationMs(12)).toBe('12 ms');
    expect(formatDurationMs(0.25)).toBe('0.25 ms');
    expect(formatDurationMs(1530)).toBe('1.53 s');
    expect(formatDurationMs(null)).toBe('—');
  });
});

describe(statusColorOf.name, () => {
  it('colours success, throttling and failure differently', () => {
    expect(statusColorOf(200)).toBe('teal');
    expect(statusColorOf(429)).toBe('yellow');
    expect(statusColorOf(503)).toBe('red');
  });
});

describe(parseStatusFilter.name, () => {
  it('accepts only three-digit HTTP statuses', () => {
    expect(parseStatusFilter(' 429 ')).toBe(429);
    expect(parseStatusFilter('42')).toBeUndefined();
    expect(parseStatusFilter('abc')).toBeUndefined();
  });
});

describe(formatLogTime.name, () => {
  it('shows seconds and leaves unreadable values as they are', () => {
    expect(formatLogTime('2026-03-04T05:06:07Z', 'en')).toMatch(/\d\d:06:07/);
    expect(formatLogTime('not a date', 'en')).toBe('not a date');
  });
});
