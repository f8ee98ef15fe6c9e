import type { UpstreamAdapter } from '../upstream-adapter.js';

const geminiHeaders = (apiKey: string) => ({ 'x-goog-api-key': apiKey });

// Base URLs follow @google/genai: no version (https://generativelanguage.googleapis.com). Streams are
// always requested as SSE (`alt=sse`), the form @google/genai itself asks for.
// @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
export const geminiAdapter: UpstreamAdapter = {
  nativeDialects: ['gemini'],
  isEmbeddingsSupported: false,
  isStreamUsageOptionSupported: false,
  unsupportedRequestFields: [],
  buildGenerateTarget: ({ baseUrl, apiKey, upstreamModel, isStream }) => ({
    url: `${baseUrl}/v1beta/models/${encodeURIComponent(upstreamModel)}:${isStream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    headers: geminiHeaders(apiKey),
  }),
  buildEmbeddingsTarget: ({ baseUrl, apiKey }) => ({
    url: `${baseUrl}/v1beta/embeddings`,
    headers: geminiHeaders(apiKey),
  }),
  buildCountTokensTarget: () => undefined,
  buildModelListTarget: ({ baseUrl, apiKey }) => ({
    url: `${baseUrl}/v1beta/models?pageSize=1000`,
    headers: geminiHeaders(apiKey),
  }),
  readModelIds: (body) => {
    const models = (body as { models?: unknown } | null)?.models;
    if (!Array.isArray(models)) return [];
    return models.flatMap((entry) =>
      typeof entry?.name === 'string' ? [(entry.name as string).replace(/^models\//, '')] : [],
    );
  },
};
