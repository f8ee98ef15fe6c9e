import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import type { AuthGuards } from '../../identity/index.js';
import type { Database } from '../../kernel/db/database.js';
import type { TaskNotifier } from '../tasks/task-notifier.js';
import { viewerOf } from '../tasks/task-routes.js';
import { taskIdParamsSchema, taskLogsQuerySchema, taskLogsSseQuerySchema } from '../tasks/task-schemas.js';
import type { TaskService } from '../tasks/task-service.js';
import { resumeOffsetOf, streamTaskLog } from './task-log-sse.js';
import { listLogChunks, presentLogChunk } from './task-log-store.js';

const tags = ['fleet'];

export function registerTaskLogRoutes(
  app: FastifyInstance,
  deps: {
    database: Database;
    tasks: TaskService;
    notifier: TaskNotifier;
    guards: AuthGuards;
    sseHeartbeatMs: number;
  },
): void {
  const preHandler = deps.guards.requireUser;
  app.get(
    '/api/tasks/:id/logs',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Pull task log items from an offset',
        params: taskIdParamsSchema,
        querystring: taskLogsQuerySchema,
      },
    },
    async (request) => {
      const taskId = validated(taskIdParamsSchema, request.params).id;
      const query = validated(taskLogsQuerySchema, request.query);
      await deps.tasks.requireVisibleTask(viewerOf(request), taskId);
      const rows = await listLogChunks(deps.database.db, {
        taskId,
        offset: query.offset,
        limit: query.limit,
      });
      const items = rows.map(presentLogChunk);
      return {
        offset: query.offset,
        next_offset: items.length > 0 ? items[items.length - 1].offset + 1 : query.offset,
        items,
      };
    },
  );
  app.get(
    '/api/tasks/:id/logs.sse',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Task log as SSE: replay from ?offset= / Last-Event-ID, then follow',
        params: taskIdParamsSchema,
        querystring: taskLogsSseQuerySchema,
      },
    },
    async (request, reply) => {
      const taskId = validated(taskIdParamsSchema, request.params).id;
      await deps.tasks.requireVisibleTask(viewerOf(request), taskId);
      const offset = resumeOffsetOf(request, validated(taskLogsSseQuerySchema, request.query).offset);
      await streamTaskLog({
        database: deps.database,
        notifier: deps.notifier,
        request,
        reply,
        taskId,
        offset,
        heartbeatMs: deps.sseHeartbeatMs,
      });
    },
  );
}
