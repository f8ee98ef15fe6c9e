import type { Dialect } from '../usage/llm-dialect.js';
import { anthropicMessagesRequestToCanonical } from './anthropic-messages-request-to-canonical.js';
import type { CanonicalRequest } from './canonical-request.js';
import { canonicalRequestToAnthropicMessages } from './canonical-request-to-anthropic-messages.js';
import { canonicalRequestToGemini } from './canonical-request-to-gemini.js';
import { canonicalRequestToOpenAIChat } from './canonical-request-to-openai-chat.js';
import { geminiRequestToCanonical } from './gemini-request-to-canonical.js';
import { openaiChatRequestToCanonical } from './openai-chat-request-to-canonical.js';
import { openaiResponsesRequestToCanonical } from './openai-responses-request-to-canonical.js';
import { isRecord } from './read-wire-fields.js';
import { unsupportedTranslation } from './translation-errors.js';

export interface TranslateRequestOptions {
  from: Dialect;
  to: Dialect;
  body: unknown;
  upstreamModel: string;
  stream: boolean;
}

type RequestRenderOptions = { upstreamModel: string; stream: boolean };

const requestParsers: Record<Dialect, (body: Record<string, unknown>) => CanonicalRequest> = {
  'openai-chat': openaiChatRequestToCanonical,
  'openai-responses': openaiResponsesRequestToCanonical,
  'anthropic-messages': anthropicMessagesRequestToCanonical,
  gemini: geminiRequestToCanonical,
};

// No upstream speaks only Responses, so Responses is an inbound dialect here, never a target.
const requestRenderers: Partial<
  Record<Dialect, (request: CanonicalRequest, options: RequestRenderOptions) => Record<string, unknown>>
> = {
  'openai-chat': canonicalRequestToOpenAIChat,
  'anthropic-messages': canonicalRequestToAnthropicMessages,
  gemini: (request) => canonicalRequestToGemini(request),
};

export function isRequestTranslationSupported(from: Dialect, to: Dialect): boolean {
  return from !== to && requestRenderers[to] !== undefined;
}

/** Rewrites a request body from the client's dialect into the upstream's (pure; the body is not mutated). */
export function translateRequest(options: TranslateRequestOptions): { body: Record<string, unknown> } {
  const render = requestRenderers[options.to];
  if (!render) throw unsupportedTranslation(options.from, options.to);
  const canonical = requestParsers[options.from](isRecord(options.body) ? options.body : {});
  return { body: render(canonical, { upstreamModel: options.upstreamModel, stream: options.stream }) };
}
