import { newId } from '../../kernel/ids.js';
import type { CanonicalStreamError, CanonicalStreamEvent } from './canonical-stream-event.js';
import {
  type CanonicalStreamRenderer,
  StreamOutcome,
  type StreamRendererOptions,
} from './canonical-stream-renderer.js';
import { createResponsesItemWriter } from './openai-responses-item-writer.js';
import {
  type ResponseObjectInput,
  renderResponseObject,
  statusForStopReason,
} from './openai-responses-output.js';
import type { ResponsesToolNames } from './responses-tool-names.js';

// @see https://platform.openai.com/docs/api-reference/responses-streaming
// response.created → response.in_progress → per output item: output_item.added, its deltas and
// *.done events, output_item.done → response.completed | response.incomplete; a failure is an
// `error` event then response.failed (as openai-error.1.chunks.txt records). Every event carries
// a sequence_number from 0. This is the stream the Codex CLI reads (see __fixtures__/codex).

export function createOpenAIResponsesStreamRenderer(
  options: StreamRendererOptions & { toolNames: ResponsesToolNames },
): CanonicalStreamRenderer {
  const outcome = new StreamOutcome();
  const responseId = `resp_${newId('gw')}`;
  const createdAtSeconds = Math.floor(Date.now() / 1000);
  let sequenceNumber = 0;
  let hasStarted = false;

  function emit(type: string, payload: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequenceNumber++, ...payload })}\n\n`;
  }

  const items = createResponsesItemWriter({ emit, toolNames: options.toolNames });

  function response(overrides: Partial<ResponseObjectInput>): Record<string, unknown> {
    return renderResponseObject({
      id: responseId,
      model: options.requestedModel,
      createdAtSeconds,
      status: 'in_progress',
      output: [],
      ...overrides,
    });
  }

  function start(): string {
    if (hasStarted) return '';
    hasStarted = true;
    return (
      emit('response.created', { response: response({}) }) +
      emit('response.in_progress', { response: response({}) })
    );
  }

  function writeEvent(event: CanonicalStreamEvent): string {
    switch (event.type) {
      case 'start':
        return start();
      case 'text_delta':
        return start() + items.writeText(event.text);
      case 'reasoning_delta':
        return start() + items.writeReasoning(event.text);
      case 'tool_call_start':
        return start() + items.startToolCall(event.index, event.id, event.name);
      case 'tool_call_delta':
        return items.writeToolArguments(event.index, event.argumentsJson);
      case 'error':
        return fail(event.error);
      default:
        return '';
    }
  }

  function fail(error: CanonicalStreamError): string {
    if (outcome.isClosed) return '';
    outcome.isClosed = true;
    const code = error.type ?? (error.status === 429 ? 'rate_limit_exceeded' : 'server_error');
    const closing = start() + items.closeAll();
    const failed = response({
      status: 'failed',
      output: items.doneItems(),
      usage: outcome.usage,
      error: { code, message: error.message },
    });
    return (
      closing +
      emit('error', { code, message: error.message, param: null }) +
      emit('response.failed', { response: failed })
    );
  }

  return {
    write(event) {
      if (outcome.isClosed) return '';
      outcome.observe(event);
      return writeEvent(event);
    },
    finish() {
      if (outcome.isClosed) return '';
      outcome.isClosed = true;
      const stopReason = outcome.finalStopReason();
      const status = statusForStopReason(stopReason);
      const closing = start() + items.closeAll();
      const final = response({ status, output: items.doneItems(), usage: outcome.finalUsage(), stopReason });
      return (
        closing +
        emit(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: final })
      );
    },
    fail,
  };
}
