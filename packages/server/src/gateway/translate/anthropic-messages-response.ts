import { newId } from '../../kernel/ids.js';
import { convertAnthropicUsage } from '../usage/anthropic-usage.js';
import type { CanonicalOutputPart, CanonicalResponse } from './canonical-response.js';
import { mapAnthropicStopReason, renderAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { parseToolArguments, readRecords, readString } from './read-wire-fields.js';
import { renderAnthropicUsage } from './render-dialect-usage.js';

// @see https://docs.anthropic.com/en/api/messages#response-content

export function anthropicMessagesResponseToCanonical(body: Record<string, unknown>): CanonicalResponse {
  const parts: CanonicalOutputPart[] = readRecords(body, 'content').flatMap(
    (block): CanonicalOutputPart[] => {
      if (block.type === 'text') return [{ type: 'text', text: readString(block, 'text') ?? '' }];
      if (block.type === 'thinking')
        return [{ type: 'reasoning', text: readString(block, 'thinking') ?? '' }];
      if (block.type === 'tool_use') {
        return [
          {
            type: 'tool_call',
            id: readString(block, 'id') ?? '',
            name: readString(block, 'name') ?? '',
            argumentsJson: JSON.stringify(block.input ?? {}),
          },
        ];
      }
      return [];
    },
  );
  return {
    id: readString(body, 'id') ?? '',
    parts,
    stopReason: mapAnthropicStopReason(body.stop_reason),
    usage: convertAnthropicUsage(body.usage),
  };
}

export function canonicalResponseToAnthropicMessages(
  response: CanonicalResponse,
  requestedModel: string,
): Record<string, unknown> {
  const content = response.parts.flatMap((part): Record<string, unknown>[] => {
    if (part.type === 'text') return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    // Reasoning from another vendor has no signature; it is shown but cannot be sent back.
    if (part.type === 'reasoning') return [{ type: 'thinking', thinking: part.text, signature: '' }];
    return [
      {
        type: 'tool_use',
        id: part.id || newId('toolu'),
        name: part.name,
        input: parseToolArguments(part.argumentsJson),
      },
    ];
  });
  const usage = response.usage ?? { input: 0, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 };
  return {
    id: response.id.startsWith('msg_') ? response.id : `msg_${response.id || newId('gw')}`,
    type: 'message',
    role: 'assistant',
    model: requestedModel,
    content,
    stop_reason: renderAnthropicStopReason(response.stopReason),
    stop_sequence: null,
    usage: renderAnthropicUsage(usage),
  };
}
