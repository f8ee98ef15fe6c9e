// Usage bucket names are a cross-pillar contract (issue 3): `input` is UNcached input, `output` is
// everything billed as output (visible + reasoning), `reasoning` is the informational part of
// `output`. Billing prices each bucket separately, so converters never fold one into another.
export interface UsageBuckets {
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
}

/** `reported` when the upstream stated the numbers, `estimated` when we counted with a tokenizer. */
export type UsageSource = 'reported' | 'estimated';

export interface MeasuredUsage {
  usage: UsageBuckets;
  source: UsageSource;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer token count, or undefined when the field is absent or not a number. */
export function readTokenCount(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.max(0, Math.trunc(value));
}

export function readNestedTokenCount(
  record: Record<string, unknown>,
  path: readonly [string, string],
): number | undefined {
  const inner = record[path[0]];
  return isRecord(inner) ? readTokenCount(inner, path[1]) : undefined;
}

export function hasAnyTokenCount(record: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.some((key) => readTokenCount(record, key) !== undefined);
}
