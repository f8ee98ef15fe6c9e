import type { CanonicalStopReason } from './canonical-response.js';

// @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
const fromOpenAIChat: Record<string, CanonicalStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'content_filter',
};

const toOpenAIChat: Record<CanonicalStopReason, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
  other: 'stop',
};

export function mapOpenAIChatFinishReason(finishReason: unknown): CanonicalStopReason {
  return (typeof finishReason === 'string' && fromOpenAIChat[finishReason]) || 'other';
}

export function renderOpenAIChatFinishReason(stopReason: CanonicalStopReason): string {
  return toOpenAIChat[stopReason];
}
