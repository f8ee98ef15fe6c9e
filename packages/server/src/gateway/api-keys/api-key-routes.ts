import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import { type AuthGuards, auditActorOf, principalOf } from '../../identity/index.js';
import {
  apiKeyCreateSchema,
  apiKeyIdParamsSchema,
  apiKeyPatchSchema,
  createdApiKeySchema,
  publicApiKeySchema,
} from './api-key-schemas.js';
import type { ApiKeyService } from './api-key-service.js';

const tags = ['gateway'];

export function registerApiKeyRoutes(
  app: FastifyInstance,
  deps: { apiKeys: ApiKeyService; guards: AuthGuards },
) {
  const { apiKeys, guards } = deps;
  const preHandler = guards.requireUser;

  app.post(
    '/api/keys',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Create an API key; the secret is in this response only',
        body: apiKeyCreateSchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await apiKeys.create(
            principalOf(request).userId,
            validated(apiKeyCreateSchema, request.body),
            auditActorOf(request),
          ),
        ),
  );
  app.get(
    '/api/keys',
    { preHandler, schema: { tags, summary: 'My API keys (secrets are never shown again)' } },
    async (request) => ({
      items: await apiKeys.list(principalOf(request).userId),
    }),
  );
  app.patch(
    '/api/keys/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change one of my API keys',
        params: apiKeyIdParamsSchema,
        body: apiKeyPatchSchema,
        response: { 200: publicApiKeySchema },
      },
    },
    async (request) =>
      apiKeys.patch({
        userId: principalOf(request).userId,
        id: validated(apiKeyIdParamsSchema, request.params).id,
        patch: validated(apiKeyPatchSchema, request.body),
        actor: auditActorOf(request),
      }),
  );
  app.delete(
    '/api/keys/:id',
    { preHandler, schema: { tags, summary: 'Delete one of my API keys', params: apiKeyIdParamsSchema } },
    async (request, reply) => {
      await apiKeys.remove({
        userId: principalOf(request).userId,
        id: validated(apiKeyIdParamsSchema, request.params).id,
        actor: auditActorOf(request),
      });
      return reply.status(204).send();
    },
  );
}
