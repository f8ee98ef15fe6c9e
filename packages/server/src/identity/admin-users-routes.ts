import type { FastifyInstance } from 'fastify';
import { validated } from '../http/zod-validation.js';
import type { AuditLog } from './audit/audit-log.js';
import { type AuthGuards, auditActorOf } from './auth-guard.js';
import {
  auditListQuerySchema,
  publicUserSchema,
  resetPasswordSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userPatchSchema,
} from './identity-schemas.js';
import type { UserService } from './users/user-service.js';

const tags = ['admin'];

export function registerAdminUserRoutes(
  app: FastifyInstance,
  deps: { users: UserService; audit: AuditLog; guards: AuthGuards },
) {
  const { users, audit, guards } = deps;
  const preHandler = guards.requireAdmin;

  app.get(
    '/api/admin/users',
    {
      preHandler,
      schema: { tags, summary: 'Search and page through users', querystring: userListQuerySchema },
    },
    async (request) => users.list(validated(userListQuerySchema, request.query)),
  );
  app.patch(
    '/api/admin/users/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Disable/enable a user or change their role',
        params: userIdParamsSchema,
        body: userPatchSchema,
        response: { 200: publicUserSchema },
      },
    },
    async (request) =>
      users.patchUser({
        actor: auditActorOf(request),
        userId: validated(userIdParamsSchema, request.params).id,
        patch: validated(userPatchSchema, request.body),
      }),
  );
  app.post(
    '/api/admin/users/:id/reset_password',
    {
      preHandler,
      schema: {
        tags,
        summary: "Set a user's password",
        params: userIdParamsSchema,
        body: resetPasswordSchema,
      },
    },
    async (request, reply) => {
      await users.resetPassword({
        actor: auditActorOf(request),
        userId: validated(userIdParamsSchema, request.params).id,
        newPassword: validated(resetPasswordSchema, request.body).new_password,
      });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/admin/audit',
    {
      preHandler,
      schema: { tags, summary: 'The audit log, newest first', querystring: auditListQuerySchema },
    },
    async (request) => {
      const query = validated(auditListQuerySchema, request.query);
      const result = await audit.list({
        action: query.action,
        actorId: query.actor_id,
        targetId: query.target_id,
        outcome: query.outcome,
        fromMs: query.from ? Date.parse(query.from) : undefined,
        toMs: query.to ? Date.parse(query.to) : undefined,
        page: query.page,
        pageSize: query.page_size,
      });
      return { ...result, page: query.page, page_size: query.page_size };
    },
  );
}
