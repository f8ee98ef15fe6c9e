import { newId } from '../../kernel/ids.js';
import type { CanonicalStreamError, CanonicalStreamEvent } from './canonical-stream-event.js';
import {
  type CanonicalStreamRenderer,
  StreamOutcome,
  type StreamRendererOptions,
} from './canonical-stream-renderer.js';
import { renderAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { renderAnthropicUsage } from './render-dialect-usage.js';
import { renderAnthropicErrorBody } from './render-gateway-error.js';

// @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
// message_start → per block: content_block_start, *_delta…, content_block_stop → message_delta
// (stop_reason + cumulative usage, input_tokens included: the upstream may only state it at the
// end) → message_stop. Blocks cannot interleave, so a new kind of output closes the open block.

type BlockKind = 'text' | 'thinking' | 'tool_use';

function namedEvent(type: string, payload: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

export function createAnthropicMessagesStreamRenderer(
  options: StreamRendererOptions,
): CanonicalStreamRenderer {
  const outcome = new StreamOutcome();
  const blockIndexByToolIndex = new Map<number, number>();
  let hasStarted = false;
  let openBlock: { index: number; kind: BlockKind; toolIndex?: number } | undefined;
  let nextBlockIndex = 0;

  function start(upstreamId?: string): string {
    if (hasStarted) return '';
    hasStarted = true;
    const id = upstreamId?.startsWith('msg_') ? upstreamId : `msg_${newId('gw')}`;
    const usage = renderAnthropicUsage(outcome.finalUsage());
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model: options.requestedModel,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    };
    return namedEvent('message_start', { message });
  }

  function closeBlock(): string {
    if (!openBlock) return '';
    const text = namedEvent('content_block_stop', { index: openBlock.index });
    openBlock = undefined;
    return text;
  }

  function openNewBlock(kind: BlockKind, contentBlock: Record<string, unknown>, toolIndex?: number): string {
    const text = start() + closeBlock();
    openBlock = { index: nextBlockIndex++, kind, toolIndex };
    return text + namedEvent('content_block_start', { index: openBlock.index, content_block: contentBlock });
  }

  function delta(
    kind: BlockKind,
    contentBlock: Record<string, unknown>,
    deltaPayload: Record<string, unknown>,
  ): string {
    const opening = openBlock?.kind === kind ? '' : openNewBlock(kind, contentBlock);
    return opening + namedEvent('content_block_delta', { index: openBlock?.index ?? 0, delta: deltaPayload });
  }

  function writeEvent(event: CanonicalStreamEvent): string {
    switch (event.type) {
      case 'start':
        return start(event.id);
      case 'text_delta':
        return delta('text', { type: 'text', text: '' }, { type: 'text_delta', text: event.text });
      case 'reasoning_delta':
        return delta(
          'thinking',
          { type: 'thinking', thinking: '', signature: '' },
          { type: 'thinking_delta', thinking: event.text },
        );
      case 'tool_call_start': {
        const text = openNewBlock(
          'tool_use',
          { type: 'tool_use', id: event.id, name: event.name, input: {} },
          event.index,
        );
        blockIndexByToolIndex.set(event.index, openBlock?.index ?? 0);
        return text;
      }
      case 'tool_call_delta': {
        const index = blockIndexByToolIndex.get(event.index) ?? 0;
        return namedEvent('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: event.argumentsJson },
        });
      }
      case 'tool_call_end':
        return openBlock?.toolIndex === event.index ? closeBlock() : '';
      case 'error':
        return fail(event.error);
      default:
        return '';
    }
  }

  function fail(error: CanonicalStreamError): string {
    if (outcome.isClosed) return '';
    outcome.isClosed = true;
    return `event: error\ndata: ${JSON.stringify(renderAnthropicErrorBody(error))}\n\n`;
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
      const stopReason = renderAnthropicStopReason(outcome.finalStopReason());
      const usage = renderAnthropicUsage(outcome.finalUsage());
      return (
        start() +
        closeBlock() +
        namedEvent('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage }) +
        namedEvent('message_stop', {})
      );
    },
    fail,
  };
}
