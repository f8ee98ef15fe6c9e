import { newId } from '../../kernel/ids.js';
import type { CanonicalStreamError } from './canonical-stream-event.js';
import {
  type CanonicalStreamRenderer,
  StreamOutcome,
  type StreamRendererOptions,
} from './canonical-stream-renderer.js';
import { renderGeminiFinishReason } from './map-gemini-finish-reason.js';
import { parseToolArguments } from './read-wire-fields.js';
import { renderGeminiUsage } from './render-dialect-usage.js';
import { renderGeminiErrorBody } from './render-gateway-error.js';

// @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
// `?alt=sse`: data-only events, each a whole GenerateContentResponse, framed with CRLF like
// Google's servers. A function call is sent whole ({name, args}), so argument deltas are buffered
// until the call ends. The last chunk carries finishReason and usageMetadata.

interface BufferedCall {
  name: string;
  argumentsJson: string;
}

export function createGeminiStreamRenderer(options: StreamRendererOptions): CanonicalStreamRenderer {
  const outcome = new StreamOutcome();
  const responseId = newId('gw');
  const bufferedCalls = new Map<number, BufferedCall>();

  function chunk(parts: Record<string, unknown>[], final?: { finishReason: string }): string {
    const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
    const payload: Record<string, unknown> = {
      candidates: [candidate],
      modelVersion: options.requestedModel,
      responseId,
    };
    if (final) {
      candidate.finishReason = final.finishReason;
      payload.usageMetadata = renderGeminiUsage(outcome.finalUsage());
    }
    return `data: ${JSON.stringify(payload)}\r\n\r\n`;
  }

  function callPart(call: BufferedCall): Record<string, unknown> {
    return { functionCall: { name: call.name, args: parseToolArguments(call.argumentsJson) } };
  }

  function fail(error: CanonicalStreamError): string {
    if (outcome.isClosed) return '';
    outcome.isClosed = true;
    return `data: ${JSON.stringify(renderGeminiErrorBody(error))}\r\n\r\n`;
  }

  return {
    write(event) {
      if (outcome.isClosed) return '';
      outcome.observe(event);
      switch (event.type) {
        case 'text_delta':
          return chunk([{ text: event.text }]);
        case 'reasoning_delta':
          return chunk([{ text: event.text, thought: true }]);
        case 'tool_call_start':
          bufferedCalls.set(event.index, { name: event.name, argumentsJson: '' });
          return '';
        case 'tool_call_delta': {
          const call = bufferedCalls.get(event.index);
          if (call) call.argumentsJson += event.argumentsJson;
          return '';
        }
        case 'tool_call_end': {
          const call = bufferedCalls.get(event.index);
          bufferedCalls.delete(event.index);
          return call ? chunk([callPart(call)]) : '';
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
      const parts = [...bufferedCalls.values()].map(callPart);
      bufferedCalls.clear();
      return chunk(parts.length > 0 ? parts : [{ text: '' }], {
        finishReason: renderGeminiFinishReason(outcome.finalStopReason()),
      });
    },
    fail,
  };
}
