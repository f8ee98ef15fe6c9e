import type { IncomingHttpHeaders } from 'node:http';
import {
  renderAnthropicErrorBody,
  renderGeminiErrorBody,
  renderGeminiInvalidKeyBody,
  renderOpenAiErrorBody,
} from '../render/provider-error-bodies.js';
import type { SimProtocol } from '../sim-types.js';

export interface KeyRejection {
  status: number;
  body: unknown;
}

// Each SDK's own header: openai → Authorization: Bearer, @anthropic-ai/sdk → x-api-key,
// @google/genai → x-goog-api-key (REST examples also use ?key=). Any of them is accepted anywhere.
export function readApiKey(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
  const headerKey = headers['x-api-key'] ?? headers['x-goog-api-key'];
  if (typeof headerKey === 'string') return headerKey;
  return query.get('key') ?? undefined;
}

function rejectGeminiKey(isKeyMissing: boolean): KeyRejection {
  // Real Gemini: no key → 403 PERMISSION_DENIED; a wrong key → 400 INVALID_ARGUMENT (API_KEY_INVALID).
  if (isKeyMissing) {
    const message =
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
    return { status: 403, body: renderGeminiErrorBody(403, message) };
  }
  return { status: 400, body: renderGeminiInvalidKeyBody() };
}

/** Undefined when the key is accepted; otherwise the provider's own rejection. */
export function checkApiKey(input: {
  acceptedKeys: ReadonlySet<string>;
  key: string | undefined;
  protocol: SimProtocol;
}): KeyRejection | undefined {
  const { acceptedKeys, key, protocol } = input;
  if (acceptedKeys.size === 0 || (key !== undefined && acceptedKeys.has(key))) return undefined;
  if (protocol === 'gemini-generate-content') return rejectGeminiKey(key === undefined);
  if (protocol === 'anthropic-messages') {
    return { status: 401, body: renderAnthropicErrorBody(401, 'invalid x-api-key') };
  }
  return { status: 401, body: renderOpenAiErrorBody(401) };
}
