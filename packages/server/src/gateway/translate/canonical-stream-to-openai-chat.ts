import { newId } from '../../kernel/ids.js';
import type { CanonicalStreamError } from './canonical-stream-event.js';
import {
  type CanonicalStreamRenderer,
  StreamOutcome,
  type StreamRendererOptions,
} from './canonical-stream-renderer.js';
import { renderOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import { renderOpenAIChatUsage } from './render-dialect-usage.js';
import { renderOpenAIErrorBody } from './render-gateway-error.js';

// @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
// role chunk → content / tool_calls deltas → finish chunk (delta {}) → usage chunk (choices: [],
// only when the client set stream_options.include_usage) → `data: [DONE]`.
// A mid-stream error is `data: {"error":{…}}`, which the openai SDK raises as APIError.

export function createOpenAIChatStreamRenderer(options: StreamRendererOptions): CanonicalStreamRenderer {
  const outcome = new StreamOutcome();
  const id = `chatcmpl-${newId('gw')}`;
  const created = Math.floor(Date.now() / 1000);
  const chatIndexByUpstreamIndex = new Map<number, number>();
  let hasSentRole = false;

  function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    const payload = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: options.requestedModel,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    return `data: ${JSON.stringify(payload)}\n\n`;
  }

  function roleChunk(): string {
    if (hasSentRole) return '';
    hasSentRole = true;
    return chunk({ role: 'assistant', content: '' });
  }

  function fail(error: CanonicalStreamError): string {
    if (outcome.isClosed) return '';
    outcome.isClosed = true;
    return `data: ${JSON.stringify(renderOpenAIErrorBody({ status: error.status, code: error.type ?? 'upstream_error', message: error.message }))}\n\n`;
  }

  return {
    write(event) {
      if (outcome.isClosed) return '';
      outcome.observe(event);
      switch (event.type) {
        case 'start':
          return roleChunk();
        case 'text_delta':
          return roleChunk() + chunk({ content: event.text });
        case 'reasoning_delta':
          // DeepSeek's field name; clients that do not know it ignore it.
          return roleChunk() + chunk({ reasoning_content: event.text });
        case 'tool_call_start': {
          const index = chatIndexByUpstreamIndex.size;
          chatIndexByUpstreamIndex.set(event.index, index);
          return (
            roleChunk() +
            chunk({
              tool_calls: [
                { index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } },
              ],
            })
          );
        }
        case 'tool_call_delta': {
          const index = chatIndexByUpstreamIndex.get(event.index) ?? 0;
          return chunk({ tool_calls: [{ index, function: { arguments: event.argumentsJson } }] });
        }
        case 'error':
          return fail(event.error);
        default:
          return '';
      }
    },
    finish() {
      if (outcome.isClosed) return '';
      outcome.isClosed = true;
      let text = roleChunk() + chunk({}, renderOpenAIChatFinishReason(outcome.finalStopReason()));
      if (options.includeUsageForClient && outcome.usage) {
        const payload = {
          id,
          object: 'chat.completion.chunk',
          created,
          model: options.requestedModel,
          choices: [],
          usage: renderOpenAIChatUsage(outcome.usage),
        };
        text += `data: ${JSON.stringify(payload)}\n\n`;
      }
      return `${text}data: [DONE]\n\n`;
    },
    fail,
  };
}
