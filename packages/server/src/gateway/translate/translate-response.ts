import type { Dialect } from '../usage/llm-dialect.js';
import {
  anthropicMessagesResponseToCanonical,
  canonicalResponseToAnthropicMessages,
} from './anthropic-messages-response.js';
import type { CanonicalResponse } from './canonical-response.js';
import { canonicalResponseToGemini, geminiResponseToCanonical } from './gemini-response.js';
import { canonicalResponseToOpenAIChat, openaiChatResponseToCanonical } from './openai-chat-response.js';
import { canonicalResponseToOpenAIResponses } from './openai-responses-output.js';
import { isRecord } from './read-wire-fields.js';
import { readResponsesToolNames } from './responses-tool-names.js';
import { unsupportedTranslation } from './translation-errors.js';

export interface TranslateResponseOptions {
  from: Dialect;
  to: Dialect;
  body: unknown;
  requestedModel: string;
  /** The client's request body; lets a Responses reply restore custom and namespaced tools. */
  requestBody?: unknown;
}

const responseParsers: Partial<Record<Dialect, (body: Record<string, unknown>) => CanonicalResponse>> = {
  'openai-chat': openaiChatResponseToCanonical,
  'anthropic-messages': anthropicMessagesResponseToCanonical,
  gemini: geminiResponseToCanonical,
};

/** Rewrites a non-stream upstream reply body into the client's dialect, usage included. */
export function translateResponse(options: TranslateResponseOptions): Record<string, unknown> {
  const parse = responseParsers[options.from];
  if (!parse) throw unsupportedTranslation(options.to, options.from);
  const canonical = parse(isRecord(options.body) ? options.body : {});
  switch (options.to) {
    case 'openai-chat':
      return canonicalResponseToOpenAIChat(canonical, options.requestedModel);
    case 'anthropic-messages':
      return canonicalResponseToAnthropicMessages(canonical, options.requestedModel);
    case 'gemini':
      return canonicalResponseToGemini(canonical, options.requestedModel);
    case 'openai-responses':
      return canonicalResponseToOpenAIResponses(canonical, {
        requestedModel: options.requestedModel,
        toolNames: readResponsesToolNames(options.requestBody),
      });
  }
}
