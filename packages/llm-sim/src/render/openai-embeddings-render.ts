import { estimatePromptTokens } from './estimate-prompt-tokens.js';

const defaultDimensions = 8;

// Deterministic pseudo-embedding: the same text always maps to the same unit-free vector.
function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
    vector[index % dimensions] += ((hash >>> 8) / 0xffffff - 0.5) / 8;
  }
  return vector;
}

function readInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input))
    return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  return [''];
}

interface EmbeddingsRequest {
  input?: unknown;
  model?: string;
  dimensions?: number;
  encoding_format?: string;
}

// The official openai SDK asks for encoding_format "base64" by default and decodes little-endian float32.
// @see https://platform.openai.com/docs/api-reference/embeddings/create
export function renderEmbeddingsBody(request: EmbeddingsRequest, omitUsage: boolean): unknown {
  const dimensions =
    typeof request.dimensions === 'number' && request.dimensions > 0 ? request.dimensions : defaultDimensions;
  const isBase64 = request.encoding_format === 'base64';
  const data = readInputs(request.input).map((text, index) => {
    const vector = embedText(text, dimensions);
    const embedding = isBase64 ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const promptTokens = estimatePromptTokens({ input: request.input });
  const body: Record<string, unknown> = {
    object: 'list',
    data,
    model: request.model ?? 'text-embedding-3-small',
  };
  if (!omitUsage) body.usage = { prompt_tokens: promptTokens, total_tokens: promptTokens };
  return body;
}
