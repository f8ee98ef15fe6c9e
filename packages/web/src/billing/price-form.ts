import type { ModelPrice, ModelPriceUpsert } from './billing-api.js';
import { formatMicrosAsDecimal, parseCurrencyToMicros } from './micro-units.js';

export const editablePriceFields = ['input', 'cache_read', 'cache_write', 'output', 'reasoning'] as const;
export type EditablePriceField = (typeof editablePriceFields)[number];

/** Prices as the admin types them: currency units per 1M tokens, "" = not set. */
export interface PriceFormValues {
  model: string;
  currency: string;
  prices: Record<EditablePriceField, string>;
  isActive: boolean;
}

export const emptyPriceForm: PriceFormValues = {
  model: '',
  currency: 'USD',
  prices: { input: '', cache_read: '', cache_write: '', output: '', reasoning: '' },
  isActive: false,
};

export function priceToForm(price: ModelPrice): PriceFormValues {
  const text = (micros: number | null) => (micros === null ? '' : formatMicrosAsDecimal(micros));
  return {
    model: price.model,
    currency: price.currency,
    prices: {
      input: text(price.input),
      cache_read: text(price.cache_read),
      cache_write: text(price.cache_write),
      output: text(price.output),
      reasoning: text(price.reasoning),
    },
    isActive: price.is_active,
  };
}

export type PriceFormProblem = 'required' | 'invalidAmount' | 'invalidCurrency' | 'activeNeedsPrices';

/** Everything the server would reject, checked before sending; activation needs the four prices. */
export function checkPriceForm(values: PriceFormValues): Partial<Record<string, PriceFormProblem>> {
  const problems: Partial<Record<string, PriceFormProblem>> = {};
  if (!values.model.trim()) problems.model = 'required';
  if (!/^[A-Z]{3}$/.test(values.currency)) problems.currency = 'invalidCurrency';
  for (const field of editablePriceFields) {
    const text = values.prices[field].trim();
    if (text && parseCurrencyToMicros(text) === null) problems[field] = 'invalidAmount';
    else if (!text && values.isActive && field !== 'reasoning') problems[field] = 'activeNeedsPrices';
  }
  return problems;
}

/** The PUT body: each price converted exactly to integer micro-units (null when left empty). */
export function formToPriceUpsert(values: PriceFormValues): ModelPriceUpsert {
  const micros = (field: EditablePriceField) => {
    const text = values.prices[field].trim();
    return text ? parseCurrencyToMicros(text) : null;
  };
  return {
    currency: values.currency,
    input: micros('input'),
    cache_read: micros('cache_read'),
    cache_write: micros('cache_write'),
    output: micros('output'),
    reasoning: micros('reasoning'),
    is_active: values.isActive,
  };
}

/** The body that flips only `is_active` of an existing row, keeping every price as it is. */
export function priceWithActive(price: ModelPrice, isActive: boolean): ModelPriceUpsert {
  return {
    currency: price.currency,
    input: price.input,
    cache_read: price.cache_read,
    cache_write: price.cache_write,
    output: price.output,
    reasoning: price.reasoning,
    is_active: isActive,
  };
}

// The server's lookup order (billing/prices/normalize-model-name.ts): the name lower-cased, then
// without dated or -latest suffixes, then the same without a provider prefix.
const datedSuffixes = [/[-@]\d{8}$/, /-\d{4}-\d{2}-\d{2}$/, /-\d{4}$/, /-latest$/, /-preview$/];

export function candidatePriceNames(model: string): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (name && !names.includes(name)) names.push(name);
  };
  const lower = model.trim().toLowerCase();
  for (const base of [lower, lower.replace(/^(models\/|[a-z0-9-]+\/)/, '')]) {
    add(base);
    let current = base;
    for (let pass = 0; pass < 2; pass += 1) {
      for (const suffix of datedSuffixes) {
        if (suffix.test(current)) {
          current = current.replace(suffix, '');
          add(current);
        }
      }
    }
  }
  return names;
}

export interface PricedMark {
  model: string;
  status: 'priced' | 'incomplete' | 'alias' | 'unpriced';
  /** The price row or alias target that matched, when it is not the model's own name. */
  target?: string;
}

/** Which of the upstream's models the price book can bill, found the way the server looks prices up. */
export function markPricedModels(
  upstreamModels: readonly string[],
  prices: readonly Pick<ModelPrice, 'model' | 'is_complete'>[],
  aliases: readonly { alias: string; model: string }[],
): PricedMark[] {
  const byModel = new Map(prices.map((price) => [price.model.toLowerCase(), price]));
  const aliasTargets = new Map(aliases.map((alias) => [alias.alias.toLowerCase(), alias.model]));
  return upstreamModels.map((model): PricedMark => {
    for (const name of candidatePriceNames(model)) {
      const aliasTarget = aliasTargets.get(name);
      if (aliasTarget) return { model, status: 'alias', target: aliasTarget };
      const price = byModel.get(name);
      if (price) {
        const target = name === model.toLowerCase() ? undefined : price.model;
        return { model, status: price.is_complete ? 'priced' : 'incomplete', ...(target ? { target } : {}) };
      }
    }
    return { model, status: 'unpriced' };
  });
}
