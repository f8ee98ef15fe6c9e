import { describe, expect, it } from 'vitest';
import { computeCostMicros, type PriceSnapshot } from './compute-cost-micros.js';

const gpt4: PriceSnapshot = {
  model: 'gpt-4',
  currency: 'USD',
  input: 30_000_000,
  cache_read: 15_000_000,
  cache_write: 37_500_000,
  output: 60_000_000,
  reasoning: null,
};
const zero = { input: 0, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 };

describe(computeCostMicros.name, () => {
  it('charges seed 001 task 3.8 exactly: 100 prompt + 200 completion tokens of gpt-4 cost $0.015', () => {
    expect(computeCostMicros({ ...zero, input: 100, output: 200 }, gpt4)).toBe(15_000);
  });

  it('costs nothing for zero tokens', () => {
    expect(computeCostMicros(zero, gpt4)).toBe(0);
  });

  it('prices each bucket with its own price', () => {
    expect(computeCostMicros({ ...zero, input: 1_000_000 }, gpt4)).toBe(30_000_000);
    expect(computeCostMicros({ ...zero, cache_read: 1_000_000 }, gpt4)).toBe(15_000_000);
    expect(computeCostMicros({ ...zero, cache_write: 1_000_000 }, gpt4)).toBe(37_500_000);
    expect(computeCostMicros({ ...zero, output: 1_000_000 }, gpt4)).toBe(60_000_000);
  });

  it('bills reasoning as output unless a reasoning price is set', () => {
    const usage = { ...zero, output: 1_000, reasoning: 600 };
    expect(computeCostMicros(usage, gpt4)).toBe(60_000);
    expect(computeCostMicros(usage, { ...gpt4, reasoning: 10_000_000 })).toBe(400 * 60 + 600 * 10);
  });

  it('rounds the summed total half up, once', () => {
    const cheap: PriceSnapshot = { ...gpt4, input: 1, output: 1 };
    expect(computeCostMicros({ ...zero, input: 499_999 }, cheap)).toBe(0);
    expect(computeCostMicros({ ...zero, input: 500_000 }, cheap)).toBe(1);
    // Two buckets that would each round down alone add up to a half and round up together.
    expect(computeCostMicros({ ...zero, input: 250_000, output: 250_000 }, cheap)).toBe(1);
  });

  it('does not overflow on huge counts', () => {
    const huge = computeCostMicros({ ...zero, input: 2 ** 40, output: 2 ** 40 }, gpt4);
    expect(huge).toBe(Number((2n ** 40n * 30_000_000n + 2n ** 40n * 60_000_000n) / 1_000_000n));
  });

  it('refuses negative or fractional token counts', () => {
    expect(() => computeCostMicros({ ...zero, input: -1 }, gpt4)).toThrow(RangeError);
    expect(() => computeCostMicros({ ...zero, output: 1.5 }, gpt4)).toThrow(RangeError);
  });
});
