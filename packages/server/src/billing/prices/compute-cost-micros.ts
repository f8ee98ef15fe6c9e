/** Integer prices in micro-units of `currency` per 1M tokens, one per usage bucket. */
export interface PriceSnapshot {
  model: string;
  currency: string;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  /** When null, reasoning tokens are billed at the output price (they are part of `output`). */
  reasoning: number | null;
}

export interface BillableUsage {
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
}

const tokensPerPriceUnit = 1_000_000n;

/**
 * Cost in integer micro-units. Rounding rule (one, documented in docs/pricing.md): every bucket's
 * tokens × price is summed exactly (BigInt), then divided by 10^6 once and rounded half up.
 * Example (seed 001 task 3.8): gpt-4 at $30/$60 per 1M, 100 + 200 tokens → 15,000 micros = $0.015.
 */
export function computeCostMicros(usage: BillableUsage, price: PriceSnapshot): number {
  const reasoningTokens = price.reasoning === null ? 0 : Math.min(usage.reasoning, usage.output);
  const terms: Array<[number, number]> = [
    [usage.input, price.input],
    [usage.cache_read, price.cache_read],
    [usage.cache_write, price.cache_write],
    [usage.output - reasoningTokens, price.output],
    [reasoningTokens, price.reasoning ?? 0],
  ];
  let numerator = 0n;
  for (const [tokens, priceMicrosPerMillion] of terms) {
    if (!Number.isSafeInteger(tokens) || tokens < 0)
      throw new RangeError(`token count must be a non-negative integer, got ${tokens}`);
    numerator += BigInt(tokens) * BigInt(priceMicrosPerMillion);
  }
  const rounded = (numerator * 2n + tokensPerPriceUnit) / (tokensPerPriceUnit * 2n);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('cost exceeds the safe integer range');
  return Number(rounded);
}
