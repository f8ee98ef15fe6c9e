import type { FastifyRequest } from 'fastify';

// Each SDK's own header: openai → Authorization: Bearer; @anthropic-ai/sdk → x-api-key;
// @google/genai → x-goog-api-key; Gemini REST examples → ?key=. Any of them works on any endpoint.
export function readInboundApiKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match) return match[1];
  }
  for (const header of ['x-api-key', 'x-goog-api-key'] as const) {
    const value = request.headers[header];
    if (typeof value === 'string' && value !== '') return value;
  }
  const key = (request.query as Record<string, unknown> | undefined)?.key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}
