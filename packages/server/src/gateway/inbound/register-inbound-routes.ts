import type { FastifyInstance } from 'fastify';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import { registerAnthropicCountTokensRoute } from './anthropic-messages/anthropic-count-tokens-route.js';
import { registerAnthropicMessagesRoute } from './anthropic-messages/anthropic-messages-route.js';
import { registerEmbeddingsRoute } from './embeddings/embeddings-route.js';
import type { GatewayPipelineDeps } from './gateway-pipeline.js';
import { registerGeminiGenerateContentRoute } from './gemini-generate-content/gemini-generate-content-route.js';
import { registerModelListRoutes } from './models/model-list-route.js';
import { registerOpenAIChatRoute } from './openai-chat/openai-chat-route.js';
import { registerOpenAIResponsesRoute } from './openai-responses/openai-responses-route.js';

/**
 * The LLM endpoints, in their own Fastify scope: bodies stay raw bytes (a passthrough forwards them
 * unparsed), and every reply carries x-switchyard-overhead-ms.
 */
export function registerInboundRoutes(
  app: FastifyInstance,
  deps: GatewayPipelineDeps & { directory: ChannelDirectory },
) {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('x-switchyard-overhead-ms'))
        reply.header('x-switchyard-overhead-ms', reply.elapsedTime.toFixed(3));
      return payload;
    });
    registerOpenAIChatRoute(scope, deps);
    registerOpenAIResponsesRoute(scope, deps);
    registerAnthropicMessagesRoute(scope, deps);
    registerAnthropicCountTokensRoute(scope, deps);
    registerGeminiGenerateContentRoute(scope, deps);
    registerEmbeddingsRoute(scope, deps);
    registerModelListRoutes(scope, deps);
  });
}
