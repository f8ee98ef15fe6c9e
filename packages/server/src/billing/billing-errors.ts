import { AppError } from '../kernel/errors.js';

export const insufficientQuota = (details: {
  needMicros: number;
  availableMicros: number;
  scope: 'user' | 'key';
}) =>
  new AppError({
    code: 'insufficient_quota',
    status: 402,
    message: 'Insufficient quota',
    details: {
      need_micros: details.needMicros,
      available_micros: details.availableMicros,
      scope: details.scope,
    },
  });
export const pricingIncomplete = (model: string, missing: string[]) =>
  new AppError({
    code: 'pricing_incomplete',
    status: 400,
    message: `Model ${model} cannot be active without prices for ${missing.join(', ')}`,
    details: { missing },
  });
export const priceNotFound = (model: string) =>
  new AppError({ code: 'not_found', status: 404, message: `No price for model ${model}` });
