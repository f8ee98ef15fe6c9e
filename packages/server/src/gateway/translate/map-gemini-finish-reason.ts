import type { CanonicalStopReason } from './canonical-response.js';

// Gemini says STOP after a function call too; callers turn that into tool_use when the reply
// holds a call. @see https://ai.google.dev/api/generate-content#FinishReason
const fromGemini: Record<string, CanonicalStopReason> = {
  STOP: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  LANGUAGE: 'other',
  MALFORMED_FUNCTION_CALL: 'other',
  UNEXPECTED_TOOL_CALL: 'other',
  OTHER: 'other',
};

const toGemini: Record<CanonicalStopReason, string> = {
  end_turn: 'STOP',
  stop_sequence: 'STOP',
  max_tokens: 'MAX_TOKENS',
  tool_use: 'STOP',
  content_filter: 'SAFETY',
  other: 'OTHER',
};

export function mapGeminiFinishReason(finishReason: unknown): CanonicalStopReason {
  return (typeof finishReason === 'string' && fromGemini[finishReason]) || 'other';
}

export function renderGeminiFinishReason(stopReason: CanonicalStopReason): string {
  return toGemini[stopReason];
}
