import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type GatewayPipelineDeps, handleLlmCall } from '../gateway-pipeline.js';
import { parseInboundBody, readRawBody } from '../parse-inbound-body.js';

const openAIResponsesFieldsSchema = z.object({
  model: z.string().min(1, { message: 'is required' }),
  stream: z.boolean().nullish(),
  max_output_tokens: z.number().int().nullish(),
});

export function registerOpenAIResponsesRoute(scope: FastifyInstance, deps: GatewayPipelineDeps) {
  scope.post('/v1/responses', { schema: { tags: ['llm'], summary: 'OpenAI Responses' } }, (request, reply) =>
    handleLlmCall(deps, request, reply, {
      dialect: 'openai-responses',
      protocol: 'openai-responses',
      parseCall: () => {
        const rawBody = readRawBody(request.body);
        const { body, fields } = parseInboundBody(openAIResponsesFieldsSchema, rawBody);
        return {
          inbound: 'openai-responses',
          protocol: 'openai-responses',
          capability: 'generate',
          model: fields.model,
          isStream: fields.stream === true,
          rawBody,
          body,
          maxOutputTokens: fields.max_output_tokens ?? null,
          forwardedHeaders: {},
        };
      },
    }),
  );
}
