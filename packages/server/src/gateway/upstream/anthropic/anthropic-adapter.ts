import type { UpstreamAdapter, UpstreamEndpointOptions } from '../upstream-adapter.js';
import { readDataModelIds } from '../upstream-adapter.js';

// The version every Anthropic SDK sends; a caller's own anthropic-version header wins.
// @see https://docs.anthropic.com/en/api/versioning
export const defaultAnthropicVersion = '2023-06-01';

const anthropicHeaders = (options: UpstreamEndpointOptions) => ({
  'x-api-key': options.apiKey,
  'anthropic-version': defaultAnthropicVersion,
});

// Base URLs follow @anthropic-ai/sdk: no version suffix (https://api.anthropic.com).
export const anthropicAdapter: UpstreamAdapter = {
  nativeDialects: ['anthropic-messages'],
  isEmbeddingsSupported: false,
  isStreamUsageOptionSupported: false,
  unsupportedRequestFields: [],
  buildGenerateTarget: (options) => ({
    url: `${options.baseUrl}/v1/messages`,
    headers: anthropicHeaders(options),
  }),
  buildEmbeddingsTarget: (options) => ({
    url: `${options.baseUrl}/v1/embeddings`,
    headers: anthropicHeaders(options),
  }),
  buildCountTokensTarget: (options) => ({
    url: `${options.baseUrl}/v1/messages/count_tokens`,
    headers: anthropicHeaders(options),
  }),
  buildModelListTarget: (options) => ({
    url: `${options.baseUrl}/v1/models?limit=1000`,
    headers: anthropicHeaders(options),
  }),
  readModelIds: readDataModelIds,
};
