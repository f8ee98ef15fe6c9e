import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import { type AuthGuards, principalOf } from '../../identity/index.js';
import {
  createTaskSchema,
  idempotencyHeadersSchema,
  listTasksQuerySchema,
  taskIdParamsSchema,
} from './task-schemas.js';
import type { TaskService, TaskViewer } from './task-service.js';
import type { TaskTypeRegistry } from './task-type-registry.js';

const tags = ['fleet'];

export const viewerOf = (request: FastifyRequest): TaskViewer => {
  const principal = principalOf(request);
  return { userId: principal.userId, role: principal.role };
};

export function registerTaskRoutes(
  app: FastifyInstance,
  deps: {
    tasks: TaskService;
    types: TaskTypeRegistry;
    guards: AuthGuards;
    listOfferedExecutors(): Promise<Set<string>>;
  },
): void {
  const { tasks } = deps;
  const preHandler = deps.guards.requireUser;

  app.post(
    '/api/tasks',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Create a task (Idempotency-Key supported)',
        body: createTaskSchema,
        headers: idempotencyHeadersSchema,
      },
    },
    async (request, reply) => {
      const headers = validated(idempotencyHeadersSchema, request.headers);
      const { task, isReplay } = await tasks.create({
        viewer: viewerOf(request),
        body: validated(createTaskSchema, request.body),
        idempotencyKey: headers['idempotency-key'],
        isFromApi: true,
      });
      if (isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(task);
    },
  );
  app.get(
    '/api/tasks',
    {
      preHandler,
      schema: {
        tags,
        summary: 'List tasks (users see their own, admins all)',
        querystring: listTasksQuerySchema,
      },
    },
    async (request) => {
      const query = validated(listTasksQuerySchema, request.query);
      return tasks.list(viewerOf(request), {
        state: query.state,
        type: query.type,
        machineId: query.machine_id,
        page: query.page,
        pageSize: query.page_size,
      });
    },
  );
  app.get(
    '/api/tasks/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A task with its attempts and, while queued, why it waits',
        params: taskIdParamsSchema,
      },
    },
    async (request) => tasks.get(viewerOf(request), validated(taskIdParamsSchema, request.params).id),
  );
  app.post(
    '/api/tasks/:id/cancel',
    {
      preHandler,
      schema: { tags, summary: 'Cancel a task in any state (idempotent)', params: taskIdParamsSchema },
    },
    async (request) => tasks.cancel(viewerOf(request), validated(taskIdParamsSchema, request.params).id),
  );
  app.post(
    '/api/tasks/:id/retry',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Queue a failed or cancelled task again with a fresh attempt budget',
        params: taskIdParamsSchema,
      },
    },
    async (request) => tasks.retry(viewerOf(request), validated(taskIdParamsSchema, request.params).id),
  );
  app.get(
    '/api/task-types',
    {
      preHandler,
      schema: { tags, summary: 'Task types users can create, and whether a machine offers each one' },
    },
    async () => {
      const offered = await deps.listOfferedExecutors();
      return {
        items: deps.types
          .list()
          .filter((definition) => definition.isUserCreatable)
          .map((definition) => ({
            type: definition.type,
            description: definition.description,
            executor: definition.executor,
            is_available: !definition.needsReportedExecutor || offered.has(definition.executor),
          })),
      };
    },
  );
}
