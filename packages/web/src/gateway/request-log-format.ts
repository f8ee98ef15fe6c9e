import { formatMicros } from '../billing/micro-units.js';
import type { Locale } from '../i18n/message-bundle.js';
import type { RequestLogItem, UsageBuckets } from './gateway-api.js';

export const usageBucketNames = ['input', 'cache_read', 'cache_write', 'output', 'reasoning'] as const;
export type UsageBucketName = (typeof usageBucketNames)[number];

/** The buckets worth a column: input and output always, the cache and reasoning ones when used. */
export function visibleUsageBuckets(usage: UsageBuckets): Array<{ bucket: UsageBucketName; tokens: number }> {
  return usageBucketNames
    .filter((bucket) => bucket === 'input' || bucket === 'output' || usage[bucket] > 0)
    .map((bucket) => ({ bucket, tokens: usage[bucket] }));
}

export type CostCell =
  | { kind: 'cost'; text: string }
  | { kind: 'pricing_missing' }
  /** The record predates billing or the request failed before metering. */
  | { kind: 'none' };

/** A request's cost for display; a request without a price is never shown as zero. */
export function describeRequestCost(
  item: Pick<RequestLogItem, 'cost_micros' | 'price' | 'pricing_missing'>,
): CostCell {
  if (item.pricing_missing) return { kind: 'pricing_missing' };
  if (typeof item.cost_micros !== 'number') return { kind: 'none' };
  return { kind: 'cost', text: formatMicros(item.cost_micros, item.price?.currency ?? null) };
}

/** 12 → "12 ms", 1530 → "1.53 s", null → "—". */
export function formatDurationMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Number.isInteger(ms) ? ms : ms.toFixed(2)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export type StatusColor = 'teal' | 'yellow' | 'red' | 'gray';

export function statusColorOf(status: number): StatusColor {
  if (status >= 200 && status < 300) return 'teal';
  if (status === 429 || status === 402) return 'yellow';
  if (status >= 400) return 'red';
  return 'gray';
}

/** Status filter text → number for the API, or undefined when it is not a 3-digit status. */
export function parseStatusFilter(text: string): number | undefined {
  return /^[1-5]\d\d$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** A log timestamp without the year but with seconds: requests are read in order, close together. */
export function formatLogTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}
