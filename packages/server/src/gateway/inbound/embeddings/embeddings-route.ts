import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UsageBuckets } from '../../usage/index.js';
import { type GatewayPipelineDeps, handleLlmCall } from '../gateway-pipeline.js';
import { parseInboundBody, readRawBody } from '../parse-inbound-body.js';

const embeddingsFieldsSchema = z.object({ model: z.string().min(1, { message: 'is required' }) });

// Embeddings bill input only: usage.prompt_tokens. @see https://platform.openai.com/docs/api-reference/embeddings/object
function readEmbeddingsUsage(body: unknown): UsageBuckets | undefined {
  const promptTokens = (body as { usage?: { prompt_tokens?: unknown } } | undefined)?.usage?.prompt_tokens;
  if (typeof promptTokens !== 'number') return undefined;
  return { input: promptTokens, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 };
}

export function registerEmbeddingsRoute(scope: FastifyInstance, deps: GatewayPipelineDeps) {
  scope.post(
    '/v1/embeddings',
    { schema: { tags: ['llm'], summary: 'OpenAI Embeddings' } },
    (request, reply) =>
      handleLlmCall(deps, request, reply, {
        dialect: 'openai-chat',
        protocol: 'openai-embeddings',
        parseCall: () => {
          const rawBody = readRawBody(request.body);
          const { body, fields } = parseInboundBody(embeddingsFieldsSchema, rawBody);
          return {
            inbound: 'openai-chat',
            protocol: 'openai-embeddings',
            capability: 'embeddings',
            model: fields.model,
            isStream: false,
            rawBody,
            body,
            maxOutputTokens: null,
            forwardedHeaders: {},
            readUsage: readEmbeddingsUsage,
          };
        },
      }),
  );
}
