import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type GatewayPipelineDeps, handleLlmCall } from '../gateway-pipeline.js';
import { parseInboundBody, readRawBody } from '../parse-inbound-body.js';

const anthropicFieldsSchema = z.object({
  model: z.string().min(1, { message: 'is required' }),
  stream: z.boolean().nullish(),
  max_tokens: z.number().int().nullish(),
});

/** anthropic-version / anthropic-beta select wire behaviour, so a same-dialect upstream must see them. */
export function readAnthropicHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['anthropic-version', 'anthropic-beta']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

export function registerAnthropicMessagesRoute(scope: FastifyInstance, deps: GatewayPipelineDeps) {
  scope.post('/v1/messages', { schema: { tags: ['llm'], summary: 'Anthropic Messages' } }, (request, reply) =>
    handleLlmCall(deps, request, reply, {
      dialect: 'anthropic-messages',
      protocol: 'anthropic-messages',
      parseCall: () => {
        const rawBody = readRawBody(request.body);
        const { body, fields } = parseInboundBody(anthropicFieldsSchema, rawBody);
        return {
          inbound: 'anthropic-messages',
          protocol: 'anthropic-messages',
          capability: 'generate',
          model: fields.model,
          isStream: fields.stream === true,
          rawBody,
          body,
          maxOutputTokens: fields.max_tokens ?? null,
          forwardedHeaders: readAnthropicHeaders(request),
        };
      },
    }),
  );
}
