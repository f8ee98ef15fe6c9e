import type { Dialect } from '../usage/index.js';

// The in-stream error event each provider itself sends, so a passthrough stream that breaks after
// its first bytes still ends the way the caller's SDK expects.
// @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events
// @see https://platform.openai.com/docs/api-reference/responses-streaming/error
const renderers: Record<Dialect, (message: string) => string> = {
  'openai-chat': (message) =>
    `data: ${JSON.stringify({ error: { message, type: 'server_error', code: 'upstream_error' } })}\n\n`,
  'openai-responses': (message) =>
    `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'upstream_error', message, param: null })}\n\n`,
  'anthropic-messages': (message) =>
    `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`,
  gemini: (message) =>
    `data: ${JSON.stringify({ error: { code: 502, message, status: 'UNAVAILABLE' } })}\n\n`,
};

export function renderStreamErrorEvent(dialect: Dialect, message: string): string {
  return renderers[dialect](message);
}
