import { z } from 'zod';

const limitQuery = z.coerce
  .number()
  .int({ message: 'must be an integer' })
  .optional()
  .transform((value) => Math.min(200, Math.max(1, value ?? 50)));

export const ownRequestLogQuerySchema = z.object({
  limit: limitQuery,
  cursor: z.string().max(64).optional(),
  model: z.string().max(200).optional(),
  key_id: z.string().max(64).optional(),
  channel_id: z.string().max(64).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
});
export const adminRequestLogQuerySchema = ownRequestLogQuerySchema.extend({
  user_id: z.string().max(64).optional(),
});
export type AdminRequestLogQuery = z.infer<typeof adminRequestLogQuerySchema>;
