import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import { type AuthGuards, auditActorOf, principalOf } from '../../identity/index.js';
import type { GatewayBillingLink } from '../gateway-service.js';
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
  deps: {
    apiKeys: ApiKeyService;
    guards: AuthGuards;
    billing: () => GatewayBillingLink | undefined;
    /** Waits for requests already answered to stamp last_used_at and settle (GatewayService.catchUp). */
    catchUp: () => Promise<void>;
  },
) {
  const { apiKeys, guards } = deps;
  // Keys carry their spending limit when billing is installed; it lives in billing's tables.
  const withQuota = async <T extends { id: string }>(key: T) => {
    const billing = deps.billing();
    return billing ? { ...key, ...(await billing.describeKeyQuota(key.id)) } : key;
  };
  const applyQuota = async (
    keyId: string,
    quotaMicros: number | null | undefined,
    actor: ReturnType<typeof auditActorOf>,
  ) => {
    const billing = deps.billing();
    if (quotaMicros !== undefined && billing) await billing.setKeyQuota(keyId, quotaMicros, actor);
  };
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
    async (request, reply) => {
      const body = validated(apiKeyCreateSchema, request.body);
      const created = await apiKeys.create(principalOf(request).userId, body, auditActorOf(request));
      await applyQuota(created.id, body.quota_micros, auditActorOf(request));
      return reply.status(201).send(await withQuota(created));
    },
  );
  app.get(
    '/api/keys',
    { preHandler, schema: { tags, summary: 'My API keys (secrets are never shown again)' } },
    async (request) => {
      await deps.catchUp();
      return {
        items: await Promise.all((await apiKeys.list(principalOf(request).userId)).map(withQuota)),
      };
    },
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
    async (request) => {
      const patch = validated(apiKeyPatchSchema, request.body);
      // The key service checks ownership first; only then is the limit changed.
      const updated = await apiKeys.patch({
        userId: principalOf(request).userId,
        id: validated(apiKeyIdParamsSchema, request.params).id,
        patch,
        actor: auditActorOf(request),
      });
      await applyQuota(updated.id, patch.quota_micros, auditActorOf(request));
      return withQuota(updated);
    },
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
