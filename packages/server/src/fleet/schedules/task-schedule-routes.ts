import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validated } from '../../http/zod-validation.js';
import type { AuthGuards } from '../../identity/index.js';
import { viewerOf } from '../tasks/task-routes.js';
import { createScheduleSchema } from '../tasks/task-schemas.js';
import type { TaskScheduleService } from './task-schedule-service.js';

const tags = ['fleet'];
const scheduleIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export function registerTaskScheduleRoutes(
  app: FastifyInstance,
  deps: { schedules: TaskScheduleService; guards: AuthGuards },
) {
  const preHandler = deps.guards.requireUser;
  app.post(
    '/api/task-schedules',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Create a recurring task (cron, UTC; no overlap unless allowed)',
        body: createScheduleSchema,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request) as { userId: string; role: 'admin' | 'user' };
      return reply
        .status(201)
        .send(await deps.schedules.create(viewer, validated(createScheduleSchema, request.body)));
    },
  );
  app.get(
    '/api/task-schedules',
    { preHandler, schema: { tags, summary: 'Recurring tasks' } },
    async (request) => deps.schedules.list(viewerOf(request)),
  );
  app.delete(
    '/api/task-schedules/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Delete a recurring task (tasks it created stay)',
        params: scheduleIdParamsSchema,
      },
    },
    async (request, reply) => {
      await deps.schedules.remove(viewerOf(request), validated(scheduleIdParamsSchema, request.params).id);
      return reply.status(204).send();
    },
  );
}
