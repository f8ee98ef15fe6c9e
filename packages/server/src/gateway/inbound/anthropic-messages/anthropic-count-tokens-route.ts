import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorizeModel } from '../../api-keys/authorize-api-key.js';
import { readUpstreamBody } from '../../proxy/upstream-http-client.js';
import { resolveUpstreamAdapter } from '../../upstream/resolve-upstream-adapter.js';
import { estimateUsage } from '../../usage/index.js';
import { authenticateCaller, type GatewayPipelineDeps } from '../gateway-pipeline.js';
import { parseInboundBody, readRawBody } from '../parse-inbound-body.js';
import { sendDialectError } from '../send-dialect-error.js';
import { readAnthropicHeaders } from './anthropic-messages-route.js';

const countTokensFieldsSchema = z.object({ model: z.string().min(1, { message: 'is required' }) });

/**
 * Claude Code calls count_tokens before large requests. An Anthropic channel answers it exactly;
 * for any other channel (or when that call fails) the gateway answers with a tokenizer estimate.
 * It consumes no tokens, so it is neither logged nor metered.
 */
export function registerAnthropicCountTokensRoute(scope: FastifyInstance, deps: GatewayPipelineDeps) {
  scope.post(
    '/v1/messages/count_tokens',
    { schema: { tags: ['llm'], summary: 'Anthropic count_tokens' } },
    async (request, reply) => {
      const startedAt = performance.now();
      try {
        const principal = await authenticateCaller(deps, request);
        const rawBody = readRawBody(request.body);
        const { body, fields } = parseInboundBody(countTokensFieldsSchema, rawBody);
        authorizeModel(principal, fields.model);
        const candidates = await deps.router.listCandidates({
          model: fields.model,
          group: principal.group,
          capability: 'generate',
        });
        const channel = candidates.find((candidate) => candidate.type === 'anthropic');
        const target =
          channel &&
          resolveUpstreamAdapter(channel).buildCountTokensTarget({
            baseUrl: channel.baseUrl,
            apiKey: channel.apiKeys[0] ?? '',
          });
        if (channel && target) {
          const upstreamModel = channel.modelMapping[fields.model] ?? fields.model;
          const response = await deps.http
            .send({
              url: target.url,
              method: 'POST',
              headers: {
                ...target.headers,
                ...readAnthropicHeaders(request),
                'content-type': 'application/json',
              },
              body: Buffer.from(JSON.stringify({ ...body, model: upstreamModel })),
              signal: AbortSignal.timeout(channel.timeoutMs),
            })
            .catch(() => undefined);
          if (response && response.status === 200) {
            return reply
              .header('content-type', 'application/json')
              .send(await readUpstreamBody(response.body));
          }
          response?.body.resume();
        }
        const estimate = estimateUsage({ dialect: 'anthropic-messages', requestBody: body, outputText: '' });
        return { input_tokens: estimate.usage.input };
      } catch (error) {
        return sendDialectError(reply, { dialect: 'anthropic-messages', error, startedAt });
      }
    },
  );
}
