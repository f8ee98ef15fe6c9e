import type { SimProtocol } from '../sim-types.js';

export type EndpointKind = 'generate' | 'count-tokens' | 'embeddings' | 'models';

export interface MatchedEndpoint {
  kind: EndpointKind;
  protocol: SimProtocol;
  /** Set for Gemini, whose model is in the path. */
  pathModel?: string;
  /** Gemini decides streaming by the method name; the others by `stream: true` in the body. */
  isGeminiStream?: boolean;
}

const geminiActionPattern =
  /^\/v1(?:beta|alpha)?\/(?:models|tunedModels)\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;

const fixedRoutes: Record<string, MatchedEndpoint> = {
  'POST /v1/chat/completions': { kind: 'generate', protocol: 'openai-chat' },
  'POST /v1/responses': { kind: 'generate', protocol: 'openai-responses' },
  'POST /v1/messages': { kind: 'generate', protocol: 'anthropic-messages' },
  'POST /v1/messages/count_tokens': { kind: 'count-tokens', protocol: 'anthropic-messages' },
  'POST /v1/embeddings': { kind: 'embeddings', protocol: 'openai-embeddings' },
  'GET /v1/models': { kind: 'models', protocol: 'openai-chat' },
  'GET /v1beta/models': { kind: 'models', protocol: 'gemini-generate-content' },
};

export function matchEndpoint(
  method: string,
  path: string,
  hasAnthropicVersion: boolean,
): MatchedEndpoint | undefined {
  const fixed = fixedRoutes[`${method} ${path}`];
  if (fixed) {
    // The OpenAI and Anthropic SDKs share GET /v1/models; only Anthropic's sends anthropic-version.
    return fixed.kind === 'models' && hasAnthropicVersion
      ? { ...fixed, protocol: 'anthropic-messages' }
      : fixed;
  }
  if (method !== 'POST') return undefined;
  const gemini = geminiActionPattern.exec(path);
  if (!gemini) return undefined;
  const [, pathModel, action] = gemini;
  return {
    kind: action === 'countTokens' ? 'count-tokens' : 'generate',
    protocol: 'gemini-generate-content',
    pathModel: decodeURIComponent(pathModel),
    isGeminiStream: action === 'streamGenerateContent',
  };
}
