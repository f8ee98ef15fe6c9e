import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import { type AuthGuards, auditActorOf } from '../../identity/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { UpstreamHttpClient } from '../proxy/upstream-http-client.js';
import { probeChannel } from './channel-probe.js';
import {
  channelCreateSchema,
  channelIdParamsSchema,
  channelPatchSchema,
  channelTestSchema,
  publicChannelSchema,
  upstreamModelsQuerySchema,
} from './channel-schemas.js';
import type { ChannelService } from './channel-service.js';
import type { UpstreamModelLister } from './upstream-model-list.js';

const tags = ['gateway-admin'];

export function registerChannelRoutes(
  app: FastifyInstance,
  deps: {
    channels: ChannelService;
    modelLister: UpstreamModelLister;
    http: UpstreamHttpClient;
    clock: Clock;
    guards: AuthGuards;
  },
) {
  const { channels, guards } = deps;
  const preHandler = guards.requireAdmin;

  app.post(
    '/api/admin/channels',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Create an upstream channel (keys are stored encrypted, never returned)',
        body: channelCreateSchema,
        response: { 201: publicChannelSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await channels.create(validated(channelCreateSchema, request.body), auditActorOf(request))),
  );
  app.get('/api/admin/channels', { preHandler, schema: { tags, summary: 'List channels' } }, async () => ({
    items: await channels.list(),
  }));
  app.get(
    '/api/admin/channels/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'One channel',
        params: channelIdParamsSchema,
        response: { 200: publicChannelSchema },
      },
    },
    async (request) => channels.get(validated(channelIdParamsSchema, request.params).id),
  );
  app.patch(
    '/api/admin/channels/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change a channel; `keys` replaces all keys',
        params: channelIdParamsSchema,
        body: channelPatchSchema,
        response: { 200: publicChannelSchema },
      },
    },
    async (request) =>
      channels.patch(
        validated(channelIdParamsSchema, request.params).id,
        validated(channelPatchSchema, request.body),
        auditActorOf(request),
      ),
  );
  app.delete(
    '/api/admin/channels/:id',
    { preHandler, schema: { tags, summary: 'Delete a channel and its keys', params: channelIdParamsSchema } },
    async (request, reply) => {
      await channels.remove(validated(channelIdParamsSchema, request.params).id, auditActorOf(request));
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/admin/channels/:id/test',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Send a minimal real completion and record latency and outcome',
        params: channelIdParamsSchema,
        body: channelTestSchema,
      },
    },
    async (request) =>
      probeChannel(deps, {
        channelId: validated(channelIdParamsSchema, request.params).id,
        model: validated(channelTestSchema, request.body)?.model,
      }),
  );
  app.get(
    '/api/admin/upstream/models',
    {
      preHandler,
      schema: {
        tags,
        summary: "The upstream's own model list for a channel (cached 60 s)",
        querystring: upstreamModelsQuerySchema,
      },
    },
    async (request) => deps.modelLister.list(validated(upstreamModelsQuerySchema, request.query).channel_id),
  );
}
