import type { UpstreamAdapter } from '../upstream-adapter.js';
import { readDataModelIds } from '../upstream-adapter.js';

const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

// Base URLs follow the openai SDK: they already end in the version (https://api.openai.com/v1).
export const openAIAdapter: UpstreamAdapter = {
  nativeDialects: ['openai-chat', 'openai-responses'],
  isEmbeddingsSupported: true,
  isStreamUsageOptionSupported: true,
  unsupportedRequestFields: [],
  buildGenerateTarget: ({ baseUrl, apiKey, dialect }) => ({
    url: `${baseUrl}${dialect === 'openai-responses' ? '/responses' : '/chat/completions'}`,
    headers: bearer(apiKey),
  }),
  buildEmbeddingsTarget: ({ baseUrl, apiKey }) => ({ url: `${baseUrl}/embeddings`, headers: bearer(apiKey) }),
  buildCountTokensTarget: () => undefined,
  buildModelListTarget: ({ baseUrl, apiKey }) => ({ url: `${baseUrl}/models`, headers: bearer(apiKey) }),
  readModelIds: readDataModelIds,
};
