import { describe, expect, it } from 'vitest';
import {
  formatMicros,
  formatMicrosAsDecimal,
  maxMicros,
  parseCurrencyToMicros,
  parseSignedCurrencyToMicros,
} from './micro-units.js';

describe(parseCurrencyToMicros.name, () => {
  it('converts currency decimals to integer micro-units exactly', () => {
    expect(parseCurrencyToMicros('30')).toBe(30_000_000);
    expect(parseCurrencyToMicros('2.5')).toBe(2_500_000);
    expect(parseCurrencyToMicros('0.29')).toBe(290_000);
    expect(parseCurrencyToMicros('0.000001')).toBe(1);
    expect(parseCurrencyToMicros('0')).toBe(0);
    expect(parseCurrencyToMicros('1.')).toBe(1_000_000);
  });

  it('keeps values that a float multiplication would round off', () => {
    expect(Number('1.005') * 1e6).not.toBe(1_005_000);
    expect(parseCurrencyToMicros('1.005')).toBe(1_005_000);
    expect(parseCurrencyToMicros('123456789.123456')).toBe(123_456_789_123_456);
  });

  it('ignores thousands separators and surrounding spaces', () => {
    expect(parseCurrencyToMicros(' 1,000.5 ')).toBe(1_000_500_000);
  });

  it('rejects what cannot be stored exactly or is not a plain amount', () => {
    for (const text of ['', '.5', '-1', '1e3', 'abc', '0.0000001', '1.2.3'])
      expect(parseCurrencyToMicros(text), text).toBeNull();
  });

  it('rejects amounts above the server maximum', () => {
    expect(parseCurrencyToMicros('1000000000')).toBe(maxMicros);
    expect(parseCurrencyToMicros('1000000000.000001')).toBeNull();
  });
});

describe(formatMicrosAsDecimal.name, () => {
  it('prints the shortest exact decimal and round-trips through parsing', () => {
    expect(formatMicrosAsDecimal(2_500_000)).toBe('2.5');
    expect(formatMicrosAsDecimal(30_000_000)).toBe('30');
    expect(formatMicrosAsDecimal(1)).toBe('0.000001');
    for (const micros of [0, 1, 75_000, 290_000, 123_456_789_123_456])
      expect(parseCurrencyToMicros(formatMicrosAsDecimal(micros))).toBe(micros);
  });
});

describe(formatMicros.name, () => {
  it('shows at least two fraction digits and never rounds', () => {
    expect(formatMicros(15_000, 'USD')).toBe('$0.015');
    expect(formatMicros(3_000_000, 'CNY')).toBe('¥3.00');
    expect(formatMicros(1_234_567_890)).toBe('1,234.56789');
    expect(formatMicros(1)).toBe('0.000001');
  });

  it('puts the sign before the symbol and uses the code for unknown currencies', () => {
    expect(formatMicros(-2_500_000, 'USD')).toBe('-$2.50');
    expect(formatMicros(3_000_000, 'CHF')).toBe('CHF 3.00');
  });
});

describe(parseSignedCurrencyToMicros.name, () => {
  it('reads a leading minus as a deduction and a plus as a top-up', () => {
    expect(parseSignedCurrencyToMicros('-5')).toBe(-5_000_000);
    expect(parseSignedCurrencyToMicros('+0.5')).toBe(500_000);
    expect(parseSignedCurrencyToMicros('--1')).toBeNull();
  });
});
