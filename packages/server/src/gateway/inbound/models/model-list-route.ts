import type { FastifyInstance } from 'fastify';
import { isModelAllowed } from '../../api-keys/authorize-api-key.js';
import type { ChannelDirectory } from '../../channels/channel-directory.js';
import { authenticateCaller, type GatewayPipelineDeps } from '../gateway-pipeline.js';
import { sendDialectError } from '../send-dialect-error.js';

// A fixed creation time: the list describes routing, not when a model was made.
const listedAtSeconds = 1_704_067_200;

/** Every model the key's group can reach, minus what the key's allow-list excludes, sorted. */
async function listUsableModels(
  directory: ChannelDirectory,
  principal: { group: string; allowedModels: ReadonlySet<string> | null },
) {
  const models = new Set<string>();
  for (const channel of await directory.listEnabled()) {
    if (!channel.groups.has(principal.group)) continue;
    for (const model of [...channel.models, ...Object.keys(channel.modelMapping)]) models.add(model);
  }
  return [...models].filter((model) => isModelAllowed(principal, model)).sort();
}

// Each SDK's own list shape; @anthropic-ai/sdk is told apart by its anthropic-version header.
const renderOpenAIList = (models: string[]) => ({
  object: 'list',
  data: models.map((id) => ({ id, object: 'model', created: listedAtSeconds, owned_by: 'switchyard' })),
});
const renderAnthropicList = (models: string[]) => ({
  data: models.map((id) => ({
    type: 'model',
    id,
    display_name: id,
    created_at: new Date(listedAtSeconds * 1000).toISOString(),
  })),
  has_more: false,
  first_id: models[0] ?? null,
  last_id: models.at(-1) ?? null,
});
const renderGeminiList = (models: string[]) => ({
  models: models.map((id) => ({
    name: `models/${id}`,
    displayName: id,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent'],
  })),
});

export function registerModelListRoutes(
  scope: FastifyInstance,
  deps: GatewayPipelineDeps & { directory: ChannelDirectory },
) {
  scope.get(
    '/v1/models',
    { schema: { tags: ['llm'], summary: 'Models this API key may use (OpenAI or Anthropic shape)' } },
    async (request, reply) => {
      const startedAt = performance.now();
      const isAnthropic = typeof request.headers['anthropic-version'] === 'string';
      try {
        const models = await listUsableModels(deps.directory, await authenticateCaller(deps, request));
        return isAnthropic ? renderAnthropicList(models) : renderOpenAIList(models);
      } catch (error) {
        return sendDialectError(reply, {
          dialect: isAnthropic ? 'anthropic-messages' : 'openai-chat',
          error,
          startedAt,
        });
      }
    },
  );
  scope.get(
    '/v1beta/models',
    { schema: { tags: ['llm'], summary: 'Models this API key may use (Gemini shape)' } },
    async (request, reply) => {
      const startedAt = performance.now();
      try {
        return renderGeminiList(
          await listUsableModels(deps.directory, await authenticateCaller(deps, request)),
        );
      } catch (error) {
        return sendDialectError(reply, { dialect: 'gemini', error, startedAt });
      }
    },
  );
}
