import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidRequest } from '../../../kernel/errors.js';
import { type GatewayPipelineDeps, handleLlmCall } from '../gateway-pipeline.js';
import { parseInboundBody, readRawBody } from '../parse-inbound-body.js';

const geminiFieldsSchema = z.object({
  generationConfig: z.object({ maxOutputTokens: z.number().int().nullish() }).passthrough().nullish(),
});

// The model and the method share one path segment: models/{model}:{method}.
// @see https://ai.google.dev/api/generate-content
function parseModelAction(segment: string): { model: string; isStream: boolean } {
  const separator = segment.lastIndexOf(':');
  const action = separator === -1 ? '' : segment.slice(separator + 1);
  if (action !== 'generateContent' && action !== 'streamGenerateContent') {
    throw invalidRequest(
      `Unknown method ${action || '(none)'}; use generateContent or streamGenerateContent`,
    );
  }
  return {
    model: decodeURIComponent(segment.slice(0, separator)),
    isStream: action === 'streamGenerateContent',
  };
}

export function registerGeminiGenerateContentRoute(scope: FastifyInstance, deps: GatewayPipelineDeps) {
  for (const version of ['v1beta', 'v1']) {
    scope.post(
      `/${version}/models/:modelAction`,
      { schema: { tags: ['llm'], summary: 'Gemini generateContent / streamGenerateContent' } },
      (request, reply) =>
        handleLlmCall(deps, request, reply, {
          dialect: 'gemini',
          protocol: 'gemini',
          parseCall: () => {
            const { model, isStream } = parseModelAction(
              (request.params as { modelAction: string }).modelAction,
            );
            const rawBody = readRawBody(request.body);
            const { body, fields } = parseInboundBody(geminiFieldsSchema, rawBody);
            return {
              inbound: 'gemini',
              protocol: 'gemini',
              capability: 'generate',
              model,
              isStream,
              // Without alt=sse Gemini streams one JSON array; the official SDKs ask for SSE.
              streamFraming: (request.query as { alt?: string }).alt === 'sse' ? 'sse' : 'json-array',
              rawBody,
              body,
              maxOutputTokens: fields.generationConfig?.maxOutputTokens ?? null,
              forwardedHeaders: {},
            };
          },
        }),
    );
  }
}
