import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type GatewayPipelineDeps, handleLlmCall } from '../gateway-pipeline.js';
import { parseInboundBody, readRawBody } from '../parse-inbound-body.js';

// Only the fields the gateway reads; the body is forwarded as received.
const openAIChatFieldsSchema = z.object({
  model: z.string().min(1, { message: 'is required' }),
  stream: z.boolean().nullish(),
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
});

export function registerOpenAIChatRoute(scope: FastifyInstance, deps: GatewayPipelineDeps) {
  scope.post(
    '/v1/chat/completions',
    { schema: { tags: ['llm'], summary: 'OpenAI Chat Completions' } },
    (request, reply) =>
      handleLlmCall(deps, request, reply, {
        dialect: 'openai-chat',
        protocol: 'openai-chat',
        parseCall: () => {
          const rawBody = readRawBody(request.body);
          const { body, fields } = parseInboundBody(openAIChatFieldsSchema, rawBody);
          return {
            inbound: 'openai-chat',
            protocol: 'openai-chat',
            capability: 'generate',
            model: fields.model,
            isStream: fields.stream === true,
            rawBody,
            body,
            maxOutputTokens: fields.max_completion_tokens ?? fields.max_tokens ?? null,
            forwardedHeaders: {},
          };
        },
      }),
  );
}
