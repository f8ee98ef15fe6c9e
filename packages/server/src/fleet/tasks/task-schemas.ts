import { z } from 'zod';
import { machineLabelsSchema } from '../machines/machine-schemas.js';

export const taskStateSchema = z.enum(['queued', 'leased', 'running', 'succeeded', 'failed', 'cancelled']);

/** Targeting and engine fields; every other field of the body is the type's payload. */
export const createTaskSchema = z
  .object({
    type: z.string().min(1).max(64),
    machine_id: z.string().min(1).max(64).optional(),
    labels: machineLabelsSchema.optional(),
    gpus: z.number().int().min(0).max(64).default(0),
    max_attempts: z.number().int().min(1).max(20).default(3),
    priority: z.number().int().min(-100).max(100).default(0),
    lease_ttl_s: z.number().int().min(30).max(600).optional(),
    cancel_grace_s: z.number().int().min(1).max(300).default(10),
  })
  .loose();
export type CreateTaskBody = z.infer<typeof createTaskSchema>;

export const taskIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const listTasksQuerySchema = z.object({
  state: taskStateSchema.optional(),
  type: z.string().max(64).optional(),
  machine_id: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const taskLogsQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const taskLogsSseQuerySchema = z.object({ offset: z.coerce.number().int().min(0).optional() });
export const idempotencyHeadersSchema = z
  .object({ 'idempotency-key': z.string().min(1).max(200).optional() })
  .loose();

export const createScheduleSchema = z.object({
  name: z.string().min(1).max(128),
  cron: z.string().min(1).max(128),
  allows_overlap: z.boolean().default(false),
  task: createTaskSchema,
});
export type CreateScheduleBody = z.infer<typeof createScheduleSchema>;
