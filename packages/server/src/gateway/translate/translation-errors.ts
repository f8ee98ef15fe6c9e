import { AppError } from '../../kernel/errors.js';
import type { Dialect } from '../usage/llm-dialect.js';

/** A dialect pair the translator does not cover; routing should not have picked this channel. */
export const unsupportedTranslation = (from: Dialect, to: Dialect) =>
  new AppError({
    code: 'translation_unsupported',
    status: 400,
    message: `Requests in ${from} cannot be sent to a ${to} upstream`,
    details: { from, to },
  });
