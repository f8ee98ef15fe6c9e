import type { SseEvent } from '../sse/sse-event-splitter.js';
import type { Dialect } from '../usage/llm-dialect.js';
import { createAnthropicMessagesStreamReader } from './anthropic-messages-stream-to-canonical.js';
import type { CanonicalStreamError } from './canonical-stream-event.js';
import type { CanonicalStreamRenderer, StreamRendererOptions } from './canonical-stream-renderer.js';
import { createAnthropicMessagesStreamRenderer } from './canonical-stream-to-anthropic-messages.js';
import { createGeminiStreamRenderer } from './canonical-stream-to-gemini.js';
import { createOpenAIChatStreamRenderer } from './canonical-stream-to-openai-chat.js';
import { createOpenAIResponsesStreamRenderer } from './canonical-stream-to-openai-responses.js';
import { createGeminiStreamReader } from './gemini-stream-to-canonical.js';
import {
  createOpenAIChatStreamReader,
  type UpstreamStreamReader,
} from './openai-chat-stream-to-canonical.js';
import { readResponsesToolNames } from './responses-tool-names.js';
import { unsupportedTranslation } from './translation-errors.js';

export interface StreamTranslatorOptions {
  /** The upstream's dialect. */
  from: Dialect;
  /** The client's dialect. */
  to: Dialect;
  requestedModel: string;
  /** OpenAI chat clients get the usage chunk only when they set stream_options.include_usage. */
  includeUsageForClient: boolean;
  /** The client's request body; lets a Responses stream restore custom and namespaced tools. */
  requestBody?: unknown;
}

export interface StreamTranslator {
  /** The client bytes (as text) for one upstream event; often '' while a tool call is buffered. */
  push(event: SseEvent): string;
  /** Call when the upstream stream ended normally. */
  finish(): string;
  /** Call when the upstream failed mid-stream; renders the client dialect's error event. */
  fail(error: CanonicalStreamError): string;
}

const readerFactories: Partial<Record<Dialect, () => UpstreamStreamReader>> = {
  'openai-chat': createOpenAIChatStreamReader,
  'anthropic-messages': createAnthropicMessagesStreamReader,
  gemini: createGeminiStreamReader,
};

function createRenderer(options: StreamTranslatorOptions): CanonicalStreamRenderer {
  const rendererOptions: StreamRendererOptions = {
    requestedModel: options.requestedModel,
    includeUsageForClient: options.includeUsageForClient,
  };
  switch (options.to) {
    case 'openai-chat':
      return createOpenAIChatStreamRenderer(rendererOptions);
    case 'anthropic-messages':
      return createAnthropicMessagesStreamRenderer(rendererOptions);
    case 'gemini':
      return createGeminiStreamRenderer(rendererOptions);
    case 'openai-responses':
      return createOpenAIResponsesStreamRenderer({
        ...rendererOptions,
        toolNames: readResponsesToolNames(options.requestBody),
      });
  }
}

/** Translates an upstream event stream into the client's dialect, event by event. */
export function createStreamTranslator(options: StreamTranslatorOptions): StreamTranslator {
  const createReader = readerFactories[options.from];
  if (!createReader) throw unsupportedTranslation(options.to, options.from);
  const read = createReader();
  const renderer = createRenderer(options);
  return {
    push(event) {
      let text = '';
      for (const canonical of read(event)) text += renderer.write(canonical);
      return text;
    },
    finish: () => renderer.finish(),
    fail: (error) => renderer.fail(error),
  };
}
