import { describe, expect, it } from 'vitest';
import type { ModelPrice } from './billing-api.js';
import {
  checkPriceForm,
  emptyPriceForm,
  formToPriceUpsert,
  markPricedModels,
  priceToForm,
  priceWithActive,
} from './price-form.js';

const gpt4o: ModelPrice = {
  model: 'gpt-4o',
  currency: 'USD',
  input: 2_500_000,
  cache_read: 1_250_000,
  cache_write: 2_500_000,
  output: 10_000_000,
  reasoning: null,
  is_active: false,
  is_complete: true,
  source: 'default',
  updated_at: '2026-11-01T00:00:00.000Z',
};

describe(formToPriceUpsert.name, () => {
  it('converts currency per 1M tokens into exact integer micro-units', () => {
    const values = {
      ...emptyPriceForm,
      model: 'gpt-4',
      prices: { input: '30', cache_read: '0.075', cache_write: '1.005', output: '60', reasoning: '' },
    };
    expect(formToPriceUpsert(values)).toEqual({
      currency: 'USD',
      input: 30_000_000,
      cache_read: 75_000,
      cache_write: 1_005_000,
      output: 60_000_000,
      reasoning: null,
      is_active: false,
    });
  });

  it('round-trips a stored price through the form unchanged', () => {
    expect(formToPriceUpsert(priceToForm(gpt4o))).toEqual(priceWithActive(gpt4o, false));
  });
});

describe(checkPriceForm.name, () => {
  it('refuses activation while one of the four prices is missing, as the server would', () => {
    const values = { ...priceToForm(gpt4o), isActive: true };
    values.prices = { ...values.prices, cache_write: '' };
    expect(checkPriceForm(values)).toEqual({ cache_write: 'activeNeedsPrices' });
  });

  it('rejects amounts with more than six decimals and odd currency codes', () => {
    const values = { ...priceToForm(gpt4o), currency: 'usd' };
    values.prices = { ...values.prices, input: '0.0000001' };
    expect(checkPriceForm(values)).toEqual({ currency: 'invalidCurrency', input: 'invalidAmount' });
  });
});

describe(markPricedModels.name, () => {
  it('tells priced, incomplete, aliased and unpriced upstream models apart', () => {
    const marked = markPricedModels(
      ['GPT-4o', 'gpt-5', 'my-model', 'other'],
      [gpt4o, { model: 'gpt-5', is_complete: false }],
      [{ alias: 'my-model', model: 'gpt-4o' }],
    );
    expect(marked.map((entry) => entry.status)).toEqual(['priced', 'incomplete', 'alias', 'unpriced']);
    expect(marked[2].target).toBe('gpt-4o');
  });

  it('finds the base price of dated and provider-prefixed names', () => {
    const marked = markPricedModels(['gpt-4o-2024-11-20', 'openai/gpt-4o', 'gpt-4o-mini'], [gpt4o], []);
    expect(marked).toEqual([
      { model: 'gpt-4o-2024-11-20', status: 'priced', target: 'gpt-4o' },
      { model: 'openai/gpt-4o', status: 'priced', target: 'gpt-4o' },
      { model: 'gpt-4o-mini', status: 'unpriced' },
    ]);
  });
});
