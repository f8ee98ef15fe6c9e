import { z } from 'zod';

const microsPrice = z
  .number()
  .int({ message: 'must be an integer (micro-units per 1M tokens)' })
  .min(0, { message: 'must be ≥ 0' })
  .max(1e15);

export const modelPriceUpsertSchema = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter currency code like USD or CNY' })
    .default('USD'),
  input: microsPrice.nullable().optional(),
  cache_read: microsPrice.nullable().optional(),
  cache_write: microsPrice.nullable().optional(),
  output: microsPrice.nullable().optional(),
  reasoning: microsPrice.nullable().optional(),
  is_active: z.boolean().default(false),
});
export type ModelPriceUpsert = z.infer<typeof modelPriceUpsertSchema>;

export const modelParamsSchema = z.object({ model: z.string().min(1).max(200) });
export const aliasSchema = z.object({ alias: z.string().min(1).max(200), model: z.string().min(1).max(200) });
export const aliasParamsSchema = z.object({ alias: z.string().min(1).max(200) });

export const balanceDeltaSchema = z.object({
  delta_micros: z.number().int({ message: 'must be an integer number of micro-units' }).min(-1e15).max(1e15),
  note: z.string().max(500).optional(),
});
export const balanceSetSchema = z.object({
  balance_micros: z.number().int().min(0).max(1e15),
  note: z.string().max(500).optional(),
  /** false: the user may spend beyond the balance again (usage still counted). Default true. */
  limited: z.boolean().default(true),
});
export const userParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const summaryQuerySchema = z.object({
  granularity: z.enum(['day', 'month']).default('day'),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  model: z.string().max(200).optional(),
  key_id: z.string().max(64).optional(),
});
export const adminSummaryQuerySchema = summaryQuerySchema.extend({ user_id: z.string().max(64).optional() });
export type SummaryQuery = z.infer<typeof adminSummaryQuerySchema>;

export const balanceSchema = z.object({
  balance_micros: z.number(),
  reserved_micros: z.number(),
  used_micros: z.number(),
  /** true once an admin funded the user (or SWITCHYARD_BILLING_REQUIRE_BALANCE is on): requests
   *  beyond the balance get 402; false: usage is counted in used_micros but never refused. */
  limited: z.boolean(),
});
