import type { CanonicalStopReason } from './canonical-response.js';

// @see https://docs.anthropic.com/en/api/handling-stop-reasons
const fromAnthropic: Record<string, CanonicalStopReason> = {
  end_turn: 'end_turn',
  stop_sequence: 'stop_sequence',
  max_tokens: 'max_tokens',
  model_context_window_exceeded: 'max_tokens',
  tool_use: 'tool_use',
  refusal: 'content_filter',
  pause_turn: 'other',
};

const toAnthropic: Record<CanonicalStopReason, string> = {
  end_turn: 'end_turn',
  stop_sequence: 'stop_sequence',
  max_tokens: 'max_tokens',
  tool_use: 'tool_use',
  content_filter: 'refusal',
  other: 'end_turn',
};

export function mapAnthropicStopReason(stopReason: unknown): CanonicalStopReason {
  return (typeof stopReason === 'string' && fromAnthropic[stopReason]) || 'other';
}

export function renderAnthropicStopReason(stopReason: CanonicalStopReason): string {
  return toAnthropic[stopReason];
}
