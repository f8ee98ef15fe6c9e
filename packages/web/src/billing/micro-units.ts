// Money is integer micro-units (10⁻⁶ of a currency unit). Conversions go through strings and BigInt
// because floats are not exact here: Number('1.005') * 1e6 is 1004999.9999999999.

const microsPerUnit = 1_000_000n;
const decimalPattern = /^(\d+)(?:\.(\d*))?$/;

/** The largest amount the server accepts for a price or balance (1e15 micro-units). */
export const maxMicros = 1_000_000_000_000_000;

/**
 * "2.5" → 2500000. Accepts plain decimals with up to six fraction digits (thousands separators and
 * spaces are ignored); anything else — signs, exponents, a seventh digit that cannot be stored
 * exactly — gives null.
 */
export function parseCurrencyToMicros(text: string): number | null {
  const match = decimalPattern.exec(text.replace(/[\s,_]/g, ''));
  if (!match) return null;
  const [, wholeDigits, fractionDigits = ''] = match;
  if (fractionDigits.length > 6) return null;
  const micros = BigInt(wholeDigits) * microsPerUnit + BigInt(fractionDigits.padEnd(6, '0'));
  if (micros > BigInt(maxMicros)) return null;
  return Number(micros);
}

function splitMicros(micros: number): { sign: string; whole: string; fraction: string } {
  const value = BigInt(Math.trunc(micros));
  const magnitude = value < 0n ? -value : value;
  return {
    sign: value < 0n ? '-' : '',
    whole: (magnitude / microsPerUnit).toString(),
    fraction: (magnitude % microsPerUnit).toString().padStart(6, '0'),
  };
}

/** 2500000 → "2.5": the shortest exact decimal, for an input the admin edits. */
export function formatMicrosAsDecimal(micros: number): string {
  const { sign, whole, fraction } = splitMicros(micros);
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${whole}${trimmed ? `.${trimmed}` : ''}`;
}

const currencySymbols: Record<string, string> = { USD: '$', CNY: '¥', EUR: '€', GBP: '£', JPY: '¥' };

/**
 * 1234567890 → "1,234.56789" (at least two fraction digits, never rounded), with the currency's
 * symbol or code in front when one is given: "$0.015", "CHF 3.00".
 */
export function formatMicros(micros: number, currency?: string | null): string {
  const { sign, whole, fraction } = splitMicros(micros);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const shown = fraction.replace(/0+$/, '').padEnd(2, '0');
  const amount = `${grouped}.${shown}`;
  if (!currency) return `${sign}${amount}`;
  const symbol = currencySymbols[currency];
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${currency} ${amount}`;
}

/** A number of micro-units as currency units, for chart axes only (charts plot floats anyway). */
export function microsToChartValue(micros: number): number {
  return micros / 1_000_000;
}

/** Like parseCurrencyToMicros, with an optional leading sign ("-5" deducts 5 units). */
export function parseSignedCurrencyToMicros(text: string): number | null {
  const trimmed = text.trim();
  const isNegative = trimmed.startsWith('-');
  const micros = parseCurrencyToMicros(trimmed.replace(/^[-+]/, ''));
  if (micros === null) return null;
  return isNegative ? -micros : micros;
}
